// With no 'rejectionHandled' listener, a rejection handled after it was reported emits a
// PromiseRejectionHandledWarning naming its rejection id.
const log = (s) => console.log(s);
process.on('unhandledRejection', (reason) => log('unhandledRejection ' + reason.message));
process.on('warning', (w) => log('warning ' + w.name + ': ' + w.message.split('\n')[0]));
const p = Promise.reject(new Error('late'));
setTimeout(() => {
  p.catch((err) => log('caught ' + err.message));
}, 1);

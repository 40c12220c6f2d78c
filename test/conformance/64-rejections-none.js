// --unhandled-rejections=none: an unhandled rejection with no listener emits no warning and does
// not end the process; an 'unhandledRejection' listener, when there is one, is still called.
const log = (s) => console.log(s);
process.on('warning', (w) => log('warning ' + w.name + ': ' + w.message.split('\n')[0]));
process.on('exit', (code) => log('exit ' + code));
Promise.reject(new Error('r1'));
setTimeout(() => {
  process.on('unhandledRejection', (reason) => log('unhandledRejection ' + reason.message));
  Promise.reject(new Error('r2'));
}, 1);
setTimeout(() => log('later timer'), 5);

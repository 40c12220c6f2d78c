// A rejection that an 'unhandledRejection' listener causes is not reported in the same round: the
// ticks and microtasks queued meanwhile run first, and a handler one of them attaches in time
// means it is never reported.
const log = (s) => console.log(s);
process.on('unhandledRejection', (reason) => {
  log('unhandledRejection ' + reason.message);
  if (reason.message !== 'first') return;
  const second = Promise.reject(new Error('second'));
  queueMicrotask(() => second.catch((err) => log('caught ' + err.message)));
  Promise.reject(new Error('third'));
});
Promise.reject(new Error('first'));

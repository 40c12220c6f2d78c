// A rejection an exit listener leaves unhandled, with no listener for it, is an uncaught exception:
// the process ends with status 1, after the microtasks queued before it was reported.
const log = (s) => console.log(s);
process.on('exit', (code) => {
  log('exit ' + code);
  Promise.reject(new Error('in exit'));
  queueMicrotask(() => log('microtask'));
});
log('main');

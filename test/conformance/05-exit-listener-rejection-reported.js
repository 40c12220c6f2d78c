// After the exit listeners, the drain that runs their microtasks also reports the rejections they
// left unhandled (ticks are ignored by then).
const log = (s) => console.log(s);
process.on('unhandledRejection', (reason) => log('unhandledRejection ' + reason.message));
process.on('exit', (code) => {
  log('exit ' + code);
  Promise.reject(new Error('in exit'));
  queueMicrotask(() => log('microtask'));
});
log('main');

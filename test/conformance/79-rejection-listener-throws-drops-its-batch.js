// An 'unhandledRejection' listener that throws is an uncaught exception, and the rejections of its
// batch after it are never reported, not even at a later drain.
const log = (s) => console.log(s);
process.on('uncaughtException', (err, origin) => log('uncaught ' + err.message + ' ' + origin));
process.on('unhandledRejection', (reason) => {
  log('unhandledRejection ' + reason.message);
  if (reason.message === 'r1') throw new Error('from listener');
});
Promise.reject(new Error('r1'));
Promise.reject(new Error('r2'));
Promise.reject(new Error('r3'));
setTimeout(() => {
  log('timer');
  Promise.reject(new Error('r4'));
}, 1);

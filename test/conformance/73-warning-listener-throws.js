// A warning listener that throws is an uncaught exception; the listeners after it do not get
// that warning, and the loop goes on.
const log = (s) => console.log(s);
process.on('uncaughtException', (err, origin) => log('uncaught: ' + err.message + ' origin=' + origin));
process.on('warning', () => {
  throw new Error('from listener');
});
process.on('warning', () => log('later listener'));
setTimeout(() => log('fired'), 2 ** 31);

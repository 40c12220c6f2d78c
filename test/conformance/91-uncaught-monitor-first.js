// 'uncaughtExceptionMonitor' listeners are called before the 'uncaughtException' listeners, with
// the same error and origin; when an 'uncaughtException' listener is present the loop goes on.
const log = (s) => console.log(s);
process.on('uncaughtException', (err, origin) => log('uncaught ' + err.message + ' ' + origin));
process.on('uncaughtExceptionMonitor', (err, origin) => log('monitor 1 ' + err.message + ' ' + origin));
process.on('uncaughtExceptionMonitor', (err, origin) => log('monitor 2 ' + err.message + ' ' + origin));
process.on('exit', (code) => log('exit ' + code));
setTimeout(() => {
  throw new Error('boom');
}, 1);
setTimeout(() => log('later timer'), 5);

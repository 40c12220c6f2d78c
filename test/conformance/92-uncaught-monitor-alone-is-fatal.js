// An 'uncaughtExceptionMonitor' listener only watches: with no 'uncaughtException' listener, the
// monitor sees the error and the process still dies with status 1 ('exit' listeners see 1, later
// timers never run).
const log = (s) => console.log(s);
process.on('uncaughtExceptionMonitor', (err, origin) => log('monitor ' + err.message + ' ' + origin));
process.on('exit', (code) => log('exit ' + code));
setTimeout(() => {
  throw new Error('boom');
}, 1);
setTimeout(() => log('later timer (must not run)'), 5);

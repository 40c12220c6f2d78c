// An 'uncaughtException' listener that throws ends the process at once with status 7: the
// listeners after it are not called, nor are 'exit' listeners, and later timers never run.
const log = (s) => console.log(s);
process.on('uncaughtException', (err) => {
  log('throwing listener got ' + err.message);
  throw new Error('from listener');
});
process.on('uncaughtException', () => log('next listener (must not run)'));
process.on('exit', (code) => log('exit ' + code + ' (must not run)'));
setTimeout(() => {
  throw new Error('boom');
}, 1);
setTimeout(() => log('later timer (must not run)'), 5);

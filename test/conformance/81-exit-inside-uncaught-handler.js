// process.exit() inside the 'uncaughtException' handler ends the process with that code, and
// the 'exit' listeners see it; nothing queued runs.
const log = (s) => console.log(s);
process.on('uncaughtException', (err) => {
  log('uncaughtException: ' + err.message);
  process.exit(4);
  log('after exit(4) (must not run)');
});
process.on('exit', (code) => log('exit ' + code));
setTimeout(() => { throw new Error('boom'); }, 1);
setTimeout(() => log('later timer (must not run)'), 20);

// process.exit() inside the 'unhandledRejection' handler ends the process with that code, and
// the 'exit' listeners see it; nothing queued runs.
const log = (s) => console.log(s);
process.on('unhandledRejection', (reason) => {
  log('unhandledRejection: ' + reason.message);
  process.exit(6);
  log('after exit(6) (must not run)');
});
process.on('exit', (code) => log('exit ' + code));
Promise.reject(new Error('r1'));
setTimeout(() => log('timer (must not run)'), 1);

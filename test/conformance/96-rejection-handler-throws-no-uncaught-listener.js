// An 'unhandledRejection' listener that throws, with no 'uncaughtException' listener: the process
// dies with status 1 ('exit' listeners see 1, later timers never run).
const log = (s) => console.log(s);
process.on('unhandledRejection', (reason) => {
  log('unhandledRejection ' + reason.message);
  throw new Error('from listener');
});
process.on('exit', (code) => log('exit ' + code));
Promise.reject(new Error('r1'));
setTimeout(() => log('later timer (must not run)'), 1);

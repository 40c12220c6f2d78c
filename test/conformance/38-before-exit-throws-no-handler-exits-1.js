// A 'beforeExit' listener that throws with no 'uncaughtException' listener ends the process with
// status 1: the exit listeners see 1, and 'beforeExit' is not emitted again.
const log = (s) => console.log(s);
process.on('beforeExit', (code) => {
  log('beforeExit ' + code);
  throw new Error('from beforeExit');
});
process.on('exit', (code) => log('exit ' + code));

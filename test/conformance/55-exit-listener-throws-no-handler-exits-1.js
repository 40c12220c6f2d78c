// An exit listener that throws with no 'uncaughtException' listener ends the process with status 1;
// the exit listeners after it are not called, and none is called again.
const log = (s) => console.log(s);
process.on('exit', (code) => {
  log('first exit listener ' + code);
  throw new Error('from exit listener');
});
process.on('exit', (code) => log('second exit listener (must not run) ' + code));
setTimeout(() => log('timer'), 1);

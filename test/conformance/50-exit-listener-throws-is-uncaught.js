// An exit listener that throws: the error goes to the 'uncaughtException' listeners, the exit
// listeners after it are not called, and the exit code stays what it was.
const log = (s) => console.log(s);
process.on('exit', (code) => {
  log('first exit listener ' + code);
  throw new Error('from exit listener');
});
process.on('exit', (code) => log('second exit listener (must not run) ' + code));
process.on('uncaughtException', (err, origin) => log('uncaught ' + err.message + ' ' + origin));
setTimeout(() => log('timer'), 1);

// An 'exit' listener that sets process.exitCode changes the exit status; the listeners after it
// still get the code the process started exiting with.
const log = (s) => console.log(s);
process.on('exit', (code) => {
  log('first exit listener: ' + code);
  process.exitCode = 9;
});
process.on('exit', (code) => log('second exit listener: ' + code + ', exitCode ' + process.exitCode));
setImmediate(() => process.exit(1));

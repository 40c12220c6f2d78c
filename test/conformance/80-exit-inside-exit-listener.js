// process.exit() inside an 'exit' listener ends the process at once with the new code: the
// listener does not go on, the listeners after it do not run, 'exit' is not emitted again.
const log = (s) => console.log(s);
process.on('exit', (code) => {
  log('first exit listener: ' + code);
  process.exit(5);
  log('after exit(5) (must not run)');
});
process.on('exit', (code) => log('second exit listener (must not run)'));
setImmediate(() => process.exit(3));

// An uncaught error after the exit listeners ends the process with the exit code they set, when
// they set one (1 otherwise).
const log = (s) => console.log(s);
process.on('exit', (code) => {
  log('exit ' + code);
  process.exitCode = 3;
  Promise.reject(new Error('in exit'));
});

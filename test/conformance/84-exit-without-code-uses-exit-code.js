// process.exit() with no code ends with process.exitCode.
const log = (s) => console.log(s);
process.on('exit', (code) => log('exit ' + code));
process.exitCode = 2;
setImmediate(() => {
  log('immediate: calling exit()');
  process.exit();
});
setTimeout(() => log('timer (must not run)'), 1);

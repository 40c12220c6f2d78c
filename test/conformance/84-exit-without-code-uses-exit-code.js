// process.exit() with no code ends with process.exitCode; nothing queued runs.
const log = (s) => console.log(s);
process.on('exit', (code) => log('exit ' + code));
process.exitCode = 2;
setImmediate(() => {
  log('immediate: calling exit()');
  process.nextTick(() => log('tick (must not run)'));
  setImmediate(() => log('immediate2 (must not run)'));
  process.exit();
});

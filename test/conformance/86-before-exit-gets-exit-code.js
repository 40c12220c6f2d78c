// 'beforeExit' listeners get process.exitCode too.
const log = (s) => console.log(s);
let rounds = 0;
process.on('beforeExit', (code) => {
  log('beforeExit ' + code);
  if (rounds++ === 0) {
    process.exitCode = 8;
    setImmediate(() => log('immediate from beforeExit'));
  }
});
process.on('exit', (code) => log('exit ' + code));
process.exitCode = 4;

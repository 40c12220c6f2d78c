// An unreferenced immediate does not hold the loop, but runs once beforeExit gives it more work.
const log = (s) => console.log(s);
const imm = setImmediate(() => log('immediate'));
imm.unref();
log('hasRef=' + imm.hasRef());
let n = 0;
process.on('beforeExit', () => {
  log('beforeExit #' + (++n));
  if (n === 1) setTimeout(() => log('timeout'), 5);
});
process.on('exit', (c) => log('exit ' + c));

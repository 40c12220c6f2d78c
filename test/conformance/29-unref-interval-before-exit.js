// An unreferenced interval does not hold the loop: beforeExit comes first; work scheduled from it
// lets the interval fire.
const log = (s) => console.log(s);
const iv = setInterval(() => { log('iv'); clearInterval(iv); }, 1);
iv.unref();
let n = 0;
process.on('beforeExit', (code) => {
  log('beforeExit ' + code + ' #' + (++n));
  if (n === 1) setTimeout(() => log('timeout'), 20);
});
process.on('exit', (c) => log('exit ' + c));
log('sync');

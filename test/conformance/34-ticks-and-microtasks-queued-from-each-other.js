// Ticks and microtasks queued from each other: every tick batch drains before the microtasks it follows.
const log = (s) => console.log(s);
function chain(name, n) {
  if (n === 0) return;
  process.nextTick(() => {
    log(name + ' tick ' + n);
    queueMicrotask(() => { log(name + ' micro ' + n); chain(name, n - 1); });
  });
}
chain('A', 3);
chain('B', 2);
Promise.resolve().then(() => { log('p'); process.nextTick(() => log('p tick')); }).then(() => log('p2'));
log('sync');

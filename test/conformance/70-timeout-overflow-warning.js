// A delay that does not fit in 32 bits is set to 1 ms and warned of once, on a next-tick queued
// by setTimeout; the timer then fires with the other 1 ms timers, in creation order.
const log = (s) => console.log(s);
process.on('warning', (w) => log('warning ' + w.name + ' ' + JSON.stringify(w.message)));
log('set');
setTimeout(() => log('overflowed fired'), 2 ** 31);
process.nextTick(() => log('tick'));
setTimeout(() => log('one-ms fired'), 1);

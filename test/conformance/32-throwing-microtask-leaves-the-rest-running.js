// A queueMicrotask callback that throws is an uncaught exception, told at once: the microtasks after
// it still run in the same drain, then the ticks queued by it and by the handler.
const log = (s) => console.log(s);
process.on('uncaughtException', (e) => { log('uncaught ' + e.message); process.nextTick(() => log('tick from handler')); });
queueMicrotask(() => log('m1'));
queueMicrotask(() => { log('m2'); process.nextTick(() => log('tick from m2')); throw new Error('boom'); });
queueMicrotask(() => log('m3'));
Promise.resolve().then(() => log('p4'));
process.nextTick(() => log('tick'));
setImmediate(() => log('immediate'));
log('sync');

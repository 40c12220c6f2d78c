// Between two immediates the tick queue drains; a tick that throws there ends that drain, and the
// next immediate runs before the ticks left queued, which run when it returns.
const log = (s) => console.log(s);
process.on('uncaughtException', (err) => log('uncaught: ' + err.message));
setImmediate(() => {
  log('first immediate');
  process.nextTick(() => {
    process.nextTick(() => log('tick left queued'));
    throw new Error('boom-tick');
  });
});
setImmediate(() => log('second immediate'));

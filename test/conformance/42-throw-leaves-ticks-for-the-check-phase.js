// A tick that throws ends the drain; once a handler took the error, the ticks left queued wait for
// the next drain point. The check phase opens with one, before its first immediate, even when the
// immediate was queued before the throw.
const log = (s) => console.log(s);
process.on('uncaughtException', (err) => log('uncaught: ' + err.message));
process.nextTick(() => {
  process.nextTick(() => log('tick left queued'));
  throw new Error('boom-tick');
});
setImmediate(() => log('immediate'));
log('sync');

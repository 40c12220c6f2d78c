// Between two due timers the tick queue drains; a tick that throws there ends that drain, and the
// next timer runs before the ticks left queued, which run when it returns.
const log = (s) => console.log(s);
process.on('uncaughtException', (err) => log('uncaught: ' + err.message));
setTimeout(() => {
  setTimeout(() => {
    log('first timer');
    process.nextTick(() => {
      process.nextTick(() => log('tick left queued'));
      throw new Error('boom-tick');
    });
  }, 1);
  setTimeout(() => log('second timer'), 1);
}, 1);

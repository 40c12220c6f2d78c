// The same after an I/O callback: the ticks a throw left queued run when the check phase opens,
// before the immediates the callback queued.
const fs = require('fs');
const log = (s) => console.log(s);
process.on('uncaughtException', (err) => log('uncaught: ' + err.message));
fs.stat(__filename, () => {
  log('stat');
  process.nextTick(() => {
    process.nextTick(() => log('tick left queued'));
    throw new Error('boom-tick');
  });
  setImmediate(() => log('immediate'));
});

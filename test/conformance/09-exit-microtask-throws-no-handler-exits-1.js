// A microtask an exit listener queued throws, with no uncaughtException listener: the process ends
// there with status 1, and the microtasks after it never run.
const log = (s) => console.log(s);
process.on('exit', (code) => {
  log('exit ' + code);
  queueMicrotask(() => {
    log('first microtask');
    throw new Error('boom');
  });
  queueMicrotask(() => log('second microtask (must not run)'));
});

// process.exit() in a microtask an 'exit' listener queued ends the process there with the new
// code: the microtasks queued after it do not run.
const log = (s) => console.log(s);
process.on('exit', (code) => {
  log('exit listener: ' + code);
  queueMicrotask(() => {
    log('microtask: calling exit(7)');
    process.exit(7);
  });
  queueMicrotask(() => log('second microtask (must not run)'));
});

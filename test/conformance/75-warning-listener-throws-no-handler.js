// With no 'uncaughtException' handler, a warning listener that throws ends the process with
// exit code 1, as any callback that throws does: the overflowed timer never fires.
const log = (s) => console.log(s);
process.on('exit', (code) => log('exit ' + code));
process.on('warning', () => {
  throw new Error('from listener');
});
setTimeout(() => log('fired (must not run)'), 2 ** 31);

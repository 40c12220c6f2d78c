// A 'beforeExit' listener that throws, with an 'uncaughtException' listener to take the error:
// taking it queues an empty immediate, so the loop turns once more and, out of work again, emits
// 'beforeExit' again.
const log = (s) => console.log(s);
let calls = 0;
process.on('beforeExit', (code) => {
  log('beforeExit ' + code + ' call ' + ++calls);
  if (calls === 1) throw new Error('from beforeExit');
});
process.on('uncaughtException', (err) => log('uncaught ' + err.message));
process.on('exit', (code) => log('exit ' + code));

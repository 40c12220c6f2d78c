// A 'beforeExit' listener added with once runs only the first time the loop empties; one added
// with on runs every time. When a 'beforeExit' turn schedules nothing, the process exits.
const log = (s) => console.log(s);
let count = 0;
process.on('beforeExit', (code) => log('on beforeExit ' + ++count + ' code ' + code));
process.once('beforeExit', () => {
  log('once beforeExit');
  setTimeout(() => log('timer from once listener'), 1);
});
process.on('exit', (code) => log('exit ' + code));
log('sync');

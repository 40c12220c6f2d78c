// The rejections waiting at the end of a drain are reported as one batch: one that a listener
// handles while the batch is being reported is reported all the same, and is not reported again
// as handled late.
const log = (s) => console.log(s);
process.on('unhandledRejection', (reason) => {
  log('unhandledRejection ' + reason.message);
  if (reason.message === 'r1') second.catch(() => log('second caught'));
});
process.on('rejectionHandled', () => log('rejectionHandled'));
Promise.reject(new Error('r1'));
const second = Promise.reject(new Error('r2'));

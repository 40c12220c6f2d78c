// Every 'unhandledRejection' listener gets each unhandled rejection, in the order they were added;
// a listener added with once gets only the first; a listener removed with off between two
// rejections misses the second.
const log = (s) => console.log(s);
const second = (reason) => log('second ' + reason.message);
process.on('unhandledRejection', (reason) => log('first ' + reason.message));
process.on('unhandledRejection', second);
process.once('unhandledRejection', (reason) => log('once ' + reason.message));
process.on('unhandledRejection', (reason) => log('last ' + reason.message));
process.on('exit', (code) => log('exit ' + code));
Promise.reject(new Error('r1'));
setTimeout(() => {
  process.off('unhandledRejection', second);
  Promise.reject(new Error('r2'));
}, 1);

// Every 'uncaughtException' listener gets each uncaught error, in the order they were added, with
// the origin; a listener added with once gets only the first error; a listener removed with off
// between two errors misses the second.
const log = (s) => console.log(s);
const second = (err, origin) => log('second ' + err.message + ' ' + origin);
process.on('uncaughtException', (err, origin) => log('first ' + err.message + ' ' + origin));
process.on('uncaughtException', second);
process.once('uncaughtException', (err, origin) => log('once ' + err.message + ' ' + origin));
process.on('uncaughtException', (err, origin) => log('last ' + err.message + ' ' + origin));
setTimeout(() => {
  throw new Error('e1');
}, 1);
setTimeout(() => process.off('uncaughtException', second), 3);
setTimeout(() => {
  throw new Error('e2');
}, 5);

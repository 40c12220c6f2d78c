// A promise reported by 'unhandledRejection' that later gets a catch handler is reported once by
// 'rejectionHandled', with that promise, after the ticks and microtasks of the turn in which it
// was handled. A promise handled before the drain produces neither event.
const log = (s) => console.log(s);
let thePromise;
process.on('unhandledRejection', (reason, p) => log('unhandledRejection ' + reason.message + ' ' + (p === thePromise)));
process.on('rejectionHandled', (p) => log('rejectionHandled ' + (p === thePromise)));
process.on('exit', (code) => log('exit ' + code));
thePromise = Promise.reject(new Error('late'));
const early = Promise.reject(new Error('early'));
early.catch((err) => log('caught ' + err.message));
setTimeout(() => {
  thePromise.catch((err) => log('caught ' + err.message));
  thePromise.catch(() => log('second catch'));
  process.nextTick(() => log('tick'));
  log('timer');
}, 1);
setTimeout(() => log('later timer'), 5);

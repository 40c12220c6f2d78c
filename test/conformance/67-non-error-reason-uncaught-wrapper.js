// Default mode: a rejection whose reason is not an Error, with only an 'uncaughtException'
// listener, reaches that listener as an Error made by Node (code ERR_UNHANDLED_REJECTION) whose
// message quotes the reason, with origin 'unhandledRejection'.
const log = (s) => console.log(s);
process.on('uncaughtException', (err, origin) => {
  log('message ' + err.message);
  log('origin ' + origin + ' code ' + err.code + ' instanceof Error ' + (err instanceof Error));
});
process.on('exit', (code) => log('exit ' + code));
Promise.reject(42);
setTimeout(() => Promise.reject('text'), 1);

// Default mode (throw): an 'unhandledRejection' listener takes the rejection: no warning, no
// 'uncaughtException', and the process ends with status 0.
const log = (s) => console.log(s);
process.on('unhandledRejection', (reason) => log('unhandledRejection ' + reason.message));
process.on('uncaughtException', (err) => log('uncaught ' + err.message + ' (must not run)'));
process.on('warning', (w) => log('warning ' + w.name + ': ' + w.message.split('\n')[0]));
process.on('exit', (code) => log('exit ' + code));
Promise.reject(new Error('r1'));
setTimeout(() => log('later timer'), 1);

// --unhandled-rejections=strict: an unhandled rejection is raised as an uncaught exception first
// ('uncaughtException' listeners get it with origin 'unhandledRejection'), and only then are the
// 'unhandledRejection' listeners called.
const log = (s) => console.log(s);
process.on('uncaughtException', (err, origin) => log('uncaught ' + err.message + ' ' + origin));
process.on('unhandledRejection', (reason) => log('unhandledRejection ' + reason.message));
process.on('exit', (code) => log('exit ' + code));
Promise.reject(new Error('r1'));
setTimeout(() => log('later timer'), 1);

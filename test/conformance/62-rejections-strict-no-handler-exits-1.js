// --unhandled-rejections=strict with only an 'unhandledRejection' listener: the rejection is an
// uncaught exception nobody catches, so the process dies with status 1 and that listener is never
// called ('exit' listeners see 1, later timers never run).
const log = (s) => console.log(s);
process.on('unhandledRejection', (reason) => log('unhandledRejection ' + reason.message + ' (must not run)'));
process.on('exit', (code) => log('exit ' + code));
Promise.reject(new Error('r1'));
setTimeout(() => log('later timer (must not run)'), 1);

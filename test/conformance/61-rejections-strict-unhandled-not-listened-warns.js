// --unhandled-rejections=strict with an 'uncaughtException' listener and no 'unhandledRejection'
// listener: after the 'uncaughtException' listener, the UnhandledPromiseRejectionWarning warnings
// are emitted; the loop goes on.
const log = (s) => console.log(s);
process.on('uncaughtException', (err, origin) => log('uncaught ' + err.message + ' ' + origin));
// The generic warning's advice on making rejections fatal names the runtime's own option: left out.
const advice = / To terminate the node process on unhandled promise rejection, use the CLI flag `[^`]*` \(see [^)]*\)\./;
process.on('warning', (w) => log('warning ' + w.name + ': ' + w.message.split('\n')[0].replace(advice, '')));
process.on('exit', (code) => log('exit ' + code));
Promise.reject(new Error('r1'));
setTimeout(() => log('later timer'), 1);

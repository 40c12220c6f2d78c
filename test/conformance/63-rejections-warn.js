// --unhandled-rejections=warn: the 'unhandledRejection' listeners are called and the warnings are
// emitted all the same; the loop goes on and the process ends with status 0.
const log = (s) => console.log(s);
process.on('unhandledRejection', (reason) => log('unhandledRejection ' + reason.message));
// The generic warning's advice on making rejections fatal names the runtime's own option: left out.
const advice = / To terminate the node process on unhandled promise rejection, use the CLI flag `[^`]*` \(see [^)]*\)\./;
process.on('warning', (w) => log('warning ' + w.name + ': ' + w.message.split('\n')[0].replace(advice, '')));
process.on('exit', (code) => log('exit ' + code));
Promise.reject(new Error('r1'));
setTimeout(() => log('later timer'), 1);

// --unhandled-rejections=warn-with-error-code: an unhandled rejection with no listener emits the
// warnings and sets the exit code to 1, but the loop goes on; a later rejection taken by a
// listener changes nothing more.
const log = (s) => console.log(s);
// The generic warning's advice on making rejections fatal names the runtime's own option: left out.
const advice = / To terminate the node process on unhandled promise rejection, use the CLI flag `[^`]*` \(see [^)]*\)\./;
process.on('warning', (w) => log('warning ' + w.name + ': ' + w.message.split('\n')[0].replace(advice, '')));
process.on('exit', (code) => log('exit ' + code));
Promise.reject(new Error('r1'));
setTimeout(() => {
  log('timer exitCode ' + process.exitCode);
  process.on('unhandledRejection', (reason) => log('unhandledRejection ' + reason.message));
  Promise.reject(new Error('r2'));
}, 1);
setTimeout(() => log('later timer'), 5);

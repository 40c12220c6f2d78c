// --unhandled-rejections=warn: for a reason that is not an Error, the first warning's message is
// the reason converted to a string; the second is the generic one with the rejection id.
const log = (s) => console.log(s);
// The generic warning's advice on making rejections fatal names the runtime's own option: left out.
const advice = / To terminate the node process on unhandled promise rejection, use the CLI flag `[^`]*` \(see [^)]*\)\./;
process.on('warning', (w) => log('warning ' + w.name + ': ' + w.message.split('\n')[0].replace(advice, '')));
process.on('exit', (code) => log('exit ' + code));
Promise.reject('text');

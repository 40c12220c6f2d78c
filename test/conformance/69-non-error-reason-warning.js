// --unhandled-rejections=warn: for a reason that is not an Error, the first warning's message is
// the reason converted to a string; the second is the generic one with the rejection id.
const log = (s) => console.log(s);
process.on('warning', (w) => log('warning ' + w.name + ': ' + w.message.split('\n')[0]));
process.on('exit', (code) => log('exit ' + code));
Promise.reject('text');

// Every promise rejected with no handler at that moment takes a rejection id, even one handled
// synchronously right after, so the next unhandled rejection's warning gives the following id.
const log = (s) => console.log(s);
// The generic warning's advice on making rejections fatal names the runtime's own option: left out.
const advice = / To terminate the node process on unhandled promise rejection, use the CLI flag `[^`]*` \(see [^)]*\)\./;
process.on('warning', (w) => log('warning ' + w.name + ': ' + w.message.split('\n')[0].replace(advice, '')));
Promise.reject(new Error('handled')).catch((err) => log('caught ' + err.message));
Promise.reject(new Error('unhandled'));

// Every promise rejected with no handler at that moment takes a rejection id, even one handled
// synchronously right after, so the next unhandled rejection's warning gives the following id.
const log = (s) => console.log(s);
process.on('warning', (w) => log('warning ' + w.name + ': ' + w.message.split('\n')[0]));
Promise.reject(new Error('handled')).catch((err) => log('caught ' + err.message));
Promise.reject(new Error('unhandled'));

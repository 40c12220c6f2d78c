// A handler that returns a promise: the derived promise adopts it, which takes two more turns.
const log = (s) => console.log(s);
Promise.resolve().then(() => { log('a'); return Promise.resolve('x'); }).then((v) => log('a2 ' + v));
Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3')).then(() => log('c4')).then(() => log('c5'));
log('sync');

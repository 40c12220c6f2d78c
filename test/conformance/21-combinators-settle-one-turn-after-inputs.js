// all/race/any/allSettled of settled promises settle one turn later; their handlers run a turn after.
const log = (s) => console.log(s);
const a = Promise.resolve('a');
const b = Promise.resolve('b');
Promise.all([a, b]).then((v) => log('all ' + v.join(',')));
Promise.race([a, b]).then((v) => log('race ' + v));
Promise.any([Promise.reject(new Error('x')), b]).then((v) => log('any ' + v));
Promise.allSettled([a, Promise.reject(new Error('y'))]).then((r) => log('allSettled ' + r.map((x) => x.status).join(',')));
Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3'));
log('sync');

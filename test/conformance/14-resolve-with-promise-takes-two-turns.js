// resolve(promise) settles the outer promise two microtask turns after the inner one settled.
const log = (s) => console.log(s);
let resolveOuter;
const outer = new Promise((r) => { resolveOuter = r; });
resolveOuter(Promise.resolve('v'));
outer.then((v) => log('outer ' + v));
Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3')).then(() => log('c4'));
log('sync');

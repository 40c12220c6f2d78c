// A timer refreshed by an earlier timer of the same pass moves to the end of its list and waits for
// a later pass: a due timer of a longer list runs first.
const log = (s) => console.log(s);
const busy = (ms) => { const end = Date.now() + ms; while (Date.now() < end); };
setTimeout(() => { log('a'); b.refresh(); }, 1);
const b = setTimeout(() => log('b'), 1);
setTimeout(() => log('c'), 2);
busy(10);

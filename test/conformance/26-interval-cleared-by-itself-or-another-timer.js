// An interval cleared in its own callback, and one cleared by a later timer of the same pass after it ran.
const log = (s) => console.log(s);
const busy = (ms) => { const end = Date.now() + ms; while (Date.now() < end); };
let i = 0;
const self = setInterval(() => { log('self ' + i); if (++i === 2) clearInterval(self); }, 1);
const other = setInterval(() => log('other'), 3);
setTimeout(() => { log('killer'); clearInterval(other); }, 3);
busy(10);
process.on('exit', (c) => log('exit ' + c));

// An interval whose delay overflows is warned of once, when it is set, not at each repetition.
const log = (s) => console.log(s);
process.on('warning', (w) => log('warning ' + w.name));
let runs = 0;
const interval = setInterval(() => {
  log('run ' + ++runs);
  if (runs === 3) clearInterval(interval);
}, 2 ** 31);

// Node-style scheduling throughput, the same shape as bench/java/.../SchedulingLoop.java:
// node scheduling.js KIND N ROUNDS  ->  KIND_per_sec=<rate of the last round>
'use strict';
const [kind, nArg, roundsArg] = process.argv.slice(2);
const n = Number(nArg);
const rounds = Number(roundsArg);

function round(done) {
  let left = n;
  const start = process.hrtime.bigint();
  const finish = () => done(n / (Number(process.hrtime.bigint() - start) / 1e9));
  switch (kind) {
    case 'timeouts': {
      const fire = () => { if (--left === 0) finish(); };
      for (let i = 0; i < n; i++) setTimeout(fire, 1);
      break;
    }
    case 'immediates': {
      const next = () => { if (--left > 0) setImmediate(next); else finish(); };
      setImmediate(next);
      break;
    }
    case 'ticks': {
      const tick = () => { if (--left > 0) process.nextTick(tick); else finish(); };
      setImmediate(() => process.nextTick(tick));
      break;
    }
    case 'microtasks': {
      const micro = () => { if (--left > 0) queueMicrotask(micro); else finish(); };
      setImmediate(() => queueMicrotask(micro));
      break;
    }
    default:
      throw new Error('unknown kind ' + kind);
  }
}

let r = 0;
const again = (rate) => {
  if (++r < rounds) setImmediate(() => round(again));
  else console.log(`${kind}_per_sec=${rate.toFixed(0)}`);
};
round(again);

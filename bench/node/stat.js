// The Node side of bench/c/stat_loop.c, in exactly its shape: N fs.stat calls of one file
// (callback API), at most K in flight, each completion starting the next, timed with
// process.hrtime.bigint from the first start to the last completion. The first ROUNDS - 1
// rounds warm the JIT up; the last one is reported as stats_per_sec.
//
// usage: node stat.js PATH [N [K [ROUNDS]]]   (defaults 100000, 1024, 5)
'use strict';
const fs = require('fs');

const [path, nArg, kArg, roundsArg] = process.argv.slice(2);
if (!path) {
  console.error('usage: node stat.js PATH [N [K [ROUNDS]]]');
  process.exit(2);
}
const total = nArg ? Number(nArg) : 100000;
const inFlight = Math.min(total, kArg ? Number(kArg) : 1024);
const rounds = roundsArg ? Number(roundsArg) : 5;
if (!(total > 0 && inFlight > 0 && rounds > 0)) {
  console.error('N, K and ROUNDS must be > 0');
  process.exit(2);
}

function round() {
  return new Promise((resolve, reject) => {
    let started = 0;
    let completed = 0;
    const start = process.hrtime.bigint();
    const onStat = (err, stats) => {
      if (err) return reject(err);
      if (stats.size < 0) return reject(new Error('negative size'));
      completed++;
      if (started < total) startOne();
      else if (completed === total) resolve(Number(process.hrtime.bigint() - start));
    };
    const startOne = () => {
      started++;
      fs.stat(path, onStat);
    };
    for (let i = 0; i < inFlight; i++) startOne();
  });
}

(async () => {
  let perSec = 0;
  for (let r = 1; r <= rounds; r++) {
    const ns = await round();
    perSec = total * 1e9 / ns;
    console.error(`stat.js round ${r}/${rounds}: ${perSec.toFixed(0)} stats/s`);
  }
  console.log(`stats_per_sec=${perSec.toFixed(0)} n=${total} k=${inFlight} rounds=${rounds} failed=0`);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});

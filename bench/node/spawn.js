// Spawn-and-reap latency, in the same shape as bench/java/.../SpawnLoop.java: N children of a
// program with no arguments and every stdio descriptor ignored, one after another, after a
// warm-up of N / 10. Usage: node spawn.js N PROGRAM. Prints "node spawns_per_sec=<rate>".
'use strict';
const { spawn } = require('child_process');

const n = Number(process.argv[2]);
const program = process.argv[3];

function run(count, done) {
  let left = count;
  const next = () => {
    spawn(program, [], { stdio: 'ignore' }).on('exit', (code, signal) => {
      if (code !== 0) throw new Error(`${program} ended with ${code}/${signal}`);
      if (--left > 0) next();
      else done();
    });
  };
  next();
}

run(Math.floor(n / 10), () => {
  const start = process.hrtime.bigint();
  run(n, () => {
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    console.log(`node spawns_per_sec=${(n / seconds).toFixed(1)}`);
  });
});

// By default a warning is printed to stderr, once; --no-warnings prints nothing, and listeners
// still get the warning. Each mode runs in a child process, whose stderr is counted here.
const { spawnSync } = require('child_process');
const log = (s) => console.log(s);
if (process.argv[2] === 'child') {
  process.on('warning', (w) => log('listener got ' + w.name));
  setTimeout(() => {}, 2 ** 31);
} else {
  for (const flags of [[], ['--no-warnings']]) {
    const child = spawnSync(process.execPath, [...flags, __filename, 'child'], { encoding: 'utf8' });
    const printed = child.stderr.split('\n').filter((line) => /^\(node:\d+\) /.test(line)).length;
    log((flags[0] || 'default') + ': ' + child.stdout.trim() + ', printed ' + printed);
  }
}

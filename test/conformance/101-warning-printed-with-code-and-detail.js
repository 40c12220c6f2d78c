// A warning is printed with its code in brackets before its name, and its detail on the lines
// after the message. The warnings run in a child process, whose standard error is shown here with
// its process prefix masked (and without Node's hint about --trace-warnings, which names a Node
// option).
const { spawnSync } = require('child_process');
const log = (s) => console.log(s);
if (process.argv[2] === 'child') {
  process.emitWarning('something odd', { type: 'CustomWarning', code: 'X001', detail: 'more to say' });
  process.emitWarning('plain');
} else {
  const child = spawnSync(process.execPath, [__filename, 'child'], { encoding: 'utf8' });
  for (const line of child.stderr.split('\n')) {
    if (line === '' || line.startsWith('(Use `node')) continue;
    log(line.replace(/^\([a-z0-9]+:\d+\) /, '(PREFIX) '));
  }
}

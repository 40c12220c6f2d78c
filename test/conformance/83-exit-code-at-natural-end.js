// process.exitCode set before the loop runs out of work is the exit status, and what 'exit'
// listeners get.
const log = (s) => console.log(s);
process.on('exit', (code) => log('exit ' + code + ', exitCode ' + process.exitCode));
process.exitCode = 3;
setTimeout(() => log('timeout'), 1);

// An 'unhandledRejection' listener that throws: its error goes to the 'uncaughtException'
// listeners with origin 'uncaughtException', and the loop goes on.
const log = (s) => console.log(s);
process.on('unhandledRejection', (reason) => {
  log('unhandledRejection ' + reason.message);
  throw new Error('from listener');
});
process.on('uncaughtException', (err, origin) => log('uncaught ' + err.message + ' ' + origin));
process.on('exit', (code) => log('exit ' + code));
Promise.reject(new Error('r1'));
setTimeout(() => log('later timer'), 1);

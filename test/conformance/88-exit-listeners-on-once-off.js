// 'exit' listeners run in the order they were added; a listener added with once runs like the
// others; one removed with off is not called; off of a listener added twice removes only its
// latest registration, so the earlier one keeps its place.
const log = (s) => console.log(s);
const removed = () => log('removed (must not run)');
const twice = (code) => log('twice ' + code);
process.on('exit', (code) => log('first ' + code));
process.on('exit', twice);
process.once('exit', (code) => log('once ' + code));
process.on('exit', removed);
process.on('exit', (code) => log('last ' + code));
process.on('exit', twice);
process.off('exit', removed);
process.off('exit', twice);
log('sync');

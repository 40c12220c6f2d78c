// Warning listeners are called in the order they were added; a removed one is not called.
const log = (s) => console.log(s);
const removed = () => log('removed listener');
process.on('warning', (w) => log('first ' + w.name));
process.on('warning', removed);
process.on('warning', (w) => log('second ' + w.name));
process.off('warning', removed);
setTimeout(() => {}, 2 ** 31);

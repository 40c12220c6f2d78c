// A warning listener added twice and removed once keeps its earlier place in the order.
const log = (s) => console.log(s);
const twice = (w) => log('twice ' + w.name);
process.on('warning', twice);
process.on('warning', (w) => log('between ' + w.name));
process.on('warning', twice);
process.off('warning', twice);
process.emitWarning('something', 'ExampleWarning');

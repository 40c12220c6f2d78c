// A warning may carry a code and a detail (process.emitWarning's options): listeners get both, and
// a warning given neither has none.
const log = (s) => console.log(s);
process.on('warning', (w) => log(JSON.stringify([w.name, w.message, w.code, w.detail])));
process.emitWarning('something odd', { type: 'CustomWarning', code: 'X001', detail: 'more to say\nover two lines' });
process.emitWarning('plain');
process.emitWarning('typed', 'TypedWarning', 'T002');

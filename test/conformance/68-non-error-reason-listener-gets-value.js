// An 'unhandledRejection' listener gets the rejection reason itself, whatever its type,
// null and undefined included.
const log = (s) => console.log(s);
process.on('unhandledRejection', (reason) => log('reason ' + String(reason) + ' typeof ' + typeof reason));
process.on('unhandledRejection', (reason) => log('is 42 ' + (reason === 42)));
process.on('exit', (code) => log('exit ' + code));
Promise.reject(42);
Promise.reject(null);
Promise.reject(undefined);

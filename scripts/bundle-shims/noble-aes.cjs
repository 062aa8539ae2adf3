// pdfkit imports AES for encrypted PDFs, which juesuan never writes; the module builds its tables
// when it loads. Loaded on first use instead.
let aes;
const load = () => (aes ??= require('@noble/ciphers/aes'));
exports.cbc = (...args) => load().cbc(...args);
exports.ecb = (...args) => load().ecb(...args);

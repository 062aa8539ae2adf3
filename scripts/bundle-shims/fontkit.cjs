// fontkit defines its hundreds of table structures when it loads (some 60 ms of a cold start),
// yet juesuan reads TrueType fonts itself and needs fontkit only for other outlines (CFF). pdfkit
// and juesuan import it through this stand-in, which loads it on first use.
let fontkit;
const load = () => (fontkit ??= require('fontkit'));
exports.create = (...args) => load().create(...args);
exports.openSync = (...args) => load().openSync(...args);
exports.open = (...args) => load().open(...args);

// tiny-inflate's contract (raw DEFLATE `source` into `dest`; a shorter result comes back as a
// slice) done by Node's own zlib. fontkit and unicode-properties inflate their Unicode tables with
// it when they load; in JavaScript that was some 60 ms of every cold start.
const { inflateRawSync } = require('node:zlib');

module.exports = function inflate(source, dest) {
  const out = inflateRawSync(source);
  dest.set(out.subarray(0, dest.length)); // like tiny-inflate, what does not fit is dropped
  return out.length < dest.length ? dest.slice(0, out.length) : dest;
};

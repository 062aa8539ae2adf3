import { deflateSync } from 'node:zlib';

/**
 * Object streams and the cross-reference stream (ISO 32000-1 7.5.7, 7.5.8; PDF 1.5, allowed by
 * PDF/A-2 and -3). Three thousand small dictionaries of the tagged structure, pages, fonts and
 * outline, each written loose with its own 20-byte line in a classic xref table, were a third of
 * the file; packed a hundred or two to a compressed stream they are a sixth of what they were.
 * The encoding is here; which objects go in, and where the bytes go, is output.ts's business.
 */

/**
 * Objects per object stream. A reader inflates a whole stream to reach one object in it, so it is
 * kept modest (200 of the sample's objects are ≈ 13 KB of text); more gains little: the sample's
 * packed objects take 48.6 KB 100 to a stream, 46.4 KB 200, 45.8 KB 400.
 */
export const OBJECTS_PER_STREAM = 200;

/**
 * zlib level of the object streams and the cross-reference stream. Measured on the sample's 3055
 * objects (199 KB as text, 16 streams): level 5 gives 46.4 KB in 2.5 ms, 6 (zlib's default) 46.2 KB
 * in 3.3 ms, 9 44.5 KB in 7.2 ms, 2 52.1 KB in 1.6 ms.
 */
export const OBJECT_STREAM_LEVEL = 5;

/** One object stream: `members` as [object number, object text], in the order they are stored. */
export interface ObjectStream {
  /** The stream dictionary (without the stream's data). */
  dictionary: string;
  /** The compressed data, to follow `stream` EOL. */
  data: Buffer;
}

/**
 * The object stream of the given objects: a header of `number offset` pairs, then the objects,
 * offsets counted from /First. Object texts are PDF syntax as pdfkit writes it, one byte per
 * code unit (latin1), as everywhere in this writer.
 */
export function objectStream(members: readonly (readonly [number, string])[]): ObjectStream {
  const pairs: string[] = [];
  let offset = 0;
  for (const [id, body] of members) {
    pairs.push(`${id} ${offset}`);
    offset += body.length + 1;
  }
  const header = pairs.join(' ') + '\n';
  const text = header + members.map(([, body]) => body).join('\n') + '\n';
  const data = deflateSync(Buffer.from(text, 'latin1'), { level: OBJECT_STREAM_LEVEL });
  const dictionary = ['<<', '/Type /ObjStm', `/N ${members.length}`, `/First ${header.length}`, '/Filter /FlateDecode', `/Length ${data.length}`, '>>'].join('\n');
  return { dictionary, data };
}

/** An entry of a cross-reference stream: free (0), at a byte offset (1), or in an object stream (2). */
export type XrefEntry =
  | { type: 0; next: number; generation: number }
  | { type: 1; offset: number }
  | { type: 2; stream: number; index: number };

export interface XrefTrailer {
  /** References as written, `3 0 R`. */
  root: string;
  info: string;
  id: Uint8Array;
}

/**
 * The cross-reference stream of objects 0 … entries.length − 1 (entries[n] is object n), which
 * also carries the trailer's keys. Each field is as wide as its largest value needs, no wider.
 */
export function xrefStream(entries: readonly XrefEntry[], trailer: XrefTrailer): ObjectStream {
  const f2 = (e: XrefEntry) => (e.type === 0 ? e.next : e.type === 1 ? e.offset : e.stream);
  const f3 = (e: XrefEntry) => (e.type === 0 ? e.generation : e.type === 1 ? 0 : e.index);
  let w2 = 1;
  let w3 = 1;
  for (const e of entries) {
    w2 = Math.max(w2, bytesFor(f2(e)));
    w3 = Math.max(w3, bytesFor(f3(e)));
  }
  const w = [1, w2, w3];
  const raw = Buffer.alloc(entries.length * (1 + w2 + w3));
  let at = 0;
  const put = (value: number, width: number) => {
    for (let k = width - 1; k >= 0; k--, value = Math.floor(value / 256)) raw[at + k] = value % 256;
    at += width;
  };
  for (const e of entries) {
    put(e.type, 1);
    put(f2(e), w2);
    put(f3(e), w3);
  }
  const data = deflateSync(raw, { level: OBJECT_STREAM_LEVEL });
  const id = Buffer.from(trailer.id.buffer, trailer.id.byteOffset, trailer.id.byteLength).toString('hex');
  const dictionary = [
    '<<',
    '/Type /XRef',
    `/Size ${entries.length}`,
    `/W [${w.join(' ')}]`,
    `/Index [0 ${entries.length}]`,
    `/Root ${trailer.root}`,
    `/Info ${trailer.info}`,
    `/ID [<${id}> <${id}>]`,
    '/Filter /FlateDecode',
    `/Length ${data.length}`,
    '>>',
  ].join('\n');
  return { dictionary, data };
}

function bytesFor(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`xref: ${n} is not a byte offset or object number`);
  let bytes = 1;
  while (n >= 256 ** bytes) bytes++;
  return bytes;
}

import type { SfntTables } from './sfnt.js';

/**
 * A subset of a TrueType font for embedding in a PDF (FontFile2 of a CIDFontType2 with an
 * identity CIDToGIDMap): the glyphs used, renumbered in order of first use, with the tables the
 * PDF specification requires of an embedded TrueType program (head, hhea, maxp, hmtx, loca,
 * glyf, and cvt / fpgm / prep when the font has them). Outlines are copied byte for byte; only a
 * composite glyph's component ids are rewritten. Same glyphs in the same order give the same bytes.
 *
 * It takes the place of fontkit's subset in pdfkit's embedded font (same includeGlyph/encode
 * contract), because fontkit decodes every outline and re-encodes the tables through generic
 * structures, which was the largest single cost of painting a report.
 */
export class TrueTypeSubset {
  /** New glyph id → original glyph id. */
  readonly glyphs: number[] = [];
  private readonly mapping = new Map<number, number>();

  constructor(private readonly font: SfntTables) {
    this.includeGlyph(0); // .notdef stays glyph 0
  }

  includeGlyph(gid: number): number {
    let id = this.mapping.get(gid);
    if (id === undefined) {
      id = this.glyphs.length;
      this.glyphs.push(gid);
      this.mapping.set(gid, id);
    }
    return id;
  }

  encode(): Uint8Array {
    const font = this.font;
    // Components found while copying are appended to this.glyphs, so the loop sees them too.
    const outlines: Uint8Array[] = [];
    for (let i = 0; i < this.glyphs.length; i++) outlines.push(this.copyOutline(this.glyphs[i]!));
    const n = this.glyphs.length;

    const loca = new DataView(new ArrayBuffer((n + 1) * 4));
    let glyfLength = 0;
    for (let i = 0; i < n; i++) {
      loca.setUint32(i * 4, glyfLength);
      glyfLength += pad4(outlines[i]!.length);
    }
    loca.setUint32(n * 4, glyfLength);
    const glyf = new Uint8Array(glyfLength);
    for (let i = 0, at = 0; i < n; i++) {
      glyf.set(outlines[i]!, at);
      at += pad4(outlines[i]!.length);
    }

    const hmtx = new DataView(new ArrayBuffer(n * 4));
    for (let i = 0; i < n; i++) {
      hmtx.setUint16(i * 4, font.advanceWidth(this.glyphs[i]!));
      hmtx.setInt16(i * 4 + 2, font.leftSideBearing(this.glyphs[i]!));
    }

    const head = font.tableBytes('head').slice();
    const headView = new DataView(head.buffer);
    headView.setUint32(8, 0); // checkSumAdjustment, set once the whole file is known
    headView.setInt16(50, 1); // indexToLocFormat: 32-bit offsets
    const hhea = font.tableBytes('hhea').slice();
    new DataView(hhea.buffer).setUint16(34, n); // numberOfHMetrics: every glyph has its own
    const maxp = font.tableBytes('maxp').slice();
    new DataView(maxp.buffer).setUint16(4, n);

    const tables: [string, Uint8Array][] = [
      ['head', head],
      ['hhea', hhea],
      ['maxp', maxp],
      ['hmtx', new Uint8Array(hmtx.buffer)],
      ['loca', new Uint8Array(loca.buffer)],
      ['glyf', glyf],
    ];
    for (const tag of ['cvt ', 'fpgm', 'prep']) if (font.has(tag)) tables.push([tag, font.tableBytes(tag)]);
    tables.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const out = writeSfnt(tables);
    const headAt = tableOffset(out, 'head');
    new DataView(out.buffer).setUint32(headAt + 8, (0xb1b0afba - checksum(out, 0, out.length)) >>> 0);
    return out;
  }

  /** A composite glyph names its components by id: include them and rewrite the ids. */
  private copyOutline(gid: number): Uint8Array {
    const data = this.font.glyphData(gid);
    if (data.length < 10) return data;
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    if (view.getInt16(0) >= 0) return data;
    const copy = data.slice();
    const out = new DataView(copy.buffer);
    let at = 10;
    for (;;) {
      const flags = view.getUint16(at);
      out.setUint16(at + 2, this.includeGlyph(view.getUint16(at + 2)));
      at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
      if (flags & WE_HAVE_A_SCALE) at += 2;
      else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
      else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
      if (!(flags & MORE_COMPONENTS)) return copy;
    }
  }
}

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

function pad4(n: number): number {
  return (n + 3) & ~3;
}

/** The sfnt checksum: the sum of big-endian 32-bit words, the last one zero-padded. */
function checksum(bytes: Uint8Array, start: number, length: number): number {
  let sum = 0;
  const end = start + length;
  let i = start;
  for (; i + 4 <= end; i += 4) sum = (sum + ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!)) >>> 0;
  if (i < end) {
    let last = 0;
    for (let k = 0; k < 4; k++) last = (last << 8) | (i + k < end ? bytes[i + k]! : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

/** Offset table, then the table records (sorted by tag), then each table 4-byte aligned. */
function writeSfnt(tables: [string, Uint8Array][]): Uint8Array {
  const numTables = tables.length;
  const headerLength = 12 + numTables * 16;
  let length = headerLength;
  for (const [, data] of tables) length += pad4(data.length);
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  const power = 2 ** Math.floor(Math.log2(numTables));
  view.setUint32(0, 0x00010000);
  view.setUint16(4, numTables);
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, numTables * 16 - power * 16);
  let at = headerLength;
  tables.forEach(([tag, data], i) => {
    out.set(data, at);
    const record = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[record + k] = tag.charCodeAt(k);
    view.setUint32(record + 4, checksum(out, at, data.length));
    view.setUint32(record + 8, at);
    view.setUint32(record + 12, data.length);
    at += pad4(data.length);
  });
  return out;
}

function tableOffset(font: Uint8Array, tag: string): number {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const numTables = view.getUint16(4);
  for (let i = 0; i < numTables; i++) {
    const record = 12 + i * 16;
    if (String.fromCharCode(font[record]!, font[record + 1]!, font[record + 2]!, font[record + 3]!) === tag) return view.getUint32(record + 8);
  }
  throw new Error(`no '${tag}' table`);
}

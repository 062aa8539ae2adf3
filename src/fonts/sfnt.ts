/**
 * The few tables of a TrueType (glyf-outline) font file that layout and embedding need, read
 * straight from its bytes: the table directory, the Unicode cmap, horizontal metrics and the
 * glyph data locations. fontkit can answer the same questions, but through a decoded object per
 * glyph; a report looks up some two thousand glyphs per font, and on the first report of a
 * process (the `juesuan render` a user waits for) that decoding ran in V8's interpreter.
 */
export interface TableRecord {
  readonly offset: number;
  readonly length: number;
}

export class SfntTables {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  readonly tables: ReadonlyMap<string, TableRecord>;
  readonly numGlyphs: number;
  readonly unitsPerEm: number;
  private readonly numberOfHMetrics: number;
  private readonly hmtx: TableRecord;
  private readonly lookupCmap: (codePoint: number) => number;
  private readonly locaLong: boolean;
  private readonly loca: TableRecord;
  private readonly glyf: TableRecord;

  /** Throws when the bytes are not a single TrueType-outline font with a Unicode cmap. */
  constructor(bytes: Uint8Array) {
    // A plain Uint8Array view even when given a Buffer, whose slice() would not copy.
    this.bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const v = this.view;
    const numTables = v.getUint16(4);
    const tables = new Map<string, TableRecord>();
    for (let i = 0; i < numTables; i++) {
      const at = 12 + i * 16;
      const tag = String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
      tables.set(tag, { offset: v.getUint32(at + 8), length: v.getUint32(at + 12) });
    }
    this.tables = tables;
    const head = this.table('head');
    this.unitsPerEm = v.getUint16(head.offset + 18);
    this.locaLong = v.getInt16(head.offset + 50) === 1;
    this.numGlyphs = v.getUint16(this.table('maxp').offset + 4);
    this.numberOfHMetrics = v.getUint16(this.table('hhea').offset + 34);
    this.hmtx = this.table('hmtx');
    this.loca = this.table('loca');
    this.glyf = this.table('glyf');
    this.lookupCmap = this.unicodeCmap();
  }

  /** True for a glyf-outline font (the kind this reader and the subsetter handle). */
  static isTrueType(bytes: Uint8Array): boolean {
    if (bytes.length < 12) return false;
    const tag = (bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!;
    return tag === 0x00010000 || tag === 0x74727565; // 1.0 or 'true'
  }

  has(tag: string): boolean {
    return this.tables.has(tag);
  }

  table(tag: string): TableRecord {
    const t = this.tables.get(tag);
    if (!t) throw new Error(`font has no '${tag}' table`);
    return t;
  }

  tableBytes(tag: string): Uint8Array {
    const t = this.table(tag);
    return this.bytes.subarray(t.offset, t.offset + t.length);
  }

  /** Glyph id for a code point, 0 (.notdef) when the font has none. */
  glyphId(codePoint: number): number {
    return this.lookupCmap(codePoint);
  }

  /** Advance width in font units. */
  advanceWidth(gid: number): number {
    const i = gid < this.numberOfHMetrics ? gid : this.numberOfHMetrics - 1;
    return this.view.getUint16(this.hmtx.offset + i * 4);
  }

  leftSideBearing(gid: number): number {
    if (gid < this.numberOfHMetrics) return this.view.getInt16(this.hmtx.offset + gid * 4 + 2);
    return this.view.getInt16(this.hmtx.offset + this.numberOfHMetrics * 4 + (gid - this.numberOfHMetrics) * 2);
  }

  /** The glyph's outline bytes (empty for a glyph with no contours, such as the space). */
  glyphData(gid: number): Uint8Array {
    const v = this.view;
    const at = this.loca.offset;
    const start = this.locaLong ? v.getUint32(at + gid * 4) : v.getUint16(at + gid * 2) * 2;
    const end = this.locaLong ? v.getUint32(at + gid * 4 + 4) : v.getUint16(at + gid * 2 + 2) * 2;
    return this.bytes.subarray(this.glyf.offset + start, this.glyf.offset + end);
  }

  /** The Unicode subtable fontkit would pick (same order of preference), read if format 4 or 12. */
  private unicodeCmap(): (codePoint: number) => number {
    const v = this.view;
    const cmap = this.table('cmap').offset;
    const n = v.getUint16(cmap + 2);
    const subtables = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const key = `${v.getUint16(cmap + 4 + i * 8)}/${v.getUint16(cmap + 4 + i * 8 + 2)}`;
      if (!subtables.has(key)) subtables.set(key, cmap + v.getUint32(cmap + 4 + i * 8 + 4));
    }
    for (const key of CMAP_PREFERENCE) {
      const sub = subtables.get(key);
      if (sub === undefined) continue;
      const format = v.getUint16(sub);
      if (format === 12) return format12Lookup(v, sub);
      if (format === 4) return format4Lookup(v, sub);
      throw new Error(`cmap subtable ${key} has format ${format}, which this reader does not handle`);
    }
    throw new Error('font has no Unicode cmap');
  }
}

/** platform/encoding pairs in fontkit's order of preference. */
const CMAP_PREFERENCE = ['3/10', '0/6', '0/4', '3/1', '0/3', '0/2', '0/1', '0/0'];

function format12Lookup(v: DataView, sub: number): (cp: number) => number {
  const groups = v.getUint32(sub + 12);
  const base = sub + 16;
  return (cp) => {
    let lo = 0;
    let hi = groups - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = base + mid * 12;
      if (cp < v.getUint32(at)) hi = mid - 1;
      else if (cp > v.getUint32(at + 4)) lo = mid + 1;
      else return v.getUint32(at + 8) + (cp - v.getUint32(at));
    }
    return 0;
  };
}

function format4Lookup(v: DataView, sub: number): (cp: number) => number {
  const segX2 = v.getUint16(sub + 6);
  const ends = sub + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    let lo = 0;
    let hi = segX2 / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (cp > v.getUint16(ends + mid * 2)) lo = mid + 1;
      else if (mid > 0 && cp <= v.getUint16(ends + (mid - 1) * 2)) hi = mid - 1;
      else {
        const start = v.getUint16(starts + mid * 2);
        if (cp < start) return 0;
        const delta = v.getInt16(deltas + mid * 2);
        const rangeAt = ranges + mid * 2;
        const rangeOffset = v.getUint16(rangeAt);
        if (rangeOffset === 0) return (cp + delta) & 0xffff;
        const g = v.getUint16(rangeAt + rangeOffset + (cp - start) * 2);
        return g === 0 ? 0 : (g + delta) & 0xffff;
      }
    }
    return 0;
  };
}

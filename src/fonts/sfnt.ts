import { FontDamageError, UnsupportedFontError } from './errors.js';
import { BytesSource, type FontSource } from './font-source.js';

/**
 * The few tables of a TrueType (glyf-outline) font file that layout and embedding need, read
 * straight from its bytes: the table directory, the Unicode cmap, horizontal metrics and the
 * glyph data locations. fontkit can answer the same questions, but through a decoded object per
 * glyph; a report looks up some two thousand glyphs per font, and on the first report of a
 * process (the `juesuan render` a user waits for) that decoding ran in V8's interpreter.
 *
 * Only what is used is read from the source (font-source.ts): the small tables when the font is
 * opened (some 450 KB of a 15 MB CJK font, most of it loca and hmtx), an outline when its glyph
 * is first measured or embedded. Outlines are kept up to `outlineCacheBytes` (2 MB: some 6 500
 * CJK outlines, more than the distinct characters of a whole district's reports); past that the
 * kept ones are let go and read again when used, so what a batch worker keeps of a font is
 * bounded by that figure however many different characters its reports print, not by the
 * font's glyf table (14 MB). The outlines table, glyf, is never read whole.
 *
 * Every read stays inside its table, and every table inside the file: the constructor checks the
 * directory, the sizes of the tables read and the structure of the cmap subtable; what a lookup
 * reads (a glyph's location, a cmap entry) is checked when it is read, and checkGlyph checks an
 * outline before it is used. (Checking all 30 000-odd glyphs up front would cost a cold start
 * tens of milliseconds for the two thousand a report uses.) A file that fails is damaged
 * (FontDamageError, whose message says what is wrong), never read past its end or into another table.
 */
export interface TableRecord {
  readonly offset: number;
  readonly length: number;
}

/**
 * The tables read here and by pdfkit's embedding (the OpenType spec requires 'name' and 'OS/2'
 * too; without them the PDF has no font name or OS/2 flags, which is no reason to refuse a font).
 */
const REQUIRED = ['cmap', 'head', 'hhea', 'hmtx', 'maxp', 'post', 'loca', 'glyf'];

/** Tables of which only a head is ever read: `post` lists every glyph's name in some fonts. */
const READ_AT_MOST: Readonly<Record<string, number>> = { post: 32 };

export class SfntTables {
  private readonly source: FontSource;
  readonly tables: ReadonlyMap<string, TableRecord>;
  readonly numGlyphs: number;
  readonly unitsPerEm: number;
  private readonly numberOfHMetrics: number;
  private readonly hmtx: DataView;
  private readonly lookupCmap: (codePoint: number) => number;
  private readonly locaLong: boolean;
  private readonly loca: DataView;
  private readonly glyf: TableRecord;
  /** The tables read so far, each as its own view (a read past a table's end throws). */
  private readonly read = new Map<string, DataView>();
  /** Outlines read and kept, by glyph id, and their bytes: at most `outlineCacheBytes`. */
  private readonly outlines = new Map<number, Uint8Array>();
  private outlineBytes = 0;
  private readonly outlineCacheBytes: number;
  /** 1 for a glyph whose outline (and components) checkGlyph found sound: one byte per glyph of the font. */
  private readonly checked: Uint8Array;

  /**
   * Throws FontDamageError when the bytes are not a sound TrueType-outline font, and
   * UnsupportedFontError for a sound one this reader does not handle (no Unicode cmap of
   * format 4 or 12), which fontkit may read instead.
   */
  constructor(input: Uint8Array | FontSource, { outlineCacheBytes = OUTLINE_CACHE_BYTES }: { outlineCacheBytes?: number } = {}) {
    this.outlineCacheBytes = outlineCacheBytes;
    this.source = input instanceof Uint8Array ? new BytesSource(input) : input;
    this.tables = readDirectory(this.source);
    for (const tag of REQUIRED) if (!this.tables.has(tag)) throw new FontDamageError(`缺少 TrueType 字体必需的表 ${tag}`);

    const head = this.sized('head', 54);
    if (head.getUint32(12) !== 0x5f0f3cf5) throw new FontDamageError('表 head 的标识（magicNumber）不对');
    this.unitsPerEm = head.getUint16(18);
    if (this.unitsPerEm < 16 || this.unitsPerEm > 16384) throw new FontDamageError(`表 head 的 unitsPerEm 为 ${this.unitsPerEm}，应在 16 到 16384 之间`);
    const locFormat = head.getInt16(50);
    if (locFormat !== 0 && locFormat !== 1) throw new FontDamageError(`表 head 的 indexToLocFormat 为 ${locFormat}，应为 0 或 1`);
    this.locaLong = locFormat === 1;

    this.numGlyphs = this.sized('maxp', 6).getUint16(4);
    if (this.numGlyphs === 0) throw new FontDamageError('表 maxp 记载的字形数为 0');
    this.checked = new Uint8Array(this.numGlyphs);
    this.numberOfHMetrics = this.sized('hhea', 36).getUint16(34);
    if (this.numberOfHMetrics === 0 || this.numberOfHMetrics > this.numGlyphs) {
      throw new FontDamageError(`表 hhea 的 numberOfHMetrics 为 ${this.numberOfHMetrics}，应在 1 到字形数 ${this.numGlyphs} 之间`);
    }
    this.hmtx = this.sized('hmtx', this.numberOfHMetrics * 4 + (this.numGlyphs - this.numberOfHMetrics) * 2);
    this.loca = this.sized('loca', (this.numGlyphs + 1) * (this.locaLong ? 4 : 2));
    this.glyf = this.table('glyf');
    this.sized('post', 32);
    if (this.tables.has('name')) this.checkName();
    if (this.tables.has('OS/2')) {
      const os2 = this.sized('OS/2', 72);
      if (os2.getUint16(0) >= 2) this.sized('OS/2', 90);
    }
    this.lookupCmap = this.unicodeCmap();
    this.checkGlyph(0); // .notdef: every subset holds it
  }

  /** True for a glyf-outline font (the kind this reader and the subsetter handle). */
  static isTrueType(bytes: Uint8Array): boolean {
    if (bytes.length < 4) return false;
    const tag = (bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!;
    return tag === 0x00010000 || tag === 0x74727565; // 1.0 or 'true'
  }

  has(tag: string): boolean {
    return this.tables.has(tag);
  }

  table(tag: string): TableRecord {
    const t = this.tables.get(tag);
    if (!t) throw new FontDamageError(`缺少表 ${tag}`);
    return t;
  }

  /** A table's bytes (of `post`, its head only), read once and kept: never glyf, which is read per outline. */
  tableView(tag: string): DataView {
    let view = this.read.get(tag);
    if (!view) {
      if (tag === 'glyf') throw new Error('glyf is read one outline at a time (glyphData)');
      const t = this.table(tag);
      const bytes = this.source.read(t.offset, Math.min(t.length, READ_AT_MOST[tag] ?? t.length));
      view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      this.read.set(tag, view);
    }
    return view;
  }

  tableBytes(tag: string): Uint8Array {
    const v = this.tableView(tag);
    return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  }

  /** Glyph id for a code point, 0 (.notdef) when the font has none. */
  glyphId(codePoint: number): number {
    return this.lookupCmap(codePoint);
  }

  /** Advance width in font units. */
  advanceWidth(gid: number): number {
    const i = gid < this.numberOfHMetrics ? gid : this.numberOfHMetrics - 1;
    return this.hmtx.getUint16(i * 4);
  }

  leftSideBearing(gid: number): number {
    if (gid < this.numberOfHMetrics) return this.hmtx.getInt16(gid * 4 + 2);
    return this.hmtx.getInt16(this.numberOfHMetrics * 4 + (gid - this.numberOfHMetrics) * 2);
  }

  /** The glyph's outline bytes (empty for a glyph with no contours, such as the space). */
  glyphData(gid: number): Uint8Array {
    const known = this.outlines.get(gid);
    if (known) return known;
    if (gid >= this.numGlyphs) throw new FontDamageError(`字形 ${gid} 不存在（字体只有 ${this.numGlyphs} 个字形）`);
    const v = this.loca;
    const start = this.locaLong ? v.getUint32(gid * 4) : v.getUint16(gid * 2) * 2;
    const end = this.locaLong ? v.getUint32(gid * 4 + 4) : v.getUint16(gid * 2 + 2) * 2;
    if (start > end || end > this.glyf.length) {
      throw new FontDamageError(`表 loca 中字形 ${gid} 的位置（第 ${start} 到 ${end} 字节）不在表 glyf（${this.glyf.length} 字节）之内`);
    }
    const data = this.source.read(this.glyf.offset + start, end - start);
    // Read again after being let go: checked again, as the file may have changed since (a file
    // changed in place is otherwise noticed only between reports).
    if (this.checked[gid] === 1) checkOutline(data, gid);
    if (this.outlineBytes + data.length > this.outlineCacheBytes) {
      this.outlines.clear();
      this.outlineBytes = 0;
    }
    this.outlines.set(gid, data);
    this.outlineBytes += data.length;
    return data;
  }

  /** Outlines kept and their bytes (for tests and measurements). */
  get keptOutlines(): { glyphs: number; bytes: number } {
    return { glyphs: this.outlines.size, bytes: this.outlineBytes };
  }

  /**
   * Checks that a glyph's outline lies within its bytes, and for a composite glyph that its
   * components exist and are sound, before the glyph is measured or embedded (once per glyph).
   */
  checkGlyph(gid: number): void {
    if (this.checked[gid] === 1) return;
    const pending = [gid];
    const seen = new Set<number>();
    while (pending.length > 0) {
      const g = pending.pop()!;
      if (seen.has(g) || this.checked[g] === 1) continue;
      seen.add(g);
      pending.push(...checkOutline(this.glyphData(g), g));
    }
    for (const g of seen) this.checked[g] = 1;
  }

  /** A table that holds at least `length` bytes. */
  private sized(tag: string, length: number): DataView {
    const t = this.table(tag);
    if (t.length < length) throw new FontDamageError(`表 ${tag} 只有 ${t.length} 字节，至少应有 ${length} 字节`);
    return this.tableView(tag);
  }

  /** The naming table's records (the PostScript name is read from it) lie within it. */
  private checkName(): void {
    const name = this.sized('name', 6);
    const count = name.getUint16(2);
    const storage = name.getUint16(4);
    if (6 + count * 12 > name.byteLength) throw new FontDamageError('表 name 的记录超出该表');
    for (let i = 0; i < count; i++) {
      const r = 6 + i * 12;
      if (storage + name.getUint16(r + 10) + name.getUint16(r + 8) > name.byteLength) throw new FontDamageError('表 name 的字符串超出该表');
    }
  }

  /** The Unicode subtable fontkit would pick (same order of preference), read if format 4 or 12. */
  private unicodeCmap(): (codePoint: number) => number {
    const v = this.sized('cmap', 4);
    const n = v.getUint16(2);
    if (4 + n * 8 > v.byteLength) throw new FontDamageError('表 cmap 的子表目录超出该表');
    const subtables = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const at = 4 + i * 8;
      const key = `${v.getUint16(at)}/${v.getUint16(at + 2)}`;
      if (!subtables.has(key)) subtables.set(key, v.getUint32(at + 4));
    }
    for (const key of CMAP_PREFERENCE) {
      const offset = subtables.get(key);
      if (offset === undefined) continue;
      if (offset + 2 > v.byteLength) throw new FontDamageError(`表 cmap 的子表 ${key} 在该表之外`);
      const format = v.getUint16(offset);
      const room = v.byteLength - offset;
      if (format === 12) return format12Lookup(v, offset, room, this.numGlyphs);
      if (format === 4) return format4Lookup(v, offset, room, this.numGlyphs);
      throw new UnsupportedFontError(`cmap subtable ${key} has format ${format}, which this reader does not handle`);
    }
    throw new UnsupportedFontError('font has no Unicode cmap');
  }
}

/** The table directory; every table must lie within the file. */
function readDirectory(source: FontSource): Map<string, TableRecord> {
  const size = source.size;
  if (size < 12) throw new FontDamageError(`文件只有 ${size} 字节，连字体的文件头都不完整`);
  const header = source.read(0, 12);
  const numTables = (header[4]! << 8) | header[5]!;
  if (numTables === 0) throw new FontDamageError('表目录是空的');
  if (12 + numTables * 16 > size) throw new FontDamageError(`文件在表目录中间就结束了（${size} 字节），可能在复制或下载时被截断`);
  const records = source.read(12, numTables * 16);
  const v = new DataView(records.buffer, records.byteOffset, records.byteLength);
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < numTables; i++) {
    const at = i * 16;
    const tag = String.fromCharCode(v.getUint8(at), v.getUint8(at + 1), v.getUint8(at + 2), v.getUint8(at + 3));
    const offset = v.getUint32(at + 8);
    const length = v.getUint32(at + 12);
    if (offset + length > size) {
      throw new FontDamageError(
        `文件不完整：表 ${printableTag(tag)} 应到第 ${offset + length} 字节，而文件只有 ${size} 字节（可能在复制或下载时被截断）`,
      );
    }
    tables.set(tag, { offset, length });
  }
  return tables;
}

function printableTag(tag: string): string {
  return /^[\x20-\x7e]{4}$/.test(tag) ? tag.trimEnd() : JSON.stringify(tag);
}

/** platform/encoding pairs in fontkit's order of preference. */
const CMAP_PREFERENCE = ['3/10', '0/6', '0/4', '3/1', '0/3', '0/2', '0/1', '0/0'];

/** A format 12 subtable (`room` bytes from `sub` to the end of the cmap table): groups in order, glyphs that exist. */
function format12Lookup(v: DataView, sub: number, room: number, numGlyphs: number): (cp: number) => number {
  if (room < 16) throw new FontDamageError('表 cmap 的 12 型子表不完整');
  const groups = v.getUint32(sub + 12);
  const base = sub + 16;
  if (16 + groups * 12 > room) throw new FontDamageError('表 cmap 的 12 型子表超出该表');
  let previousEnd = -1;
  for (let k = 0; k < groups; k++) {
    const at = base + k * 12;
    const start = v.getUint32(at);
    const end = v.getUint32(at + 4);
    if (start > end || start <= previousEnd) throw new FontDamageError('表 cmap 的 12 型子表中字符区段次序错乱');
    previousEnd = end;
  }
  return (cp) => {
    let lo = 0;
    let hi = groups - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = base + mid * 12;
      if (cp < v.getUint32(at)) hi = mid - 1;
      else if (cp > v.getUint32(at + 4)) lo = mid + 1;
      else return existing(v.getUint32(at + 8) + (cp - v.getUint32(at)), numGlyphs);
    }
    return 0;
  };
}

/** A glyph id read from the cmap, which must name a glyph of the font. */
function existing(gid: number, numGlyphs: number): number {
  if (gid >= numGlyphs) throw new FontDamageError(`表 cmap 指向不存在的字形 ${gid}（字体只有 ${numGlyphs} 个字形）`);
  return gid;
}

/** A format 4 subtable: its arrays, and the glyph ids of every segment, within it and the font. */
function format4Lookup(v: DataView, sub: number, room: number, numGlyphs: number): (cp: number) => number {
  if (room < 14) throw new FontDamageError('表 cmap 的 4 型子表不完整');
  const segX2 = v.getUint16(sub + 6);
  const ends = sub + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  // Not the subtable's own length field: in large fonts it is often wrapped at 16 bits.
  const limit = sub + room;
  if (segX2 % 2 !== 0 || ranges + segX2 > limit) throw new FontDamageError('表 cmap 的 4 型子表超出该表');
  let previousEnd = -1;
  for (let k = 0; k < segX2 / 2; k++) {
    const start = v.getUint16(starts + k * 2);
    const end = v.getUint16(ends + k * 2);
    if (start > end || end <= previousEnd) throw new FontDamageError('表 cmap 的 4 型子表中字符区段次序错乱');
    previousEnd = end;
    const rangeAt = ranges + k * 2;
    const rangeOffset = v.getUint16(rangeAt);
    // The segment's glyph ids (the last segment, for U+FFFF alone, may point anywhere: never read).
    if (rangeOffset !== 0 && start !== 0xffff && rangeAt + rangeOffset + (end - start) * 2 + 2 > limit) {
      throw new FontDamageError('表 cmap 的 4 型子表超出该表');
    }
  }
  return (cp) => {
    if (cp >= 0xffff) return 0; // U+FFFF is a noncharacter; its segment only ends the table
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
        if (rangeOffset === 0) return existing((cp + delta) & 0xffff, numGlyphs);
        const g = v.getUint16(rangeAt + rangeOffset + (cp - start) * 2);
        return g === 0 ? 0 : existing((g + delta) & 0xffff, numGlyphs);
      }
    }
    return 0;
  };
}

/**
 * Outline bytes a font keeps (see the class comment). A report prints some 2 000 distinct glyphs
 * per font, about 600 KB of outlines; the generated district of 400 departments about 1 300
 * across three fonts.
 */
export const OUTLINE_CACHE_BYTES = 2 << 20;

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;
const WE_HAVE_INSTRUCTIONS = 0x0100;

/**
 * Checks one outline (glyf entry) lies within its bytes; returns the ids of a composite glyph's
 * components (checked in turn by the caller).
 */
function checkOutline(data: Uint8Array, gid: number): number[] {
  if (data.length === 0) return [];
  const damaged = (): never => {
    throw new FontDamageError(`字形 ${gid} 的轮廓数据不完整或已损坏`);
  };
  if (data.length < 10) damaged();
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const contours = v.getInt16(0);
  if (contours >= 0) {
    // Simple glyph: end points, instructions, then flags and coordinates for every point.
    let at = 10 + contours * 2;
    if (at + 2 > data.length) damaged();
    const points = contours === 0 ? 0 : v.getUint16(at - 2) + 1;
    at += 2 + v.getUint16(at);
    let xBytes = 0;
    let yBytes = 0;
    for (let p = 0; p < points; ) {
      if (at >= data.length) damaged();
      const flag = data[at++]!;
      let repeat = 1;
      if (flag & 8) {
        if (at >= data.length) damaged();
        repeat += data[at++]!;
      }
      const x = flag & 2 ? 1 : flag & 16 ? 0 : 2;
      const y = flag & 4 ? 1 : flag & 32 ? 0 : 2;
      xBytes += x * repeat;
      yBytes += y * repeat;
      p += repeat;
    }
    if (at + xBytes + yBytes > data.length) damaged();
    return [];
  }
  const components: number[] = [];
  let at = 10;
  for (;;) {
    if (at + 4 > data.length) damaged();
    const flags = v.getUint16(at);
    components.push(v.getUint16(at + 2));
    at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) at += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
    if (at > data.length) damaged();
    if (!(flags & MORE_COMPONENTS)) {
      if (flags & WE_HAVE_INSTRUCTIONS && (at + 2 > data.length || at + 2 + v.getUint16(at) > data.length)) damaged();
      return components;
    }
  }
}

import type { SfntTables } from './sfnt.js';
import { TrueTypeSubset } from './truetype-subset.js';

/**
 * A TrueType font as pdfkit's embedded font reads it — the members of a fontkit Font it uses to
 * write the font descriptor, with the same values fontkit gives — answered from the raw tables.
 * fontkit would decode whole tables for them (the `post` table alone lists every one of some
 * 30 000 glyphs), which on a cold start ran in the interpreter. pdfkit takes any object with a
 * `layout` function as a font; juesuan positions glyphs itself and never calls it.
 */
export class TrueTypeProgram {
  constructor(private readonly sfnt: SfntTables) {}

  get unitsPerEm(): number {
    return this.sfnt.unitsPerEm;
  }

  /** name ID 6, as fontkit picks it: the English Windows record, else the Macintosh one, else any. */
  get postscriptName(): string | null {
    if (!this.sfnt.has('name')) return null;
    const v = this.sfnt.tableView('name');
    const count = v.getUint16(2);
    const strings = v.getUint16(4);
    let best: { rank: number; platform: number; offset: number; length: number } | null = null;
    for (let i = 0; i < count; i++) {
      const r = 6 + i * 12;
      if (v.getUint16(r + 6) !== 6) continue;
      const platform = v.getUint16(r);
      const language = v.getUint16(r + 4);
      const rank = platform === 3 && language === 0x409 ? 0 : platform === 1 && language === 0 ? 1 : 2;
      if (!best || rank < best.rank) best = { rank, platform, offset: strings + v.getUint16(r + 10), length: v.getUint16(r + 8) };
    }
    if (!best) return null;
    const bytes = this.sfnt.tableBytes('name').subarray(best.offset, best.offset + best.length);
    if (best.platform === 0 || best.platform === 3) {
      let s = '';
      for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
      return s;
    }
    return String.fromCharCode(...bytes);
  }

  get ascent(): number {
    return this.int16('hhea', 4);
  }

  get descent(): number {
    return this.int16('hhea', 6);
  }

  get lineGap(): number {
    return this.int16('hhea', 8);
  }

  get xHeight(): number | undefined {
    const os2 = this['OS/2'];
    return os2 ? os2.xHeight : 0;
  }

  get capHeight(): number | undefined {
    const os2 = this['OS/2'];
    return os2 ? os2.capHeight : 0;
  }

  get italicAngle(): number {
    return this.post.italicAngle;
  }

  get bbox(): { minX: number; minY: number; maxX: number; maxY: number; width: number; height: number } {
    const [minX, minY, maxX, maxY] = [36, 38, 40, 42].map((o) => this.int16('head', o)) as [number, number, number, number];
    return Object.freeze({ minX, minY, maxX, maxY, width: maxX - minX, height: maxY - minY });
  }

  /** The OS/2 fields pdfkit and the layout read; xHeight and capHeight exist from version 2 on. */
  get 'OS/2'(): { sFamilyClass: number; typoAscender: number; typoDescender: number; xHeight?: number; capHeight?: number } | undefined {
    if (!this.sfnt.has('OS/2')) return undefined;
    const version = this.uint16('OS/2', 0);
    return {
      sFamilyClass: this.int16('OS/2', 30),
      typoAscender: this.int16('OS/2', 68),
      typoDescender: this.int16('OS/2', 70),
      ...(version >= 2 ? { xHeight: this.int16('OS/2', 86), capHeight: this.int16('OS/2', 88) } : {}),
    };
  }

  get post(): { italicAngle: number; isFixedPitch: number } {
    const post = this.sfnt.tableView('post');
    return { italicAngle: post.getInt32(4) / 65536, isFixedPitch: post.getUint32(12) };
  }

  get head(): { macStyle: { italic: boolean } } {
    return { macStyle: { italic: (this.uint16('head', 44) & 2) !== 0 } };
  }

  getGlyph(id: number): { id: number; advanceWidth: number } {
    return { id, advanceWidth: this.sfnt.advanceWidth(id) };
  }

  createSubset(): TrueTypeSubset {
    return new TrueTypeSubset(this.sfnt);
  }

  layout(): never {
    throw new Error('juesuan lays out text itself: pdfkit text() is not used');
  }

  private int16(tag: string, offset: number): number {
    return this.sfnt.tableView(tag).getInt16(offset);
  }

  private uint16(tag: string, offset: number): number {
    return this.sfnt.tableView(tag).getUint16(offset);
  }
}

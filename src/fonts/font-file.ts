import type * as fontkit from 'fontkit';
import type { SfntTables } from './sfnt.js';
import type { TrueTypeProgram } from './truetype-program.js';

/** A glyph as the painter hands it to pdfkit: id, advance in font units, the code points it prints. */
export interface GlyphRecord {
  readonly id: number;
  readonly advanceWidth: number;
  readonly codePoints: readonly number[];
}

/**
 * One parsed font file with per-code-point caches. Shared by every role (and every FontSet) that
 * points at the same absolute path, so a batch worker parses each font once.
 */
export class FontFile {
  readonly path: string;
  /** What pdfkit embeds: the raw-table program of a TrueType font, else fontkit's reading (CFF). */
  readonly font: TrueTypeProgram | fontkit.Font;
  /** The raw tables of a TrueType font; null for other outlines (CFF), which go through fontkit. */
  readonly sfnt: SfntTables | null;
  readonly unitsPerEm: number;
  /** Top of the ideographic em box above the baseline, in em (OS/2 typo ascender; 0.88 for Noto CJK). */
  readonly ascent: number;
  /** Bottom of the em box below the baseline, in em, positive. */
  readonly descent: number;

  // Basic Multilingual Plane caches in typed arrays (NaN / 0 = not looked up yet), the rest in maps.
  private readonly bmpAdvance = new Float64Array(0x10000).fill(NaN);
  private readonly bmpHas = new Int8Array(0x10000); // 0 unknown, 1 yes, 2 no
  private readonly astralAdvance = new Map<number, number>();
  private readonly astralHas = new Map<number, boolean>();
  private readonly glyphs = new Map<number, GlyphRecord>();
  /** Glyph id of a code point (0: none) and a glyph's advance in font units, from the one source. */
  private readonly glyphIdOf: (codePoint: number) => number;
  private readonly advanceOf: (glyphId: number) => number;

  constructor(path: string, font: TrueTypeProgram | fontkit.Font, sfnt: SfntTables | null) {
    this.path = path;
    this.font = font;
    this.sfnt = sfnt;
    if (sfnt) {
      this.glyphIdOf = (cp) => sfnt.glyphId(cp);
      this.advanceOf = (id) => sfnt.advanceWidth(id);
    } else {
      const fk = font as fontkit.Font;
      this.glyphIdOf = (cp) => fk.glyphForCodePoint(cp).id;
      this.advanceOf = (id) => fk.getGlyph(id).advanceWidth;
    }
    this.unitsPerEm = font.unitsPerEm;
    const os2 = font['OS/2'];
    const asc = os2 && os2.typoAscender > 0 ? os2.typoAscender : font.ascent;
    const desc = os2 && os2.typoDescender < 0 ? -os2.typoDescender : -font.descent;
    const box = asc + desc;
    // Normalise to a 1 em box (CJK fonts: 880 + 120 = 1000).
    this.ascent = asc / box;
    this.descent = desc / box;
  }

  hasGlyph(codePoint: number): boolean {
    if (codePoint < 0x10000) {
      const known = this.bmpHas[codePoint]!;
      if (known !== 0) return known === 1;
      const has = this.glyphIdOf(codePoint) !== 0;
      this.bmpHas[codePoint] = has ? 1 : 2;
      return has;
    }
    let has = this.astralHas.get(codePoint);
    if (has === undefined) {
      has = this.glyphIdOf(codePoint) !== 0;
      this.astralHas.set(codePoint, has);
    }
    return has;
  }

  /** Advance width of the code point's glyph in em (no kerning, no shaping: CJK needs none). */
  advance(codePoint: number): number {
    if (codePoint < 0x10000) {
      const a = this.bmpAdvance[codePoint]!;
      if (a === a) return a; // not NaN
      const v = this.glyph(codePoint).advanceWidth / this.unitsPerEm;
      this.bmpAdvance[codePoint] = v;
      return v;
    }
    let a = this.astralAdvance.get(codePoint);
    if (a === undefined) {
      a = this.glyph(codePoint).advanceWidth / this.unitsPerEm;
      this.astralAdvance.set(codePoint, a);
    }
    return a;
  }

  /** Throws FontDamageError when the glyph's outline is damaged (TrueType outlines are checked before use). */
  glyph(codePoint: number): GlyphRecord {
    let g = this.glyphs.get(codePoint);
    if (!g) {
      const id = this.glyphIdOf(codePoint);
      this.sfnt?.checkGlyph(id);
      g = { id, advanceWidth: this.advanceOf(id), codePoints: [codePoint] };
      this.glyphs.set(codePoint, g);
    }
    return g;
  }

  /** Width of `text` at `size` points. */
  measure(text: string, size: number): number {
    let w = 0;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
        c = text.codePointAt(i)!;
        i++;
      }
      w += this.advance(c);
    }
    return w * size;
  }
}

import { closeSync, fstatSync, openSync, read, readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { FontConfigError } from './errors.js';
import { SfntTables } from './sfnt.js';
import { TrueTypeProgram } from './truetype-program.js';

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

  glyph(codePoint: number): GlyphRecord {
    let g = this.glyphs.get(codePoint);
    if (!g) {
      const id = this.glyphIdOf(codePoint);
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

/** Opened font files by absolute path: each is parsed once per process. */
const files = new Map<string, FontFile>();
/**
 * Every distinct font program opened, by byte length: a file whose bytes equal an opened one's
 * (a copy, a hard link, another spelling of the path) is that font. Fonts are told apart by their
 * bytes only, never by a name inside them: two different files may carry the same PostScript name.
 */
const programs = new Map<number, { bytes: Uint8Array; file: FontFile }[]>();
/** Font files read ahead (readFontFileAhead), waiting to be opened. */
const readAhead = new Map<string, Buffer>();

/** Opens (once per process) the font file at an absolute path. */
export function openFontFile(absPath: string, what: string): FontFile {
  const cached = files.get(absPath);
  if (cached) return cached;
  let opened: fontkit.Font | fontkit.FontCollection | TrueTypeProgram;
  let bytes: Buffer;
  let sfnt: SfntTables | null;
  try {
    bytes = readAhead.get(absPath) ?? readFileSync(absPath);
    readAhead.delete(absPath);
    const same = sameProgram(bytes);
    if (same) {
      files.set(absPath, same);
      return same;
    }
    sfnt = trueTypeTables(bytes);
    opened = sfnt ? new TrueTypeProgram(sfnt) : fontkit.create(bytes);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message;
    throw new FontConfigError(`Font for ${what}: cannot open ${absPath}: ${reason}`);
  }
  if ('fonts' in opened && !('unitsPerEm' in opened)) {
    throw new FontConfigError(
      `Font for ${what}: ${absPath} is a font collection (.ttc); point the role at a single-face .ttf/.otf file`,
    );
  }
  const file = new FontFile(absPath, opened as fontkit.Font | TrueTypeProgram, sfnt);
  files.set(absPath, file);
  const sameLength = programs.get(bytes.length);
  if (sameLength) sameLength.push({ bytes, file });
  else programs.set(bytes.length, [{ bytes, file }]);
  return file;
}

/** The opened font whose file has exactly these bytes, if any. */
function sameProgram(bytes: Buffer): FontFile | undefined {
  return programs.get(bytes.length)?.find((p) => bytes.equals(p.bytes))?.file;
}

/**
 * Starts reading a font file in the background (a few tens of megabytes for CJK fonts): one read
 * on libuv's thread pool, which goes on while the main thread loads and checks the data, so the
 * file is in memory when layout opens it. Failures are left for openFontFile to report.
 */
export function readFontFileAhead(absPath: string): Promise<void> {
  if (files.has(absPath) || readAhead.has(absPath)) return Promise.resolve();
  let fd: number;
  let size: number;
  try {
    fd = openSync(absPath, 'r');
    size = fstatSync(fd).size;
  } catch {
    return Promise.resolve();
  }
  const bytes = Buffer.allocUnsafe(size);
  return new Promise((done) => {
    read(fd, bytes, 0, size, 0, (err, n) => {
      closeSync(fd);
      if (!err && n === size) readAhead.set(absPath, bytes);
      done();
    });
  });
}

/** For tests and long-lived workers: how many distinct font programs this process has parsed. */
export function openedFontFileCount(): number {
  let n = 0;
  for (const list of programs.values()) n += list.length;
  return n;
}

/** The raw-table reader for TrueType outlines; anything it cannot read is left to fontkit. */
function trueTypeTables(bytes: Uint8Array): SfntTables | null {
  if (!SfntTables.isTrueType(bytes)) return null;
  try {
    return new SfntTables(bytes);
  } catch {
    return null;
  }
}

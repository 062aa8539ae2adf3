import { resolve } from 'node:path';
import { readFontConfig } from './config.js';
import { contextAround, describeRole, FontConfigError, MissingGlyphError } from './errors.js';
import type { FontFile, GlyphRecord } from './font-file.js';
import { damagedFont, openFontFile, readFontFileAhead } from './open-font.js';
import { FONT_ROLES, type FontRole } from './roles.js';

export { FONT_ROLES, isFontRole, type FontRole } from './roles.js';
export { MissingGlyphError, FontConfigError, formatCodePoint, contextAround } from './errors.js';
export { type GlyphRecord } from './font-file.js';
export { openedFontFileCount } from './open-font.js';

/** The font of one role. Widths are in points for a given size; metrics in em. */
export interface FontFace {
  readonly role: FontRole;
  /** Absolute path of the role's font file, as configured (named in messages). */
  readonly path: string;
  /**
   * The parsed font, shared process-wide by every role whose file has the same bytes: what the
   * painter embeds, one embedded font per FontFile.
   */
  readonly file: FontFile;
  /** Top of the em box above the baseline (em). */
  readonly ascent: number;
  /** Bottom of the em box below the baseline (em, positive). */
  readonly descent: number;
  hasGlyph(codePoint: number): boolean;
  /** Advance width in em of one code point (cached). */
  advance(codePoint: number): number;
  /** Width in points of `text` at `size`. */
  measure(text: string, size: number): number;
  glyph(codePoint: number): GlyphRecord;
  /** The error for the font file found damaged while it is embedded. */
  damaged(err: unknown): FontConfigError;
  /** Throws MissingGlyphError for the first character of `text` this font lacks. */
  assertPrintable(text: string, context?: { text: string; offset: number }): void;
}

export interface FontSet {
  readonly configPath: string;
  readonly roles: readonly FontRole[];
  face(role: FontRole): FontFace;
}

/**
 * A role's font. A glyph that turns out damaged when it is first read (its outline, or whatever
 * fontkit reads lazily) is reported as the role's damaged font file.
 */
class RoleFace implements FontFace {
  readonly ascent: number;
  readonly descent: number;
  constructor(
    readonly role: FontRole,
    readonly file: FontFile,
    readonly path: string,
    private readonly where: string,
  ) {
    this.ascent = file.ascent;
    this.descent = file.descent;
  }
  hasGlyph(codePoint: number): boolean {
    try {
      return this.file.hasGlyph(codePoint);
    } catch (err) {
      throw damagedFont(this.path, this.where, err);
    }
  }
  advance(codePoint: number): number {
    try {
      return this.file.advance(codePoint);
    } catch (err) {
      throw damagedFont(this.path, this.where, err);
    }
  }
  measure(text: string, size: number): number {
    try {
      return this.file.measure(text, size);
    } catch (err) {
      throw damagedFont(this.path, this.where, err);
    }
  }
  glyph(codePoint: number): GlyphRecord {
    try {
      return this.file.glyph(codePoint);
    } catch (err) {
      throw damagedFont(this.path, this.where, err);
    }
  }
  /** For what is read of the font after layout (pdfkit embedding it): the same message. */
  damaged(err: unknown): FontConfigError {
    return damagedFont(this.path, this.where, err);
  }
  assertPrintable(text: string, context?: { text: string; offset: number }): void {
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i)!;
      if (!this.hasGlyph(cp)) {
        const ch = String.fromCodePoint(cp);
        const ctx = context ? contextAround(context.text, context.offset + i) : contextAround(text, i);
        throw new MissingGlyphError(ch, this.role, this.path, ctx);
      }
      if (cp > 0xffff) i++;
    }
  }
}

/**
 * Loads the role → font file configuration (fonts/fonts.yaml). Each font file is parsed once per
 * process (cached by absolute path), so calling this again, or for another config naming the same
 * files, only re-reads the small YAML file.
 */
export function loadFontSet(configPath = 'fonts/fonts.yaml', root: string = process.cwd()): FontSet {
  const absConfig = resolve(root, configPath);
  const paths = readFontConfig(configPath, root);
  const faces = new Map<FontRole, FontFace>();
  for (const role of FONT_ROLES) {
    const where = `${describeRole(role)}，见 ${absConfig}`;
    faces.set(role, new RoleFace(role, openFontFile(paths[role], where), paths[role], where));
  }
  const set: FontSet = {
    configPath: absConfig,
    roles: FONT_ROLES,
    face(role: FontRole): FontFace {
      const f = faces.get(role);
      if (!f) throw new FontConfigError(`未知的字体角色“${String(role)}”（可用的角色：${FONT_ROLES.join('、')}）`);
      return f;
    },
  };
  return set;
}

/**
 * Reads the font files of a configuration ahead, in the background; loadFontSet then finds them
 * in memory. Await it after other work (the point is that the reading overlaps that work). Never
 * rejects: a configuration or file problem is reported by loadFontSet.
 */
export async function readFontSetAhead(configPath = 'fonts/fonts.yaml', root: string = process.cwd()): Promise<void> {
  let paths: Record<FontRole, string>;
  try {
    paths = readFontConfig(configPath, root);
  } catch {
    return;
  }
  await Promise.all([...new Set(Object.values(paths))].map(readFontFileAhead));
}

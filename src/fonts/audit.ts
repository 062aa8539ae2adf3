import type { FontFace, FontSet } from './index.js';
import type { FontRole } from './roles.js';

/** A character that the font of a role lacks. */
export interface MissingGlyph {
  readonly codePoint: number;
  readonly role: FontRole;
  readonly fontPath: string;
}

export interface GlyphAudit {
  /** The same fonts, except that a lacking glyph is recorded instead of failing the layout. */
  readonly fonts: FontSet;
  /** Every (character, role) the layout asked for and the role's font lacks, in the order met. */
  missing(): MissingGlyph[];
}

/**
 * Wraps a font set so that one layout finds every missing glyph, not only the first: the layout
 * asks the same faces the same questions as when it prints (its own glyph test, the font's cmap),
 * so `check`, which runs this, and `render` give one verdict. A face claims to have the glyph
 * after recording it; the layout then measures .notdef, and nothing laid out so is ever painted.
 */
export function auditFontSet(inner: FontSet): GlyphAudit {
  const found = new Map<string, MissingGlyph>();
  const faces = new Map<FontRole, FontFace>();
  const faceOf = (role: FontRole): FontFace => {
    let face = faces.get(role);
    if (!face) {
      const real = inner.face(role);
      const record = (cp: number) => {
        const key = `${cp}/${role}`;
        if (!found.has(key)) found.set(key, { codePoint: cp, role, fontPath: real.path });
      };
      // Everything else (metrics, glyph records, the file) is the real face's.
      const audited: FontFace = Object.create(real);
      audited.hasGlyph = (cp: number) => {
        if (!real.hasGlyph(cp)) record(cp);
        return true;
      };
      audited.assertPrintable = (text: string) => {
        for (const ch of text) if (!real.hasGlyph(ch.codePointAt(0)!)) record(ch.codePointAt(0)!);
      };
      face = audited;
      faces.set(role, face);
    }
    return face;
  };
  return {
    fonts: { configPath: inner.configPath, roles: inner.roles, face: faceOf },
    missing: () => [...found.values()],
  };
}

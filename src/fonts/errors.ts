import type { FontRole } from './roles.js';

/** Formats a code point as `U+2611`. */
export function formatCodePoint(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** About `radius` characters either side of `index` in `text` (code-point safe), with ellipses. */
export function contextAround(text: string, index: number, radius = 10): string {
  const chars = Array.from(text);
  // index is a UTF-16 offset: convert to a code-point index.
  let cpIndex = 0;
  for (let u = 0; cpIndex < chars.length && u < index; cpIndex++) u += chars[cpIndex]!.length;
  const from = Math.max(0, cpIndex - radius);
  const to = Math.min(chars.length, cpIndex + radius + 1);
  return (from > 0 ? '…' : '') + chars.slice(from, to).join('') + (to < chars.length ? '…' : '');
}

/** A character that the font of its role cannot print. Never printed as a blank box: layout stops. */
export class MissingGlyphError extends Error {
  readonly char: string;
  readonly codePoint: number;
  readonly role: FontRole;
  readonly fontPath: string;
  readonly context: string;

  constructor(char: string, role: FontRole, fontPath: string, context: string) {
    const codePoint = char.codePointAt(0) ?? 0;
    const file = fontPath.split(/[\\/]/).pop();
    super(
      `Missing glyph: "${char}" (${formatCodePoint(codePoint)}) is not in the font of role "${role}" ` +
        `(${file}); in the text "${context}". Use another character or point the role at a font that has it ` +
        `(fonts/fonts.yaml).`,
    );
    this.name = 'MissingGlyphError';
    this.char = char;
    this.codePoint = codePoint;
    this.role = role;
    this.fontPath = fontPath;
    this.context = context;
  }
}

/** What each role prints, for messages. */
const ROLE_USES: Record<FontRole, string> = {
  title: '封面与表格标题',
  heading: '各级标题',
  body: '正文',
  bold: '正文加粗',
  table: '表格',
};

/** A role as a message names it: 角色“body”（正文）. */
export function describeRole(role: FontRole): string {
  return `角色“${role}”（${ROLE_USES[role]}）`;
}

/**
 * A font file that is not a sound font: cut short, overwritten, not a font at all. The message
 * says what is wrong in Chinese; the file and the role are added by whoever opened it.
 */
export class FontDamageError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'FontDamageError';
  }
}

/** A sound TrueType font the raw-table reader does not handle (a cmap format it cannot read). */
export class UnsupportedFontError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedFontError';
  }
}

/** A problem with the font configuration (unknown role, missing role, missing, unreadable or damaged file). */
export class FontConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FontConfigError';
  }
}

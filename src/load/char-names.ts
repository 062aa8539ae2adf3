import { CHAR_NAMES } from './char-names-table.js';

let names: Map<number, string> | undefined;

/** The Unicode name of a character the loader or the glyph check talks about, when known. */
export function charName(cp: number): string | undefined {
  if (cp >= 0xfe00 && cp <= 0xfe0f) return `VARIATION SELECTOR-${cp - 0xfe00 + 1}`;
  if (cp >= 0xe0100 && cp <= 0xe01ef) return `VARIATION SELECTOR-${cp - 0xe0100 + 17}`;
  if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x3134f)) {
    return `CJK UNIFIED IDEOGRAPH-${cp.toString(16).toUpperCase()}`;
  }
  if (!names) {
    names = new Map();
    for (const line of CHAR_NAMES.split('\n')) names.set(parseInt(line.slice(0, line.indexOf(' ')), 16), line.slice(line.indexOf(' ') + 1));
  }
  return names.get(cp);
}

/** "U+00AD SOFT HYPHEN", or "U+E000" when the name is not known here. */
export function describeChar(cp: number): string {
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = charName(cp);
  return name ? `${code} ${name}` : code;
}

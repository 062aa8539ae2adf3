import type { FontRole, FontSet } from '../fonts/index.js';
import { contextAround, MissingGlyphError } from '../fonts/index.js';
import type { Inline } from './markup-model.js';

/**
 * The smallest pieces a line is built of: one CJK character, one run of ASCII letters/digits
 * ("11,314.64", "2023", "PDF/A"), one space, a checkbox, or a forced break.
 */
export interface Atom {
  kind: 'char' | 'word' | 'space' | 'box' | 'br';
  text: string;
  role: FontRole;
  size: number;
  /** Natural width in points. */
  width: number;
  checked?: boolean;
  /** May not begin a line (closing punctuation 。，、）》…). */
  noStart: boolean;
  /** May not end a line (opening punctuation （《“…, checkbox before its label). */
  noEnd: boolean;
}

/** Characters that never begin a line (行首禁则). */
export const NO_LINE_START = new Set(
  Array.from('。，、；：？！）》」』”’】〕〉〗｝］％%…—·．｡､,.;:?!)]}>〙〛｠'),
);
/** Characters that never end a line (行尾禁则). */
export const NO_LINE_END = new Set(Array.from('（《「『“‘【〔〈〖｛［([{<〘〚｟￥¥$'));

const isAlnum = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** ASCII punctuation kept inside a word when a letter or digit follows: 11,314.64  2023-2024  PDF/A. */
const WORD_JOINERS = new Set(Array.from(".,:/-_+'&@#"));

export interface AtomStyle {
  role: FontRole;
  boldRole: FontRole;
  size: number;
}

/**
 * Splits inline content into measured atoms. Every character is checked against its role's font:
 * a missing glyph throws MissingGlyphError with the text around it.
 */
export function toAtoms(content: Inline[], style: AtomStyle, fonts: FontSet): Atom[] {
  const atoms: Atom[] = [];
  const fullText = content.map((i) => (i.kind === 'text' ? i.text : i.kind === 'checkbox' ? '□' : '\n')).join('');
  let offset = 0;
  for (const item of content) {
    if (item.kind === 'br') {
      atoms.push({ kind: 'br', text: '', role: style.role, size: style.size, width: 0, noStart: false, noEnd: false });
      offset += 1;
      continue;
    }
    if (item.kind === 'checkbox') {
      atoms.push({
        kind: 'box', text: '', role: style.role, size: style.size, width: style.size,
        checked: item.checked, noStart: true, noEnd: true, // stays with its label, before or after it
      });
      offset += 1;
      continue;
    }
    const role = item.bold ? style.boldRole : style.role;
    const face = fonts.face(role);
    const text = item.text;
    const size = style.size;
    let i = 0;
    while (i < text.length) {
      const cp = text.codePointAt(i)!;
      const len = cp > 0xffff ? 2 : 1;
      if (!face.hasGlyph(cp)) {
        throw new MissingGlyphError(String.fromCodePoint(cp), role, face.path, contextAround(fullText, offset + i));
      }
      if (cp === 32) {
        atoms.push({ kind: 'space', text: ' ', role, size, width: face.advance(32) * size, noStart: false, noEnd: false });
        i += 1;
        continue;
      }
      if (isAlnum(cp)) {
        // A word: letters/digits with joiners between them, and a trailing %.
        let j = i + 1;
        let w = face.advance(cp);
        while (j < text.length) {
          const c = text.charCodeAt(j);
          if (isAlnum(c)) {
            if (!face.hasGlyph(c)) {
              throw new MissingGlyphError(text[j]!, role, face.path, contextAround(fullText, offset + j));
            }
            w += face.advance(c);
            j++;
          } else if (WORD_JOINERS.has(text[j]!) && j + 1 < text.length && isAlnum(text.charCodeAt(j + 1))) {
            if (!face.hasGlyph(c)) {
              throw new MissingGlyphError(text[j]!, role, face.path, contextAround(fullText, offset + j));
            }
            w += face.advance(c);
            j++;
          } else break;
        }
        atoms.push({ kind: 'word', text: text.slice(i, j), role, size, width: w * size, noStart: false, noEnd: false });
        i = j;
        continue;
      }
      const ch = text.slice(i, i + len);
      atoms.push({
        kind: 'char',
        text: ch,
        role,
        size,
        width: face.advance(cp) * size,
        noStart: NO_LINE_START.has(ch),
        noEnd: NO_LINE_END.has(ch),
      });
      i += len;
    }
    offset += text.length;
  }
  return atoms;
}

/** Splits a word atom into character atoms (emergency breaking of a word wider than the line). */
export function splitWord(atom: Atom, fonts: FontSet): Atom[] {
  const face = fonts.face(atom.role);
  return Array.from(atom.text).map((ch) => ({
    kind: 'char' as const,
    text: ch,
    role: atom.role,
    size: atom.size,
    width: face.advance(ch.codePointAt(0)!) * atom.size,
    noStart: false,
    noEnd: false,
  }));
}

/** Natural width of the widest run that the line breaker keeps together (a column's minimum). */
export function widestUnbreakable(atoms: Atom[]): number {
  let max = 0;
  let run = 0;
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i]!;
    if (a.kind === 'br' || a.kind === 'space') {
      run = 0;
      continue;
    }
    run = i > 0 && !canBreakBetween(atoms[i - 1]!, a) ? run + a.width : a.width;
    if (run > max) max = run;
  }
  return max;
}

/** Whether a line may end between a and b (b does not begin with the line's last atom). */
export function canBreakBetween(a: Atom, b: Atom): boolean {
  if (a.kind === 'br') return true;
  if (b.noStart || a.noEnd) return false;
  // Keep —— and …… whole.
  if (a.kind === 'char' && a.text === b.text && (a.text === '—' || a.text === '…')) return false;
  return true;
}

/** Natural width of atoms (without trailing spaces). */
export function naturalWidth(atoms: Atom[]): number {
  let end = atoms.length;
  while (end > 0 && atoms[end - 1]!.kind === 'space') end--;
  let w = 0;
  for (let i = 0; i < end; i++) w += atoms[i]!.width;
  return w;
}

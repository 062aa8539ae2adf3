import type { FontFace, FontRole, FontSet } from '../fonts/index.js';
import { contextAround, MissingGlyphError } from '../fonts/index.js';
import { store } from './atom-store.js';
import type { Inline } from './markup-model.js';

/**
 * The smallest pieces a line is built of: one CJK character, one run of ASCII letters/digits
 * ("11,314.64", "2023", "PDF/A"), one space, a checkbox, or a forced break.
 */
export type AtomKind = typeof CHAR | typeof WORD | typeof SPACE | typeof BOX | typeof BR;
export const CHAR = 0;
export const WORD = 1;
export const SPACE = 2;
export const BOX = 3;
export const BR = 4;

// Flag bits of an atom (ALNUM and JOINER: of characters only, in CLASS).

/** May not begin a line (closing punctuation 。，、）》…). */
export const NO_START = 1;
/** May not end a line (opening punctuation （《“…, checkbox before its label). */
export const NO_END = 2;
/** Set in the bold role (which may be the same font as the plain one). */
export const BOLD = 4;
/** A checked checkbox. */
export const CHECKED = 8;
/** — or …: two in a row stay together (—— ……). */
const DOUBLED = 16;
/**
 * No line may break between this atom and the one before it: it is closing punctuation, the
 * one before is opening punctuation or a checkbox, or the two make —— or ……. (Set by toAtoms,
 * so the line breaker tests one bit per atom.)
 */
export const GLUED = 128;
const ALNUM = 32;
const JOINER = 64;

/**
 * The atoms of one piece of inline content, measured in one style: store indices first … end-1.
 * Each atom's text is text.slice(offset[i], offset[i + 1]) (store slot `end` holds the final
 * offset): the atoms tile `text`, so a run of consecutive atoms is one slice of it.
 */
export interface Atoms {
  /** The content's text, a stand-in character for each checkbox (□) and <br/> (\n). */
  readonly text: string;
  readonly first: number;
  readonly end: number;
  readonly role: FontRole;
  readonly boldRole: FontRole;
  readonly size: number;
}

/** Characters that never begin a line (行首禁则). */
export const NO_LINE_START = new Set(
  Array.from('。，、；：？！）》」』”’】〕〉〗｝］％%…—·．｡､,.;:?!)]}>〙〛｠'),
);
/** Characters that never end a line (行尾禁则). */
export const NO_LINE_END = new Set(Array.from('（《「『“‘【〔〈〖｛［([{<〘〚｟￥¥$'));

/** ASCII punctuation kept inside a word when a letter or digit follows: 11,314.64  2023-2024  PDF/A. */
const WORD_JOINERS = ".,:/-_+'&@#";

/** Line-breaking class bits of every BMP character (the sets above hold BMP characters only). */
const CLASS = charClasses();

function charClasses(): Uint8Array {
  const c = new Uint8Array(0x10000);
  for (const ch of NO_LINE_START) c[ch.charCodeAt(0)]! |= NO_START;
  for (const ch of NO_LINE_END) c[ch.charCodeAt(0)]! |= NO_END;
  c[0x2014] |= DOUBLED;
  c[0x2026] |= DOUBLED;
  for (let k = 48; k <= 57; k++) c[k] |= ALNUM;
  for (let k = 65; k <= 90; k++) c[k] |= ALNUM;
  for (let k = 97; k <= 122; k++) c[k] |= ALNUM;
  for (let k = 0; k < WORD_JOINERS.length; k++) c[WORD_JOINERS.charCodeAt(k)] |= JOINER;
  return c;
}

export interface AtomStyle {
  role: FontRole;
  boldRole: FontRole;
  size: number;
}

/** The text toAtoms measures: the text pieces, one stand-in character per checkbox and <br/>. */
function contentText(content: Inline[]): string {
  if (content.length === 1 && content[0]!.kind === 'text') return content[0].text;
  let s = '';
  for (const i of content) s += i.kind === 'text' ? i.text : i.kind === 'checkbox' ? '□' : '\n';
  return s;
}

/**
 * Splits inline content into measured atoms. Every character is checked against its role's font:
 * a missing glyph throws MissingGlyphError with the text around it.
 */
export function toAtoms(content: Inline[], style: AtomStyle, fonts: FontSet): Atoms {
  const fullText = contentText(content);
  // At most one atom per UTF-16 unit, and the final offset.
  store.reserve(fullText.length + 1);
  const { kind, flags, offset, width } = store;
  const size = style.size;
  const first = store.length;
  let n = first;
  let at = 0; // offset of the current item in fullText
  for (const item of content) {
    if (item.kind !== 'text') {
      const box = item.kind === 'checkbox';
      kind[n] = box ? BOX : BR;
      // A checkbox stays with its label, before or after it.
      flags[n] = box ? NO_START | NO_END | (item.checked ? CHECKED : 0) : 0;
      offset[n] = at;
      width[n] = box ? size : 0;
      n++;
      at += 1;
      continue;
    }
    const role = item.bold ? style.boldRole : style.role;
    n = textAtoms(item.text, fonts.face(role), role, item.bold ? BOLD : 0, size, n, at, fullText);
    at += item.text.length;
  }
  markGlued(fullText, first, n);
  offset[n] = fullText.length;
  store.length = n + 1;
  return { text: fullText, first, end: n, role: style.role, boldRole: style.boldRole, size };
}

/** Sets GLUED on atoms first+1 … end-1 (a <br/> ends its line whatever follows it). */
function markGlued(text: string, first: number, end: number): void {
  const { kind, flags, offset } = store;
  for (let k = first + 1; k < end; k++) {
    if (kind[k - 1] === BR) continue;
    const before = flags[k - 1]!;
    const doubled = before & DOUBLED && kind[k] === CHAR && text.charCodeAt(offset[k - 1]!) === text.charCodeAt(offset[k]!);
    if (flags[k]! & NO_START || before & NO_END || doubled) flags[k]! |= GLUED;
  }
}

/**
 * The atoms of one piece of text in one face, from store slot n on (returns the next free slot).
 * `at` is the text's offset in `fullText`, the content's whole text (for error messages). Kept
 * apart from toAtoms so that this loop, which runs for every character, is compiled for
 * strings and one kind of face only, whatever mix of inline items toAtoms sees.
 */
function textAtoms(
  text: string, face: FontFace, role: FontRole, bold: number, size: number, n: number, at: number, fullText: string,
): number {
  const { kind, flags, offset, width } = store;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    if (!face.hasGlyph(cp)) {
      throw new MissingGlyphError(String.fromCodePoint(cp), role, face.path, contextAround(fullText, at + i));
    }
    offset[n] = at + i;
    flags[n] = bold;
    if (cp === 32) {
      kind[n] = SPACE;
      width[n] = face.advance(32) * size;
      n++;
      i += 1;
      continue;
    }
    const cls = cp < 0x10000 ? CLASS[cp]! : 0;
    if (cls & ALNUM) {
      // A word: letters/digits with joiners between them.
      let j = i + 1;
      let w = face.advance(cp);
      while (j < text.length) {
        const c = text.charCodeAt(j);
        const k = CLASS[c]!;
        if (!(k & ALNUM) && !(k & JOINER && j + 1 < text.length && CLASS[text.charCodeAt(j + 1)]! & ALNUM)) break;
        if (!face.hasGlyph(c)) {
          throw new MissingGlyphError(text[j]!, role, face.path, contextAround(fullText, at + j));
        }
        w += face.advance(c);
        j++;
      }
      kind[n] = WORD;
      width[n] = w * size;
      n++;
      i = j;
      continue;
    }
    kind[n] = CHAR;
    flags[n] = bold | (cls & (NO_START | NO_END | DOUBLED));
    width[n] = face.advance(cp) * size;
    n++;
    i += cp > 0xffff ? 2 : 1;
  }
  return n;
}

/** The font role of atom i of `atoms`. */
export function roleOf(atoms: Atoms, i: number): FontRole {
  return store.flags[i]! & BOLD ? atoms.boldRole : atoms.role;
}

/**
 * A copy of atoms from..atoms.end with the words in from..to split into character atoms
 * (emergency breaking of a run wider than the line). The copy shares the text.
 */
export function splitWords(atoms: Atoms, from: number, to: number, fonts: FontSet): Atoms {
  store.reserve(atoms.end - from + (atoms.text.length - store.offset[from]!) + 1);
  const { kind, flags, offset, width } = store;
  const text = atoms.text;
  const first = store.length;
  let n = first;
  for (let i = from; i < atoms.end; i++) {
    if (i < to && kind[i] === WORD) {
      const face = fonts.face(roleOf(atoms, i));
      for (let u = offset[i]!; u < offset[i + 1]!; u++) {
        // Words are ASCII: one character per UTF-16 unit.
        kind[n] = CHAR;
        // The first piece stays glued as the word was; the others may break before them.
        flags[n] = flags[i]! & (u === offset[i] ? BOLD | GLUED : BOLD);
        offset[n] = u;
        width[n] = face.advance(text.charCodeAt(u)) * atoms.size;
        n++;
      }
      continue;
    }
    kind[n] = kind[i]!;
    flags[n] = flags[i]!;
    offset[n] = offset[i]!;
    width[n] = width[i]!;
    n++;
  }
  offset[n] = text.length;
  store.length = n + 1;
  return { ...atoms, first, end: n };
}

/** Natural width of the widest run that the line breaker keeps together (a column's minimum). */
export function widestUnbreakable(atoms: Atoms): number {
  const { kind, flags, width } = store;
  let max = 0;
  let run = 0;
  for (let i = atoms.first; i < atoms.end; i++) {
    const k = kind[i];
    if (k === BR || k === SPACE) {
      run = 0;
      continue;
    }
    run = i > atoms.first && flags[i]! & GLUED ? run + width[i]! : width[i]!;
    if (run > max) max = run;
  }
  return max;
}

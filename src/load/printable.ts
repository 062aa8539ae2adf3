import { InputError, type Diagnostic } from '../model/diagnostics.js';
import { NumLit, type Locator } from './parsed.js';
import { describeChar } from './char-names.js';
import { positionInScalar } from './scalar-position.js';

/**
 * The rule for characters that would not print as themselves (docs/data-format.md, "Characters").
 * The layout draws one glyph per character, with no shaping, so:
 *
 * - text is NFC-normalised: e + U+0301 COMBINING ACUTE ACCENT becomes é, one character;
 * - default-ignorable characters (soft hyphen, zero-width spaces and joiners, direction marks and
 *   embeddings, word joiners, BOM inside text, variation selectors…) print as nothing when a
 *   renderer understands them, and wrongly here (a soft hyphen as "-"): they are removed, each
 *   with a warning naming its place;
 * - what still cannot print as itself is refused, with its place: control characters (tab, line
 *   feed and carriage return excepted: they are white space), line and paragraph separators,
 *   unpaired surrogates, and a combining mark that NFC cannot join to the character before it.
 *
 * Whether the fonts have each remaining character is for the glyph check (src/glyph-coverage.ts).
 */

/** Quick test: a string holding none of these needs only NFC. */
const SPECIAL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{M}\p{Default_Ignorable_Code_Point}\p{Cs}]/u;
const WHITE = /^[\t\n\r]$/;
const INVISIBLE = /^\p{Default_Ignorable_Code_Point}$/u;
const CONTROL = /^\p{Cc}$/u;
const SEPARATOR = /^[\p{Zl}\p{Zp}]$/u;
const SURROGATE = /^\p{Cs}$/u;
const MARK = /\p{M}/u;

/** At most this many refusals are listed, as for schema errors. */
const MAX_LISTED = 20;

/** Chinese names of the invisible characters an officer meets in pasted text. */
const INVISIBLE_NAMES: Record<number, string> = {
  0x00ad: '软连字符，会印成“-”',
  0x200b: '零宽空格',
  0x200c: '零宽不连字',
  0x200d: '零宽连字',
  0x200e: '从左到右标记',
  0x200f: '从右到左标记',
  0x2060: '零宽连接符',
  0xfeff: '零宽不换行空格（BOM）',
};

export interface Printable {
  /** The data with every string normalised and stripped. */
  data: unknown;
  /** A warning for each character removed. */
  notes: Diagnostic[];
}

/**
 * Applies the rule to every string value of parsed YAML (keys are the schema's to judge).
 * Throws InputError (exit 1) listing what cannot print, with line and column.
 */
export function printableText(data: unknown, locator: Locator, text: string): Printable {
  // Most files hold nothing of the kind: no need to walk them (an escape could make one).
  if (!SPECIAL.test(text.replace(/[\t\n\r]/g, '')) && !text.includes('\\') && text.normalize('NFC') === text) {
    return { data, notes: [] };
  }
  const notes: Diagnostic[] = [];
  const refused: Diagnostic[] = [];
  const visit = (value: unknown, path: (string | number)[]): unknown => {
    if (typeof value === 'string') return printableString(value, path, locator, text, notes, refused);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = visit(value[i], [...path, i]);
    } else if (value !== null && typeof value === 'object' && !(value instanceof NumLit)) {
      const map = value as Record<string, unknown>;
      for (const key of Object.keys(map)) map[key] = visit(map[key], [...path, key]);
    }
    return value;
  };
  const out = visit(data, []);
  if (refused.length > 0) throw new InputError(refused.slice(0, MAX_LISTED), 1);
  return { data: out, notes };
}

function printableString(
  raw: string, path: (string | number)[], locator: Locator, text: string, notes: Diagnostic[], refused: Diagnostic[],
): string {
  if (!SPECIAL.test(raw)) return raw.normalize('NFC');
  // the words around, not the YAML path: the line and column say where it stands in the file
  const shown = Array.from(raw).filter((c) => !INVISIBLE.test(c) && !WHITE.test(c));
  const field = `文字“${shown.slice(0, 16).join('')}${shown.length > 16 ? '…' : ''}”`;
  const at = (index: number) => {
    const node = locator.locate(path);
    return node ? positionInScalar(text, node, raw, index) : {};
  };
  let kept = '';
  /** Index in `raw` of each unit of `kept`, to place a mark found in it. */
  const from: number[] = [];
  for (let i = 0; i < raw.length; ) {
    const cp = raw.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (WHITE.test(ch)) {
      // white space, collapsed by the layout
    } else if (INVISIBLE.test(ch)) {
      const what = INVISIBLE_NAMES[cp] ?? '不可见的格式字符';
      notes.push({
        severity: 'warning', rule: 'char-invisible', file: locator.file, ...at(i), actual: describeChar(cp),
        message: `${field}中有不可见字符 ${describeChar(cp)}（${what}），本工具不能照它的本意排印，已删去`,
      });
      i += ch.length;
      continue;
    } else if (CONTROL.test(ch) || SEPARATOR.test(ch) || SURROGATE.test(ch)) {
      const [what, hint] = CONTROL.test(ch)
        ? ['控制字符', '请删去']
        : SEPARATOR.test(ch)
          ? ['行或段分隔符', '请删去；分段请用列表的下一项']
          : ['不成对的代理码元（不是完整的字符）', '请删去'];
      refused.push({
        severity: 'error', rule: 'char-control', file: locator.file, ...at(i), actual: describeChar(cp),
        message: `${field}中有${what} ${describeChar(cp)}，印不出来：${hint}`,
      });
    }
    for (let k = 0; k < ch.length; k++) from.push(i);
    kept += ch;
    i += ch.length;
  }
  if (MARK.test(kept)) unjoinedMarks(kept, from, field, locator, at, refused);
  return kept.normalize('NFC');
}

/**
 * Combining marks that NFC leaves apart from their base: each cluster (a base and the marks
 * after it) is normalised alone, and a mark that survives is refused at its place.
 */
function unjoinedMarks(
  kept: string, from: number[], field: string, locator: Locator,
  at: (index: number) => { line?: number; column?: number }, refused: Diagnostic[],
): void {
  const clusters = /\P{M}?\p{M}+/gu;
  for (const m of kept.matchAll(clusters)) {
    const joined = m[0].normalize('NFC');
    const left = joined.match(MARK);
    if (!left) continue;
    const cp = left[0].codePointAt(0)!;
    const offset = m.index + Math.max(0, m[0].indexOf(left[0]));
    const base = MARK.test(m[0][0]!) ? '' : `前面的“${m[0][0]}”`;
    refused.push({
      severity: 'error', rule: 'char-combining', file: locator.file, ...at(from[offset]!), actual: describeChar(cp),
      message: `${field}中的组合附加符号 ${describeChar(cp)} 不能与${base || '任何字符'}合成一个字符（本工具逐字排印，会把它印在字母旁边）：请改用带该符号的单个字符，或删去`,
    });
  }
}

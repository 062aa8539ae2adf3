import { basename } from 'node:path';
import type { Loaded } from '../load/index.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { describeChar } from '../load/char-names.js';
import { positionOfChar } from '../load/scalar-position.js';
import { sortDiagnostics } from './index.js';
import { partOfPath } from './data-place.js';

/**
 * A character that the font of a role lacks, as the font audit (src/fonts/audit.ts) reports it.
 * The checker sits below the fonts, so it names what it reads instead of importing their type.
 */
export interface MissingGlyph {
  readonly codePoint: number;
  readonly role: string;
  readonly fontPath: string;
}

/** What each font role prints, in the officer's words. */
const ROLE_WORDS: Record<string, string> = {
  title: '封面和表格标题',
  heading: '标题',
  body: '正文',
  bold: '粗体文字',
  table: '表格和图表',
};

/** Places listed per missing character: enough to find them all in an ordinary file. */
const MAX_PLACES = 10;

/**
 * One error per place where a character that the font of its role lacks stands in the data
 * (file:line:column of the character itself, escapes and continued lines counted), or one for
 * the file when the character is not the department's own (a catalog name, a template's words).
 */
export function missingGlyphDiagnostics(missing: readonly MissingGlyph[], loaded: Loaded): Diagnostic[] {
  const out: Diagnostic[] = [];
  const strings = [...stringsOf(loaded.model, [])];
  for (const m of missing) {
    const char = String.fromCodePoint(m.codePoint);
    const what =
      `字体缺字：“${char}”（${describeChar(m.codePoint)}）不在“${m.role}”角色（${ROLE_WORDS[m.role] ?? m.role}）的字体 ` +
      `${basename(m.fontPath)} 中`;
    const fix = '请改用其他字符，或在 fonts/fonts.yaml 中为该角色指定含此字的字体';
    const places = strings.filter(([s]) => s.includes(char));
    for (const [s, path] of places.slice(0, MAX_PLACES)) {
      const node = loaded.locator.locate(path);
      const at = node ? positionOfChar(loaded.sourceText, node, s, char) : {};
      out.push({ severity: 'error', rule: 'missing-glyph', file: loaded.file, ...at, actual: char, message: `${what}，出现在${partOfPath(loaded, path)}：“${s.length > 24 ? `${s.slice(0, 24)}…` : s}”。${fix}` });
    }
    if (places.length > MAX_PLACES) {
      out.push({ severity: 'error', rule: 'missing-glyph', file: loaded.file, actual: char, message: `${what}：另有 ${places.length - MAX_PLACES} 处未列出` });
    }
    if (places.length === 0) {
      const inCatalog = catalogNames(loaded).some((name) => name.includes(char));
      out.push({
        severity: 'error', rule: 'missing-glyph', file: inCatalog ? loaded.catalog.file : loaded.file, actual: char,
        message: `${what}，出现在${inCatalog ? '科目目录的名称中' : '报告的固定文字中'}。${fix}`,
      });
    }
  }
  // In the checker's order, so that render lists them as check does.
  return sortDiagnostics(out);
}

function catalogNames(loaded: Loaded): string[] {
  return [...Object.values(loaded.catalog.data.functional), ...Object.values(loaded.catalog.data.economic)];
}

/** Every string of the department's data with its YAML path (amounts are not strings). */
function* stringsOf(value: unknown, path: (string | number)[]): Generator<[string, (string | number)[]]> {
  if (typeof value === 'string') yield [value, path];
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* stringsOf(value[i], [...path, i]);
  else if (value && typeof value === 'object' && !('value' in value && 'decimals' in value)) {
    for (const [k, v] of Object.entries(value)) yield* stringsOf(v, [...path, k]);
  }
}

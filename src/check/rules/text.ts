import { TRADITIONAL_PAIRS } from './traditional-chars.js';
import type { Diagnostic, Severity } from '../../model/diagnostics.js';
import type { CheckContext, Path } from '../context.js';
import type { RuleFamily } from '../rule.js';
import { printedFinding, quote } from '../printed-words.js';
import { dataPlace } from '../data-place.js';

/**
 * Typing slips that survive proofreading: traditional characters inside simplified text (the
 * reference's "職業年金"), and template residue — alternatives left unchosen ("下降（增长）"),
 * placeholders ("XX局"), doubled punctuation ("。。", "，。"), leaked field codes ("PAGEREF _Toc").
 */
/**
 * `unfilled`: the template was never filled in there (an alternative not chosen, a placeholder, a
 * field code): a report going online must not print it, so it is an error unless the report is an
 * archive of a published one. Doubled punctuation is a slip of the pen: a warning.
 */
const RESIDUE: { re: RegExp; what: string; unfilled: boolean }[] = [
  { re: /(增长|下降|增加|减少|大于|小于|上升)[（(](增长|下降|增加|减少|大于|小于|上升)[）)]/, what: '未选定的备选词', unfilled: true },
  { re: /[。，；、：][。，；、]/, what: '重复或相连的标点', unfilled: false },
  { re: /XX|ＸＸ|××/, what: '占位符', unfilled: true },
  { re: /PAGEREF|_Toc\d|MERGEFORMAT|\{\{|\}\}/, what: '残留的域代码或模板标记', unfilled: true },
];

const residueSeverity = (ctx: CheckContext, unfilled: boolean): Severity => (unfilled && !ctx.archive ? 'error' : 'warning');

/**
 * Characters of the 通用规范汉字表 that the converter still maps (著 in 显著, 乾 in 乾坤): standard
 * simplified text uses them, so they are not slips.
 */
const STANDARD_SIMPLIFIED = new Set([...'著乾瞭藉覆']);

let table: Map<string, string> | undefined;
/** BMP code units that are traditional characters (1), for a quick pass over every string. */
let marks: Uint8Array | undefined;

/** The simplified form of a traditional character (table from opencc-js, scripts/gen-traditional.mjs). */
function toSimplified(ch: string): string {
  return conversions().get(ch) ?? ch;
}

function conversions(): Map<string, string> {
  if (!table) {
    table = new Map();
    marks = new Uint8Array(0x10000);
    const chars = Array.from(TRADITIONAL_PAIRS);
    for (let i = 0; i + 1 < chars.length; i += 2) {
      table.set(chars[i]!, chars[i + 1]!);
      const code = chars[i]!.codePointAt(0)!;
      if (code < 0x10000 && chars[i] !== chars[i + 1] && !STANDARD_SIMPLIFIED.has(chars[i]!)) marks[code] = 1;
    }
  }
  return table;
}

/** Character by character, so a phrase-level conversion never reports a simplified word. */
function traditionalChars(text: string): string[] {
  conversions();
  const found: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x3400) continue;
    let ch: string;
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      ch = String.fromCodePoint(text.codePointAt(i)!);
      i++;
      if (toSimplified(ch) === ch) continue;
    } else {
      if (marks![c] !== 1) continue;
      ch = text[i]!;
    }
    if (!found.includes(ch)) found.push(ch);
  }
  return found;
}

/** Every string of the department's data, with its YAML path. */
function* strings(value: unknown, path: Path): Generator<[string, Path]> {
  if (typeof value === 'string') yield [value, path];
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* strings(value[i], [...path, i]);
  else if (value && typeof value === 'object' && !('value' in value && 'decimals' in value)) {
    for (const [k, v] of Object.entries(value)) yield* strings(v, [...path, k]);
  }
}

const SKIP = new Set(['format', 'catalog', 'pins']);

/** The department's words with their paths, gathered once per model for both rules. */
const gathered = new WeakMap<object, [string, Path][]>();

function gatheredStrings(ctx: CheckContext): [string, Path][] {
  let all = gathered.get(ctx.model);
  if (!all) {
    all = [];
    for (const [key, value] of Object.entries(ctx.model)) {
      if (SKIP.has(key)) continue;
      for (const entry of strings(value, [key])) all.push(entry);
    }
    gathered.set(ctx.model, all);
  }
  return all;
}

/** Runs `find` over every string of the department's words; `find` returns its findings. */
function overStrings(ctx: CheckContext, find: (text: string, path: Path) => Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [text, path] of gatheredStrings(ctx)) {
    const found = find(text, path);
    if (found.length > 0) out.push(...found);
  }
  return out;
}

/** Where the words print (page and heading), else the part of the report the path feeds. */
const placeOfWords = (ctx: CheckContext, path: Path, words: string): string => dataPlace(ctx.loaded, path, ctx.printed, words);

/**
 * Residue in the printed words that no string of the data holds: the templates' own words, or a
 * published PDF's (a WPS form's "增加（减少）"). Each occurrence, with its page and the sentence.
 */
function printedResidue(ctx: CheckContext): Diagnostic[] {
  if (!ctx.printed) return [];
  const data = gatheredStrings(ctx).map(([t]) => t);
  const out: Diagnostic[] = [];
  for (const entry of ctx.printed) {
    for (const { re, what, unfilled } of RESIDUE) {
      for (const m of entry.text.matchAll(new RegExp(re.source, 'g'))) {
        // the data's own (reported at its line above): its words on one side at least, the
        // templates may print others on the other side
        const left = entry.text.slice(Math.max(0, m.index - 8), m.index + m[0].length);
        const right = entry.text.slice(m.index, m.index + m[0].length + 8);
        if (data.some((t) => t.includes(left) || t.includes(right))) continue;
        out.push(printedFinding(ctx, { severity: residueSeverity(ctx, unfilled), rule: 'text-residue', entry, start: m.index, end: m.index + m[0].length, what: `${what}“${m[0]}”` }));
      }
    }
  }
  return out;
}

export const textRules: RuleFamily = {
  family: 'text',
  rules: [
    {
      id: 'char-invisible',
      description: '不可见的格式字符（软连字符、零宽空格、方向控制符、异体字选择符等）：已删去',
      // Found and removed by the loader (src/load/printable.ts), so that render prints what check saw.
      run: (ctx: CheckContext) => ctx.loaded.notes.filter((d) => d.rule === 'char-invisible'),
    },
    {
      id: 'deprecated-table-keys',
      description: '数据文件仍用旧表名 t01…t09：照旧读取，提示运行 juesuan migrate',
      // Found by the loader (src/load/legacy-keys.ts), which reads the old keys as the new ones.
      run: (ctx: CheckContext) => ctx.loaded.notes.filter((d) => d.rule === 'deprecated-table-keys'),
    },
    {
      id: 'catalog-form-rows',
      description: '科目目录仍列 summary_classes / basic_detail_form：不再读取（表式印出的固定行由表式规定）',
      // Found by the catalog loader (src/load/catalog.ts); the rows are the form set's (profile.yaml `forms:`).
      run: (ctx: CheckContext) => ctx.loaded.notes.filter((d) => d.rule === 'catalog-form-rows'),
    },
    {
      id: 'text-traditional',
      description: '简体文本中夹有繁体字（如“職業年金”）',
      readsPrinted: true,
      run: (ctx: CheckContext) =>
        overStrings(ctx, (text, path) => {
          const chars = traditionalChars(text);
          if (chars.length === 0) return [];
          const simplified = chars.map((c) => `${c}→${toSimplified(c)}`).join('、');
          const at = text.indexOf(chars[0]!);
          const place = placeOfWords(ctx, path, text.slice(Math.max(0, at - 6), at + 6));
          return [ctx.diagnostic({ severity: 'warning', rule: 'text-traditional', message: `${place}：简体文本中有繁体字 ${simplified}：“${quote(text, at, at + 1)}”`, at: path, expected: chars.map((c) => toSimplified(c)).join(''), actual: chars.join('') })];
        }),
    },
    {
      id: 'text-residue',
      description: '模板残留：未选定的备选词、占位符、重复标点、域代码（数据中的文字，以及印出的文字）',
      readsPrinted: true,
      run: (ctx: CheckContext) => {
        const fromData = overStrings(ctx, (text, path) =>
          RESIDUE.flatMap(({ re, what, unfilled }) => {
            const m = re.exec(text);
            if (!m) return [];
            const around = text.slice(Math.max(0, m.index - 8), m.index + m[0].length + 8);
            const place = placeOfWords(ctx, path, around);
            return [ctx.diagnostic({ severity: residueSeverity(ctx, unfilled), rule: 'text-residue', message: `${place}：${what}“${m[0]}”（…${around}…）`, at: path, actual: m[0] })];
          }),
        );
        return [...fromData, ...printedResidue(ctx)];
      },
    },
  ],
};

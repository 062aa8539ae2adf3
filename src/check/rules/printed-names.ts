import type { Diagnostic } from '../../model/diagnostics.js';
import type { PrintedText } from '../../model/printed-text.js';
import type { CheckContext } from '../context.js';
import { editDistance, entries, printedFinding } from '../printed-words.js';
import type { Rule, RuleFamily } from '../rule.js';
import { normalName } from '../../load/catalog.js';

/**
 * Names as printed: the department's own name wherever it stands (cover, part titles, table
 * headers, narrative), and a 科目 printed with its code against the year's catalog.
 */

/** A place name ahead of the department's own: 武汉市, 江岸区, 湖北省, 恩施县. */
const REGION = /^[^省市区县\s]{2,6}?(?:自治区|省|市|区|县)/;

/** "武汉市江岸区住房保障和房屋管理局" → regions [武汉市, 江岸区], core 住房保障和房屋管理局. */
export function splitName(name: string): { regions: string[]; core: string } {
  const regions: string[] = [];
  let rest = name;
  for (;;) {
    const m = REGION.exec(rest);
    if (!m || rest.length - m[0].length < 4) break;
    regions.push(m[0]);
    rest = rest.slice(m[0].length);
  }
  return { regions, core: rest };
}

/** The header lines that name the department ("部门：…", "单位名称：…", "编制单位：…"). */
const NAMING_LINE = /^(部门|单位名称|编制单位|单位)[：:]\s*(.+)$/;

function nameFindings(ctx: CheckContext, e: PrintedText, name: string, shortName: string): Diagnostic[] {
  const { regions, core } = splitName(name);
  const region = regions.join('');
  const text = e.text;
  const out: Diagnostic[] = [];
  const flag = (start: number, end: number, what: string) =>
    out.push(printedFinding(ctx, { severity: 'error', rule: 'printed-department-name', entry: e, start, end, what, expected: name }));
  const exact: [number, number][] = [];
  for (let i = text.indexOf(core); i >= 0; i = text.indexOf(core, i + 1)) exact.push([i, i + core.length]);

  // a header line names the department in full (or by its short name), nothing else
  const line = e.kind === 'table-header' ? NAMING_LINE.exec(text) : null;
  if (line && line[2]!.includes(core) && line[2] !== name && line[2] !== shortName) {
    flag(text.indexOf(line[2]!), text.length, `表头的单位名称与部门名称“${name}”不一致`);
    return out;
  }
  // the core after the department's own place names but not all of the last ones (the district dropped)
  for (const [s] of exact) {
    let before = text.slice(0, s);
    let places = '';
    for (let found = true; found; ) {
      found = false;
      for (const r of regions) {
        if (before.endsWith(r)) {
          places = r + places;
          before = before.slice(0, -r.length);
          found = true;
        }
      }
    }
    if (places === '' || region.endsWith(places)) continue;
    flag(s - places.length, s + core.length, `部门名称印作“${places}${core}”，与“${name}”不一致`);
  }
  // one character changed, dropped or added: first and last characters kept, so an ordinary
  // phrase that starts like the name ("住房保障和房屋管理工作") is not one
  if (core.length >= 5) {
    const first = core[0]!;
    const last = core[core.length - 1]!;
    for (let i = text.indexOf(first); i >= 0; i = text.indexOf(first, i + 1)) {
      for (const len of [core.length - 1, core.length, core.length + 1]) {
        const end = i + len;
        if (end > text.length || text[end - 1] !== last) continue;
        if (exact.some(([s, t]) => i < t && end > s)) continue;
        const w = text.slice(i, end);
        if (editDistance(w, core) !== 1) continue;
        flag(i, end, `部门名称印作“${w}”，与“${core}”差一字`);
        break;
      }
    }
  }
  return out;
}

const departmentNameRule: Rule = {
  id: 'printed-department-name',
  description: '印出的部门名称处处一致：封面、部分标题、表头、正文中差一字（改、漏、多）或漏掉区县名的为错误',
  readsPrinted: true,
  run: (ctx) => {
    const { name, short_name: shortName } = ctx.model.department;
    return entries(ctx)
      .filter((e) => e.kind !== 'chart-label')
      .flatMap((e) => nameFindings(ctx, e, name, shortName));
  },
};

/** A code printed with a name: "2210201住房公积金", "2080505 机关事业单位基本养老保险缴费支出". */
const CODE_NAME = /(?<![\d.])(\d{7}|\d{5}|\d{3})(?![\d.])[ \u3000]*([\u4e00-\u9fa5（）()、]{2,})/g;

const subjectNameRule: Rule = {
  id: 'printed-subject-name',
  description: '正文中与科目编码一同印出的科目名称与当年科目目录不一致',
  readsPrinted: true,
  run: (ctx) => {
    const out: Diagnostic[] = [];
    for (const e of entries(ctx, 'paragraph', 'table-note')) {
      for (const m of e.text.matchAll(CODE_NAME)) {
        const code = m[1]!;
        const official = ctx.catalog.functionalName(code) ?? (code.startsWith('3') ? ctx.catalog.economicName(code) : undefined);
        if (!official) continue;
        const printed = normalName(m[2]!);
        const want = normalName(official);
        if (printed.startsWith(want)) continue;
        // the printed name is the run of characters as long as the catalog's, give or take one
        const best = [want.length - 1, want.length, want.length + 1]
          .map((n) => printed.slice(0, n))
          .map((w) => ({ w, d: editDistance(w, want) }))
          .sort((a, b) => a.d - b.d)[0]!;
        const former = ctx.catalog.formerName(code, best.w);
        if (!former && best.d > Math.max(1, Math.floor(want.length / 3))) continue;
        const start = m.index + m[0].indexOf(m[2]!);
        const what = former
          ? `科目 ${code} 印作“${best.w}”，是 ${former.until} 年及以前的名称，${ctx.catalog.year} 年科目目录为“${official}”`
          : `科目 ${code} 印作“${best.w}”，${ctx.catalog.year} 年科目目录为“${official}”`;
        out.push(printedFinding(ctx, { severity: 'warning', rule: 'printed-subject-name', entry: e, start, end: start + best.w.length, what, expected: official, actual: best.w }));
      }
    }
    return out;
  },
};

export const printedNameRules: RuleFamily = {
  family: 'printed-names',
  rules: [departmentNameRule, subjectNameRule],
};

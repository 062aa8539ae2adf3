import { InputError, type Diagnostic } from '../model/diagnostics.js';
import { contentLines, runningHeads } from './page-furniture.js';
import type { PdfText, TextLine } from './pdf-text.js';
import { chineseNumber } from '../model/number-format.js';

/**
 * The document's outline as printed: the 目录 pages (skipped: they list the same titles), the
 * parts (第一部分 … 第N部分) and the nine tables of 第二部分, each with the lines it covers.
 * Titles are recognised as any producer prints them: with or without a "公开0N表" label, spaces,
 * half- or full-width brackets and quotes, a department or year before the title.
 */

/** The nine tables, by what they are (not by their number: regions number and order them differently). */
export const FORMS = [
  'summary',
  'income',
  'expenditure',
  'fiscal_summary',
  'general_budget',
  'basic_detail',
  'government_fund',
  'state_capital',
  'three_public',
] as const;
export type FormId = (typeof FORMS)[number];

/** The title each form is printed under, as a pattern over the normalised text (see normalise). */
const TITLES: ReadonlyArray<[FormId, RegExp, string]> = [
  // The longer titles first: "支出决算表" ends several of them.
  ['fiscal_summary', /财政拨款收入支出决算总表$/, '财政拨款收入支出决算总表'],
  ['summary', /收入支出决算总表$/, '收入支出决算总表'],
  ['basic_detail', /一般公共预算财政拨款基本支出决算(?:明细)?表$/, '一般公共预算财政拨款基本支出决算表'],
  ['general_budget', /一般公共预算财政拨款支出决算表$/, '一般公共预算财政拨款支出决算表'],
  ['government_fund', /政府性基金预算财政拨款收入支出决算表$/, '政府性基金预算财政拨款收入支出决算表'],
  ['state_capital', /国有资本经营预算财政拨款(?:收入)?支出决算表$/, '国有资本经营预算财政拨款支出决算表'],
  ['three_public', /财政拨款三公经费支出决算表$/, '财政拨款“三公”经费支出决算表'],
  ['income', /收入决算表$/, '收入决算表'],
  ['expenditure', /支出决算表$/, '支出决算表'],
];

/** What may stand before a title on its line: a form label, a year, a department. */
const TITLE_PREFIX = /^(?:公开\d{1,2}表|表[一二三四五六七八九十\d]{1,2}|.*\d{4}年度?|.*(?:局|委|办|院|厅|部|会|署|中心|单位|政府|法院|检察院))?$/;
const CONTINUED = /[（(]?续表?[）)]?$/;
const LABEL = /^公开\d{1,2}表(?:[（(]续[）)])?$/;
const UNIT = /单位[：:]\s*(万元|千元|元)/;
const PART = /^第([一二三四五六七八九十]{1,3})部分(.*)$/;

export interface Part {
  number: number;
  /** The title after 第N部分, joined over its lines. */
  title: string;
  page: number;
  y: number;
  /** The baseline of its last line (a long title wraps). */
  bottom: number;
}

export interface TableLocation {
  form: FormId;
  /** The title as printed (spaces dropped), e.g. 一般公共预算财政拨款基本支出决算明细表. */
  title: string;
  /** 公开01表 …, where printed. */
  label?: string;
  /** The unit printed with the table, if any. */
  unit: '万元' | '千元' | '元' | null;
  page: number;
  /** The table's lines, page by page, from its title (excluded) to the next title or part. */
  lines: TextLine[][];
  pages: number[];
}

export interface Outline {
  tocPages: number[];
  parts: Part[];
  tables: TableLocation[];
  /** Each page's lines without page numbers and running heads (index 0 is page 1). */
  content: TextLine[][];
  findings: Diagnostic[];
}

/** Spaces dropped, brackets full-width, quotes dropped: titles compare on what they say. */
export function normalise(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/["'“”‘’「」『』]/g, '');
}

/**
 * Finds the parts and tables of a report; refuses (exit 2) a PDF in which not one of the nine
 * tables is found: whatever it is, it is not a 部门决算.
 */
export function findOutline(text: PdfText): Outline {
  const heads = runningHeads(text.pages);
  const content = text.pages.map((p) => contentLines(p, heads));
  const tocPages = findToc(content);
  const skip = new Set(tocPages);
  const parts = findParts(content, skip);
  const titles = findTableTitles(content, skip);
  if (titles.length === 0) {
    const what = parts.length > 0 ? `找到了${parts.map((p) => `“第${chineseNumber(p.number)}部分”`).join('、')}，但` : '';
    throw new InputError(
      [{ severity: 'error', rule: 'not-final-accounts', message: `${what}未找到部门决算的任何一张表（收入支出决算总表、收入决算表等），不是部门决算公开文件`, file: text.file }],
      2,
    );
  }
  const findings: Diagnostic[] = [];
  if (parts.length === 0) findings.push({ severity: 'warning', rule: 'no-parts', message: '未找到“第一部分”等部分标题；只按表名读取各表', file: text.file });
  const tables = titles.map((t, i) => locate(t, titles[i + 1], parts, content));
  for (const t of tables) {
    if (!t.unit) findings.push({ severity: 'warning', rule: 'no-unit', message: `第${t.page}页 ${t.title}：未找到金额单位（“单位：万元”等）`, file: text.file });
  }
  return { tocPages, parts, tables, content, findings };
}

interface TitleAt {
  form: FormId;
  title: string;
  label?: string;
  unit: TableLocation['unit'];
  page: number;
  y: number;
  /** Where its block begins: the form label printed above the title, else the title. */
  top: number;
}

/** The 目录: the page titled 目录 (目 录) among the first pages, and the pages that go on listing. */
function findToc(content: TextLine[][]): number[] {
  const first = content.slice(0, 8).findIndex((lines) => lines.slice(0, 3).some((l) => normalise(l.text) === '目录'));
  if (first < 0) return [];
  const pages = [first + 1];
  for (let i = first + 1; i < content.length; i++) {
    const lines = content[i]!;
    // The body begins where 第一部分 heads a page: the 目录 lists it first, never at a page top after.
    if (lines.length === 0 || normalise(lines[0]!.text).startsWith('第一部分')) break;
    const listing = lines.filter((l) => isTocEntry(l.text)).length;
    if (listing < 0.6 * lines.length) break;
    pages.push(i + 1);
  }
  return pages;
}

function isTocEntry(text: string): boolean {
  const t = text.trim();
  if (/(?:[.．·…]\s?){3,}\d{1,4}$/.test(t)) return true;
  const n = normalise(t);
  return n.length <= 40 && !/[，。；]/.test(n) && (PART.test(n) || /^[一二三四五六七八九十]{1,3}、/.test(n) || /^（[一二三四五六七八九十]{1,3}）/.test(n));
}

function findParts(content: TextLine[][], skip: ReadonlySet<number>): Part[] {
  const parts: Part[] = [];
  content.forEach((lines, i) => {
    if (skip.has(i + 1)) return;
    lines.forEach((line, k) => {
      const m = PART.exec(normalise(line.text));
      if (!m || /[，。；]/.test(m[2]!) || m[2]!.length > 60) return;
      const number = chineseValue(m[1]!);
      if (!number || parts.some((p) => p.number === number)) return;
      let title = line.text.replace(/^\s*第\s*[一二三四五六七八九十]{1,3}\s*部\s*分\s*/, '');
      // A long title wraps: the next line in the same font continues it.
      const next = lines[k + 1];
      const wraps =
        next && Math.abs(next.fontSize - line.fontSize) < 0.5 && next.y - line.y <= 2.2 * line.fontSize && !PART.test(normalise(next.text)) && !/^[一二三四五六七八九十]{1,3}、/.test(next.text.trim());
      if (wraps) title += next.text.trim();
      parts.push({ number, title: title.replace(/\s+/g, ' ').trim(), page: i + 1, y: line.y, bottom: wraps ? next.y : line.y });
    });
  });
  return parts.sort((a, b) => a.page - b.page || a.y - b.y);
}

function findTableTitles(content: TextLine[][], skip: ReadonlySet<number>): TitleAt[] {
  const found: TitleAt[] = [];
  content.forEach((lines, i) => {
    if (skip.has(i + 1)) return;
    lines.forEach((line, k) => {
      const match = matchTitle(line);
      if (!match) return;
      const labelLine = lines
        .slice(Math.max(0, k - 2), k)
        .reverse()
        .find((l) => LABEL.test(normalise(l.text)));
      const label = labelLine && normalise(labelLine.text);
      const unitLine = lines.slice(k, k + 4).find((l) => UNIT.test(l.text));
      // A title stands over a table: its unit or its form label is printed with it.
      if (!unitLine && !label) return;
      found.push({
        ...match,
        label: label?.replace(/[（(]续[）)]$/, ''),
        unit: (unitLine ? UNIT.exec(unitLine.text)![1] : null) as TitleAt['unit'],
        page: i + 1,
        y: line.y,
        top: labelLine?.y ?? line.y,
      });
    });
  });
  return found;
}

function matchTitle(line: TextLine): Pick<TitleAt, 'form' | 'title'> | null {
  for (const candidate of [line.text, ...line.cells.map((c) => c.text)]) {
    const n = normalise(candidate).replace(CONTINUED, '');
    if (n.length > 60 || /[，。；：:]/.test(n)) continue;
    for (const [form, pattern] of TITLES) {
      const m = pattern.exec(n);
      if (m && TITLE_PREFIX.test(n.slice(0, m.index))) return { form, title: n.slice(m.index) };
    }
  }
  return null;
}

/** A table's lines: from below its title to the next table's title, or the next part. */
function locate(t: TitleAt, next: TitleAt | undefined, parts: readonly Part[], content: TextLine[][]): TableLocation {
  const nextPart = parts.find((p) => p.page > t.page || (p.page === t.page && p.y > t.y));
  const ends = [next && { page: next.page, y: next.top }, nextPart && { page: nextPart.page, y: nextPart.y }]
    .filter((e): e is { page: number; y: number } => Boolean(e))
    .sort((a, b) => a.page - b.page || a.y - b.y)[0];
  const lastPage = ends ? (ends.page > t.page && firstLineY(content[ends.page - 1]!) >= ends.y ? ends.page - 1 : ends.page) : content.length;
  const lines: TextLine[][] = [];
  const pages: number[] = [];
  for (let p = t.page; p <= lastPage; p++) {
    const onPage = content[p - 1]!.filter((l) => (p > t.page || l.y > t.y + 0.1) && (!ends || p < ends.page || l.y < ends.y - 0.1));
    if (onPage.length === 0 && p > t.page) continue;
    lines.push(onPage);
    pages.push(p);
  }
  return { form: t.form, title: t.title, label: t.label, unit: t.unit, page: t.page, lines, pages };
}

function firstLineY(lines: TextLine[]): number {
  return lines[0]?.y ?? Infinity;
}

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九十九 → 1 … 99; 0 for anything else. */
export function chineseValue(s: string): number {
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '') return 0;
  if (!m[2]) return m[3] ? 0 : DIGITS[m[1]!]!;
  return (m[1] ? DIGITS[m[1]]! : 1) * 10 + (m[3] ? DIGITS[m[3]]! : 0);
}


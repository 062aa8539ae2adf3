import { basename, extname } from 'node:path';
import { Decimal as Exact } from 'decimal.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { Catalog } from '../load/catalog.js';
import type { Profile } from '../model/profile.js';
import type { ReadReport, PartText } from './read-report.js';
import type { NarrativeSection, Paragraph } from './narrative-text.js';
import { toTableData } from './table-keys.js';
import type { FormId } from './outline.js';
import { Commented, Decimal, type Value } from './yaml-emit.js';

/**
 * What a read report (read-report.ts) says, in the department file's shape: the skeleton (format,
 * profile, year, catalog, department, cover), 第一部分, the nine tables and what the form set's
 * later parts hold that the file has a place for. 第三部分 is added by narrative-file.ts, once the
 * tables can be calculated. Nothing is guessed: what cannot be read is a finding with its page.
 */

export type Doc = { [key: string]: Value };

export interface Skeleton {
  year: number | undefined;
  name: string | undefined;
  profile: string;
}

const YEAR = /(\d{4})年度/;

/** The profile of a report: Hubei/Wuhan numbers its tables 公开01表…; Shanghai's form set prints none. */
export function guessProfile(report: ReadReport): string {
  return report.tables.some((t) => t.label && /^公开\d{1,2}表/.test(t.label)) ? 'hubei-wuhan-2023' : 'shanghai-2024';
}

export function readSkeleton(report: ReadReport): Omit<Skeleton, 'profile'> {
  const part1 = report.parts.find((p) => p.number === 1);
  const part3 = report.parts.find((p) => p.number === 3);
  const year = [...report.cover, part3?.title ?? '', ...report.parts.map((p) => p.title)].map((t) => YEAR.exec(t.replace(/\s+/g, ''))?.[1]).find(Boolean);
  const name = part1?.title.replace(/\s+/g, '').replace(/概况$/, '') || undefined;
  return { year: year ? Number(year) : undefined, name };
}

/** 武汉市江岸区住房保障和房屋管理局 → 江岸区住房保障和房屋管理局: the name without its city. */
export function shortName(name: string): string {
  const m = /^(?:[^省市]{2,3}省)?[^市区县]{2,3}市(.{4,})$/.exec(name);
  return m ? m[1]! : name;
}

function cover(report: ReadReport, name: string, year: number): { title_lines: string[]; date?: string } {
  const lines = report.cover.filter((l) => !/^\d{4}年\d{1,2}月\d{1,2}日$/.test(l.replace(/\s+/g, '')));
  const date = report.cover.map((l) => /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(l.replace(/\s+/g, ''))).find(Boolean);
  return {
    title_lines: lines.length > 0 ? lines : [`${year}年度${name}部门决算`],
    ...(date ? { date: `${date[1]}-${date[2]!.padStart(2, '0')}-${date[3]!.padStart(2, '0')}` } : {}),
  };
}

const NUMBER = /^-?\d+(?:\.\d+)?$/;

/** A printed amount in the file's unit (万元), exactly; undefined (and a finding) for what is no amount. */
function toWan(text: string, unit: string | null): Decimal | undefined {
  if (!NUMBER.test(text)) return undefined;
  if (unit === '元') return new Decimal(new Exact(text).div(10000).toFixed());
  if (unit === '千元') return new Decimal(new Exact(text).div(10).toFixed());
  return new Decimal(text);
}

/** Every amount string of a table's data as an exact Decimal, every code as text; odd cells reported. */
function amounts(v: unknown, unit: string | null, where: string, findings: string[]): Value {
  if (Array.isArray(v)) return v.map((x) => amounts(x, unit, where, findings));
  if (v && typeof v === 'object') {
    const out: Doc = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (k === 'code' || k === 'name') out[k] = String(x);
      else if (typeof x === 'string') {
        const d = toWan(x, unit);
        if (d) out[k] = d;
        else findings.push(`${where}：“${x}”不是金额，未读入`);
      } else out[k] = amounts(x, unit, where, findings);
    }
    return out;
  }
  return v as Value;
}

/** Two pieces of one table (a form printed again on its next page): rows follow rows, fields merge. */
function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    if (Array.isArray(prev) && Array.isArray(v)) out[k] = [...prev, ...v];
    else if (prev && typeof prev === 'object' && v && typeof v === 'object') out[k] = merge(prev as Record<string, unknown>, v as Record<string, unknown>);
    else out[k] = v;
  }
  return out;
}

export interface TablesRead {
  tables: Doc;
  /** Each table's pages, for comments and for findings that name a page. */
  pages: Partial<Record<FormId, number[]>>;
  findings: Diagnostic[];
}

const SHAPE: Partial<Record<FormId, string[]>> = { summary: ['income'], fiscal_summary: ['income'], three_public: ['budget', 'actual'] };

const ORDER: FormId[] = ['summary', 'income', 'expenditure', 'fiscal_summary', 'general_budget', 'basic_detail', 'government_fund', 'state_capital', 'three_public'];

export function readTables(report: ReadReport, catalog: Catalog): TablesRead {
  const classes = new Map(
    Object.entries(catalog.data.functional)
      .filter(([code]) => code.length === 3)
      .map(([code, name]) => [name.replace(/\s+/g, ''), code]),
  );
  const classCode = (name: string) => classes.get(name.replace(/\s+/g, ''));
  const byForm = new Map<FormId, { data: Record<string, unknown>; pages: number[]; unit: string | null; title: string }>();
  const findings: Diagnostic[] = [];
  for (const t of report.tables) {
    const data = toTableData(t, classCode) as Record<string, unknown>;
    const prev = byForm.get(t.form);
    byForm.set(t.form, prev ? { ...prev, data: merge(prev.data, data), pages: [...prev.pages, ...t.pages] } : { data, pages: [...t.pages], unit: t.unit, title: t.title });
    if (t.header.length === 0) findings.push({ severity: 'warning', rule: 'import-table-unread', message: `第${t.pages[0]}页 ${t.title}：未能重建表格，未读入其金额`, file: report.file });
  }
  const tables: Doc = {};
  const pages: TablesRead['pages'] = {};
  for (const form of ORDER) {
    const t = byForm.get(form);
    if (!t) {
      findings.push({ severity: 'warning', rule: 'import-table-missing', message: `未找到${formTitle(form)}，未读入`, file: report.file });
      continue;
    }
    const odd: string[] = [];
    const where = `第${t.pages.join('、')}页 ${t.title}`;
    // The parts every such table has, even when none of its cells is filled (a blank form).
    for (const key of SHAPE[form] ?? []) t.data[key] ??= {};
    const value = amounts(t.data, t.unit, where, odd);
    for (const o of odd) findings.push({ severity: 'warning', rule: 'import-cell', message: o, file: report.file });
    const unitNote = t.unit && t.unit !== '万元' ? `，原表单位为${t.unit}，已折算为万元` : '';
    tables[form] = new Commented([`${t.title}：第${t.pages.join('、')}页${unitNote}`], value);
    pages[form] = t.pages;
  }
  return { tables, pages, findings };
}

function formTitle(form: FormId): string {
  return {
    summary: '收入支出决算总表',
    income: '收入决算表',
    expenditure: '支出决算表',
    fiscal_summary: '财政拨款收入支出决算总表',
    general_budget: '一般公共预算财政拨款支出决算表',
    basic_detail: '一般公共预算财政拨款基本支出决算明细表',
    government_fund: '政府性基金预算财政拨款收入支出决算表',
    state_capital: '国有资本经营预算财政拨款支出决算表',
    three_public: '财政拨款“三公”经费支出决算表',
  }[form];
}

/** A section's paragraphs and sub-headings in the order printed, as the file's blocks. */
export function blocksOf(section: NarrativeSection): Value[] {
  const para = (p: Paragraph): Value => (p.indent ? p.text : { line: p.text });
  return [...section.paragraphs.map(para), ...section.subsections.flatMap((s) => [s.indent ? s.heading : ({ line: s.heading } as Value), ...s.paragraphs.map(para)])];
}

const ORDINAL = /^[一二三四五六七八九十]{1,3}、\s*/;

/** 第一部分: 一、duties, 二、organization (Shanghai: and its units table 序号 | 单位名称 | 备注). */
function overview(part: PartText | undefined, profile: Profile, findings: Diagnostic[], file: string): Doc {
  const [duties, organization] = splitOrganization(part?.sections ?? []);
  if (!part || !duties) {
    findings.push({ severity: 'warning', rule: 'import-part-missing', message: '未找到第一部分（概况）的内容，需手工补录', file });
  }
  const withHeadings = profile.inputs.required.includes('overview.duties.heading');
  const orgBlocks = organization ? blocksOf(organization) : [];
  const doc: Doc = {
    duties: { ...(withHeadings ? { heading: (duties?.heading ?? '').replace(ORDINAL, '') } : {}), blocks: duties ? blocksOf(duties) : [] },
    organization: { ...(withHeadings ? { heading: (organization?.heading ?? '').replace(ORDINAL, '') } : {}), blocks: orgBlocks },
  };
  if (profile.inputs.required.includes('overview.organization.units') || profile.inputs.optional.includes('overview.organization.units')) {
    // The units table (序号 | 单位名称 | 备注), in the table's size: one row per line under its header.
    const rows = part?.otherLines ?? [];
    const start = rows.findIndex((cells) => cells[0] === '序号');
    const units: Value[] = [];
    for (const cells of start >= 0 ? rows.slice(start + 1) : []) {
      // a row left blank in a form ("4 。。。": more rows may follow) is no unit
      const name = (cells[1] ?? '').replace(/\s+/g, '');
      if (!/^\d{1,3}$/.test(cells[0] ?? '') || !name || /^[。.…·、]+$/.test(name)) continue;
      units.push(cells[2] ? { name, note: cells.slice(2).join('') } : { name });
    }
    if (units.length > 0) (doc.organization as Doc).units = units;
    else if (profile.inputs.required.includes('overview.organization.units')) {
      findings.push({ severity: 'warning', rule: 'import-part-unread', message: `第${part?.page ?? 1}页 部门决算单位构成表：未能读出各单位，需手工补录`, file });
    }
  }
  return doc;
}

/**
 * 一、 and 二、 of 第一部分. A heading too long to be told from text (a form's "二、部门决算单位构成
 * （仅有一个单位的部门，本部分内容为“机构设置”）") stays a paragraph of 一、: split there.
 */
function splitOrganization(sections: NarrativeSection[]): (NarrativeSection | undefined)[] {
  const [duties, organization] = sections;
  if (!duties || organization) return sections;
  const at = duties.paragraphs.findIndex((p) => /^二、/.test(p.text));
  if (at < 0 || duties.subsections.length > 0) return sections;
  const heading = duties.paragraphs[at]!;
  return [
    { ...duties, paragraphs: duties.paragraphs.slice(0, at) },
    { heading: heading.text, page: heading.page, paragraphs: duties.paragraphs.slice(at + 1), subsections: [] },
  ];
}

/** Shanghai's 名词解释 is fixed wording but for "主要是：…收入等" of 事业收入, 经营收入, 其他收入. */
function incomeSources(part: PartText | undefined): Doc | undefined {
  if (!part) return undefined;
  const out: Doc = {};
  const keys: Array<[RegExp, string]> = [
    [/^二、事业收入/, 'business'],
    [/^三、经营收入/, 'operating'],
    [/^四、其他收入/, 'other'],
  ];
  const texts = part.sections.flatMap((s) => [s.heading, ...s.paragraphs.map((p) => p.text), ...s.subsections.flatMap((x) => [x.heading, ...x.paragraphs.map((p) => p.text)])]);
  for (const t of texts) {
    const key = keys.find(([re]) => re.test(t))?.[1];
    const m = /主要是：(.+?)收入等。?$/.exec(t);
    if (key && m) out[key] = m[1]!;
  }
  return Object.keys(out).length ? out : undefined;
}

const TERM = /^（([一二三四五六七八九十]{1,3})）(.+?)(?:：(.*))?$/;
const ITEM = /^\d{1,3}\.\s*(.+?（项）)：(.*)$/;

/**
 * Wuhan's 名词解释: "（一）term：text" in order, and under （十） the 项 used, "N. 类（类）款（款）项（项）：text",
 * each 项 found in the year's catalog by its names (current or former: a published label of an
 * earlier year is kept as `label:`). An item whose 项 the catalog does not know is a finding.
 */
function glossaryTerms(part: PartText, catalog: Catalog, findings: Diagnostic[], file: string): Value[] | undefined {
  const texts = part.sections.flatMap((s) => [...(s.heading ? [s.heading] : []), ...s.paragraphs.map((p) => p.text), ...s.subsections.flatMap((x) => [x.heading, ...x.paragraphs.map((p) => p.text)])]);
  const terms: Doc[] = [];
  const names = (code: string) => [catalog.functionalName(code), ...(catalog.data.former_names[code] ?? []).map((f) => f.name)].filter((n): n is string => Boolean(n)).map((n) => n.replace(/\s+/g, ''));
  const label = (code: string) => `${catalog.functionalName(code.slice(0, 3))}（类）${catalog.functionalName(code.slice(0, 5))}（款）${catalog.functionalName(code)}（项）`;
  for (const t of texts) {
    const item = ITEM.exec(t);
    const last = terms.at(-1);
    if (item && last) {
      const [cls, kuan, xiang] = item[1]!.replace(/\s+/g, '').split(/（类）|（款）|（项）/);
      const code = Object.keys(catalog.data.functional).find(
        (c) => c.length === 7 && names(c).includes(xiang ?? '') && names(c.slice(0, 5)).includes(kuan ?? '') && names(c.slice(0, 3)).includes(cls ?? ''),
      );
      if (!code) {
        findings.push({ severity: 'warning', rule: 'import-cell', message: `第${part.page}页 名词解释：“${item[1]}”不在 ${catalog.year} 年科目目录中，未读入`, file });
        continue;
      }
      const entry: Doc = label(code).replace(/\s+/g, '') === item[1]!.replace(/\s+/g, '') ? { code, text: item[2]! } : { code, label: item[1]!, text: item[2]! };
      ((last.items ??= []) as Value[]).push(entry);
      continue;
    }
    const term = TERM.exec(t);
    if (!term) {
      findings.push({ severity: 'warning', rule: 'import-cell', message: `第${part.page}页 名词解释：“${t.slice(0, 30)}”不是“（N）名词：解释”，未读入`, file });
      continue;
    }
    terms.push(term[3] !== undefined ? { term: term[2]!, text: term[3] } : { term: term[2]!.replace(/。$/, '') });
  }
  return terms.length > 0 ? terms : undefined;
}

export interface SkeletonFile {
  doc: Doc;
  findings: Diagnostic[];
  pages: TablesRead['pages'];
}

/** The file without 第三部分: enough to calculate the narrative's figures. */
export function departmentFile(report: ReadReport, profile: Profile, catalog: Catalog, year: number, name: string): SkeletonFile {
  const file = report.file;
  const findings: Diagnostic[] = [];
  const id = basename(file, extname(file)).replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'department';
  const tables = readTables(report, catalog);
  findings.push(...tables.findings);
  const part = (n: number) => report.partTexts.find((p) => p.number === n);
  const doc: Doc = {
    format: 1,
    purpose: 'archive',
    profile: profile.name,
    year,
    catalog: String(catalog.year),
    department: { id, name, short_name: shortName(name) },
    cover: cover(report, name, year),
    overview: overview(part(1), profile, findings, file),
    tables: tables.tables,
  };
  if (!profile.inputs.required.includes('cover.date') && !profile.inputs.optional.includes('cover.date')) delete (doc.cover as Doc).date;
  const sources = profile.inputs.optional.includes('glossary.income_sources') ? incomeSources(report.partTexts.find((p) => /名词解释/.test(p.title))) : undefined;
  if (sources) doc.glossary = { income_sources: sources };
  const glossaryPart = report.partTexts.find((p) => /名词解释/.test(p.title));
  const terms = glossaryPart && profile.inputs.required.includes('glossary.terms') ? glossaryTerms(glossaryPart, catalog, findings, file) : undefined;
  if (terms) doc.glossary = { terms };
  // 第四、六部分 as read (read-report.ts); where the report has no such part, a finding.
  const read = { key_work: report.keyWork, appendix: report.appendix };
  for (const input of ['key_work', 'appendix', 'glossary.terms'] as const) {
    if (!profile.inputs.required.includes(input) || (input === 'glossary.terms' && terms)) continue;
    if (input !== 'glossary.terms' && read[input]) {
      doc[input] = read[input]!;
      continue;
    }
    const where = report.partTexts.find((p) => (input === 'key_work' ? /重点工作/ : input === 'appendix' ? /附件/ : /名词解释/).test(p.title));
    // A part found but not read has its findings (with pages) from its reader already.
    if (where && input !== 'glossary.terms' && report.findings.some((f) => f.rule === 'import-part-unread' && f.message.includes(`（${input}）`))) continue;
    findings.push({
      severity: 'warning',
      rule: 'import-part-unread',
      message: `${where ? `第${where.page}页 第${where.number}部分 ${where.title}` : input}：此部分尚不能读入数据文件（${input}），需手工补录后才能生成 PDF`,
      file,
    });
  }
  return { doc, findings, pages: tables.pages };
}

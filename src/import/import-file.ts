import { basename, join } from 'node:path';
import { InputError, type Diagnostic } from '../model/diagnostics.js';
import type { PrintedText } from '../model/printed-text.js';
import type { NarrativeSectionId } from '../model/narrative-sections.js';
import type { Profile } from '../model/profile.js';
import { loadDepartment, type Loaded } from '../load/index.js';
import { loadCatalog } from '../load/catalog.js';
import { loadProfile } from '../load/profile.js';
import { calculate, type Calculated } from '../calculate/index.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { readReport, type ReadReport } from './read-report.js';
import { departmentFile, guessProfile, readSkeleton, type Doc } from './department-file.js';
import { linkFigures, prefixesOf } from './figure-links.js';
import { printedText } from './printed-text.js';
import { Commented, Decimal as YamlDecimal, toYaml, type Value } from './yaml-emit.js';
import { Decimal as Exact } from 'decimal.js';
import type { NarrativeSection } from './narrative-text.js';

/**
 * `juesuan import` and `juesuan check <report.pdf>`: a published report → the department file that
 * renders back to it (text), what the report prints (for the rules that read printed words), and
 * what could not be read, each with its page. Nothing is written here.
 */

export interface Imported {
  /** The department file, comments included. */
  yaml: string;
  report: ReadReport;
  printed: PrintedText[];
  /** What could not be read or is missing, with pages: warnings. */
  findings: Diagnostic[];
  /** Printed figures of 第三部分 linked to a figure id, and all printed figures (万元 and %). */
  figures: { linked: number; printed: number; pinned: number };
}

export interface ImportOptions {
  /** A profile's name, or 'auto' (default): Hubei/Wuhan by its 公开0N表 labels, else Shanghai. */
  profile?: string;
  /**
   * archive (default: what `import` writes, a published report reproduced) or publication (`check
   * <report.pdf>` before it goes online: a pin beyond 尾数误差 is an error).
   */
  purpose?: 'archive' | 'publication';
}

/** The catalogs ship with the tool: a report read from anywhere uses them. */
export const IMPORT_DATA_DIR = join(PACKAGE_ROOT, 'data');

export async function importPdf(pdf: string, options: ImportOptions = {}): Promise<Imported> {
  const report = await readReport(pdf);
  const refuse = (message: string, rule: string): never => {
    throw new InputError([{ severity: 'error', rule, message, file: pdf }], 2);
  };
  const { year, name } = readSkeleton(report);
  if (!year) refuse('未能从封面或各部分标题读出决算年度（“2023年度”等），无法导入', 'import-no-year');
  if (!name) refuse('未能从“第一部分 …概况”读出部门名称，无法导入', 'import-no-department');
  const profileName = !options.profile || options.profile === 'auto' ? guessProfile(report) : options.profile;
  const profile = loadProfile(profileName, { file: pdf });
  if (!profile.years.includes(year!)) refuse(`表式 ${profile.name} 只用于 ${profile.years.join('、')} 年度，而此报告为 ${year} 年度；请用 --profile 指定表式`, 'profile-year');
  const catalog = loadCatalog(String(year), IMPORT_DATA_DIR, { file: pdf });

  const base = departmentFile(report, profile, catalog, year!, name!);
  const ids = sectionIds(report.narrative, profile);
  const { doc: calculable, calc: first } = calculateParts(base.doc, pdf, base.findings);
  const lastYears = lastYearInputs(report.narrative, ids, first);
  if (Object.keys(lastYears).length > 0) base.doc.explanation = calculable.explanation = lastYears;
  const calc = calculateDoc(calculable, pdf);
  const { sections, pins, sentences, pages, stats, problems } = verbatim(report.narrative, ids, profile, calc, pdf);
  const explanation: Doc = { text: sections, ...lastYears };
  // The parts in the form set's order, each pin after 第三部分 whose figures it fixes.
  const { key_work, glossary, appendix, ...head } = base.doc;
  const doc: Doc = { ...head, explanation };
  if (options.purpose === 'publication') delete doc.purpose;
  if (Object.keys(pins).length > 0) {
    doc.pins = Object.fromEntries(Object.entries(pins).map(([id, v]) => [id, new Commented([`第${pages[id]}页：${sentences[id]}`], v)]));
  }
  const later: Record<string, Value | undefined> = { key_work, glossary, appendix };
  for (const part of profile.parts) if (later[part.id] !== undefined) doc[part.id] = later[part.id]!;
  for (const [key, value] of Object.entries(later)) if (value !== undefined && !(key in doc)) doc[key] = value;
  const findings = [...report.findings, ...base.findings, ...problems];
  const yaml = toYaml(doc, header(pdf, findings));
  return { yaml, report, printed: printedText(report, ids), findings, figures: stats };
}

/**
 * The file to calculate: without 第四、六部分 where what was read of them does not make a valid
 * file (a form whose 项目类别 has no tick …). They are written as read, their findings name the
 * page, and one more says the file needs them completed before it renders.
 */
function calculateParts(doc: Doc, pdf: string, findings: Diagnostic[]): { doc: Doc; calc: Calculated } {
  try {
    return { doc, calc: calculateDoc(doc, pdf) };
  } catch (e) {
    if (!(e instanceof InputError) || (doc.key_work === undefined && doc.appendix === undefined)) throw e;
    const { key_work: _k, appendix: _a, ...rest } = doc;
    const calc = calculateDoc(rest, pdf);
    const first = e.diagnostics[0];
    findings.push({ severity: 'warning', rule: 'import-part-unread', message: `第四部分或第六部分读出的内容不完整（${(first?.message ?? '').replace(/^读出的内容无法写成数据文件：/, '')}）：已照读出的写入，需手工补录后才能生成 PDF`, file: pdf });
    return { doc: rest, calc };
  }
}

function calculateDoc(doc: Doc, pdf: string): Calculated {
  try {
    return calculate(loadImported(toYaml(doc), pdf));
  } catch (e) {
    // What was read does not make a department file (a table read into the wrong shape): said of the PDF.
    if (!(e instanceof InputError)) throw e;
    const first = e.diagnostics[0];
    throw new InputError([{ severity: 'error', rule: 'import-unusable', message: `读出的内容无法写成数据文件：${first?.message ?? ''}`, file: pdf }], 2);
  }
}

/** The file made from a PDF, loaded in memory; its findings name the PDF (and, by the caller, pages). */
export function loadImported(yaml: string, pdf: string): Loaded {
  return loadDepartment(`${pdf}.yaml`, { sourceText: yaml, dataDir: IMPORT_DATA_DIR, allowMissingInputs: true });
}

/** The form set's section ids for 第三部分's sections as printed, in order (sub-sections of a group after it). */
function sectionIds(sections: NarrativeSection[], profile: Profile): (NarrativeSectionId | undefined)[] {
  return sections.map((_, i) => profile.narrative.outline[i]?.id);
}

function verbatim(read: NarrativeSection[], ids: (NarrativeSectionId | undefined)[], profile: Profile, calc: Calculated, pdf: string) {
  const figures = calc.narrative.figures;
  const problems: Diagnostic[] = [];
  const used = new Set<string>();
  const pins: Record<string, string> = {};
  const sentences: Record<string, string> = {};
  const pages: Record<string, number> = {};
  const stats = { linked: 0, printed: 0, pinned: 0 };
  const charts = profile.narrative.charts ? new Set(['totals', 'income', 'expenditure', 'fiscal']) : new Set<string>();
  const sections: Value[] = read.map((s, i) => {
    const id = ids[i];
    const entry = profile.narrative.outline[i];
    const link = (text: string, section: NarrativeSectionId | undefined, page: number) => {
      // "{x}" in the printed text would read as a figure id: said, since the file has no escape for it.
      const clash = /\{[a-z][a-z0-9_.]*\}/.exec(text);
      if (clash) problems.push({ severity: 'warning', rule: 'import-placeholder', message: `第${page}页 第三部分印有“${clash[0]}”，在数据文件中会被当作数字编号；请核对`, file: pdf });
      const r = linkFigures(text, prefixesOf(section), figures, used, pins);
      Object.assign(pins, r.pins);
      Object.assign(sentences, r.sentences);
      for (const id of Object.keys(r.pins)) pages[id] = page;
      stats.linked += r.linked;
      stats.printed += r.printed;
      return r.text;
    };
    const blocks: Value[] = s.paragraphs.map((p) => (p.indent ? link(p.text, id, p.page) : { line: link(p.text, id, p.page) }));
    s.subsections.forEach((sub, k) => {
      const subId = entry?.children[k] ?? id;
      blocks.push({ h3: sub.heading });
      for (const p of sub.paragraphs) blocks.push(p.indent ? link(p.text, subId, p.page) : { line: link(p.text, subId, p.page) });
    });
    if (id && charts.has(id)) blocks.push({ chart: id });
    return new Commented([`第${s.page}页`], { heading: s.heading, blocks });
  });
  stats.pinned = Object.keys(pins).length;
  return { sections, pins, sentences, pages, stats, problems };
}

/**
 * The figures of last year a section states as a change: "与2022年度相比，收、支总计各增加1981.14万元"
 * gives 上年 = 本年 − 1981.14. With it the change, the rate and the chart's second series are
 * computed, and linked like any other figure. Only the first change stated in the section, about
 * the section's own total.
 */
const LAST_YEAR: ReadonlyArray<[NarrativeSectionId, string, string]> = [
  ['totals', 'totals', 'totals.grand_total'],
  ['fiscal', 'fiscal_totals', 'fiscal.grand_total'],
  ['general_budget', 'general_budget', 'general_budget.total'],
  ['admin_operation', 'admin_operation', 'admin_operation.amount'],
];

function lastYearInputs(read: NarrativeSection[], ids: (NarrativeSectionId | undefined)[], calc: Calculated): Doc {
  const out: Doc = {};
  const texts = (s: NarrativeSection) => [...s.paragraphs, ...s.subsections.flatMap((x) => x.paragraphs)].map((p) => p.text);
  const childOf = (id: NarrativeSectionId) => read.flatMap((s, i) => (ids[i] === id ? [s] : []));
  for (const [section, key, currentId] of LAST_YEAR) {
    const current = calc.narrative.figures.find((f) => f.id === currentId)?.value;
    const sections = childOf(section);
    if (!current || sections.length === 0) continue;
    const sentence = sections.flatMap(texts).flatMap((t) => t.split('。')).find((t) => /(与\d{4}年度?相比|较上年|比上年|比\d{4}年度?)/.test(t) && /(增加|减少)\d/.test(t));
    const m = sentence && /(增加|减少)(\d+(?:\.\d+)?)万元/.exec(sentence);
    if (!m) continue;
    const delta = new Exact(m[2]!);
    const last = m[1] === '增加' ? current.minus(delta) : current.plus(delta);
    if (last.isNegative()) continue;
    out[key] = { last_year: new YamlDecimal(last.toFixed(Math.max(2, last.decimalPlaces()))) };
  }
  return out;
}

function header(pdf: string, findings: Diagnostic[]): string[] {
  const lines = [
    `由 juesuan import 从 ${basename(pdf)} 读出（purpose: archive：按已公开的文本原样重现）。`,
    '第三部分按原文照录，其中的数字以 {编号} 引用计算结果；与计算结果不同的公开数字记在 pins。',
  ];
  if (findings.length > 0) lines.push('未能读取或需手工补录：', ...findings.map((f) => `- ${f.message}`));
  return lines;
}

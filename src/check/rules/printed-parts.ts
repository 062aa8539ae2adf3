import { Decimal } from 'decimal.js';
import type { Bar, Figure } from '../../calculate/narrative/index.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import type { PrintedText } from '../../model/printed-text.js';
import type { CheckContext } from '../context.js';
import { entries, placeOf, printedFinding } from '../printed-words.js';
import type { Rule, RuleFamily } from '../rule.js';

/**
 * Parts a published report must have, read from what it prints: the note of an empty table,
 * the details of the “三公” explanation its form set asks for, chart labels that state the
 * figures the tables give.
 */

/** The tables a department may leave empty: the form prints them with a note saying so. */
const MAY_BE_EMPTY = ['government_fund', 'state_capital'] as const;
const EMPTY_NOTE = /无|没有|空表/;

/**
 * A table's title line and its notes: the entries of its section, or, when the words carry no
 * section (a PDF's text), the notes that follow its title up to the next table's.
 */
function tableWords(ctx: CheckContext, title: string): { heading: PrintedText; notes: PrintedText[] } | undefined {
  const all = entries(ctx);
  const at = all.findIndex((e) => e.kind === 'table-title' && (e.section === title || e.text.replace(/\s+/g, '').startsWith(title)));
  if (at < 0) return undefined;
  const heading = all[at]!;
  if (heading.section === title) return { heading, notes: all.filter((e) => e.kind === 'table-note' && e.section === title) };
  const notes: PrintedText[] = [];
  for (const e of all.slice(at + 1)) {
    if (e.kind === 'table-title' || e.kind === 'title' || e.kind === 'heading') break;
    if (e.kind === 'table-note') notes.push(e);
  }
  return { heading, notes };
}

const emptyTableNoteRule: Rule = {
  id: 'printed-empty-table-note',
  description: '空表（无政府性基金、国有资本经营预算财政拨款）未注明“本部门无…”',
  readsPrinted: true,
  run: (ctx) => {
    if (!ctx.printed) return [];
    const out: Diagnostic[] = [];
    for (const key of MAY_BE_EMPTY) {
      const t = ctx.tables[key];
      if (t.rows.some((r) => Object.values(r.cells).some((a) => a && !a.value.isZero()))) continue;
      const title = ctx.loaded.profile.tables.find((x) => x.key === key)?.title;
      if (!title) continue;
      const found = tableWords(ctx, title);
      if (!found) continue;
      const { heading, notes } = found;
      if (notes.some((e) => EMPTY_NOTE.test(e.text))) continue;
      out.push({
        severity: 'error',
        rule: 'printed-empty-table-note',
        message: `${placeOf(heading)}：${ctx.tableName(key)} 为空表，未注明（如“本部门${ctx.model.year}年度无${title.replace(/决算表$/, '')}”）：“${heading.text}”${notes.length ? `，表注只有“${notes.map((n) => n.text).join('')}”` : ''}`,
        file: ctx.file,
        expected: '本部门…无…',
        actual: notes.map((n) => n.text).join(''),
      });
    }
    return out;
  },
};

/** The paragraphs of the “三公” section: from its heading to the next numbered heading. */
function threePublicSection(ctx: CheckContext): { heading: PrintedText; paragraphs: PrintedText[] } | undefined {
  const all = entries(ctx);
  const start = all.findIndex((e) => e.kind === 'heading' && /^[一二三四五六七八九十]+、.*“三公”/.test(e.text));
  if (start < 0) return undefined;
  const paragraphs: PrintedText[] = [];
  for (const e of all.slice(start + 1)) {
    if ((e.kind === 'heading' || e.kind === 'title') && /^[一二三四五六七八九十]+、|^第.部分/.test(e.text)) break;
    if (e.kind === 'paragraph') paragraphs.push(e);
  }
  return { heading: all[start]!, paragraphs };
}

type Item = 'overseas' | 'purchase' | 'operation' | 'reception';
const COUNT = '[\\d一二两三四五六七八九十百]+';
/** How the text names each item. */
const ITEM_NAMES: Record<Item, { what: string; re: RegExp }> = {
  overseas: { what: '因公出国（境）费', re: /因公出国[(（]境[)）]/g },
  purchase: { what: '公务用车购置费', re: /公务用车购置/g },
  operation: { what: '公务用车运行维护费', re: /公务用车运行/g },
  reception: { what: '公务接待费', re: /公务接待/g },
};
/** What three_public_detail (Shanghai's 七) also asks of an item with spending: the counts. */
const DETAILS: { item: Item; what: string; re: RegExp }[] = [
  { item: 'overseas', what: '因公出国（境）团组数', re: new RegExp(`团组\\s*${COUNT}\\s*个|${COUNT}\\s*个(?:出国)?团组`) },
  { item: 'overseas', what: '因公出国（境）人次', re: new RegExp(`${COUNT}\\s*人次`) },
  { item: 'purchase', what: '购置车辆数', re: new RegExp(`购置[^。；]*?${COUNT}\\s*[辆台]`) },
  { item: 'operation', what: '公务用车保有量', re: new RegExp(`保有量[^。；]*?${COUNT}\\s*辆`) },
  { item: 'reception', what: '公务接待批次', re: new RegExp(`接待\\s*${COUNT}\\s*批次`) },
  { item: 'reception', what: '公务接待人次', re: new RegExp(`批次[、，,]?\\s*${COUNT}\\s*人次`) },
];

/**
 * Each item's own words: from the last place the text names it (its own line comes after the
 * overview that names them all) to where it names another; 外宾 counts are not the item's own.
 */
function itemTexts(text: string): Record<Item, string> {
  const last = (re: RegExp) => Math.max(-1, ...[...text.matchAll(re)].map((m) => m.index));
  const starts = (Object.keys(ITEM_NAMES) as Item[]).map((item) => ({ item, at: last(ITEM_NAMES[item].re) }));
  const out = {} as Record<Item, string>;
  for (const { item, at } of starts) {
    if (at < 0) {
      out[item] = '';
      continue;
    }
    const next = Math.min(text.length, ...starts.map((x) => x.at).filter((x) => x > at));
    out[item] = text.slice(at, next).replace(/(?:其中[:：])?接待外宾[^。；]*/g, '');
  }
  return out;
}

const threePublicDetailsRule: Rule = {
  id: 'printed-three-public-details',
  description: '“三公”经费说明缺少表式要求的内容：有支出的各项及其金额；按团组、批次、车辆说明的表式还有出国团组和人次、购车数、车辆保有量、接待批次和人次',
  readsPrinted: true,
  run: (ctx) => {
    const tp = ctx.calc.narrative.threePublic;
    if (!ctx.printed || !tp || tp.none) return [];
    const detailed = ctx.loaded.profile.narrative.sections.includes('three_public_detail');
    const lines = { overseas: tp.overseas, purchase: tp.purchase, operation: tp.operation, reception: tp.reception };
    const found = threePublicSection(ctx);
    if (!found) {
      return [{ severity: 'warning', rule: 'printed-three-public-details', message: '第三部分：未见“三公”经费支出决算情况说明（表中有“三公”经费支出）', file: ctx.file }];
    }
    const texts = itemTexts(found.paragraphs.map((p) => p.text).join(''));
    const missing: string[] = [];
    for (const item of Object.keys(lines) as Item[]) {
      const line = lines[item];
      if ((line.actual.value ?? new Decimal(0)).isZero()) continue;
      const amount = `${line.actual.text ?? ''}万元`;
      if (!texts[item].includes(amount)) missing.push(`${ITEM_NAMES[item].what}（${amount}）`);
      if (detailed) missing.push(...DETAILS.filter((d) => d.item === item && !d.re.test(texts[item])).map((d) => d.what));
    }
    if (missing.length === 0) return [];
    return [
      {
        severity: 'warning',
        rule: 'printed-three-public-details',
        message: `${placeOf(found.heading)}：“${found.heading.text}”未说明 ${missing.join('、')}（表中该项有支出）`,
        file: ctx.file,
        expected: missing.join('、'),
        actual: '',
      },
    ];
  },
};

const NUMBER = /^-?\d+(?:\.\d+)?$/;

/** A chart's caption and labels: its section's, or those from its caption ("图 3：…") to the next words. */
function chartWords(ctx: CheckContext, n: number): PrintedText[] {
  const caption = new RegExp(`^图\\s*${n}[：:]`);
  const all = entries(ctx);
  const own = all.filter((e) => e.kind === 'chart-label' && e.section !== undefined && caption.test(e.section));
  if (own.length) return own;
  const at = all.findIndex((e) => e.kind === 'chart-label' && caption.test(e.text));
  if (at < 0) return [];
  const out = [all[at]!];
  for (const e of all.slice(at + 1)) {
    if (e.kind !== 'chart-label' || /^图\s*\d+[：:]/.test(e.text)) break;
    out.push(e);
  }
  return out;
}

/** The line of the pin that gives a label its published value, when one does. */
function pinPlace(ctx: CheckContext, figure: Figure): { line?: number; column?: number } {
  return figure.pinned === undefined ? {} : ctx.where(['pins', figure.id]);
}

const chartLabelRule: Rule = {
  id: 'printed-chart-label',
  description: '图表标注的数与表中的数不一致（图按标注的数绘制）',
  readsPrinted: true,
  run: (ctx) => {
    if (!ctx.printed) return [];
    const out: Diagnostic[] = [];
    const charts = ctx.calc.narrative.charts;
    for (const chart of Object.values(charts)) {
      if (!chart) continue;
      const figures: { label: string; figure: Figure }[] =
        chart.kind === 'bars'
          ? [...chart.income, ...chart.expenditure].map((b: Bar) => ({ label: b.figure.text ?? '', figure: b.figure }))
          : chart.slices.map((s) => ({ label: s.amount.text ?? '', figure: s.amount }));
      const printed = chartWords(ctx, chart.number);
      for (const { label, figure } of figures) {
        if (!NUMBER.test(label) || figure.value === undefined) continue;
        const table = figure.value.toDecimalPlaces(2);
        if (new Decimal(label).equals(table)) continue;
        const entry = printed.find((e) => e.text.includes(label)) ?? printed[0];
        const what = `图 ${chart.number} 标注 ${label}，表中${figure.name}为 ${table.toFixed(2)}（${figure.formula}）`;
        const at = entry ? Math.max(0, entry.text.indexOf(label)) : 0;
        out.push(
          entry
            ? { ...printedFinding(ctx, { severity: 'warning', rule: 'printed-chart-label', entry, start: at, end: at + label.length, what, expected: table.toFixed(2), actual: label }), ...pinPlace(ctx, figure) }
            : ctx.diagnostic({ severity: 'warning', rule: 'printed-chart-label', message: `第三部分：${what}`, at: figure.pinned !== undefined ? ['pins', figure.id] : (figure.path ?? ['explanation']), expected: table.toFixed(2), actual: label }),
        );
      }
    }
    return out;
  },
};

export const printedPartRules: RuleFamily = {
  family: 'printed-parts',
  rules: [emptyTableNoteRule, threePublicDetailsRule, chartLabelRule],
};

import { Decimal as Exact } from 'decimal.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { PROJECT_CHOICES } from '../load/schema.js';
import { executionRate, executionScore, percentText, printedScore } from '../calculate/forms/scoring.js';
import { trimZeros } from '../model/number-format.js';
import type { FlowRow } from './part-flow.js';
import { cellParagraphs, cellText, type GridCell } from './ruled-grid.js';
import { Decimal, type Value } from './yaml-emit.js';

/**
 * A 自评表 of 第六部分 (部门整体 or 项目), row by row as its ruled grid prints them, into the data
 * file's `form`: the identity rows by their labels, 预算执行 (a printed 执行率 or 得分 other than the
 * rule's kept as `published`), the indicator rows with their 一级/二级 groups and 得分 cells (a score
 * spanning an 一级 group is the group's, one spanning an 二级 group that one's), 总分 and the two
 * analysis rows. What cannot be read is a finding with its page.
 */

type Doc = { [key: string]: Value };

const AMOUNT = /^-?\d+(?:\.\d+)?$/;
const SCORE = /^\d+(?:\.\d+)?分?$/;
const WEIGHT = /[(（](\d+)分[)）]$/;

/** A printed score as the file writes it: 10 bare, "39分" as text. */
const score = (t: string): Value => (/^\d+(?:\.\d+)?$/.test(t) ? new Decimal(t) : t);

export class FormReader {
  readonly form: Doc;
  private goal: Doc | undefined;
  private level1: { doc: Doc; start: number; rows: number; page: number } | undefined;
  private group: { doc: Doc; start: number; rows: number } | undefined;
  private executionNext = false;
  readonly findings: Diagnostic[] = [];

  constructor(
    readonly kind: 'overall' | 'project',
    title: string,
    private readonly file: string,
    private readonly padding: number,
  ) {
    this.form = kind === 'overall' ? { title, unit: '', goals: [] } : { title };
  }

  private finding(page: number, what: string): void {
    this.findings.push({ severity: 'warning', rule: 'import-part-unread', message: `第${page}页 ${this.form.title}：${what}，需手工补录`, file: this.file });
  }

  /** 单位名称 as printed above the form (a 项目自评表 has no row for it). */
  unitLine(text: string): void {
    if (!this.form.unit) this.form.unit = text.replace(/^单位名称[：:]\s*/, '');
  }

  row(row: FlowRow): void {
    const at = (col: number) => row.cells.find((c) => c.col === col);
    const first = row.cells[0]!;
    const label = cellText(first);
    if (first.col === 0 && first.span >= 2 && this.identity(label, row, at)) return;
    if (row.cells.some((c) => cellText(c) === '一级指标')) {
      const w = WEIGHT.exec(cellText(at(0)));
      if (this.kind === 'project' && w) this.form.goals_weight = new Decimal(w[1]!);
      return;
    }
    if (this.executionNext) {
      this.executionNext = false;
      this.execution(row, at);
      return;
    }
    this.indicator(row, at);
  }

  private identity(label: string, row: FlowRow, at: (col: number) => GridCell | undefined): boolean {
    const f = this.form;
    const text = (col: number) => cellText(at(col));
    const amount = (col: number, key: string, name: string) => {
      const t = text(col);
      if (AMOUNT.test(t)) f[key] = new Decimal(t);
      else if (t) this.finding(row.page, `${name}“${t}”不是金额`);
    };
    if (label === '单位名称') f.unit = text(2);
    else if (label === '基本支出总额') {
      amount(2, 'basic_total', '基本支出总额');
      amount(5, 'project_total', '项目支出总额');
    } else if (label === '项目名称') f.project = text(2);
    else if (label === '主管部门') {
      f.department = text(2);
      f.implementer = text(5);
    } else if (label === '项目类别' || label === '项目属性' || label === '项目类型') {
      const key = label === '项目类别' ? 'category' : label === '项目属性' ? 'attribute' : 'kind';
      const chosen = this.choice(at(2), PROJECT_CHOICES[key]);
      if (chosen) f[key] = chosen;
      else this.finding(row.page, `${label}未能读出勾选的一项`);
    } else if (/^预算执行情况/.test(label)) {
      const w = WEIGHT.exec(label);
      f.execution = { weight: new Decimal(w?.[1] ?? '20') };
      this.executionNext = true;
    } else if (/^年度目标\d*[(（]\d+分[)）]$/.test(label)) {
      const [, name = '', weight = ''] = /^(.*?)[(（](\d+)分[)）]$/.exec(label) ?? [];
      if (this.goal?.label === name) return true; // its header printed again on the next page
      this.goal = { label: name, weight: new Decimal(weight), name: text(2), indicators: [] };
      (f.goals as Value[]).push(this.goal);
      this.level1 = undefined;
    } else if (label === '总分') {
      const t = text(2);
      if (SCORE.test(t)) f.published_total = score(t);
      else if (t) this.finding(row.page, `总分“${t}”不是分数`);
    } else if (label === '偏差大或目标未完成原因分析' || label === '改进措施及结果应用方案') {
      const paragraphs = cellParagraphs(at(2), this.padding);
      const key = label.startsWith('偏差') ? 'deviation' : 'improvement';
      if (paragraphs.length === 1) f[key] = paragraphs[0]!;
      else if (paragraphs.length > 1) f[key] = paragraphs;
    } else return false;
    return true;
  }

  /** The option whose box is ticked: the label ending nearest before the tick (or printed with ☑/√). */
  private choice(cell: GridCell | undefined, options: readonly string[]): string | undefined {
    const labelOf = (t: string) => t.replace(/^\s*\d+[、.．]\s*/, '').replace(/[☑√✓✔■□☐\s]+$/u, '');
    const tick = cell?.ticks[0];
    if (tick) {
      const before = (cell?.runs ?? []).filter((r) => r.x1 <= tick.x + 1).sort((a, b) => b.x1 - a.x1)[0];
      const name = before && labelOf(before.text.split(/\s+/).filter(Boolean).at(-1) ?? '');
      return options.find((o) => o === name);
    }
    const marked = /(\d+[、.．]\s*([^\s☑√✓✔]+?))\s*[☑√✓✔]/u.exec(cellText(cell));
    return marked ? options.find((o) => o === marked[2]) : undefined;
  }

  private execution(row: FlowRow, at: (col: number) => GridCell | undefined): void {
    const e = this.form.execution as Doc;
    const t = (col: number) => cellText(at(col));
    e.label = t(2);
    for (const [col, key] of [
      [3, 'budget'],
      [4, 'actual'],
    ] as const) {
      if (AMOUNT.test(t(col))) e[key] = new Decimal(t(col));
      else if (t(col)) this.finding(row.page, `预算执行情况“${t(col)}”不是金额`);
    }
    // A printed 执行率 or 得分 other than the rule's is the report's own: kept, as the data file pins it.
    const budget = AMOUNT.test(t(3)) ? new Exact(t(3)) : undefined;
    const actual = AMOUNT.test(t(4)) ? new Exact(t(4)) : undefined;
    const weight = Number((e.weight as Decimal).text);
    const rate = executionRate(budget, actual);
    const rule = executionScore(weight, budget, actual);
    const published: Doc = {};
    if (t(5) !== (rate ? percentText(rate) : '')) published.rate = t(5);
    if (t(6) !== (rule ? trimZeros(printedScore(rule.score)) : '')) published.score = score(t(6));
    if (Object.keys(published).length > 0) e.published = published;
  }

  private indicator(row: FlowRow, at: (col: number) => GridCell | undefined): void {
    const band = row.cells[0]!.row;
    const l1 = at(1);
    const l2 = at(2);
    if (l1) {
      const t = cellText(l1);
      const w = WEIGHT.exec(t);
      const doc: Doc = { level1: w ? t.slice(0, w.index) : t, ...(w ? { weight: new Decimal(w[1]!) } : {}), groups: [] };
      const target = this.kind === 'overall' ? (this.goal?.indicators as Value[] | undefined) : ((this.form.indicators ??= []) as Value[]);
      if (!target) {
        this.finding(row.page, `指标“${t}”之前未见“年度目标”一行`);
        return;
      }
      target.push(doc);
      this.level1 = { doc, start: band, rows: l1.rowSpan, page: row.page };
      this.group = undefined;
    }
    if (l2 && this.level1) {
      const doc: Doc = { level2: cellText(l2), rows: [] };
      (this.level1.doc.groups as Value[]).push(doc);
      this.group = { doc, start: band, rows: l2.rowSpan };
    }
    if (!this.level1 || !this.group) {
      this.finding(row.page, `一行（${row.cells.map(cellText).join('｜').slice(0, 30)}）不在任何一级、二级指标之下，未读入`);
      return;
    }
    const r: Doc = {};
    const name = cellText(at(3));
    const target = cellText(at(4));
    const actual = cellText(at(5));
    if (name) r.name = name;
    if (target) r.target = target;
    if (actual) r.actual = actual;
    const s = at(6);
    const st = cellText(s);
    if (s && st) {
      if (!SCORE.test(st)) this.finding(row.page, `得分“${st}”不是分数`);
      else if (band === this.level1.start && row.page === this.level1.page && s.rowSpan === this.level1.rows && this.level1.rows > 1) this.level1.doc.score = score(st);
      else if (band === this.group.start && s.rowSpan === this.group.rows && this.group.rows > 1) this.group.doc.score = score(st);
      else r.score = score(st);
    }
    (this.group.doc.rows as Value[]).push(r);
  }

  /** The form as the data file writes it: a group whose one row is blank has no rows; keys in the file's order. */
  done(): Doc {
    const groupsOf = (indicators: Value): void => {
      for (const l1 of indicators as Doc[]) {
        const groups = l1.groups as Doc[];
        for (const g of groups) {
          const rows = g.rows as Doc[];
          if (rows.length === 1 && Object.keys(rows[0]!).length === 0) g.rows = [];
          reorder(g, ['level2', 'score', 'rows']);
        }
        reorder(l1, ['level1', 'weight', 'score', 'groups']);
      }
    };
    const f = this.form;
    if (this.kind === 'overall') for (const g of f.goals as Doc[]) groupsOf(g.indicators!);
    else groupsOf(f.indicators ?? []);
    const order =
      this.kind === 'overall'
        ? ['title', 'unit', 'basic_total', 'project_total', 'execution', 'goals', 'published_total', 'deviation', 'improvement']
        : ['title', 'unit', 'project', 'department', 'implementer', 'category', 'attribute', 'kind', 'execution', 'goals_weight', 'indicators', 'published_total', 'deviation', 'improvement'];
    if (f.execution) reorder(f.execution as Doc, ['weight', 'label', 'budget', 'actual', 'published']);
    return reorder(f, order);
  }
}

function reorder(doc: Doc, keys: string[]): Doc {
  const entries = Object.entries(doc);
  for (const k of Object.keys(doc)) delete doc[k];
  for (const k of keys) {
    const e = entries.find(([x]) => x === k);
    if (e) doc[k] = e[1];
  }
  for (const [k, v] of entries) if (!(k in doc)) doc[k] = v;
  return doc;
}

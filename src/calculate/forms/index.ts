import { Decimal } from 'decimal.js';
import type { Loaded } from '../../load/index.js';
import { PROJECT_CHOICES, type IndicatorLevel1, type OverallForm, type ProjectForm } from '../../load/schema.js';
import type { Amount } from '../../model/amount.js';
import type { Trace } from '../trace.js';
import {
  executionRate,
  executionScore,
  indicatorScore,
  percentText,
  printedRate,
  printedScore,
  scoreValue,
  type RuleScore,
} from './scoring.js';
import { trimZeros } from '../../model/number-format.js';

export * from './scoring.js';

type Path = (string | number)[];

/** 预算执行情况: the data's A and B, the rule's 执行率 and 得分, and what the form prints. */
export interface ExecutionFigures {
  weight: number;
  label: string;
  budget?: Amount;
  actual?: Amount;
  /** B/A × 100, exact; undefined when A is zero or blank. */
  rate?: Decimal;
  /** The rate at the printed precision. */
  rateRounded?: Decimal;
  /** What the rule prints ("99%"), '' when there is no rate. */
  computedRateText: string;
  /** What the form prints: the published rate where the data pins one, else the computed one. */
  rateText: string;
  /** min(w, w × B/A), exact. */
  rule?: RuleScore;
  /** The rule score at the printed precision. */
  computedScore?: Decimal;
  /** What the form prints. */
  scoreText: string;
  /** The printed score's value (enters 总分). */
  scoreValue?: Decimal;
  published?: { rate?: string; score?: string };
  path: Path;
}

/** One printed row of the indicator part; the cells that start on this row carry their row span. */
export interface IndicatorRow {
  level1?: { name: string; weight?: number; rowspan: number };
  level2?: { name: string; rowspan: number };
  name?: string;
  target?: string;
  actual?: string;
  /** The 得分 cell starting on this row (absent: covered by a span from above). */
  score?: { text: string; rowspan: number; value?: Decimal; computed?: boolean };
  /** Rule score of a row that gives its weight and a ≥X/≤X target. */
  rule?: RuleScore;
  /** Row weight as given (not printed). */
  weight?: number;
  path: Path;
}

/** A score cell of the form, flattened for the checker: what it prints, its cap, where it is. */
export interface ScoreCell {
  where: string;
  text: string;
  value?: Decimal;
  weight?: number;
  rule?: RuleScore;
  path: Path;
}

/** An 一级指标 group: printed score sum against its weight. */
export interface Level1Summary {
  where: string;
  weight?: number;
  sum: Decimal;
  path: Path;
}

interface IndicatorBlock {
  rows: IndicatorRow[];
  cells: ScoreCell[];
  level1: Level1Summary[];
  /** Scores given at two levels of one group: the wider one prints, the narrower ones do not. */
  hidden: ScoreCell[];
}

interface FormCommon {
  /** "部门整体" or "项目1 住房保障中心工作经费": how the checker names the form. */
  name: string;
  execution: ExecutionFigures;
  /** Σ printed scores (预算执行 + every printed 得分 cell). */
  computedTotal: Decimal;
  /** What the 总分 cell prints: the published total where pinned, else the computed one. */
  totalText: string;
  publishedTotal?: string;
  cells: ScoreCell[];
  level1: Level1Summary[];
  hidden: ScoreCell[];
  deviation: string[];
  improvement: string[];
  path: Path;
}

export interface ProjectFormView extends FormCommon {
  kind: 'project';
  source: ProjectForm;
  title: string;
  unit: string;
  project: string;
  department: string;
  implementer: string;
  category: ProjectForm['category'];
  attribute: ProjectForm['attribute'];
  projectKind: ProjectForm['kind'];
  /** The boxes the form prints for category, attribute and kind. */
  choices: typeof PROJECT_CHOICES;
  goalsWeight: number;
  rows: IndicatorRow[];
}

export interface OverallGoalView {
  label: string;
  weight: number;
  name: string;
  rows: IndicatorRow[];
  /** The goal's printed scores: when none has a value the form leaves the whole goal unscored. */
  cells: ScoreCell[];
  path: Path;
}

export interface OverallFormView extends FormCommon {
  kind: 'overall';
  source: OverallForm;
  title: string;
  unit: string;
  basicTotal?: Amount;
  projectTotal?: Amount;
  goals: OverallGoalView[];
}

/** 第六部分: the self-evaluation forms with their rates, rule scores and totals. */
export interface Forms {
  /** Absent when the form set has no 附件 (profile.yaml `inputs:`). */
  overall?: OverallFormView;
  projects: ProjectFormView[];
}

export function computeForms(loaded: Loaded, trace: Trace): Forms {
  const { appendix } = loaded.model;
  if (!appendix) return { projects: [] };
  const overall = computeOverall(appendix.overall.form, ['appendix', 'overall', 'form'], trace);
  const projects = appendix.projects.map((p, i) => computeProject(p.form, i, ['appendix', 'projects', i, 'form'], trace));
  return { overall, projects };
}

function computeProject(form: ProjectForm, index: number, path: Path, trace: Trace): ProjectFormView {
  const id = `form.project${index + 1}`;
  const name = `项目${index + 1} ${form.project}`;
  const execution = computeExecution(form.execution, [...path, 'execution'], id, trace);
  const block = indicatorRows(form.indicators, [...path, 'indicators'], id, '', trace);
  const total = totalOf(execution, block.cells, form.published_total, id, trace);
  return {
    kind: 'project',
    source: form,
    name,
    title: form.title,
    unit: form.unit,
    project: form.project,
    department: form.department,
    implementer: form.implementer,
    category: form.category,
    attribute: form.attribute,
    projectKind: form.kind,
    choices: PROJECT_CHOICES,
    goalsWeight: form.goals_weight,
    execution,
    rows: block.rows,
    cells: block.cells,
    level1: block.level1,
    hidden: block.hidden,
    ...total,
    publishedTotal: form.published_total,
    deviation: paragraphs(form.deviation),
    improvement: paragraphs(form.improvement),
    path,
  };
}

function computeOverall(form: OverallForm, path: Path, trace: Trace): OverallFormView {
  const id = 'form.overall';
  const execution = computeExecution(form.execution, [...path, 'execution'], id, trace);
  const cells: ScoreCell[] = [];
  const level1: Level1Summary[] = [];
  const hidden: ScoreCell[] = [];
  const goals = form.goals.map((g, gi) => {
    const gPath = [...path, 'goals', gi];
    const block = indicatorRows(g.indicators, [...gPath, 'indicators'], `${id}.${g.label}`, `${g.label} `, trace);
    cells.push(...block.cells);
    level1.push(...block.level1);
    hidden.push(...block.hidden);
    return { label: g.label, weight: g.weight, name: g.name, rows: block.rows, cells: block.cells, path: gPath };
  });
  const total = totalOf(execution, cells, form.published_total, id, trace);
  return {
    kind: 'overall',
    source: form,
    name: '部门整体',
    title: form.title,
    unit: form.unit,
    basicTotal: form.basic_total,
    projectTotal: form.project_total,
    execution,
    goals,
    cells,
    level1,
    hidden,
    ...total,
    publishedTotal: form.published_total,
    deviation: paragraphs(form.deviation),
    improvement: paragraphs(form.improvement),
    path,
  };
}

function computeExecution(e: ProjectForm['execution'], path: Path, id: string, trace: Trace): ExecutionFigures {
  const budget = e.budget?.value;
  const actual = e.actual?.value;
  const inputs = { A: budget, B: actual, weight: String(e.weight) };
  const rate = executionRate(budget, actual);
  const rateRounded = rate && printedRate(rate);
  const computedRateText = rate ? percentText(rate) : '';
  if (rate && rateRounded) trace.record(`${id}.执行率`, rateRounded, 'B / A × 100，四舍五入到 0.1%', { ...inputs, exact: rate });
  const rule = executionScore(e.weight, budget, actual);
  const computedScore = rule && printedScore(rule.score);
  if (rule && computedScore) trace.record(`${id}.预算执行得分`, computedScore, `${rule.formula}，四舍五入到整数`, { ...inputs, raw: rule.raw, exact: rule.score });
  const pubScore = e.published?.score;
  const scoreText = pubScore ?? (computedScore ? trimZeros(computedScore) : '');
  return {
    weight: e.weight,
    label: e.label,
    budget: e.budget,
    actual: e.actual,
    rate,
    rateRounded,
    computedRateText,
    rateText: e.published?.rate ?? computedRateText,
    rule,
    computedScore,
    scoreText,
    scoreValue: pubScore !== undefined ? scoreValue(pubScore) : computedScore,
    published: e.published,
    path,
  };
}

/**
 * Lays the 一级/二级/具体指标 rows out with their row spans and decides which 得分 cells print: a
 * score given for an 一级 group spans the group; else one given for a 二级 group spans that group;
 * else each row prints its own (given, or computed by 备注2 from its weight).
 */
function indicatorRows(level1s: IndicatorLevel1[], path: Path, id: string, prefix: string, trace: Trace): IndicatorBlock {
  const rows: IndicatorRow[] = [];
  const cells: ScoreCell[] = [];
  const level1: Level1Summary[] = [];
  const hidden: ScoreCell[] = [];
  level1s.forEach((l1, i1) => {
    const p1 = [...path, i1];
    const l1Where = `${prefix}${l1.level1}`;
    const groups = l1.groups.length ? l1.groups : [{ level2: '', score: undefined, rows: [] }];
    const l1Rows = groups.reduce((n, g) => n + Math.max(1, g.rows.length), 0);
    const l1Start = rows.length;
    let l1Sum = new Decimal(0);
    if (l1.score !== undefined) {
      const value = scoreValue(l1.score);
      // its cap is the 一级 weight, checked on the group's sum (Level1Summary)
      cells.push({ where: l1Where, text: l1.score, value, path: [...p1, 'score'] });
      l1Sum = l1Sum.plus(value ?? 0);
    }
    groups.forEach((g, i2) => {
      const p2 = [...p1, 'groups', i2];
      const l2Where = `${l1Where}/${g.level2}`;
      const gRows = g.rows.length ? g.rows : [{ name: undefined, target: undefined, actual: undefined, score: undefined, weight: undefined }];
      const gStart = rows.length;
      if (g.score !== undefined) {
        const cell: ScoreCell = { where: l2Where, text: g.score, value: scoreValue(g.score), path: [...p2, 'score'] };
        if (l1.score !== undefined) hidden.push(cell);
        else {
          cells.push(cell);
          l1Sum = l1Sum.plus(cell.value ?? 0);
        }
      }
      gRows.forEach((r, i3) => {
        const p3 = [...p2, 'rows', i3];
        const rWhere = `${l2Where}/${r.name ?? ''}`;
        const weight = r.weight;
        const rule = weight !== undefined ? indicatorScore(weight, r.target, r.actual) : undefined;
        if (rule) {
          trace.record(`${id}.${l1.level1}.${g.level2}.${r.name ?? i3 + 1}.得分`, printedScore(rule.score), `${rule.formula}，四舍五入到整数`, {
            weight: String(weight),
            A: r.target,
            B: r.actual,
            raw: rule.raw,
            exact: rule.score,
          });
        }
        const row: IndicatorRow = { name: r.name, target: r.target, actual: r.actual, rule, weight, path: p3 };
        const given = r.score;
        const rowCell: ScoreCell | undefined =
          given !== undefined
            ? { where: rWhere, text: given, value: scoreValue(given), weight, rule, path: [...p3, 'score'] }
            : rule
              ? { where: rWhere, text: trimZeros(printedScore(rule.score)), value: printedScore(rule.score), weight, rule, path: p3 }
              : undefined;
        if (l1.score !== undefined || g.score !== undefined) {
          if (given !== undefined && rowCell) hidden.push(rowCell);
        } else {
          row.score = { text: rowCell?.text ?? '', rowspan: 1, value: rowCell?.value, computed: given === undefined && rowCell !== undefined };
          if (rowCell) {
            cells.push(rowCell);
            l1Sum = l1Sum.plus(rowCell.value ?? 0);
          }
        }
        rows.push(row);
      });
      rows[gStart].level2 = { name: g.level2, rowspan: gRows.length };
      if (l1.score === undefined && g.score !== undefined) {
        rows[gStart].score = { text: g.score, rowspan: gRows.length, value: scoreValue(g.score) };
      }
    });
    rows[l1Start].level1 = { name: l1.level1, weight: l1.weight, rowspan: l1Rows };
    if (l1.score !== undefined) rows[l1Start].score = { text: l1.score, rowspan: l1Rows, value: scoreValue(l1.score) };
    level1.push({ where: l1Where, weight: l1.weight, sum: l1Sum, path: p1 });
  });
  return { rows, cells, level1, hidden };
}

function totalOf(execution: ExecutionFigures, cells: ScoreCell[], published: string | undefined, id: string, trace: Trace) {
  let sum = execution.scoreValue ?? new Decimal(0);
  for (const c of cells) if (c.value) sum = sum.plus(c.value);
  trace.record(`${id}.总分`, sum, '预算执行得分 + Σ 表中各得分', {
    预算执行得分: execution.scoreValue,
    指标得分: cells
      .filter((c) => c.value)
      .map((c) => c.text)
      .join(' + '),
    published,
  });
  return { computedTotal: sum, totalText: published ?? trimZeros(sum) };
}

function paragraphs(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

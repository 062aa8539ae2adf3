import { Decimal } from 'decimal.js';
import { percentOf } from '../rounding.js';
import type { Trace } from '../trace.js';
import { proseFormat, type ProseFormat } from '../../model/number-format.js';

export type FigureKind = 'amount' | 'percent' | 'count' | 'list';
export type Path = readonly (string | number)[];

/**
 * One figure of the narrative: its id (docs/narrative.md lists them), the computed value and text,
 * and the published text when the data pins it. `text` is what prints.
 */
export interface Figure {
  /** For machines: the trace, `pins:` keys, `{id}` in the department's text. Never in a message. */
  id: string;
  /** What an officer calls it ("因公出国（境）费预算完成率"): every message names the figure by it. */
  name: string;
  /** The section of 第三部分 that computes it (where it prints). */
  section?: string;
  kind: FigureKind;
  /** Exact value (amounts, counts) or the rounded percentage; undefined when it cannot be computed. */
  value?: Decimal;
  /** The computed text as prose prints it (11314.64, 1679, 21.23; a list joined by "、"). */
  computed?: string;
  /** The published text from `pins:` (unit and % stripped). */
  pinned?: string;
  /** What the report prints: `pinned ?? computed`. */
  text?: string;
  /** A rate whose base is zero: no percentage is computed (words instead). */
  zeroBase?: boolean;
  /** List figures: the computed items and, when pinned, the published ones. */
  items?: string[];
  pinnedItems?: string[];
  /** How it is computed, in the figures' names ("因公出国（境）费决算数 ÷ 预算数 × 100%"). */
  formula: string;
  /** Where the figure's input sits in the YAML (for messages). */
  path?: Path;
}

export type Direction = 'up' | 'down' | 'flat';

export function directionOf(delta: Decimal): Direction {
  return delta.isZero() ? 'flat' : delta.isPositive() ? 'up' : 'down';
}

/** This year against last year. `delta` and `rate` are magnitudes; `direction` carries the sign. */
export interface Change {
  current: Figure;
  previous: Figure;
  delta: Figure;
  rate: Figure;
  direction: Direction;
  /** Last year was 0: no growth rate. */
  zeroBase: boolean;
}

/** An actual against its budget: 完成预算的 p %, and the difference. */
export interface Completion {
  budget: Figure;
  actual: Figure;
  rate: Figure;
  /** |actual − budget| */
  diff: Figure;
  /** actual vs budget: up = over budget. */
  direction: Direction;
  zeroBase: boolean;
}

const LIST_SEPARATOR = '、';

/** "A ÷ B × 100%", the whole's name shortened where it repeats the part's subject (决算数 ÷ 预算数). */
export function rateFormula(part: string, whole: string, subject?: string): string {
  const short = subject && part.startsWith(subject) && whole.startsWith(subject) && whole.length > subject.length ? whole.slice(subject.length) : whole;
  return `${part} ÷ ${short} × 100%`;
}

/** "A占B的比重": a share's name. */
export const shareName = (part: string, whole: string): string => `${part}占${whole}的比重`;

/** Pinned text → the bare number as prose prints it ("85.16%" → "85.16", "9635.64万元" → "9635.64"). */
export function normalizePin(kind: FigureKind, raw: string): string {
  const s = raw.trim();
  if (kind === 'list') return s.replace(/[。；;]$/, '');
  return s.replace(/\s+/g, '').replace(/(%|％|万元|个|辆)$/, '');
}

/** Creates every figure once, applies its pin, and records it in the audit trace. */
export class FigureBook {
  readonly figures = new Map<string, Figure>();
  /** Pins that named a figure (the checker reports the others). */
  readonly usedPins = new Set<string>();

  constructor(
    private readonly pins: Record<string, string>,
    private readonly trace: Trace,
    /** The form set's prose rule: the computed text of amounts and percentages. */
    readonly format: ProseFormat = proseFormat(),
  ) {}

  /** The section of 第三部分 whose figures are being made (set before each section runs). */
  section: string | undefined;

  private add(f: Figure, inputs: Record<string, Decimal | string | undefined>): Figure {
    if (this.figures.has(f.id)) throw new Error(`narrative figure defined twice: ${f.id}`);
    if (this.section !== undefined) f.section = this.section;
    const pin = this.pins[f.id];
    if (pin !== undefined) {
      this.usedPins.add(f.id);
      f.pinned = normalizePin(f.kind, pin);
      if (f.kind === 'list') f.pinnedItems = f.pinned.split(LIST_SEPARATOR).map((x) => x.trim()).filter(Boolean);
    }
    f.text = f.pinned ?? f.computed;
    this.figures.set(f.id, f);
    this.trace.record(`narrative.${f.id}`, f.computed ?? '', f.formula, inputs);
    return f;
  }

  /** An amount: data or table figure (or a sum), printed as prose (1679, 9635.63; fixed2: 1679.00). */
  amount(id: string, name: string, value: Decimal | undefined, formula: string, inputs: Record<string, Decimal | string | undefined> = {}, path?: Path): Figure {
    return this.add({ id, name, kind: 'amount', value, computed: value === undefined ? undefined : this.format.number(value), formula, path }, inputs);
  }

  /** part / whole × 100, rounded half-up to 0.01; a zero whole gives no rate (zeroBase). */
  percent(id: string, name: string, part: Decimal | undefined, whole: Decimal | undefined, formula: string, inputs: Record<string, Decimal | string | undefined> = {}, path?: Path): Figure {
    if (part === undefined || whole === undefined) return this.add({ id, name, kind: 'percent', formula, path }, inputs);
    const value = percentOf(part, whole);
    return this.add({ id, name, kind: 'percent', value, computed: value === undefined ? undefined : this.format.number(value), zeroBase: whole.isZero(), formula, path }, { part, whole, ...inputs });
  }

  count(id: string, name: string, n: number, formula: string, path?: Path): Figure {
    return this.add({ id, name, kind: 'count', value: new Decimal(n), computed: String(n), formula, path }, {});
  }

  list(id: string, name: string, items: string[], formula: string, path?: Path): Figure {
    return this.add({ id, name, kind: 'list', items, computed: items.join(LIST_SEPARATOR), formula, path }, {});
  }

  /** current vs previous: Δ, growth rate (none from a zero base), direction. `subject` names the thing compared. */
  change(id: string, subject: string, current: Figure, previous: Decimal | undefined, previousPath?: Path): Change | undefined {
    if (previous === undefined || current.value === undefined) return undefined;
    const prev = this.amount(`${id}.last_year`, `${subject}上年数`, previous, '上年数（数据）', {}, previousPath);
    const d = current.value.minus(previous);
    const delta = this.amount(`${id}.change`, `${subject}较上年增减额`, d.abs(), `|${current.name} − ${prev.name}|`, { current: current.value, previous });
    const rate = this.percent(`${id}.rate`, `${subject}较上年增减幅度`, d.abs(), previous, rateFormula(delta.name, prev.name), { delta: d });
    return { current, previous: prev, delta, rate, direction: directionOf(d), zeroBase: previous.isZero() };
  }

  /** actual vs budget: 完成预算的 p % (none against a zero budget), the difference. `subject` names the thing budgeted. */
  completion(id: string, subject: string, actual: Figure, budget: Figure): Completion | undefined {
    if (actual.value === undefined || budget.value === undefined) return undefined;
    const d = actual.value.minus(budget.value);
    const rate = this.percent(`${id}.completion`, `${subject}预算完成率`, actual.value, budget.value, rateFormula(actual.name, budget.name, subject));
    const diff = this.amount(`${id}.budget_change`, `${subject}决算数与预算数之差`, d.abs(), `|${actual.name} − ${budget.name}|`, { actual: actual.value, budget: budget.value });
    return { budget, actual, rate, diff, direction: directionOf(d), zeroBase: budget.value.isZero() };
  }

  get(id: string): Figure | undefined {
    return this.figures.get(id);
  }

  all(): Figure[] {
    return [...this.figures.values()];
  }
}

/** Σ of optional decimals (blank = 0); undefined when every input is missing. */
export function sumDefined(xs: (Decimal | undefined)[]): Decimal | undefined {
  const present = xs.filter((x): x is Decimal => x !== undefined);
  return present.length ? present.reduce((a, b) => a.plus(b), new Decimal(0)) : undefined;
}

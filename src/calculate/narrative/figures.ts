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
  id: string;
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

  private add(f: Figure, inputs: Record<string, Decimal | string | undefined>): Figure {
    if (this.figures.has(f.id)) throw new Error(`narrative figure defined twice: ${f.id}`);
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
  amount(id: string, value: Decimal | undefined, formula: string, inputs: Record<string, Decimal | string | undefined> = {}, path?: Path): Figure {
    return this.add({ id, kind: 'amount', value, computed: value === undefined ? undefined : this.format.number(value), formula, path }, inputs);
  }

  /** part / whole × 100, rounded half-up to 0.01; a zero whole gives no rate (zeroBase). */
  percent(id: string, part: Decimal | undefined, whole: Decimal | undefined, formula: string, inputs: Record<string, Decimal | string | undefined> = {}, path?: Path): Figure {
    if (part === undefined || whole === undefined) return this.add({ id, kind: 'percent', formula, path }, inputs);
    const value = percentOf(part, whole);
    return this.add({ id, kind: 'percent', value, computed: value === undefined ? undefined : this.format.number(value), zeroBase: whole.isZero(), formula, path }, { part, whole, ...inputs });
  }

  count(id: string, n: number, formula: string, path?: Path): Figure {
    return this.add({ id, kind: 'count', value: new Decimal(n), computed: String(n), formula, path }, {});
  }

  list(id: string, items: string[], formula: string, path?: Path): Figure {
    return this.add({ id, kind: 'list', items, computed: items.join(LIST_SEPARATOR), formula, path }, {});
  }

  /** current vs previous: Δ, growth rate (none from a zero base), direction. */
  change(id: string, current: Figure, previous: Decimal | undefined, previousPath?: Path): Change | undefined {
    if (previous === undefined || current.value === undefined) return undefined;
    const prev = this.amount(`${id}.last_year`, previous, '上年数（数据）', {}, previousPath);
    const d = current.value.minus(previous);
    const delta = this.amount(`${id}.change`, d.abs(), `|${current.id} − ${id}.last_year|`, { current: current.value, previous });
    const rate = this.percent(`${id}.rate`, d.abs(), previous, `|Δ| / 上年 × 100%`, { delta: d });
    return { current, previous: prev, delta, rate, direction: directionOf(d), zeroBase: previous.isZero() };
  }

  /** actual vs budget: 完成预算的 p % (none against a zero budget), the difference. */
  completion(id: string, actual: Figure, budget: Figure): Completion | undefined {
    if (actual.value === undefined || budget.value === undefined) return undefined;
    const d = actual.value.minus(budget.value);
    const rate = this.percent(`${id}.completion`, actual.value, budget.value, `${actual.id} / ${budget.id} × 100%`);
    const diff = this.amount(`${id}.budget_change`, d.abs(), `|${actual.id} − ${budget.id}|`, { actual: actual.value, budget: budget.value });
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

import { Decimal } from 'decimal.js';
import type { Calculated } from '../calculate/index.js';
import type { ResolvedTables } from '../calculate/tables.js';
import { tailTolerance, TAIL_PER_FIGURE } from '../calculate/rounding.js';
import type { Catalog } from '../load/catalog.js';
import type { Diagnostic, Severity } from '../model/diagnostics.js';
import type { Loaded } from '../load/index.js';
import type { Department } from '../load/schema.js';
import type { Amount } from '../model/amount.js';
import type { PrintedText } from '../model/printed-text.js';
import { tableNumber } from '../model/number-format.js';
import { tableName, type TableKey } from '../model/tables.js';

export type Path = readonly (string | number)[];

/** A printed figure: its amount (blank when undefined) and where it sits in the YAML. */
export interface Figure {
  amount: Amount | undefined;
  path: Path;
}

export interface CheckOptions {
  /**
   * The rounding half-step per printed figure (万元). Default: `TAIL_PER_FIGURE` (0.005), so an
   * equation over n parts tolerates `tailTolerance(n)` = 0.005 × (n + 1). 0 makes every tail an error.
   */
  tolerancePerFigure?: Decimal.Value;
  /**
   * The report reproduces a published one (`--archive`, or `purpose: archive` in the file): a pin
   * that differs from its computed figure beyond 尾数误差 is a warning, not an error.
   */
  archive?: boolean;
  /**
   * What the report prints, for the rules that read printed words: from a PDF's text layer
   * (`juesuan check <report.pdf>`), or from the templates for a department file. Absent: those
   * rules have nothing to read.
   */
  printed?: readonly PrintedText[];
}

const ZERO = new Decimal(0);

/** A number as the tables print it: two decimals, thousands separators (11,314.64). */
export function fmt(d: Decimal): string {
  return tableNumber(d);
}

/** Plain machine-readable figure for `expected` / `actual` (249.72). */
export function plain(d: Decimal): string {
  return d.toFixed(2);
}

export const valueOf = (a: Amount | undefined): Decimal => (a ? a.value : ZERO);
export const isBlank = (a: Amount | undefined): boolean => !a || a.value.isZero();

/** What the finance officer reads: the table, the row, the column. */
export interface Subject {
  /** "收入决算表（公开02表）": `ctx.tableName(key)`. */
  table: string;
  /** "208 社会保障和就业支出", "合计", or '' for a table-level figure. */
  row?: string;
  /** "本年收入合计" */
  column?: string;
}

export function subjectText(s: Subject): string {
  return [s.table, s.row, s.column].filter((x) => x).join(' ');
}

/**
 * An equation `printed = expected`, where `expected` is built from other printed figures.
 * `figures` counts the printed, non-blank figures that enter (both sides): their rounding tails add
 * up to at most 0.005 each.
 */
export interface Equation {
  rule: string;
  subject: Subject;
  /** The printed figure under check (the diagnostic points at it). */
  printed: Figure;
  /** What the other figures say it should be. */
  expected: Decimal;
  /** "各款之和", "收入决算表（公开02表） 合计 本年收入合计". */
  expectedLabel: string;
  /** Non-blank printed figures entering the expected side. */
  parts: number;
  /** "表中" by default: "…为 X，表中为 Y". */
  printedLabel?: string;
}

/** `small ≤ large`: a part can never exceed the whole it is part of. */
export interface Subset {
  rule: string;
  subject: Subject;
  printed: Figure;
  /** The figure it is a part of, and how to name it. */
  bound: Decimal;
  boundLabel: string;
  /** Why it is a subset, for the officer. */
  reason: string;
}

/** Everything a rule needs: the calculated report, the source positions, the tolerance. */
export class CheckContext {
  readonly loaded: Loaded;
  readonly tables: ResolvedTables;
  readonly model: Department;
  readonly catalog: Catalog;
  readonly file: string;
  private readonly perFigure: Decimal | undefined;
  /** Archive semantics: from the options or the file's `purpose: archive`. */
  readonly archive: boolean;
  /** What the report prints (CheckOptions.printed); undefined when the caller has none. */
  readonly printed: readonly PrintedText[] | undefined;

  constructor(
    readonly calc: Calculated,
    options: CheckOptions = {},
  ) {
    this.loaded = calc.loaded;
    this.tables = calc.tables;
    this.model = calc.loaded.model;
    this.catalog = calc.loaded.catalog;
    this.file = calc.loaded.file;
    this.archive = Boolean(options.archive) || this.model.purpose === 'archive';
    this.printed = options.printed;
    this.perFigure = options.tolerancePerFigure === undefined ? undefined : new Decimal(options.tolerancePerFigure);
    if (this.perFigure && (this.perFigure.isNaN() || this.perFigure.isNegative())) {
      throw new RangeError(`tolerancePerFigure must be a non-negative number, not ${String(options.tolerancePerFigure)}`);
    }
  }

  /** 尾数误差 for an equation over n parts: `tailTolerance(n)`, or the configured half-step × (n + 1). */
  tolerance(parts: number): Decimal {
    const n = Math.max(1, parts);
    if (this.perFigure === undefined || this.perFigure.equals(TAIL_PER_FIGURE)) return tailTolerance(n);
    return this.perFigure.times(n + 1);
  }

  /** How every finding names a table (src/model/tables.ts `tableName`). */
  tableName(key: TableKey): string {
    return tableName(key, this.loaded.profile.tables);
  }

  /** A YAML path as the file spells it (an old-key file keeps its tables.t03), for messages. */
  field(path: Path): string {
    return (this.loaded.locator.written?.(path) ?? path).join('.');
  }

  /** Line and column of a figure: the amount's own, else the nearest node of its YAML path. */
  where(f: Figure | Path): { line?: number; column?: number } {
    const fig = Array.isArray(f) ? { amount: undefined, path: f as Path } : (f as Figure);
    if (fig.amount?.line !== undefined) return { line: fig.amount.line, column: fig.amount.column };
    const p = this.loaded.locator.locate(fig.path);
    return p ? { line: p.line, column: p.column } : {};
  }

  diagnostic(d: { severity: Severity; rule: string; message: string; at: Figure | Path; expected?: string; actual?: string }): Diagnostic {
    const out: Diagnostic = { severity: d.severity, rule: d.rule, message: d.message, file: this.file, ...this.where(d.at) };
    if (d.expected !== undefined) out.expected = d.expected;
    if (d.actual !== undefined) out.actual = d.actual;
    return out;
  }

  /** Checks `printed = expected` with the 尾数误差 tolerance: nothing, a warning, or an error. */
  equation(e: Equation): Diagnostic[] {
    const actual = valueOf(e.printed.amount);
    const diff = actual.minus(e.expected).abs();
    if (diff.isZero()) return [];
    const figures = e.parts + (isBlank(e.printed.amount) ? 0 : 1);
    const tol = this.tolerance(Math.max(1, figures - 1));
    const within = diff.lte(tol);
    const printedText = e.printed.amount ? fmt(actual) : '空';
    const message =
      `${subjectText(e.subject)}：${e.expectedLabel}为 ${fmt(e.expected)}，${e.printedLabel ?? '表中'}为 ${printedText}` +
      (within ? `（差 ${fmt(diff)}，在尾数误差范围内）` : `（差 ${fmt(diff)}，超出尾数误差范围 ±${tol.toString()}）`);
    return [
      this.diagnostic({
        severity: within ? 'warning' : 'error',
        rule: e.rule,
        message,
        at: e.printed,
        expected: plain(e.expected),
        actual: e.printed.amount ? plain(actual) : '',
      }),
    ];
  }

  /** Checks `printed ≤ bound`; an excess within 尾数误差 (2 figures) is a warning. */
  subset(s: Subset): Diagnostic[] {
    const actual = valueOf(s.printed.amount);
    const excess = actual.minus(s.bound);
    if (excess.lte(0)) return [];
    const tol = this.tolerance(1);
    const within = excess.lte(tol);
    const message =
      `${subjectText(s.subject)}：为 ${fmt(actual)}，超过 ${s.boundLabel} ${fmt(s.bound)}` +
      (within ? `（多 ${fmt(excess)}，在尾数误差范围内）` : `（多 ${fmt(excess)}）；${s.reason}`);
    return [
      this.diagnostic({
        severity: within ? 'warning' : 'error',
        rule: s.rule,
        message,
        at: s.printed,
        expected: `≤ ${plain(s.bound)}`,
        actual: plain(actual),
      }),
    ];
  }
}

/** Sum of figures and the count of the non-blank ones (each carries a rounding tail). */
export function sumOf(figs: (Amount | undefined)[]): { value: Decimal; parts: number } {
  let value = ZERO;
  let parts = 0;
  for (const a of figs) {
    if (!a) continue;
    value = value.plus(a.value);
    if (!a.value.isZero()) parts++;
  }
  return { value, parts };
}

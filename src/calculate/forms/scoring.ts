import { Decimal } from 'decimal.js';
import { roundPrinted } from '../rounding.js';
import { trimZeros } from '../../model/number-format.js';

/**
 * The scoring rules the 自评表 print under every form (备注 1–2) and the precision the forms use.
 * Decimal only: a score is never computed through a binary float.
 */

/** The forms print 执行率 to one decimal (550.6%, 97.2% for 19.25/19.8 = 97.22%, 100%). */
export const FORM_RATE_PLACES = 1;
/** The forms print scores as whole numbers (20, 37, 95). */
export const FORM_SCORE_PLACES = 0;

const HUNDRED = new Decimal(100);
const ZERO = new Decimal(0);

/** 执行率 B/A as a percentage, exact (no rounding); undefined when the budget A is zero or blank. */
export function executionRate(budget: Decimal | undefined, actual: Decimal | undefined): Decimal | undefined {
  if (!budget || budget.isZero()) return undefined;
  return (actual ?? ZERO).div(budget).times(HUNDRED);
}

/** 执行率 as the form prints it: half up to `FORM_RATE_PLACES`. */
export function printedRate(ratePercent: Decimal): Decimal {
  return roundPrinted(ratePercent, FORM_RATE_PLACES);
}

/** A score as the form prints it: half up to `FORM_SCORE_PLACES`. */
export function printedScore(score: Decimal): Decimal {
  return roundPrinted(score, FORM_SCORE_PLACES);
}

/** "99%", "550.6%", "97.2%": the printed precision with trailing zeros dropped. */
export function percentText(ratePercent: Decimal): string {
  return `${trimZeros(printedRate(ratePercent))}%`;
}

export interface RuleScore {
  /** Exact score, already capped at the weight. */
  score: Decimal;
  /** The uncapped product, for the trace. */
  raw: Decimal;
  capped: boolean;
  formula: string;
}

/**
 * 预算执行得分 = min(权重, 权重 × 执行率). Undefined when the budget is zero (no 执行率: the rule
 * does not apply, the checker says so).
 */
export function executionScore(weight: Decimal.Value, budget: Decimal | undefined, actual: Decimal | undefined): RuleScore | undefined {
  const rate = executionRate(budget, actual);
  if (rate === undefined) return undefined;
  const w = new Decimal(weight);
  const raw = w.times(rate).div(HUNDRED);
  return cap(w, raw, `min(${w}, ${w} × B/A)`);
}

export type Direction = 'forward' | 'reverse';

/** A target or completion value as the forms write it: "≥10000套", "≤8秒", "12569套", "约2000人/次". */
export interface Quantity {
  /** ≥X: 正向指标; ≤X: 反向指标; none: not a quantitative target by 备注2. */
  direction?: Direction;
  value?: Decimal;
  text: string;
}

const NUMBER_RE = /(\d+(?:\.\d+)?)/;

export function parseQuantity(text: string | undefined): Quantity {
  const t = (text ?? '').trim();
  const direction: Direction | undefined = /^[≥>]=?|^不低于|^不少于/.test(t) ? 'forward' : /^[≤<]=?|^不高于|^不超过/.test(t) ? 'reverse' : undefined;
  const m = NUMBER_RE.exec(t.replace(/,/g, ''));
  return { direction, value: m ? new Decimal(m[1]) : undefined, text: t };
}

/**
 * 定量指标得分 (备注2): 正向指标 (target ≥X) 权重 × B/A, 反向指标 (target ≤X) 权重 × A/B, never
 * above the weight. Undefined when the rule does not apply: a target without ≥/≤, or a value that
 * is not a number.
 */
export function indicatorScore(weight: Decimal.Value, target: string | undefined, actual: string | undefined): RuleScore | undefined {
  const a = parseQuantity(target);
  const b = parseQuantity(actual);
  if (!a.direction || a.value === undefined || b.value === undefined) return undefined;
  const w = new Decimal(weight);
  if (a.direction === 'forward') {
    // ≥0 is met by any completion.
    if (a.value.isZero()) return cap(w, w, `${w}（目标 ≥0）`);
    return cap(w, w.times(b.value).div(a.value), `min(${w}, ${w} × B/A)`);
  }
  // ≤X met with nothing at all (B = 0): the full weight.
  if (b.value.isZero()) return cap(w, w, `${w}（完成值为 0）`);
  return cap(w, w.times(a.value).div(b.value), `min(${w}, ${w} × A/B)`);
}

function cap(weight: Decimal, raw: Decimal, formula: string): RuleScore {
  const capped = raw.gt(weight);
  return { score: capped ? weight : raw, raw, capped, formula };
}

/** A printed score cell ("10", "39分") as a number; undefined for a blank or unreadable cell. */
export function scoreValue(text: string | undefined): Decimal | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*分?\s*$/.exec(text);
  return m ? new Decimal(m[1]) : undefined;
}

/** A printed 执行率 ("99.1%", "100"): its number and whether the % sign is there. */
export function rateValue(text: string | undefined): { value: Decimal; percentSign: boolean } | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%|％)?\s*$/.exec(text);
  return m ? { value: new Decimal(m[1]), percentSign: m[2] !== undefined } : undefined;
}

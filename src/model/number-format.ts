import { Decimal } from 'decimal.js';
import type { Amount } from './amount.js';

/**
 * Every way the report writes a number, in one place below both the calculator (which fixes the
 * prose text of each narrative figure) and the templates (which print tables and prose).
 * Rounding is half up ("四舍五入") throughout.
 */

// ── tables ───────────────────────────────────────────────────────────────────

/** 11314.64 → "11,314.64" (the sign and the decimals kept). */
export function groupThousands(fixed: string): string {
  const [int, frac] = fixed.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac !== undefined ? `${sign}${grouped}.${frac}` : `${sign}${grouped}`;
}

/** Tables: thousands separators, two decimals (11,314.64). */
export function tableNumber(d: Decimal): string {
  return groupThousands(d.toFixed(2));
}

/** A table cell: as `tableNumber`, blank for an empty cell. */
export function tableAmount(a: Amount | undefined | null): string {
  return a ? tableNumber(a.value) : '';
}

/** The precision the data gave, with separators (the 三公 table prints "19.6" and "19.50" as published). */
export function writtenAmount(a: Amount | undefined | null): string {
  return a ? groupThousands(a.value.toFixed(a.decimals)) : '';
}

/** The precision the data gave, no separators (the 自评表: 11314.64, 10.5, 1679). */
export function plainWrittenAmount(a: Amount | undefined | null): string {
  return a ? a.value.toFixed(a.decimals) : '';
}

/** An exact decimal without trailing zeros and without rounding (a score of 37.50 → "37.5"). */
export function trimZeros(d: Decimal): string {
  const s = d.toFixed();
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

// ── prose ────────────────────────────────────────────────────────────────────

/**
 * How figures print in running text, by name (a form set's `numbers` rule):
 * - `trim` (Wuhan): at most two decimals, trailing zeros dropped: 3105.2万元, 1679万元, 99.05%, 100%;
 * - `fixed2` (Shanghai): always two decimals: 3105.20万元, 1679.00万元, 100.00%.
 * Neither groups thousands. Counts (项目个数, 车辆数) are whole numbers under either rule.
 */
export const PROSE_RULES = {
  trim: (d: Decimal) => roundProse(d).toFixed(2).replace(/\.?0+$/, ''),
  fixed2: (d: Decimal) => roundProse(d).toFixed(2),
} as const satisfies Record<string, (d: Decimal) => string>;

export type ProseRule = keyof typeof PROSE_RULES;
export const PROSE_RULE_NAMES = Object.keys(PROSE_RULES) as ProseRule[];
/** What a form set without a `numbers` rule prints: Wuhan's. */
export const DEFAULT_PROSE_RULE: ProseRule = 'trim';

const roundProse = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

export function isProseRule(name: unknown): name is ProseRule {
  return typeof name === 'string' && Object.hasOwn(PROSE_RULES, name);
}

/** A number as prose prints it under `rule`; nothing is "0" (the templates print 0万元 for a blank). */
export function proseNumber(d: Decimal | Amount | undefined | null, rule: ProseRule = DEFAULT_PROSE_RULE): string {
  if (d === undefined || d === null) return PROSE_RULES[rule](new Decimal(0));
  return PROSE_RULES[rule](d instanceof Decimal ? d : d.value);
}

/** The prose forms of one rule: the bare number, an amount in 万元, a percentage. */
export interface ProseFormat {
  rule: ProseRule;
  number(d: Decimal): string;
  amount(d: Decimal): string;
  percent(d: Decimal): string;
}

export function proseFormat(rule: ProseRule = DEFAULT_PROSE_RULE): ProseFormat {
  const number = PROSE_RULES[rule];
  return { rule, number, amount: (d) => `${number(d)}万元`, percent: (d) => `${number(d)}%` };
}

// ── ordinals ─────────────────────────────────────────────────────────────────

const DIGITS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** 1 → 一, 10 → 十, 13 → 十三, 21 → 二十一, 105 → 一百零五 (headings, row labels, list marks). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new RangeError(`chineseNumber: ${n}`);
  if (n >= 100) {
    const rest = n % 100;
    const head = `${DIGITS[Math.floor(n / 100) - 1]}百`;
    if (rest === 0) return head;
    // 110 一百一十 (not 一百十), 105 一百零五
    return rest < 10 ? `${head}零${DIGITS[rest - 1]}` : `${head}${rest < 20 ? '一' : ''}${chineseNumber(rest)}`;
  }
  if (n <= 10) return n === 10 ? '十' : DIGITS[n - 1];
  if (n < 20) return `十${DIGITS[n - 11]}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${DIGITS[tens - 1]}十${ones ? DIGITS[ones - 1] : ''}`;
}

import { Decimal } from 'decimal.js';
import type { HelperDelegate, HelperOptions } from 'handlebars';
import type { Amount } from '../model/amount.js';
import type { Change, Completion, Direction, Figure } from '../calculate/narrative/index.js';
import { chineseNumber, DEFAULT_PROSE_RULE, isProseRule, proseNumber, type ProseRule } from '../model/number-format.js';

type HB = typeof import('handlebars');

/**
 * Wording of 第三部分: sign-aware phrases, prose numbers, Chinese ordinals, zero-base words.
 * Pure functions (tested in tests/narrative-wording.test.ts), registered as Handlebars helpers by
 * `registerWordingHelpers`.
 */

// ── numbers ──────────────────────────────────────────────────────────────────

/**
 * A number as the narrative prints it under the form set's prose rule (src/model/number-format.ts):
 * `trim` 11314.64, 1679, 109.6; `fixed2` 1679.00. A figure prints its own text (pinned or computed
 * under the rule the calculator was given).
 */
export function prose(x: Decimal | Amount | Figure | number | string | undefined | null, rule: ProseRule = DEFAULT_PROSE_RULE): string {
  if (x === undefined || x === null) return '';
  if (typeof x === 'number' || typeof x === 'string') return proseNumber(new Decimal(x), rule);
  if (x instanceof Decimal) return proseNumber(x, rule);
  if ('kind' in x) return x.text ?? '';
  return proseNumber(x.value, rule);
}

/** "11314.64万元" */
export function wan(x: Decimal | Amount | Figure | number | string | undefined | null, rule: ProseRule = DEFAULT_PROSE_RULE): string {
  return `${prose(x, rule)}万元`;
}

/** "21.23%" (a zero base has no rate: empty). */
export function percent(x: Decimal | Figure | number | string | undefined | null, rule: ProseRule = DEFAULT_PROSE_RULE): string {
  const s = prose(x as Decimal, rule);
  return s === '' ? '' : `${s}%`;
}

/** The view's `numbers` (the form set's prose rule), seen from a helper. */
export function ruleOf(options: HelperOptions | undefined): ProseRule {
  const name = (options?.data as { root?: { numbers?: unknown } } | undefined)?.root?.numbers;
  return isProseRule(name) ? name : DEFAULT_PROSE_RULE;
}

// ── direction words ──────────────────────────────────────────────────────────

export type RateStyle = '增长' | '上升';

export function changeVerb(d: Direction): '增加' | '减少' | '持平' {
  return d === 'up' ? '增加' : d === 'down' ? '减少' : '持平';
}

/** 增长/下降 (or 上升/下降), 持平 when unchanged. */
export function rateVerb(d: Direction, style: RateStyle = '增长'): string {
  return d === 'up' ? style : d === 'down' ? '下降' : '持平';
}

/** 决算数大于/小于预算数, or 持平. */
export function comparisonVerb(d: Direction): '大于' | '小于' | '持平' {
  return d === 'up' ? '大于' : d === 'down' ? '小于' : '持平';
}

/**
 * This year against last: "增加1981.14万元，增长21.23%", "减少7.31万元，下降11.57%", "持平".
 * Last year 0 gives no rate: "新增X万元" (a pinned published rate still prints, and the checker warns).
 */
export function changeClause(c: Change | undefined, style: RateStyle = '增长'): string {
  if (!c) return '';
  const rate = c.rate.text;
  if (c.direction === 'flat' && c.delta.pinned === undefined) return '持平';
  if (c.zeroBase && rate === undefined) return `新增${wan(c.delta)}`;
  const head = `${changeVerb(c.direction)}${wan(c.delta)}`;
  return rate === undefined ? head : `${head}，${rateVerb(c.direction, style)}${rate}%`;
}

/**
 * 完成年初预算的p%. A zero budget gives words, not a rate: "年初预算为0万元"; a pinned rate prints as
 * published.
 */
export function completionClause(c: Completion | undefined, term = '年初预算'): string {
  if (!c) return '';
  if (c.rate.text !== undefined) return `完成${term}的${c.rate.text}%`;
  return `${term}为${wan(c.budget)}`;
}

/** 比年初预算减少7.57万元 / 比年初预算增加… / 与年初预算持平. */
export function budgetChangeClause(c: Completion | undefined, term = '年初预算'): string {
  if (!c) return '';
  if (c.direction === 'flat') return `与${term}持平`;
  return `比${term}${changeVerb(c.direction)}${wan(c.diff)}`;
}

// ── ordinals ─────────────────────────────────────────────────────────────────

export const ORDINAL_STYLES = ['一、', '(一)', '（一）', '1.', '1、', '(1)', '（1）'] as const;
export type OrdinalStyle = (typeof ORDINAL_STYLES)[number];

/** The n-th heading mark in a style given by its first: ordinal(3, '(一)') = "(三)", ordinal(12, '1、') = "12、". */
export function ordinal(n: number, style: OrdinalStyle = '一、'): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`ordinal: ${n}`);
  const cn = chineseNumber(n);
  switch (style) {
    case '一、':
      return `${cn}、`;
    case '(一)':
      return `(${cn})`;
    case '（一）':
      return `（${cn}）`;
    case '1.':
      return `${n}.`;
    case '1、':
      return `${n}、`;
    case '(1)':
      return `(${n})`;
    case '（1）':
      return `（${n}）`;
  }
}

/** "；" between the items of an enumeration and "。" after the last. */
export function listEnd(index: number, length: number): '；' | '。' {
  return index === length - 1 ? '。' : '；';
}

// ── Handlebars ───────────────────────────────────────────────────────────────

const arg = <T>(args: unknown[], i: number): T | undefined => (args.length - 1 > i ? (args[i] as T) : undefined);

export function registerWordingHelpers(hb: HB): void {
  const helpers: Record<string, HelperDelegate> = {
    /** {{fig f}}: the figure as printed (pinned or computed). */
    fig: (f: Figure | undefined) => f?.text ?? '',
    wan: (x: Figure, options: HelperOptions) => wan(x, ruleOf(options)),
    pct: (x: Figure, options: HelperOptions) => percent(x, ruleOf(options)),
    changeVerb: (d: Direction) => changeVerb(d),
    rateVerb: (...a: unknown[]) => rateVerb(arg<Direction>(a, 0)!, (arg<RateStyle>(a, 1) ?? '增长') as RateStyle),
    /** {{changeClause change}} or {{changeClause change "上升"}} */
    changeClause: (...a: unknown[]) => changeClause(arg<Change>(a, 0), (arg<RateStyle>(a, 1) ?? '增长') as RateStyle),
    /** {{completionClause completion "年度预算"}} */
    completionClause: (...a: unknown[]) => completionClause(arg<Completion>(a, 0), arg<string>(a, 1) ?? '年初预算'),
    budgetChangeClause: (...a: unknown[]) => budgetChangeClause(arg<Completion>(a, 0), arg<string>(a, 1) ?? '年初预算'),
    /** {{ordinal n "(一)"}}, n from 1 ({{ordinal (inc @index) "1."}} in a loop). */
    ordinal: (...a: unknown[]) => ordinal(Number(arg<number>(a, 0)), (arg<OrdinalStyle>(a, 1) ?? '一、') as OrdinalStyle),
    listEnd: (i: number, items: unknown[]) => listEnd(i, Array.isArray(items) ? items.length : 0),
    /** {{#if (has x)}}: defined, even when an empty string (an empty reason prints "，。" as published). */
    has: (x: unknown) => x !== undefined && x !== null,
  };
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);
}

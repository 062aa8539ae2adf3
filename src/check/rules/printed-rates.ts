import { Decimal } from 'decimal.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import type { PrintedText } from '../../model/printed-text.js';
import type { CheckContext } from '../context.js';
import { AMOUNT_SOURCE as AMOUNT, budgetActualPairs, entries, NUMBER_SOURCE, printedFinding, toDecimal } from '../printed-words.js';
import type { Rule, RuleFamily } from '../rule.js';

/**
 * Rates the narrative prints against the amounts it prints beside them. Budgets and last year's
 * amounts are often printed without any table that holds them, so a completion rate or a growth
 * rate is only checkable against the printed words themselves. Each printed figure stands for an
 * interval (amounts to 0.01 万元, a rate to its last printed digit), and a rate is wrong only when no values in those intervals
 * give it: a report that rounds its amounts coarsely is not accused of what its rounding allows.
 */

const COMPLETION = new RegExp(String.raw`完成(?:了)?(?:年初|年度|调整后|全年)?预算(?:数)?的(${NUMBER_SOURCE})%`, 'g');
/** "…2.51万元，完成年初预算的24.9%，比年初预算减少7.57万元": the budget is the amount ± the change. */
const AGAINST_BUDGET = new RegExp(String.raw`^[，,]\s*(?:比|较)(?:年初|年度|调整后)?预算(增加|减少|节约|超支)(${NUMBER_SOURCE})万元`);
const CHANGE = new RegExp(String.raw`(增加|减少)(?:了)?${AMOUNT}[，,]\s*(增长|上升|下降|减少)(?:了)?(${NUMBER_SOURCE})%`, 'g');

/** A printed number as the interval its rounding allows. */
interface Printed {
  value: Decimal;
  half: Decimal;
}

/**
 * Amounts are kept to 0.01 万元 and printed with their trailing zeros dropped ("19.5", "1"), so
 * any amount stands for ±0.005; a rate is rounded where its printing stops ("109.6%" is
 * 109.55–109.65%).
 */
const amount = (s: string): Printed => ({ value: toDecimal(s), half: new Decimal('0.005') });

function rateOf(s: string): Printed {
  const decimals = s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
  return { value: toDecimal(s), half: new Decimal(5).times(new Decimal(10).pow(-decimals - 1)) };
}

const corners = (p: Printed): Decimal[] => [p.value.minus(p.half), p.value.plus(p.half)];

/**
 * Whether a printed percentage can be f(x, y) × 100 for some x, y in the printed intervals. f is
 * monotone in each argument over the intervals used here, so its extremes are at the corners.
 */
function rateAllowed(rate: Printed, x: Printed, y: Printed, f: (x: Decimal, y: Decimal) => Decimal | undefined): boolean {
  const values: Decimal[] = [];
  for (const a of corners(x)) {
    for (const b of corners(y)) {
      const v = f(a, b);
      if (v === undefined) return true;
      values.push(v.times(100));
    }
  }
  const lo = Decimal.min(...values).minus(rate.half);
  const hi = Decimal.max(...values).plus(rate.half);
  return rate.value.gte(lo) && rate.value.lte(hi);
}

const ratio = (a: Decimal, b: Decimal): Decimal | undefined => (b.gt(0) ? a.div(b) : undefined);
const show = (d: Decimal): string => d.toDecimalPlaces(2).toString();

/** 完成预算的 R% after the one budget/actual pair stated since the previous rate, or after an amount and its difference from the budget. */
function completionFindings(ctx: CheckContext, e: PrintedText): Diagnostic[] {
  const text = e.text;
  const pairs = budgetActualPairs(text);
  const out: Diagnostic[] = [];
  let since = 0;
  for (const m of text.matchAll(COMPLETION)) {
    const stated = pairs.filter((p) => p.at >= since && p.at < m.index);
    since = m.index + m[0].length;
    const rate = rateOf(m[1]!);
    let budget: string | undefined;
    let actual: string | undefined;
    let allowed: boolean;
    if (stated.length === 1) {
      budget = stated[0]!.budget;
      actual = stated[0]!.actual;
      allowed = rateAllowed(rate, amount(actual), amount(budget), ratio);
    } else if (stated.length === 0) {
      const spent = new RegExp(String.raw`${AMOUNT}[，,]\s*$`).exec(text.slice(Math.max(0, m.index - 20), m.index));
      const change = AGAINST_BUDGET.exec(text.slice(since));
      if (!spent || !change) continue;
      actual = spent[1]!;
      const less = change[1] === '减少' || change[1] === '节约';
      const a = amount(actual);
      const d = amount(change[2]!);
      budget = show(less ? a.value.plus(d.value) : a.value.minus(d.value));
      allowed = rateAllowed(rate, a, d, (x, y) => ratio(x, less ? x.plus(y) : x.minus(y)));
    } else {
      continue;
    }
    if (allowed) continue;
    const truth = toDecimal(actual).div(toDecimal(budget)).times(100);
    out.push(
      printedFinding(ctx, {
        severity: 'error',
        rule: 'printed-rate',
        entry: e,
        start: m.index,
        end: m.index + m[0].length,
        what: `完成率 ${m[1]}% 与所述数字不符（预算 ${budget} 万元、决算 ${actual} 万元，应为 ${show(truth)}%）`,
        expected: `${show(truth)}%`,
        actual: `${m[1]}%`,
      }),
    );
  }
  return out;
}

/** Sentences of a paragraph with their offsets (a sentence ends at 。). */
function sentenceStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '。' && i + 1 < text.length) starts.push(i + 1);
  return starts;
}

/**
 * 增加 C万元，增长 R%: last year's amount is this year's minus the change, so the rate follows from
 * an amount printed before it in the same or the previous sentence. Any such amount that gives the
 * rate clears it (the sentence may state several); none does, and the rate is wrong.
 */
function changeFindings(ctx: CheckContext, e: PrintedText): Diagnostic[] {
  const text = e.text;
  const starts = sentenceStarts(text);
  // "比2022年度减少7.31万元" states a change, not last year's amount
  const lastYear = new RegExp(String.raw`(?<![比较与])(?:上年|上年度|${ctx.model.year - 1}年度?)(?:(?!增加|减少|增长|下降|上升|降低|持平|比|较|相比)[^，。；\d]){0,30}?${AMOUNT}`);
  const out: Diagnostic[] = [];
  for (const m of text.matchAll(CHANGE)) {
    const up = m[1] === '增加';
    if (up !== (m[3] === '增长' || m[3] === '上升')) continue; // a contradiction: printed-direction's
    const sentence = starts.filter((s) => s <= m.index).length - 1;
    const from = starts[Math.max(0, sentence - 1)]!;
    const sentenceText = text.slice(starts[sentence]!, starts[sentence + 1] ?? text.length);
    if (lastYear.test(sentenceText)) continue; // both years stated: printed-direction compares them
    // an amount after a direction word is another change, not an amount of this year
    const candidates = [...text.slice(from, m.index).matchAll(new RegExp(String.raw`(?<!增加|减少|增长|下降|上升|降低|节约|超支|了|\d|[,.])${AMOUNT}`, 'g'))].map((a) => amount(a[1]!));
    const change = amount(m[2]!);
    // an amount smaller than the increase cannot be this year's: it is about something else
    const bases = candidates.filter((now) => !up || now.value.minus(now.half).gt(change.value.plus(change.half)));
    if (bases.length === 0) continue;
    const rate = rateOf(m[4]!);
    const base = (now: Decimal, c: Decimal) => ratio(c, up ? now.minus(c) : now.plus(c));
    if (bases.some((now) => rateAllowed(rate, now, change, base))) continue;
    const now = bases[bases.length - 1]!.value;
    const before = up ? now.minus(change.value) : now.plus(change.value);
    const truth = before.gt(0) ? `${show(change.value.div(before).times(100))}%` : undefined;
    const start = m.index + m[0].lastIndexOf(m[3]!);
    out.push(
      printedFinding(ctx, {
        severity: 'error',
        rule: 'printed-rate',
        entry: e,
        start,
        end: m.index + m[0].length,
        what: `增减率 ${m[4]}% 与所述数字不符（本年 ${now.toString()} 万元、${m[1]} ${m[2]} 万元，上年应为 ${before.toString()} 万元${truth ? `，增减率应为 ${truth}` : ''}）`,
        ...(truth ? { expected: truth } : {}),
        actual: `${m[4]}%`,
      }),
    );
  }
  return out;
}

const rateRule: Rule = {
  id: 'printed-rate',
  readsPrinted: true,
  description: '正文的完成率、增减率与同处所述金额不符：预算为 A、决算为 B 而“完成预算的 R%”，本年 N、增加 C 而“增长 R%”（按所印位数容许尾差）',
  run: (ctx) => entries(ctx, 'paragraph').flatMap((e) => [...completionFindings(ctx, e), ...changeFindings(ctx, e)]),
};

export const printedRateRules: RuleFamily = {
  family: 'printed-rates',
  rules: [rateRule],
};

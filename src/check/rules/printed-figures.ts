import { Decimal } from 'decimal.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import type { PrintedText } from '../../model/printed-text.js';
import type { CheckContext } from '../context.js';
import { AMOUNT_SOURCE as AMOUNT, budgetActualPairs, entries, NUMBER_SOURCE, printedFinding, toDecimal } from '../printed-words.js';
import type { Rule, RuleFamily } from '../rule.js';

/**
 * Figures as the narrative prints them: each with its unit, direction words that agree with the
 * amounts the same sentence states, no rate from a zero base. Only what the printed words say is
 * compared: a sentence that states this year's amount but not last year's is left alone.
 */

const UP = ['增加', '增长', '上升', '提高'];
const DOWN = ['减少', '下降', '降低'];
const DIRECTION = [...UP, ...DOWN, '持平'].join('|');
/** Words after which a number is a change, a rate or a share: it needs 万元 or %. */
const NEEDS_UNIT = new RegExp(String.raw`(?:${DIRECTION}|完成[^，。；：\d]{0,6}的|占[^，。；：\d]{0,12}?|执行率为?)$`);

const unitRule: Rule = {
  id: 'printed-unit',
  description: '正文数字缺单位（“增长8.27。”）或单位不对（金额单位为万元的报告中印“3.58元”）',
  readsPrinted: true,
  run: (ctx) => {
    const out: Diagnostic[] = [];
    const inWan = entries(ctx, 'table-header').some((e) => e.text.includes('万元')) || entries(ctx, 'table-header').length === 0;
    for (const e of entries(ctx, 'paragraph')) {
      for (const m of e.text.matchAll(new RegExp(`(?<![\\d.,])${NUMBER_SOURCE}`, 'g'))) {
        const start = m.index;
        const end = start + m[0].length;
        const next = e.text.slice(end, end + 1);
        const before = e.text.slice(Math.max(0, start - 16), start);
        const clause = before.slice(Math.max(...['，', '。', '；', '：', '、'].map((p) => before.lastIndexOf(p))) + 1);
        // a bare figure at the end of a clause: a decimal is always an amount or a rate, and so is
        // any figure after 增长, 占, 完成…的
        if ((next === '' || /[。，；、等）)]/.test(next)) && (m[0].includes('.') || NEEDS_UNIT.test(clause))) {
          out.push(printedFinding(ctx, { severity: 'error', rule: 'printed-unit', entry: e, start, end: end + next.length, what: `数字 ${m[0]} 没有单位（万元或 %）`, actual: m[0] }));
        } else if (inWan && next === '元' && !/[万亿千]$/.test(before)) {
          out.push(printedFinding(ctx, { severity: 'warning', rule: 'printed-unit', entry: e, start, end: end + 1, what: `金额 ${m[0]}元 以元为单位，报表金额单位为万元`, expected: '万元', actual: '元' }));
        }
      }
    }
    return out;
  },
};


/** This year's and last year's amounts and the change printed after them, in one sentence. */
function yearFindings(ctx: CheckContext, e: PrintedText, sentence: string, offset: number, year: number): Diagnostic[] {
  // "…2022年度减少7.31万元" and "比2022年度…" state a change, not last year's amount
  const between = String.raw`(?:(?!${DIRECTION}|比|较|相比)[^，。；\d]){0,30}?`;
  const thisYear = new RegExp(String.raw`(?<![比较与])(?:本年|本年度|${year}年度?)${between}${AMOUNT}`).exec(sentence);
  const lastYear = new RegExp(String.raw`(?<![比较与])(?:上年|上年度|${year - 1}年度?)${between}${AMOUNT}`).exec(sentence);
  if (!thisYear || !lastYear) return [];
  const now = toDecimal(thisYear[1]!);
  const before = toDecimal(lastYear[1]!);
  const delta = now.minus(before);
  const out: Diagnostic[] = [];
  const after = Math.max(thisYear.index + thisYear[0].length, lastYear.index + lastYear[0].length);
  const words = new RegExp(String.raw`(${DIRECTION})(?:了)?(${NUMBER_SOURCE})?(万元|%)?`, 'g');
  words.lastIndex = after;
  // the reason that follows speaks of other things ("主要原因是增加…")
  const reason = sentence.indexOf('原因', after);
  if (reason >= 0) sentence = sentence.slice(0, reason);
  const flag = (m: RegExpExecArray, what: string, expected: string) =>
    out.push(printedFinding(ctx, { severity: 'error', rule: 'printed-direction', entry: e, start: offset + m.index, end: offset + m.index + m[0].length, what, expected }));
  const stated = `本年 ${now.toString()} 万元、上年 ${before.toString()} 万元`;
  for (let m = words.exec(sentence); m; m = words.exec(sentence)) {
    const word = m[1]!;
    const dir = delta.isZero() ? '持平' : delta.isPositive() ? '增' : '减';
    const said = word === '持平' ? '持平' : UP.includes(word) ? '增' : '减';
    if (said !== dir) {
      flag(m, `“${word}”与所述数字不符（${stated}，${dir === '持平' ? '持平' : `${dir === '增' ? '增加' : '减少'} ${delta.abs().toString()} 万元`}）`, dir === '持平' ? '持平' : dir === '增' ? '增加' : '减少');
      continue;
    }
    if (!m[2]) continue;
    const n = toDecimal(m[2]);
    // the printed amounts are rounded to 0.01: the change they give is exact to ±0.01
    if (m[3] === '万元' && n.minus(delta.abs()).abs().gt(0.01)) {
      flag(m, `增减额 ${m[2]} 万元与所述数字不符（${stated}，差额 ${delta.abs().toString()} 万元）`, delta.abs().toString());
    } else if (m[3] === '%' && !before.isZero() && !rateAgrees(n, now, before)) {
      flag(m, `增减率 ${m[2]}% 与所述数字不符（${stated}，${delta.abs().div(before).times(100).toDecimalPlaces(2).toString()}%）`, delta.abs().div(before).times(100).toDecimalPlaces(2).toString());
    }
  }
  return out;
}

/** A rate printed to 0.01 % agrees with two amounts printed to 0.01 万元 (each ±0.005). */
function rateAgrees(rate: Decimal, now: Decimal, before: Decimal): boolean {
  const half = new Decimal(0.005);
  const lo = Decimal.max(before.minus(half), half);
  const rates = [
    now.minus(half).minus(before.plus(half)).abs().div(before.plus(half)),
    now.plus(half).minus(lo).abs().div(lo),
    now.minus(before).abs().div(before),
  ].map((r) => r.times(100));
  const min = Decimal.min(...rates).minus(half);
  const max = Decimal.max(...rates).plus(half);
  return rate.gte(min) && rate.lte(max);
}

/**
 * 预算 and 决算 stated side by side in a paragraph, and the comparison printed after them. A
 * comparison is read against the one pair stated since the previous comparison; after several
 * (a total, then its items) it could be about any of them and is left alone.
 */
function budgetFindings(ctx: CheckContext, e: PrintedText): Diagnostic[] {
  const text = e.text;
  const pairs = budgetActualPairs(text).map((p) => ({ at: p.at, budget: toDecimal(p.budget), actual: toDecimal(p.actual) }));
  const out: Diagnostic[] = [];
  const compare = /决算数?(大于|高于|超过|小于|低于|等于)(?:年初|年度|调整后)?预算数?|决算数?与(?:年初|年度)?预算数?(持平|相等|一致)|(?:比|较)(?:年初|年度|调整后)?预算(增加|减少|节约|超支)/g;
  let since = 0;
  for (const m of text.matchAll(compare)) {
    const stated = pairs.filter((p) => p.at >= since && p.at < m.index);
    since = m.index + m[0].length;
    if (stated.length !== 1) continue;
    const b = stated[0]!.budget;
    const a = stated[0]!.actual;
    const diff = a.minus(b);
    const dir = diff.isZero() ? '等' : diff.isPositive() ? '大' : '小';
    const word = (m[1] ?? m[2] ?? m[3])!;
    const said = ['大于', '高于', '超过', '增加', '超支'].includes(word) ? '大' : ['小于', '低于', '减少', '节约'].includes(word) ? '小' : '等';
    if (said === dir) continue;
    const truth = dir === '等' ? '决算数等于预算数' : dir === '大' ? '决算数大于预算数' : '决算数小于预算数';
    out.push(
      printedFinding(ctx, { severity: 'error', rule: 'printed-direction', entry: e, start: m.index, end: m.index + m[0].length, what: `“${word}”与所述数字不符（预算 ${b.toString()} 万元、决算 ${a.toString()} 万元，${truth}）`, expected: truth }),
    );
  }
  return out;
}

/** Sentences of a paragraph with their offsets (a sentence ends at 。 or ；). */
function sentences(text: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '。' || text[i] === '；') {
      if (i > start) out.push({ text: text.slice(start, i + 1), offset: start });
      start = i + 1;
    }
  }
  return out;
}

const directionRule: Rule = {
  id: 'printed-direction',
  description: '增减方向词与所述数字矛盾：增加/减少、增长/下降、大于/小于/等于、持平与本年和上年（或预算和决算）的数字不符，或方向词后为负数',
  readsPrinted: true,
  run: (ctx) => {
    const out: Diagnostic[] = [];
    const negative = new RegExp(String.raw`(${DIRECTION})(?:了)?\s*[-－−负]\s*${NUMBER_SOURCE}`, 'g');
    for (const e of entries(ctx, 'paragraph')) {
      for (const m of e.text.matchAll(negative)) {
        out.push(printedFinding(ctx, { severity: 'error', rule: 'printed-direction', entry: e, start: m.index, end: m.index + m[0].length, what: `“${m[1]}”之后是负数（方向已由“${m[1]}”表明，数字应为正，或改用相反的词）` }));
      }
      for (const s of sentences(e.text)) out.push(...yearFindings(ctx, e, s.text, s.offset, ctx.model.year));
      out.push(...budgetFindings(ctx, e));
    }
    return out;
  },
};

const zeroBaseRule: Rule = {
  id: 'printed-zero-base',
  description: '对为 0 的基数印出比率：预算为 0 而印“完成预算的…%”，上年为 0 而印“增长…%”',
  readsPrinted: true,
  run: (ctx) => {
    const out: Diagnostic[] = [];
    const zero = String.raw`0(?:\.0+)?万元`;
    const budgetZero = new RegExp(String.raw`预算(?:数)?为${zero}[^。；]*?(完成[^，。；]{0,8}?预算的(${NUMBER_SOURCE})%)`, 'g');
    const lastZero = new RegExp(String.raw`(?:上年|上年度|${ctx.model.year - 1}年度?)(?:[^，。；\d]{0,16}?)为${zero}[^。；]*?((?:增长|上升|下降)(${NUMBER_SOURCE})%)`, 'g');
    for (const e of entries(ctx, 'paragraph')) {
      for (const [re, what] of [
        [budgetZero, '预算为 0，不存在完成率'],
        [lastZero, '上年为 0，不存在增长率'],
      ] as const) {
        for (const m of e.text.matchAll(re)) {
          const start = m.index + m[0].lastIndexOf(m[1]!);
          out.push(printedFinding(ctx, { severity: 'error', rule: 'printed-zero-base', entry: e, start, end: start + m[1]!.length, what: `${what}，正文却印作 ${m[2]}%（应以文字表述，如“新增”）`, expected: '', actual: `${m[2]}%` }));
        }
      }
    }
    return out;
  },
};

export const printedFigureRules: RuleFamily = {
  family: 'printed-figures',
  rules: [unitRule, directionRule, zeroBaseRule],
};

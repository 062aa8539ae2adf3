import { describe, it, expect } from 'vitest';
import { Decimal } from 'decimal.js';
import Handlebars from 'handlebars';
import { Trace } from '../src/calculate/trace.js';
import { FigureBook } from '../src/calculate/narrative/figures.js';
import { amountFromText } from '../src/model/amount.js';
import { proseFormat, proseNumber, tableAmount } from '../src/model/number-format.js';
import {
  prose,
  wan,
  percent,
  changeVerb,
  rateVerb,
  comparisonVerb,
  changeClause,
  completionClause,
  budgetChangeClause,
  ordinal,
  listEnd,
  registerWordingHelpers,
} from '../src/template/wording.js';
import { registerHelpers } from '../src/template/helpers.js';

const D = (s: string | number) => new Decimal(s);
const book = (pins: Record<string, string> = {}) => new FigureBook(pins, new Trace());

/** A change of `cur` against `prev`, as the calculator builds it. */
function change(cur: string, prev: string, pins: Record<string, string> = {}) {
  const b = book(pins);
  return b.change('x', '测试', b.amount('x.now', '测试本年数', D(cur), 'test'), D(prev))!;
}
function completion(actual: string, budget: string, pins: Record<string, string> = {}) {
  const b = book(pins);
  return b.completion('x', '测试', b.amount('x.actual', '测试决算数', D(actual), 'test'), b.amount('x.budget', '测试预算数', D(budget), 'test'))!;
}

describe('numbers as the narrative prints them', () => {
  it('no separator, at most two decimals, trailing zeros dropped', () => {
    expect(prose(D('11314.64'))).toBe('11314.64');
    expect(prose(amountFromText('1679.00'))).toBe('1679');
    expect(prose(amountFromText('5.00'))).toBe('5');
    expect(prose(amountFromText('19.50'))).toBe('19.5');
    expect(prose(D('109.60'))).toBe('109.6');
    expect(prose(D('100.00'))).toBe('100');
    expect(prose(D('0'))).toBe('0');
    expect(prose(D('0.456'))).toBe('0.46');
    expect(prose(D('1234567.8'))).toBe('1234567.8');
  });

  it('differs from the tables’ fixed form', () => {
    expect(tableAmount(amountFromText('1679'))).toBe('1,679.00');
    expect(tableAmount(amountFromText('11314.64'))).toBe('11,314.64');
    expect(wan(amountFromText('1679.00'))).toBe('1679万元');
    expect(wan(D('11314.64'))).toBe('11314.64万元');
    expect(wan(D(5))).toBe('5万元');
  });

  it('percentages: rounded half up to 0.01, printed without trailing zeros', () => {
    const b = book();
    expect(percent(b.percent('a', '测试', D('152.45'), D('139.1'), 't'))).toBe('109.6%');
    expect(percent(b.percent('b', '测试', D('1535.29'), D('1568.15'), 't'))).toBe('97.9%');
    expect(percent(b.percent('c', '测试', D('5'), D('5'), 't'))).toBe('100%');
    expect(percent(b.percent('d', '测试', D('1'), D('8'), 't'))).toBe('12.5%');
    expect(percent(b.percent('e', '测试', D('1'), D('3'), 't'))).toBe('33.33%');
    expect(percent(b.percent('f', '测试', D('0.00005'), D('1'), 't'))).toBe('0.01%');
  });
});

describe('numbers under the fixed2 rule (a form set that always prints two decimals)', () => {
  const fixed = () => new FigureBook({}, new Trace(), proseFormat('fixed2'));

  it('keeps two decimals in prose: 3105.20万元, 0.00万元, 100.00%', () => {
    expect(proseNumber(D('3105.2'), 'fixed2')).toBe('3105.20');
    expect(proseNumber(D('1679'), 'fixed2')).toBe('1679.00');
    expect(proseNumber(D('0'), 'fixed2')).toBe('0.00');
    expect(proseNumber(D('0.455'), 'fixed2')).toBe('0.46');
    expect(proseNumber(undefined, 'fixed2')).toBe('0.00');
    expect(wan(D('3105.2'), 'fixed2')).toBe('3105.20万元');
    // the default is the trim rule, as before
    expect([proseNumber(D('3105.2')), proseNumber(D('3105.20'), 'trim')]).toEqual(['3105.2', '3105.2']);
  });

  it('formats the calculator’s figures, so every clause built from them follows', () => {
    const b = fixed();
    expect(percent(b.percent('c', '测试', D('5'), D('5'), 't'))).toBe('100.00%');
    expect(percent(b.percent('d', '测试', D('1'), D('8'), 't'))).toBe('12.50%');
    const c = b.change('x', '测试', b.amount('x.now', '测试本年数', D('3105.2'), 't'), D('3000'))!;
    expect(changeClause(c)).toBe('增加105.20万元，增长3.51%');
    const z = b.completion('y', '测试', b.amount('y.actual', '测试决算数', D('0'), 't'), b.amount('y.budget', '测试预算数', D('0.4'), 't'))!;
    expect(completionClause(z)).toBe('完成年初预算的0.00%');
  });

  it('reaches the template helpers through the view’s `numbers`', () => {
    const hb = Handlebars.create();
    registerHelpers(hb);
    const t = hb.compile('{{wan a}}|{{pct a}}|{{prose a}}');
    expect(t({ numbers: 'fixed2', a: D('5') })).toBe('5.00万元|5.00%|5.00');
    expect(t({ numbers: 'trim', a: D('5') })).toBe('5万元|5%|5');
    expect(t({ a: D('5.10') })).toBe('5.1万元|5.1%|5.1');
  });
});

describe('sign-aware phrases', () => {
  it('verbs follow the sign', () => {
    expect([changeVerb('up'), changeVerb('down'), changeVerb('flat')]).toEqual(['增加', '减少', '持平']);
    expect([rateVerb('up'), rateVerb('down'), rateVerb('flat')]).toEqual(['增长', '下降', '持平']);
    expect(rateVerb('up', '上升')).toBe('上升');
    expect([comparisonVerb('up'), comparisonVerb('down'), comparisonVerb('flat')]).toEqual(['大于', '小于', '持平']);
  });

  it('an increase, a decrease, no change', () => {
    expect(changeClause(change('11314.64', '9333.50'))).toBe('增加1981.14万元，增长21.23%');
    expect(changeClause(change('55.89', '63.20'))).toBe('减少7.31万元，下降11.57%');
    expect(changeClause(change('19.50', '2.54'), '上升')).toBe('增加16.96万元，上升667.72%');
    expect(changeClause(change('10', '10'))).toBe('持平');
  });

  it('a zero base gets words, not a rate', () => {
    const c = change('0.3', '0');
    expect(c.zeroBase).toBe(true);
    expect(c.rate.text).toBeUndefined();
    expect(changeClause(c)).toBe('新增0.3万元');
    expect(changeClause(change('0', '0'))).toBe('持平');
    // …unless the published text is pinned: then it prints as published (and the checker warns)
    expect(changeClause(change('0.3', '0', { 'x.rate': '100%' }))).toBe('增加0.3万元，增长100%');
  });

  it('completion of a budget, and words against a budget of 0', () => {
    expect(completionClause(completion('11314.64', '1976.95'))).toBe('完成年初预算的572.33%');
    expect(completionClause(completion('152.45', '139.1'), '年度预算')).toBe('完成年度预算的109.6%');
    expect(completionClause(completion('0', '0.4'))).toBe('完成年初预算的0%');
    const zero = completion('596.02', '0');
    expect(zero.zeroBase).toBe(true);
    expect(zero.rate.text).toBeUndefined();
    expect(completionClause(zero)).toBe('年初预算为0万元');
    expect(completionClause(completion('0', '0'))).toBe('年初预算为0万元');
    expect(completionClause(completion('0', '0', { 'x.completion': '100%' }))).toBe('完成年初预算的100%');
  });

  it('against the budget', () => {
    expect(budgetChangeClause(completion('2.51', '10.08'))).toBe('比年初预算减少7.57万元');
    expect(budgetChangeClause(completion('0', '0.4'))).toBe('比年初预算减少0.4万元');
    expect(budgetChangeClause(completion('12', '10'), '预算')).toBe('比预算增加2万元');
    expect(budgetChangeClause(completion('5', '5'), '年度预算')).toBe('与年度预算持平');
  });
});

describe('Chinese ordinals', () => {
  it('一、 (一) （一） 1. 1、 (1) （1）', () => {
    expect(ordinal(1)).toBe('一、');
    expect(ordinal(10)).toBe('十、');
    expect(ordinal(13)).toBe('十三、');
    expect(ordinal(2, '(一)')).toBe('(二)');
    expect(ordinal(4, '（一）')).toBe('（四）');
    expect(ordinal(6, '1.')).toBe('6.');
    expect(ordinal(12, '1、')).toBe('12、');
    expect(ordinal(3, '(1)')).toBe('(3)');
    expect(ordinal(21, '（1）')).toBe('（21）');
    expect(ordinal(21)).toBe('二十一、');
    expect(() => ordinal(0)).toThrow(RangeError);
  });

  it('an enumeration ends with "。", its items with "；"', () => {
    expect([0, 1, 2].map((i) => listEnd(i, 3)).join('')).toBe('；；。');
  });
});

describe('Handlebars helpers', () => {
  const hb = Handlebars.create();
  registerHelpers(hb);
  const run = (src: string, ctx: unknown) => hb.compile(src)(ctx);

  it('are registered through src/template/helpers.ts', () => {
    const only = Handlebars.create();
    registerWordingHelpers(only);
    for (const h of ['fig', 'wan', 'pct', 'changeVerb', 'rateVerb', 'changeClause', 'completionClause', 'budgetChangeClause', 'ordinal', 'listEnd', 'has']) {
      expect(only.helpers[h], h).toBeTypeOf('function');
      expect(hb.helpers[h], h).toBeTypeOf('function');
    }
  });

  it('print figures, clauses and ordinals', () => {
    const b = book({ 'p.v': '9635.64' });
    const ctx = {
      a: b.amount('a.v', '甲', D('1679.00'), 't'),
      p: b.amount('p.v', '乙', D('9635.63'), 't'),
      s: b.percent('s.v', '丙', D('1679'), D('11314.64'), 't'),
      c: change('55.89', '63.2'),
      k: completion('2.51', '10.08'),
      items: ['x', 'y'],
      r: { text: '' },
    };
    expect(run('{{wan a}}；{{wan p}}；{{pct s}}；{{fig p}}', ctx)).toBe('1679万元；9635.64万元；14.84%；9635.64');
    expect(run('{{changeClause c}}|{{changeClause c "上升"}}|{{rateVerb c.direction "上升"}}|{{changeVerb c.direction}}', ctx)).toBe('减少7.31万元，下降11.57%|减少7.31万元，下降11.57%|下降|减少');
    expect(run('{{completionClause k}}，{{budgetChangeClause k}}；{{completionClause k "年度预算"}}', ctx)).toBe('完成年初预算的24.9%，比年初预算减少7.57万元；完成年度预算的24.9%');
    expect(run('{{#each items}}{{ordinal (inc @index) "(1)"}}{{this}}{{listEnd @index ../items}}{{/each}}', ctx)).toBe('(1)x；(2)y。');
    expect(run('{{ordinal 9}}{{ordinal 3 "(一)"}}', ctx)).toBe('九、(三)');
    expect(run('{{#if (has r.text)}}，{{r.text}}{{/if}}。', ctx)).toBe('，。');
  });
});

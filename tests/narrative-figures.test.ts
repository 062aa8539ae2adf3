import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDepartment } from '../src/load/index.js';
import { calculate, type Calculated } from '../src/calculate/index.js';
import type { Narrative } from '../src/calculate/narrative/index.js';
import { ROOT, SAMPLE } from './helpers.js';

let calc: Calculated;
let n: Narrative;
const fig = (id: string) => {
  const f = n.figures.find((x) => x.id === id);
  if (!f) throw new Error(`no figure ${id}`);
  return f;
};
/** The computed figure (never the pin): what the calculator makes of the data. */
const computed = (id: string) => fig(id).computed;

beforeAll(() => {
  calc = calculate(loadDepartment(SAMPLE));
  n = calc.narrative;
});

describe('the published derived figures, computed from the sample data', () => {
  // figure id → the percentage the published 第三部分 prints (and 550.6% from 第六部分's 部门整体自评表)
  const published: [string, string][] = [
    ['totals.rate', '21.23'], // 一 收、支总计 增长
    ['general_budget.class.201.share', '5.27'], // 五（二）
    ['general_budget.class.208.share', '2.21'],
    ['general_budget.class.210.share', '1.35'],
    ['general_budget.class.212.share', '13.57'],
    ['general_budget.class.221.share', '77.56'],
    ['general_budget.class.213.share', '0.04'],
    ['expenditure.basic.share', '14.84'], // 三
    ['expenditure.project.share', '85.16'],
    ['general_budget.completion', '572.33'], // 五（三）
    ['general_budget.class.208.completion', '291.11'],
    ['general_budget.class.210.completion', '109.6'],
    ['general_budget.class.212.completion', '97.9'],
    ['general_budget.class.221.completion', '4905.07'],
    ['three_public.completion', '186.07'], // 九（一）
    ['three_public.rate', '667.72'],
    ['three_public.vehicle.completion', '193.45'], // 九（二）
    ['three_public.vehicle_operation.completion', '24.9'],
    ['admin_operation.rate', '11.57'], // 十
    ['performance.overall.rate', '550.6'], // 部门整体 11314.64 / 2054.98
  ];
  it.each(published)('%s → %s', (id, pct) => {
    expect(computed(id)).toBe(pct);
    expect(fig(id).pinned).toBeUndefined();
  });

  it('the other rates of the text', () => {
    expect(computed('fiscal.rate')).toBe('21.23');
    expect(computed('general_budget.rate')).toBe('21.23');
    expect(computed('general_budget.share')).toBe('100');
    expect(computed('income.fiscal.share')).toBe('100');
    expect(computed('general_budget.class.213.completion')).toBe('100');
    expect(computed('three_public.reception.completion')).toBe('0');
    expect(computed('procurement.sme_share')).toBe('100');
    expect(computed('performance.coverage')).toBe('60.7');
    expect(computed('performance.project.3.rate')).toBe('99.54');
  });

  it('the shares of each breakdown add up to 100%', () => {
    const sum = (xs: { share: { value?: { toNumber(): number } } }[]) => xs.reduce((a, x) => a + x.share.value!.toNumber(), 0);
    expect(sum(n.generalBudget.classes)).toBeCloseTo(100, 10);
    expect(sum(n.expenditure.parts)).toBeCloseTo(100, 10);
    expect(sum(n.income.parts)).toBeCloseTo(100, 10);
  });

  it('the amounts of the text: totals, changes, budgets, sums', () => {
    expect(computed('totals.grand_total')).toBe('11314.64');
    expect(computed('totals.change')).toBe('1981.14');
    expect(n.totals.change!.direction).toBe('up');
    expect(computed('expenditure.basic')).toBe('1679');
    expect(computed('general_budget.budget')).toBe('1976.95');
    expect(computed('general_budget.class_budget_sum')).toBe('1976.95');
    expect(computed('general_budget.projects_sum')).toBe('9635.63');
    expect(computed('general_budget.projects.12')).toBe('1963.91'); // from 公开05 2210399
    expect(computed('three_public.budget')).toBe('10.48');
    expect(computed('three_public.actual')).toBe('19.5');
    expect(computed('three_public.change')).toBe('16.96');
    expect(computed('three_public.vehicle.actual')).toBe('19.5');
    expect(computed('three_public.vehicle_operation.budget_change')).toBe('7.57');
    expect(n.threePublic.operation.completion!.direction).toBe('down');
    expect(computed('three_public.reception.budget_change')).toBe('0.4');
    expect(computed('admin_operation.change')).toBe('7.31');
    expect(n.adminOperation.change!.direction).toBe('down');
    expect(computed('procurement.total')).toBe('317.7');
    expect(computed('assets.vehicles')).toBe('4');
    expect(computed('performance.count')).toBe('7');
    expect(computed('performance.amount')).toBe('5849.15');
    expect(computed('basic.personnel')).toBe('1623.11');
    expect(computed('basic.public')).toBe('55.89');
  });

  it('zero bases give no rate', () => {
    expect(fig('general_budget.class.201.completion').zeroBase).toBe(true);
    expect(computed('general_budget.class.201.completion')).toBeUndefined();
    expect(fig('three_public.vehicle_purchase.completion').zeroBase).toBe(true);
    expect(fig('three_public.overseas.completion').zeroBase).toBe(true);
    expect(computed('three_public.overseas.completion')).toBeUndefined();
  });

  it('六 lists the non-zero 款 of 公开06 in code order', () => {
    expect(fig('basic.personnel.items').items).toEqual([
      '基本工资', '津贴补贴', '奖金', '绩效工资', '机关事业单位基本养老保险缴费', '职业年金缴费', '职工基本医疗保险缴费',
      '公务员医疗补助缴费', '其他社会保障缴费', '住房公积金', '退休费', '抚恤金', '生活补助', '医疗费补助', '奖励金',
    ]);
    expect(fig('basic.public.items').items).toEqual(['办公费', '印刷费', '水费', '电费', '邮电费', '差旅费', '维修(护)费', '委托业务费', '工会经费', '福利费', '其他交通费用']);
  });
});

describe('pins', () => {
  it('the sample pins the published figures that differ, and prints them', () => {
    const pinned = n.figures.filter((f) => f.pinned !== undefined).map((f) => [f.id, f.computed ?? null, f.text]);
    expect(pinned).toEqual([
      ['expenditure.project', '9635.63', '9635.64'],
      ['basic.personnel.items', expect.stringContaining('奖励金'), expect.stringContaining('其他对个人和家庭的补助')],
      ['basic.public.items', expect.any(String), expect.stringContaining('物业管理费')],
      ['three_public.overseas.completion', null, '100'],
      ['performance.project.1.rate', '99.05', '99.1'],
      ['performance.project.2.rate', '97.22', '97.2'],
    ]);
    expect(n.unusedPins).toEqual([]);
  });

  it('without a pin the computed figure prints', () => {
    expect(fig('general_budget.project').text).toBe('9635.63');
    expect(fig('expenditure.basic').text).toBe('1679');
  });
});

describe('the audit trace', () => {
  it('records every narrative figure with its formula and inputs', () => {
    const traced = calc.trace.entries.filter((e) => e.id.startsWith('narrative.'));
    expect(traced.map((e) => e.id.slice('narrative.'.length))).toEqual(n.figures.map((f) => f.id));
    const rate = traced.find((e) => e.id === 'narrative.totals.rate')!;
    expect(rate.value).toBe('21.23');
    expect(rate.inputs).toMatchObject({ part: '1981.14', whole: '9333.5' });
    expect(traced.find((e) => e.id === 'narrative.three_public.completion')!.formula).toBe('“三公”经费决算数 ÷ 预算数 × 100%');
  });
});

describe('docs/narrative.md', () => {
  it('lists every figure id (codes and item numbers as <code>, <n>, <m>)', () => {
    const doc = readFileSync(join(ROOT, 'docs/narrative.md'), 'utf8');
    const documented = new Set([...doc.matchAll(/`([a-z_]+(?:\.[a-z0-9_<>]+)+|[a-z_]+)`/g)].map((m) => m[1]));
    const pattern = (id: string) =>
      id
        .replace(/\.class\.\d{3}\./, '.class.<code>.')
        .replace(/^general_budget\.projects\.\d+\.\d+$/, 'general_budget.projects.<n>.<m>')
        .replace(/^general_budget\.projects\.\d+$/, 'general_budget.projects.<n>')
        .replace(/\.(\d+)(\.|$)/, '.<n>$2')
        .replace(/\.(budget|actual|rate)\d+$/, '.$1<k>')
        .replace(/^three_public\.(overseas|vehicle|vehicle_purchase|vehicle_operation|reception)\.(actual|budget|completion|budget_change|last_year|change|rate)$/, 'three_public.<item>.$2');
    const missing = [...new Set(n.figures.map((f) => pattern(f.id)))].filter((p) => !documented.has(p));
    expect(missing).toEqual([]);
  });
});

describe('a department file without an explanation', () => {
  it('still computes the figures the tables give', () => {
    const mini = calculate(loadDepartment(join(ROOT, 'tests/fixtures/check/clean.yaml')));
    expect(mini.narrative.totals.change).toBeUndefined();
    expect(mini.narrative.totals.grandTotal.text).toBeDefined();
    expect(mini.narrative.performance).toBeUndefined();
    expect(mini.narrative.threePublic.basis).toBe('调整后预算');
  });
});

import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDepartment } from '../src/load/index.js';
import { InputError } from '../src/model/diagnostics.js';
import { calculate } from '../src/calculate/index.js';
import { runChecks } from '../src/check/index.js';
import { RULE_FAMILIES } from '../src/check/registry.js';
import { narrativeRules } from '../src/check/rules/narrative.js';
import { ROOT, SAMPLE, scratchData } from './helpers.js';

const source = readFileSync(SAMPLE, 'utf8');

/** The sample with one edit (each edit must hit), in a scratch data folder beside the catalog. */
function variant(...edits: [string | RegExp, string][]): string {
  let text = source;
  for (const [from, to] of edits) {
    const next = text.replace(from, to);
    if (next === text) throw new Error(`edit did not apply: ${String(from)}`);
    text = next;
  }
  const dir = scratchData();
  const file = join(dir, 'data/2023/jiangan-housing.yaml');
  writeFileSync(file, text);
  return file;
}

const findings = (file: string) => runChecks(calculate(loadDepartment(file))).filter((d) => d.rule.startsWith('narrative-'));
const rules = (file: string) => findings(file).map((d) => `${d.severity} ${d.rule}`);

describe('the narrative rule family', () => {
  it('is registered', () => {
    expect(RULE_FAMILIES).toContain(narrativeRules);
  });

  it('the reference sample gives no errors, and these warnings', () => {
    const ds = findings(SAMPLE);
    expect(ds.filter((d) => d.severity === 'error')).toEqual([]);
    const byRule = ds.map((d) => d.rule).sort();
    expect(byRule).toEqual(
      [
        'narrative-basic-items', // 六 人员经费: 其他对个人和家庭的补助 blank, 奖励金 missing
        'narrative-basic-items', // 六 公用经费: four blank 款 listed
        'narrative-budget-basis', // 九 预算 10.48 (年初) vs 公开09 19.6 (调整后)
        'narrative-budget-term', // 五（三） 年初预算 / 年度预算
        'narrative-class-order', // 五（二） 221 before 213
        'narrative-empty-reason', // 九（二）3 "，。"
        'narrative-pin', // expenditure.project 9635.64
        'narrative-pin', // three_public.overseas.completion 100%
        'narrative-pin', // performance.project.1.rate 99.1
        'narrative-pin', // performance.project.2.rate 97.2
        'narrative-pin', // basic.personnel.items
        'narrative-pin', // basic.public.items
        'narrative-reason', // 九（二） 公务接待费 0%
        'narrative-reason', // 十 机关运行经费 −11.57%
        'narrative-zero-base', // 九（二）1 因公出国 100% of 0
      ].sort(),
    );
    const pin = ds.find((d) => d.rule === 'narrative-pin' && d.message.includes('第三部分 三 项目支出（支出决算表（公开03表） 合计 项目支出）'))!;
    expect(pin).toMatchObject({ expected: '9635.63', actual: '9635.64' });
    expect(source.split('\n')[pin.line! - 1]).toMatch(/^\s+expenditure\.project:/);
    const basic = ds.find((d) => d.rule === 'narrative-basic-items' && d.message.includes('人员经费'))!;
    expect(basic.message).toContain('其他对个人和家庭的补助');
    expect(basic.message).toContain('奖励金');
  });

  it('narrative-pin-unknown: a pin that names no figure', () => {
    const file = variant(['  expenditure.project: 9635.64', '  expenditure.projet: 9635.64']);
    expect(rules(file)).toContain('warning narrative-pin-unknown');
  });

  it('narrative-procurement: 总额 ≠ 货物 + 工程 + 服务 is an error; 中小企业 > 总额 too', () => {
    expect(rules(variant(['    goods: 171.74', '    goods: 161.74']))).toContain('error narrative-procurement');
    expect(rules(variant(['    sme: 317.7', '    sme: 327.7']))).toContain('error narrative-procurement');
  });

  it('narrative-budget-total: Σ 类 年初预算 ≠ the stated total is an error', () => {
    const ds = findings(variant(['    budget: 1976.95', '    budget: 1986.95']));
    expect(ds.find((d) => d.rule === 'narrative-budget-total')).toMatchObject({ severity: 'error', expected: '1976.95', actual: '1986.95' });
  });

  it('narrative-reason: a change beyond the threshold without a reason; the threshold is data', () => {
    const file = variant(['  fiscal_totals:\n    last_year: 9333.50\n    reason: *change_reason\n', '  fiscal_totals:\n    last_year: 9333.50\n']);
    expect(findings(file).filter((d) => d.rule === 'narrative-reason').map((d) => d.message).join('\n')).toContain('四 财政拨款收、支总计');
    const admin = (f: string) => findings(f).filter((d) => d.rule === 'narrative-reason' && d.message.includes('机关运行经费'));
    expect(admin(SAMPLE)).toHaveLength(1);
    expect(admin(variant(['explanation:\n', 'explanation:\n  reason_threshold: 12\n']))).toHaveLength(0);
  });

  it('narrative-zero-base: only a pinned rate gives one (the computed text has words)', () => {
    const file = variant(['  three_public.overseas.completion: 100%', '  # unpinned']);
    expect(rules(file)).not.toContain('warning narrative-zero-base');
  });

  it('narrative-shares: printed shares that do not add up to 100%', () => {
    const file = variant(['pins:\n', 'pins:\n  general_budget.class.201.share: 5.28%\n']);
    const ds = findings(file);
    expect(ds.find((d) => d.rule === 'narrative-shares')).toMatchObject({ expected: '100.00', actual: '100.01' });
  });

  it('narrative-admin-operation: 机关运行经费 ≠ 公开06 公用经费合计', () => {
    expect(rules(variant(['    amount: 55.89\n', '    amount: 55.80\n']))).toContain('warning narrative-admin-operation');
  });

  it('narrative-class-order and narrative-classes', () => {
    // code order: no warning
    const inOrder = variant([/(      - code: 221\n(?: {8}.*\n)+)(      - code: 213\n(?: {8}.*\n)+)/, '$2$1']);
    expect(rules(inOrder)).not.toContain('warning narrative-class-order');
    // 213 left out: appended, warned
    const missing = variant([/      - code: 213\n(?: {8}.*\n)+/, '']);
    expect(rules(missing)).toContain('warning narrative-classes');
    // a 类 without spending: error
    const extra = variant(['      - code: 201\n', '      - code: 205\n        budget: 0\n      - code: 201\n']);
    expect(rules(extra)).toContain('error narrative-classes');
  });

  it('narrative-placeholder: an unknown {id} in the text is an error', () => {
    expect(rules(variant(['{performance.count}个部门', '{performance.cnt}个部门']))).toContain('error narrative-placeholder');
  });

  it('narrative-projects: items that do not add up to 公开05 项目支出', () => {
    expect(rules(variant(['{name: 其他业务费, amount: 49.05}', '{name: 其他业务费, amount: 49.15}']))).toContain('warning narrative-projects');
  });

  it('narrative-breakdown: 运行费 其中 ≠ 运行费', () => {
    expect(rules(variant(['{label: 维修费, amount: 1.05}', '{label: 维修费, amount: 1.15}']))).toContain('warning narrative-breakdown');
  });
});

describe('narrative-missing', () => {
  it('names the data a file without an explanation lacks', () => {
    const ds = runChecks(calculate(loadDepartment(join(ROOT, 'tests/fixtures/check/clean.yaml')))).filter((d) => d.rule.startsWith('narrative-'));
    expect(ds.filter((d) => d.severity === 'error')).toEqual([]);
    const missing = ds.filter((d) => d.rule === 'narrative-missing').map((d) => d.message);
    expect(missing.some((m) => m.includes('totals.last_year'))).toBe(true);
    expect(missing.some((m) => m.includes('performance'))).toBe(true);
  });
});

describe('the explanation schema', () => {
  it('refuses unknown keys, with a suggestion', () => {
    try {
      loadDepartment(variant(['    budget_basis: 年初预算', '    budget_basic: 年初预算\n    budget_basis: 年初预算']));
      throw new Error('expected an InputError');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const d = (e as InputError).diagnostics[0];
      expect(d.rule).toBe('unknown-key');
      expect(d.message).toContain('budget_basis');
      expect(d.line).toBeGreaterThan(200);
    }
  });

  it('is strict at every level', () => {
    const unknownAt = (from: string, to: string) => {
      try {
        loadDepartment(variant([from, to]));
      } catch (e) {
        return (e as InputError).diagnostics.map((d) => d.rule);
      }
      return [];
    };
    expect(unknownAt('      label: 公务用车运行费\n', '      label: 公务用车运行费\n      note: x\n')).toContain('unknown-key');
    expect(unknownAt('{name: 人才公寓专项经费, amount: 556.94}', '{name: 人才公寓专项经费, amount: 556.94, why: x}')).toContain('unknown-key');
    expect(unknownAt('  totals:\n', '  total:\n')).toContain('unknown-key');
  });

  it('checks amounts and enumerations', () => {
    expect(() => loadDepartment(variant(['    last_year: 63.20', '    last_year: 63.205']))).toThrow(/最多两位小数/);
    expect(() => loadDepartment(variant(['        separator: ；\n', '        separator: ,\n']))).toThrow(InputError);
  });
});

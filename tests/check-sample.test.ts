import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadDepartment } from '../src/load/index.js';
import { calculate } from '../src/calculate/index.js';
import { runChecks, RULE_FAMILIES } from '../src/check/index.js';
import { SAMPLE } from './fixtures/check/harness.js';

/**
 * The reference sample (2023 江岸区住房保障和房屋管理局) checks with no errors. Its tables carry the
 * rounding tails of domain-notes §6 item 2, each reported as a warning wherever the table prints it:
 *
 *   a. 208 = 249.71 vs Σ款 249.72            → 公开02/03/05, each column that carries it
 *   b. 22102 = 167.53 vs Σ项 167.54          → 公开02/03/05, likewise
 *   c. Σ类 11,314.63 vs 合计 11,314.64        → 公开02/03/05 合计 row, 公开01 本年支出合计, 公开04 本年支出合计
 *   d. 公开06 Σ301款 1,396.05 vs 1,396.04; Σ303款 227.09 vs 227.08; Σ302款 55.88 vs 55.89
 *   e. 301 + 303 = 1,623.12 vs 人员经费合计 1,623.11
 *   f. 合计 11,314.64 vs 基本 1,679.00 + 项目 9,635.63 → 公开03 and 公开05 合计 row
 *   g. 公开09 小计 blank (预算数 and 决算数)
 *
 * plus one catalog finding shared/README.md lists: 名词解释 labels 2130599 with its old name 扶贫.
 */

const TABLE_FAMILIES = new Set(['completeness', 'catalog', 'class-tables', 'summary', 'fiscal-summary', 'basic-detail', 'three-public', 'cross', 'subset']);
const ours = new Set(RULE_FAMILIES.filter((f) => TABLE_FAMILIES.has(f.family)).flatMap((f) => f.rules.map((r) => r.id)));

/** [rule, subject (message up to "："), expected, actual] */
const EXPECTED: [string, string, string, string][] = [
  // c
  ['summary-expenditure-total', '收入支出决算总表（公开01表） 本年支出合计', '11314.63', '11314.64'],
  ['income-rollup', '收入决算表（公开02表） 合计 本年收入合计', '11314.63', '11314.64'],
  ['income-rollup', '收入决算表（公开02表） 合计 财政拨款收入', '11314.63', '11314.64'],
  ['expenditure-rollup', '支出决算表（公开03表） 合计 本年支出合计', '11314.63', '11314.64'],
  ['fiscal-summary-expenditure-total', '财政拨款收入支出决算总表（公开04表） 本年支出合计 合计', '11314.63', '11314.64'],
  ['fiscal-summary-expenditure-total', '财政拨款收入支出决算总表（公开04表） 本年支出合计 一般公共预算财政拨款', '11314.63', '11314.64'],
  ['general-budget-rollup', '一般公共预算财政拨款支出决算表（公开05表） 合计 小计', '11314.63', '11314.64'],
  // a
  ['income-rollup', '收入决算表（公开02表） 208 社会保障和就业支出 本年收入合计', '249.72', '249.71'],
  ['income-rollup', '收入决算表（公开02表） 208 社会保障和就业支出 财政拨款收入', '249.72', '249.71'],
  ['expenditure-rollup', '支出决算表（公开03表） 208 社会保障和就业支出 本年支出合计', '249.72', '249.71'],
  ['expenditure-rollup', '支出决算表（公开03表） 208 社会保障和就业支出 基本支出', '249.72', '249.71'],
  ['general-budget-rollup', '一般公共预算财政拨款支出决算表（公开05表） 208 社会保障和就业支出 小计', '249.72', '249.71'],
  ['general-budget-rollup', '一般公共预算财政拨款支出决算表（公开05表） 208 社会保障和就业支出 基本支出', '249.72', '249.71'],
  // b
  ['income-rollup', '收入决算表（公开02表） 22102 住房改革支出 本年收入合计', '167.54', '167.53'],
  ['income-rollup', '收入决算表（公开02表） 22102 住房改革支出 财政拨款收入', '167.54', '167.53'],
  ['expenditure-rollup', '支出决算表（公开03表） 22102 住房改革支出 本年支出合计', '167.54', '167.53'],
  ['expenditure-rollup', '支出决算表（公开03表） 22102 住房改革支出 基本支出', '167.54', '167.53'],
  ['general-budget-rollup', '一般公共预算财政拨款支出决算表（公开05表） 22102 住房改革支出 小计', '167.54', '167.53'],
  ['general-budget-rollup', '一般公共预算财政拨款支出决算表（公开05表） 22102 住房改革支出 基本支出', '167.54', '167.53'],
  // d, e
  ['basic-detail-group-sum', '一般公共预算财政拨款基本支出决算明细表（公开06表） 301 工资福利支出', '1396.05', '1396.04'],
  ['basic-detail-group-sum', '一般公共预算财政拨款基本支出决算明细表（公开06表） 303 对个人和家庭的补助', '227.09', '227.08'],
  ['basic-detail-group-sum', '一般公共预算财政拨款基本支出决算明细表（公开06表） 302 商品和服务支出', '55.88', '55.89'],
  ['basic-detail-personnel', '一般公共预算财政拨款基本支出决算明细表（公开06表） 人员经费合计', '1623.12', '1623.11'],
  // f
  ['expenditure-row-sum', '支出决算表（公开03表） 合计 本年支出合计', '11314.63', '11314.64'],
  ['general-budget-row-sum', '一般公共预算财政拨款支出决算表（公开05表） 合计 小计', '11314.63', '11314.64'],
  // g
  ['three-public-subtotal-blank', '财政拨款“三公”经费支出决算表（公开09表） 预算数 公务用车购置及运行维护费小计', '19.60', ''],
  ['three-public-subtotal-blank', '财政拨款“三公”经费支出决算表（公开09表） 决算数 公务用车购置及运行维护费小计', '19.50', ''],
  // shared/README.md: 名词解释 (十) item 9 uses the older name of 2130599
  ['catalog-label', '第五部分 名词解释 本部门使用的支出功能分类科目(到项级) 2130599', '农林水支出（类）巩固脱贫攻坚成果衔接乡村振兴（款）其他巩固脱贫攻坚成果衔接乡村振兴支出（项）', '农林水支出（类）扶贫（款）其他扶贫支出（项）'],
];

describe('the reference sample', () => {
  const loaded = loadDepartment(SAMPLE);
  const all = runChecks(calculate(loaded));
  const lines = readFileSync(SAMPLE, 'utf8').split(/\r?\n/);

  test('has no errors from any rule', () => {
    expect(all.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test('reports exactly its known rounding tails (and the 扶贫 label) as warnings', () => {
    const got = all
      .filter((d) => ours.has(d.rule))
      .map((d) => [d.rule, d.message.slice(0, d.message.indexOf('：')), d.expected ?? '', d.actual ?? ''] as [string, string, string, string]);
    const key = (x: string[]) => x.join(' | ');
    expect(got.map(key).sort()).toEqual(EXPECTED.map(key).sort());
    expect(all.filter((d) => ours.has(d.rule)).every((d) => d.severity === 'warning')).toBe(true);
  });

  test('the tails are warnings that say 尾数误差, and point at the printed figure', () => {
    for (const d of all.filter((x) => ours.has(x.rule) && x.rule !== 'three-public-subtotal-blank' && x.rule !== 'catalog-label')) {
      expect(d.message).toContain('在尾数误差范围内');
      expect(d.file).toBe(SAMPLE);
      // the figure as written sits at line:column (11314.64 may be written 11314.64 in the YAML)
      const at = lines[d.line! - 1].slice(d.column! - 1);
      expect(at.startsWith(d.actual!), `${d.rule} ${d.line}:${d.column} → "${at.slice(0, 20)}"`).toBe(true);
    }
  });

  test('公开09 小计 and the label point at their keys', () => {
    for (const d of all.filter((x) => x.rule === 'three-public-subtotal-blank')) expect(lines[d.line! - 1]).toMatch(/budget|actual/);
    const label = all.find((x) => x.rule === 'catalog-label')!;
    expect(lines[label.line! - 1].slice(label.column! - 1)).toMatch(/^"?农林水支出（类）扶贫/);
  });

  test('the 部门整体绩效自评表 total sees every printed score: no false "各项得分之和为 64，总分印作 99"', () => {
    // 预算执行 20 + 年度目标2 39 + 15 + 5 = 79 printed; 年度目标1 (20分) prints no score, so 99 scores it 20
    const overall = all.filter((d) => d.rule.startsWith('form-') && d.message.includes('部门整体绩效自评表'));
    expect(overall.map((d) => [d.rule, d.expected, d.actual])).toEqual([['form-goal-unscored', '20', '']]);
    expect(overall[0]!.message).toContain('20 + 39 + 15 + 5 = 79');
  });

  test('is deterministic and sorted by line, then rule', () => {
    const again = runChecks(calculate(loadDepartment(SAMPLE)));
    expect(again).toEqual(all);
    for (let i = 1; i < all.length; i++) {
      const a = all[i - 1];
      const b = all[i];
      expect(a.line! < b.line! || (a.line === b.line && a.rule <= b.rule)).toBe(true);
    }
  });
});

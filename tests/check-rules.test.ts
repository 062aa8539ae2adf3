import { describe, expect, test } from 'vitest';
import { isSeq, type Document } from 'yaml';
import { checkYaml, setAmount, type Path } from './fixtures/check/harness.js';
import type { Diagnostic } from '../src/model/diagnostics.js';
import { RULE_FAMILIES } from '../src/check/index.js';

/**
 * One case per rule: mutate the clean fixture (tests/fixtures/check/clean.yaml, which checks with no
 * findings at all), then expect the rule to report at the right place, with the right severity and
 * a message naming table, row and column. Other rules may speak too (a changed amount breaks more
 * than one equation); each case asserts the finding of its own rule exactly.
 */

interface Case {
  name: string;
  rule: string;
  mutate: (doc: Document) => void;
  severity: 'error' | 'warning';
  /** The YAML node the finding must point at. */
  at: Path;
  message: string;
  expected?: string;
  actual?: string;
}

const T = ['tables'];
const set = (path: Path, text: string | null) => (doc: Document) => setAmount(doc, path, text);
const all =
  (...fs: ((doc: Document) => void)[]) =>
  (doc: Document) =>
    fs.forEach((f) => f(doc));

const cases: Case[] = [
  // ── class tables: roll-ups and row sums ─────────────────────────────────────
  {
    name: '类 = Σ款 within the tail (warning)',
    rule: 'income-rollup',
    mutate: set([...T, 'income', 'rows', 3, 'total'], '42.01'),
    severity: 'warning',
    at: [...T, 'income', 'rows', 3, 'total'],
    message: '收入决算表（公开02表） 208 社会保障和就业支出 本年收入合计：各款之和为 42.00，表中为 42.01（差 0.01，在尾数误差范围内）',
    expected: '42.00',
    actual: '42.01',
  },
  {
    name: '款 = Σ项 beyond the tail (error)',
    rule: 'income-rollup',
    mutate: set([...T, 'income', 'rows', 4, 'fiscal'], '40.00'),
    severity: 'error',
    at: [...T, 'income', 'rows', 4, 'fiscal'],
    message: '收入决算表（公开02表） 20805 行政事业单位养老支出 财政拨款收入：各项之和为 42.00，表中为 40.00（差 2.00，超出尾数误差范围 ±0.015）',
    expected: '42.00',
    actual: '40.00',
  },
  {
    name: '合计 = Σ类',
    rule: 'income-rollup',
    mutate: set([...T, 'income', 'total', 'other'], '6.00'),
    severity: 'error',
    at: [...T, 'income', 'total', 'other'],
    message: '收入决算表（公开02表） 合计 其他收入：各类之和为 5.00，表中为 6.00（差 1.00，超出尾数误差范围 ±0.01）',
  },
  {
    name: '本年收入合计 = Σ columns',
    rule: 'income-row-sum',
    mutate: set([...T, 'income', 'rows', 2, 'total'], '104.00'),
    severity: 'error',
    at: [...T, 'income', 'rows', 2, 'total'],
    message: '收入决算表（公开02表） 2010301 行政运行 本年收入合计：财政拨款收入 + 其他收入 之和为 105.00，表中为 104.00（差 1.00，超出尾数误差范围 ±0.015）',
  },
  {
    name: '公开03 款 = Σ项 (warning)',
    rule: 'expenditure-rollup',
    mutate: set([...T, 'expenditure', 'rows', 12, 'basic'], '18.01'),
    severity: 'warning',
    at: [...T, 'expenditure', 'rows', 11, 'basic'],
    message: '支出决算表（公开03表） 22102 住房改革支出 基本支出：各项之和为 18.01，表中为 18.00（差 0.01，在尾数误差范围内）',
  },
  {
    name: '公开03 本年支出合计 = 基本 + 项目 + …',
    rule: 'expenditure-row-sum',
    mutate: set([...T, 'expenditure', 'rows', 0, 'project'], '24.00'),
    severity: 'error',
    at: [...T, 'expenditure', 'rows', 0, 'total'],
    message: '支出决算表（公开03表） 201 一般公共服务支出 本年支出合计：基本支出 + 项目支出 之和为 104.00，表中为 105.00',
  },
  {
    name: '公开05 合计 = Σ类',
    rule: 'general-budget-rollup',
    mutate: set([...T, 'general_budget', 'total', 'project'], '21.00'),
    severity: 'error',
    at: [...T, 'general_budget', 'total', 'project'],
    message: '一般公共预算财政拨款支出决算表（公开05表） 合计 项目支出：各类之和为 20.00，表中为 21.00',
  },
  {
    name: '公开05 小计 = 基本 + 项目 (warning)',
    rule: 'general-budget-row-sum',
    mutate: set([...T, 'general_budget', 'rows', 5, 'basic'], '29.99'),
    severity: 'warning',
    at: [...T, 'general_budget', 'rows', 5, 'total'],
    message: '一般公共预算财政拨款支出决算表（公开05表） 2080505 机关事业单位基本养老保险缴费支出 小计：基本支出 之和为 29.99，表中为 30.00（差 0.01，在尾数误差范围内）',
  },
  {
    name: '公开07 roll-up',
    rule: 'government-fund-rollup',
    mutate: set([...T, 'government_fund', 'rows', 1, 'income'], '44.00'),
    severity: 'error',
    at: [...T, 'government_fund', 'rows', 0, 'income'],
    message: '政府性基金预算财政拨款收入支出决算表（公开07表） 212 城乡社区支出 本年收入：各款之和为 44.00，表中为 45.00',
  },
  {
    name: '公开07 本年支出小计 = 基本 + 项目',
    rule: 'government-fund-row-sum',
    mutate: set([...T, 'government_fund', 'rows', 2, 'basic'], '1.00'),
    severity: 'error',
    at: [...T, 'government_fund', 'rows', 2, 'total'],
    message: '政府性基金预算财政拨款收入支出决算表（公开07表） 2120802 土地开发支出 本年支出小计：基本支出 + 项目支出 之和为 51.00，表中为 50.00',
  },
  {
    name: '公开07 年初 + 收入 = 支出 + 年末',
    rule: 'government-fund-balance',
    mutate: set([...T, 'government_fund', 'total', 'closing'], '6.00'),
    severity: 'error',
    at: [...T, 'government_fund', 'total', 'closing'],
    message: '政府性基金预算财政拨款收入支出决算表（公开07表） 合计 年末结转和结余：年初结转和结余 + 本年收入 − 本年支出小计为 5.00，表中为 6.00',
  },
  {
    name: '公开08 roll-up (non-empty table)',
    rule: 'state-capital-rollup',
    mutate: (doc) => doc.setIn([...T, 'state_capital'], doc.createNode({ total: { total: 3, project: 3 }, rows: [{ code: '201', total: 3, project: 3 }, { code: '20103', total: 2, project: 2 }] })),
    severity: 'error',
    at: [...T, 'state_capital', 'rows', 0, 'total'],
    message: '国有资本经营预算财政拨款支出决算表（公开08表） 201 一般公共服务支出 合计：各款之和为 2.00，表中为 3.00',
  },
  {
    name: '公开08 合计 = 基本 + 项目',
    rule: 'state-capital-row-sum',
    mutate: (doc) => doc.setIn([...T, 'state_capital'], doc.createNode({ rows: [{ code: '201', total: 3, basic: 1, project: 1 }] })),
    severity: 'error',
    at: [...T, 'state_capital', 'rows', 0, 'total'],
    message: '国有资本经营预算财政拨款支出决算表（公开08表） 201 一般公共服务支出 合计：基本支出 + 项目支出 之和为 2.00，表中为 3.00',
  },
  // ── 公开01 ────────────────────────────────────────────────────────────────
  {
    name: '本年收入合计 = Σ收入行',
    rule: 'summary-income-total',
    mutate: set([...T, 'summary', 'income', 'other'], '5.01'),
    severity: 'warning',
    at: [...T, 'summary', 'income_total'],
    message: '收入支出决算总表（公开01表） 本年收入合计：收入行一至八之和为 210.01，表中为 210.00（差 0.01，在尾数误差范围内）',
  },
  {
    name: '本年支出合计 = Σ类',
    rule: 'summary-expenditure-total',
    mutate: set([...T, 'summary', 'expenditure', '221'], '19.00'),
    severity: 'error',
    at: [...T, 'summary', 'expenditure_total'],
    message: '收入支出决算总表（公开01表） 本年支出合计：各类支出之和为 216.00，表中为 215.00',
  },
  {
    name: '收入总计 = 本年收入 + 非财政拨款结余 + 年初',
    rule: 'summary-grand-totals',
    mutate: set([...T, 'summary', 'income_grand_total'], '221.00'),
    severity: 'error',
    at: [...T, 'summary', 'income_grand_total'],
    message: '收入支出决算总表（公开01表） 收入总计：本年收入合计 + 使用非财政拨款结余 + 年初结转和结余为 220.00，表中为 221.00',
  },
  {
    name: '支出总计 = 本年支出 + 结余分配 + 年末',
    rule: 'summary-grand-totals',
    mutate: set([...T, 'summary', 'closing_balance'], '6.00'),
    severity: 'error',
    at: [...T, 'summary', 'expenditure_grand_total'],
    message: '收入支出决算总表（公开01表） 支出总计：本年支出合计 + 结余分配 + 年末结转和结余为 221.00，表中为 220.00',
  },
  {
    name: '收入总计 = 支出总计',
    rule: 'summary-balance',
    mutate: all(set([...T, 'summary', 'income_grand_total'], '221.00'), set([...T, 'summary', 'opening_balance'], '11.00')),
    severity: 'error',
    at: [...T, 'summary', 'expenditure_grand_total'],
    message: '收入支出决算总表（公开01表） 支出总计：收入总计为 221.00，表中为 220.00',
  },
  // ── 公开04 ────────────────────────────────────────────────────────────────
  {
    name: '合计 = Σ三类财政拨款 per row',
    rule: 'fiscal-summary-row-sum',
    mutate: set([...T, 'fiscal_summary', 'expenditure', 0, 'total'], '101.00'),
    severity: 'error',
    at: [...T, 'fiscal_summary', 'expenditure', 0, 'total'],
    message: '财政拨款收入支出决算总表（公开04表） 201 一般公共服务支出 合计：三类财政拨款之和为 100.00，表中为 101.00',
  },
  {
    name: '本年收入合计 = Σ三类',
    rule: 'fiscal-summary-income-total',
    mutate: set([...T, 'fiscal_summary', 'income_total'], '204.00'),
    severity: 'error',
    at: [...T, 'fiscal_summary', 'income_total'],
    message: '财政拨款收入支出决算总表（公开04表） 本年收入合计：三类财政拨款收入之和为 205.00，表中为 204.00',
  },
  {
    name: '本年支出合计 = Σ类 per column',
    rule: 'fiscal-summary-expenditure-total',
    mutate: all(set([...T, 'fiscal_summary', 'expenditure', 1, 'general_budget'], '41.00'), set([...T, 'fiscal_summary', 'expenditure', 1, 'total'], '41.00')),
    severity: 'error',
    at: [...T, 'fiscal_summary', 'expenditure_total', 'general_budget'],
    message: '财政拨款收入支出决算总表（公开04表） 本年支出合计 一般公共预算财政拨款：各类支出之和为 159.00，表中为 160.00',
  },
  {
    name: '支出总计 = 本年支出 + 年末 per column',
    rule: 'fiscal-summary-grand-totals',
    mutate: set([...T, 'fiscal_summary', 'expenditure_grand_total', 'government_fund'], '56.00'),
    severity: 'error',
    at: [...T, 'fiscal_summary', 'expenditure_grand_total', 'government_fund'],
    message: '财政拨款收入支出决算总表（公开04表） 支出总计 政府性基金预算财政拨款：本年支出合计 + 年末财政拨款结转和结余为 55.00，表中为 56.00',
  },
  {
    name: '收入 + 年初 = 支出 + 年末 per fund',
    rule: 'fiscal-summary-fund-balance',
    mutate: all(set([...T, 'fiscal_summary', 'closing_balance', 'government_fund'], '4.00'), set([...T, 'fiscal_summary', 'closing_balance', 'total'], '4.00')),
    severity: 'error',
    at: [...T, 'fiscal_summary', 'closing_balance', 'government_fund'],
    message: '财政拨款收入支出决算总表（公开04表） 年末财政拨款结转和结余 政府性基金预算财政拨款：本年收入 + 年初结转和结余 − 本年支出为 5.00，表中为 4.00',
  },
  {
    name: '收入总计 = 支出总计',
    rule: 'fiscal-summary-balance',
    mutate: set([...T, 'fiscal_summary', 'income_grand_total'], '216.00'),
    severity: 'error',
    at: [...T, 'fiscal_summary', 'expenditure_grand_total', 'total'],
    message: '财政拨款收入支出决算总表（公开04表） 支出总计 合计：收入总计为 216.00，表中为 215.00',
  },
  // ── 公开06 ────────────────────────────────────────────────────────────────
  {
    name: '301 = Σ301xx (warning)',
    rule: 'basic-detail-group-sum',
    mutate: set([...T, 'basic_detail', 'rows', 1, 'amount'], '40.01'),
    severity: 'warning',
    at: [...T, 'basic_detail', 'rows', 0, 'amount'],
    message: '一般公共预算财政拨款基本支出决算明细表（公开06表） 301 工资福利支出：各款之和为 100.01，表中为 100.00（差 0.01，在尾数误差范围内）',
  },
  {
    name: '人员经费合计 = 301 + 303 (warning)',
    rule: 'basic-detail-personnel',
    mutate: set([...T, 'basic_detail', 'personnel_total'], '110.01'),
    severity: 'warning',
    at: [...T, 'basic_detail', 'personnel_total'],
    message: '一般公共预算财政拨款基本支出决算明细表（公开06表） 人员经费合计：301 + 303 之和为 110.00，表中为 110.01（差 0.01，在尾数误差范围内）',
  },
  {
    name: '公用经费合计 = 302 + 310',
    rule: 'basic-detail-public',
    mutate: set([...T, 'basic_detail', 'public_total'], '31.00'),
    severity: 'error',
    at: [...T, 'basic_detail', 'public_total'],
    message: '一般公共预算财政拨款基本支出决算明细表（公开06表） 公用经费合计：302 + 310 之和为 30.00，表中为 31.00',
  },
  // ── 公开09 ────────────────────────────────────────────────────────────────
  {
    name: '小计 = 购置 + 运行维护',
    rule: 'three-public-vehicle-subtotal',
    mutate: set([...T, 'three_public', 'actual', 'vehicle_subtotal'], '4.10'),
    severity: 'error',
    at: [...T, 'three_public', 'actual', 'vehicle_subtotal'],
    message: '财政拨款“三公”经费支出决算表（公开09表） 决算数 公务用车购置及运行维护费小计：公务用车购置费 + 公务用车运行维护费为 4.00，表中为 4.10',
  },
  {
    name: '小计 blank while its parts are not',
    rule: 'three-public-subtotal-blank',
    mutate: set([...T, 'three_public', 'budget', 'vehicle_subtotal'], null),
    severity: 'warning',
    at: [...T, 'three_public', 'budget', 'vehicle_subtotal'],
    message: '财政拨款“三公”经费支出决算表（公开09表） 预算数 公务用车购置及运行维护费小计：栏目空白，而公务用车购置费 + 公务用车运行维护费为 5.00；按表式应填 5.00',
  },
  {
    name: '合计 = 出国 + 车辆 + 接待',
    rule: 'three-public-total',
    mutate: set([...T, 'three_public', 'budget', 'total'], '9'),
    severity: 'error',
    at: [...T, 'three_public', 'budget', 'total'],
    message: '财政拨款“三公”经费支出决算表（公开09表） 预算数 合计：因公出国（境）费 + 公务用车购置及运行维护费小计 + 公务接待费为 8.00，表中为 9.00',
  },
  // ── between tables ────────────────────────────────────────────────────────
  {
    name: 'X1 公开01 本年收入合计 = 公开02 合计',
    rule: 'x01-income-total',
    mutate: set([...T, 'income', 'total', 'total'], '211.00'),
    severity: 'error',
    at: [...T, 'summary', 'income_total'],
    message: '收入支出决算总表（公开01表） 本年收入合计：收入决算表（公开02表） 合计 本年收入合计为 211.00，表中为 210.00',
  },
  {
    name: 'X2 公开01 本年支出合计 = 公开03 合计',
    rule: 'x02-expenditure-total',
    mutate: set([...T, 'expenditure', 'total', 'total'], '215.01'),
    severity: 'warning',
    at: [...T, 'summary', 'expenditure_total'],
    message: '收入支出决算总表（公开01表） 本年支出合计：支出决算表（公开03表） 合计 本年支出合计为 215.01，表中为 215.00（差 0.01，在尾数误差范围内）',
  },
  {
    name: 'X3 公开01 类 = 公开03 类',
    rule: 'x03-class',
    mutate: set([...T, 'summary', 'expenditure', '208'], '43.00'),
    severity: 'error',
    at: [...T, 'summary', 'expenditure', '208'],
    message: '收入支出决算总表（公开01表） 208 社会保障和就业支出：支出决算表（公开03表） 208 社会保障和就业支出 本年支出合计为 42.00，表中为 43.00',
  },
  {
    name: 'X4 公开01 行二 = 公开04 政府性基金',
    rule: 'x04-fund-income',
    mutate: set([...T, 'fiscal_summary', 'income', 'government_fund'], '46.00'),
    severity: 'error',
    at: [...T, 'summary', 'income', 'government_fund'],
    message: '收入支出决算总表（公开01表） 二、政府性基金预算财政拨款收入：财政拨款收入支出决算总表（公开04表） 政府性基金预算财政拨款收入为 46.00，表中为 45.00',
  },
  {
    name: 'X5 公开02 财政拨款收入 = 公开04 本年收入合计',
    rule: 'x05-fiscal-income',
    mutate: set([...T, 'income', 'total', 'fiscal'], '206.00'),
    severity: 'error',
    at: [...T, 'income', 'total', 'fiscal'],
    message: '收入决算表（公开02表） 合计 财政拨款收入：财政拨款收入支出决算总表（公开04表） 本年收入合计为 205.00，表中为 206.00',
  },
  {
    name: 'X6 公开04 一般公共预算 = 公开05 小计 per 类',
    rule: 'x06-general-budget',
    mutate: set([...T, 'general_budget', 'rows', 0, 'total'], '101.00'),
    severity: 'error',
    at: [...T, 'fiscal_summary', 'expenditure', 0, 'general_budget'],
    message: '财政拨款收入支出决算总表（公开04表） 201 一般公共服务支出 一般公共预算财政拨款：一般公共预算财政拨款支出决算表（公开05表） 201 一般公共服务支出 小计为 101.00，表中为 100.00',
  },
  {
    name: 'X7 公开04 政府性基金 column has amounts, 公开07 empty',
    rule: 'x07-fund-tables',
    mutate: (doc) => doc.setIn([...T, 'government_fund'], doc.createNode({ rows: [] })),
    severity: 'error',
    at: [...T, 'fiscal_summary', 'income', 'government_fund'],
    message: '财政拨款收入支出决算总表（公开04表） 政府性基金预算财政拨款列有数，而 政府性基金预算财政拨款收入支出决算表（公开07表） 为空表；两者应同时有数或同时为空',
  },
  {
    name: 'X7 公开04 政府性基金 本年支出 = 公开07 合计',
    rule: 'x07-fund-tables',
    mutate: set([...T, 'government_fund', 'total', 'total'], '51.00'),
    severity: 'error',
    at: [...T, 'fiscal_summary', 'expenditure_total', 'government_fund'],
    message: '财政拨款收入支出决算总表（公开04表） 本年支出合计 政府性基金预算财政拨款：政府性基金预算财政拨款收入支出决算表（公开07表） 合计 本年支出小计为 51.00，表中为 50.00',
  },
  {
    name: 'X8 公开05 基本支出 = 人员经费 + 公用经费',
    rule: 'x08-basic',
    mutate: set([...T, 'general_budget', 'total', 'basic'], '141.00'),
    severity: 'error',
    at: [...T, 'general_budget', 'total', 'basic'],
    message: '一般公共预算财政拨款支出决算表（公开05表） 合计 基本支出：一般公共预算财政拨款基本支出决算明细表（公开06表） 人员经费合计 + 公用经费合计为 140.00，表中为 141.00',
  },
  {
    name: 'X9 公开05 ≤ 公开03',
    rule: 'x09-general-budget-within-expenditure',
    mutate: set([...T, 'general_budget', 'rows', 2, 'project'], '26.00'),
    severity: 'error',
    at: [...T, 'general_budget', 'rows', 2, 'project'],
    message: '一般公共预算财政拨款支出决算表（公开05表） 2010301 行政运行 项目支出：为 26.00，超过 支出决算表（公开03表） 同一科目 项目支出 25.00（多 1.00）；一般公共预算财政拨款支出是全部支出的一部分，不应大于全部支出',
    expected: '≤ 25.00',
    actual: '26.00',
  },
  {
    name: 'X10 公开06 30217 ≤ 公开09 接待',
    rule: 'x10-three-public',
    mutate: all(set([...T, 'basic_detail', 'rows', 9, 'amount'], '2.60'), set([...T, 'basic_detail', 'rows', 8, 'amount'], '19.40')),
    severity: 'error',
    at: [...T, 'basic_detail', 'rows', 9, 'amount'],
    message: '一般公共预算财政拨款基本支出决算明细表（公开06表） 30217 公务接待费：为 2.60，超过 财政拨款“三公”经费支出决算表（公开09表） 决算数 公务接待费 2.50（多 0.10）；基本支出中的“三公”经费是“三公”经费决算数的一部分，不应更大',
  },
  // ── catalog ───────────────────────────────────────────────────────────────
  {
    name: 'unknown code',
    rule: 'catalog-code',
    mutate: (doc) => doc.setIn([...T, 'income', 'rows', 2, 'code'], '2010399'),
    severity: 'error',
    at: [...T, 'income', 'rows', 2, 'code'],
    message: '收入决算表（公开02表） 2010399：编码不在 2023 年支出功能分类科目目录中',
  },
  {
    name: 'unknown 款, even with a name',
    rule: 'catalog-code',
    mutate: (doc) => {
      doc.setIn([...T, 'expenditure', 'rows', 2, 'code'], '2019999');
      doc.setIn([...T, 'expenditure', 'rows', 2, 'name'], '其他一般公共服务支出');
    },
    severity: 'error',
    at: [...T, 'expenditure', 'rows', 2, 'code'],
    message: '支出决算表（公开03表） 2019999：编码不在 2023 年支出功能分类科目目录中',
    actual: '2019999',
  },
  {
    name: 'a 项 the catalog lacks under a listed 款, named in the data',
    rule: 'catalog-unlisted',
    mutate: (doc) => {
      doc.setIn([...T, 'income', 'rows', 2, 'code'], '2010399');
      doc.setIn([...T, 'income', 'rows', 2, 'name'], '其他政府办公厅（室）及相关机构事务支出');
    },
    severity: 'warning',
    at: [...T, 'income', 'rows', 2, 'code'],
    message: '收入决算表（公开02表） 2010399：不在 2023 年支出功能分类科目目录中（其款 20103 政府办公厅（室）及相关机构事务在目录中），按数据所列名称“其他政府办公厅（室）及相关机构事务支出”使用',
    actual: '2010399',
  },
  {
    name: 'the same unlisted 项 named two ways',
    rule: 'catalog-unlisted',
    mutate: (doc) => {
      for (const t of ['income', 'expenditure']) doc.setIn([...T, t, 'rows', 2, 'code'], '2010399');
      doc.setIn([...T, 'income', 'rows', 2, 'name'], '其他政府办公厅（室）及相关机构事务支出');
      doc.setIn([...T, 'expenditure', 'rows', 2, 'name'], '其他办公厅事务支出');
    },
    severity: 'error',
    at: [...T, 'expenditure', 'rows', 2, 'name'],
    message: '支出决算表（公开03表） 2010399：科目名称写作“其他办公厅事务支出”，收入决算表（公开02表）（第 ',
    expected: '其他政府办公厅（室）及相关机构事务支出',
    actual: '其他办公厅事务支出',
  },
  {
    name: '公开06 code not on the form',
    rule: 'catalog-form-row',
    mutate: (doc) => (doc.getIn([...T, 'basic_detail', 'rows']) as { add(v: unknown): void }).add(doc.createNode({ code: '31001', amount: 0 })),
    severity: 'error',
    at: [...T, 'basic_detail', 'rows', 13, 'code'],
    message: '一般公共预算财政拨款基本支出决算明细表（公开06表） 31001 房屋建筑物购建：表式 hubei-wuhan-2023 中没有这一行，金额不会印出',
  },
  {
    name: '公开01 expenditure key that is not a summary 类',
    rule: 'catalog-form-row',
    mutate: (doc) => doc.setIn([...T, 'summary', 'expenditure', '20103'], 0),
    severity: 'error',
    at: [...T, 'summary', 'expenditure', '20103'],
    message: '收入支出决算总表（公开01表） 20103 政府办公厅（室）及相关机构事务：表中只列表式 hubei-wuhan-2023 所列的功能分类类',
  },
  {
    name: 'name differs from the catalog',
    rule: 'catalog-name',
    mutate: (doc) => doc.setIn([...T, 'income', 'rows', 0, 'name'], '一般公共服务'),
    severity: 'warning',
    at: [...T, 'income', 'rows', 0, 'name'],
    message: '收入决算表（公开02表） 201：科目名称写作“一般公共服务”，2023 年科目目录为“一般公共服务支出”；表中按目录印出',
    expected: '一般公共服务支出',
    actual: '一般公共服务',
  },
  {
    name: '名词解释 label differs from the catalog',
    rule: 'catalog-label',
    mutate: (doc) => doc.setIn(['glossary', 'terms', 1, 'items', 0, 'label'], '一般公共服务支出（类）政府办公厅（室）（款）行政运行（项）'),
    severity: 'warning',
    at: ['glossary', 'terms', 1, 'items', 0, 'label'],
    message: '第五部分 名词解释 本部门使用的支出功能分类科目(到项级) 2010301：写作“一般公共服务支出（类）政府办公厅（室）（款）行政运行（项）”，2023 年科目目录为“一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）”',
  },
  {
    name: 'code twice in a table',
    rule: 'catalog-duplicate',
    mutate: (doc) => (doc.getIn([...T, 'general_budget', 'rows']) as { add(v: unknown): void }).add(doc.createNode({ code: '2210201' })),
    severity: 'error',
    at: [...T, 'general_budget', 'rows', 10, 'code'],
    message: '一般公共预算财政拨款支出决算表（公开05表） 2210201 住房公积金：该科目在表中重复出现（第一次在第',
  },
  {
    name: 'rows out of code order',
    rule: 'catalog-order',
    mutate: (doc) => {
      const rows = doc.getIn([...T, 'income', 'rows']);
      if (!isSeq(rows)) throw new Error('rows');
      [rows.items[5], rows.items[6]] = [rows.items[6], rows.items[5]];
    },
    severity: 'warning',
    at: [...T, 'income', 'rows', 6, 'code'],
    message: '收入决算表（公开02表） 2080505 机关事业单位基本养老保险缴费支出：排在 2080506 机关事业单位职业年金缴费支出 之后，不合编码顺序',
  },
  {
    name: '项 without its 款',
    rule: 'catalog-parent',
    mutate: (doc) => doc.deleteIn([...T, 'general_budget', 'rows', 1]),
    severity: 'warning',
    at: [...T, 'general_budget', 'rows', 1, 'code'],
    message: '一般公共预算财政拨款支出决算表（公开05表） 2010301 行政运行：表中缺少其上级科目 20103 政府办公厅（室）及相关机构事务',
  },
  {
    name: '项 printed under another 款 (2210201 under 20805)',
    rule: 'catalog-misplaced',
    mutate: (doc) => {
      const rows = doc.getIn([...T, 'income', 'rows']);
      if (!isSeq(rows)) throw new Error('rows');
      rows.items.splice(5, 0, rows.items.pop()!);
    },
    severity: 'error',
    at: [...T, 'income', 'rows', 5, 'code'],
    message: '收入决算表（公开02表） 2210201 住房公积金：列在款 20805 行政事业单位养老支出 之下，但不属于该款，按编码应列在 22102 住房改革支出 之下',
    actual: '2210201',
  },
  // ── completeness ─────────────────────────────────────────────────────────
  {
    name: '公开03 without rows',
    rule: 'tables-present',
    mutate: (doc) => doc.setIn([...T, 'expenditure'], doc.createNode({ rows: [] })),
    severity: 'error',
    at: [...T, 'expenditure'],
    message: '支出决算表（公开03表）：表中没有任何科目行；部门有收支时这张表不能为空',
  },
];

/** The families this file covers (第二部分 tables, catalog, completeness); others have their own tests. */
const TABLE_FAMILIES = new Set(['completeness', 'catalog', 'class-tables', 'summary', 'fiscal-summary', 'basic-detail', 'three-public', 'cross', 'subset']);
const tableRuleIds = new Set(RULE_FAMILIES.filter((f) => TABLE_FAMILIES.has(f.family)).flatMap((f) => f.rules.map((r) => r.id)));

describe('clean fixture', () => {
  test('checks with no findings from the table, catalog and completeness rules', () => {
    expect(checkYaml().diagnostics.filter((d) => tableRuleIds.has(d.rule))).toEqual([]);
  });

  test('every table, catalog and completeness rule has a case here', () => {
    const covered = new Set(cases.map((c) => c.rule));
    expect([...tableRuleIds].filter((id) => !covered.has(id))).toEqual([]);
  });
});

describe.each(cases)('$rule: $name', (c) => {
  test(`reports ${c.severity} at the changed figure`, () => {
    const r = checkYaml(c.mutate);
    const found = r.of(c.rule);
    const want = r.pos(c.at);
    const hit = found.find((d: Diagnostic) => d.line === want.line && d.column === want.column);
    expect(hit, `no ${c.rule} at ${want.line}:${want.column}; got:\n${r.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`).join('\n')}`).toBeDefined();
    expect(hit!.severity).toBe(c.severity);
    expect(hit!.message).toContain(c.message);
    expect(hit!.file).toBe(r.file);
    if (c.expected !== undefined) expect(hit!.expected).toBe(c.expected);
    if (c.actual !== undefined) expect(hit!.actual).toBe(c.actual);
    // a tolerance verdict says which side of 尾数误差 it is on
    if (/^(t0|x0)/.test(c.rule) && c.rule !== 'three-public-subtotal-blank') expect(hit!.message).toContain(c.severity === 'warning' ? '在尾数误差范围内' : '');
  });
});

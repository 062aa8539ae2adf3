import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ROOT, SAMPLE, scratchData } from './helpers.js';
import { generatedDistrict } from './district-support.js';
import { readCsv } from './csv-reader.js';
import { loadDepartment } from '../src/load/index.js';
import { calculate } from '../src/calculate/index.js';
import { FINDINGS_HEADER } from '../src/batch/findings-csv.js';

/**
 * An officer reads every finding: figures and places are named in the words of the trade, never by
 * a figure id or a YAML path (those stay in the line, the column and the `pins:` key). Checked on
 * the samples, on a sample with pins all over 第三部分, on a generated district with planted
 * errors (through batch's findings.csv), and on a damaged PDF.
 */

const SHANGHAI = join(ROOT, 'data/2024/pujiang-chengguan.yaml');

/** A dotted identifier (three_public.overseas.completion, glossary.terms) or a snake_case one (three_public). */
const IDENTIFIER = /[A-Za-z_]+\.[A-Za-z_]+|[a-z]+_[a-z_]+/;
/** Real things a message may name: file names (the PDF, a font, fonts/fonts.yaml). */
const FILE_NAME = /[\w./-]+\.(?:yaml|pdf|otf|ttf|ttc|xlsx|csv|json)\b/g;
const identifierIn = (message: string) => IDENTIFIER.exec(message.replace(FILE_NAME, ''))?.[0];

interface Finding {
  rule: string;
  severity: string;
  message: string;
}

function checkJson(file: string, args: string[] = []): Finding[] {
  const r = cli(['check', file, '--format', 'json', ...args]);
  expect([0, 1], r.stderr).toContain(r.code);
  return JSON.parse(r.stdout) as Finding[];
}

function expectNoIdentifiers(findings: readonly Finding[]): void {
  const leaked = findings.filter((f) => identifierIn(f.message) !== undefined).map((f) => `[${f.rule}] ${identifierIn(f.message)}: ${f.message}`);
  expect(leaked).toEqual([]);
}

let dir: string;
let district: { dir: string; data: string };
beforeAll(() => {
  dir = scratchData();
  district = generatedDistrict(20, 1, { plant: true, prefix: 'juesuan-names-' });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(district.dir, { recursive: true, force: true });
});

/** Pins of published figures that differ from the tables, one in most sections of 第三部分. */
const PINS = {
  'totals.rate': '30%',
  'income.fiscal.share': '90%',
  'general_budget.class.210.completion': '100%',
  'general_budget.share': '99%',
  'three_public.vehicle.completion': '190%',
  'admin_operation.amount': '60',
  'procurement.sme': '300',
  'assets.vehicles.1': '5',
  'performance.coverage': '50%',
};

function pinned(): string {
  const file = join(dir, 'data/2023/pinned.yaml');
  const pins = Object.entries(PINS).map(([k, v]) => `  ${k}: ${v}\n`).join('');
  writeFileSync(file, readFileSync(SAMPLE, 'utf8').replace(/^pins:\n/m, `pins:\n${pins}`));
  return file;
}

describe('findings name figures and places in words', () => {
  it('every figure of 第三部分 has a Chinese name and a formula in names (the samples and a district)', () => {
    const files = [SAMPLE, SHANGHAI, ...readdirSync(district.data).filter((f) => f.endsWith('.yaml')).map((f) => join(district.data, f))];
    const bad: string[] = [];
    let figures = 0;
    for (const file of files) {
      for (const f of calculate(loadDepartment(file)).narrative.figures) {
        figures++;
        if (!f.name || identifierIn(f.name) || identifierIn(f.formula) || f.name === f.id) bad.push(`${file} ${f.id}: ${f.name} (${f.formula})`);
      }
    }
    expect(figures).toBeGreaterThan(1000);
    expect(bad).toEqual([]);
  }, 60_000);

  it('the Wuhan sample: the pins and the zero base by name, section heading, paragraph and page', () => {
    const findings = checkJson(SAMPLE);
    expectNoIdentifiers(findings);
    const zero = findings.find((f) => f.rule === 'narrative-zero-base')!;
    expect(zero.message).toBe(
      '第 27 页 第三部分 九、财政拨款“三公”经费支出决算情况说明（二）1 因公出国（境）费预算完成率（因公出国（境）费决算数 ÷ 预算数 × 100%）：基数为 0，不存在比率，正文却印作 100%；应以文字表述（如“年初预算为0万元”“新增”）',
    );
    const pins = findings.filter((f) => f.rule === 'narrative-pin').map((f) => f.message.split('：')[0]);
    expect(pins).toEqual([
      '第 22 页 第三部分 三、支出决算情况说明 项目支出（支出决算表（公开03表） 合计 项目支出）',
      '第 27 页 第三部分 九、财政拨款“三公”经费支出决算情况说明（二）1 因公出国（境）费预算完成率（因公出国（境）费决算数 ÷ 预算数 × 100%）',
      '第 30 页 第三部分 十三、预算绩效情况说明（三）1 项目“住房保障中心工作经费”执行率（项目“住房保障中心工作经费”执行数 ÷ 预算数 × 100%）',
      '第 31 页 第三部分 十三、预算绩效情况说明（三）2 项目“房产交易中心业务专项经费”执行率（项目“房产交易中心业务专项经费”执行数 ÷ 预算数 × 100%）',
      expect.stringMatching(/^第 26 页 第三部分 六、一般公共预算财政拨款基本支出决算情况说明 人员经费主要包括的款（/),
      expect.stringMatching(/^第 26 页 第三部分 六、一般公共预算财政拨款基本支出决算情况说明 公用经费主要包括的款（/),
    ]);
    const traditional = findings.find((f) => f.rule === 'text-traditional')!;
    expect(traditional.message).toMatch(/^第 \d+ 页 第五部分 名词解释：简体文本中有繁体字 職→职、業→业：“/);
  }, 60_000);

  it('the Shanghai sample', () => {
    expectNoIdentifiers(checkJson(SHANGHAI));
  }, 60_000);

  it('pins all over 第三部分: each by its name, its formula and where it prints', () => {
    const findings = checkJson(pinned(), ['--archive']);
    expectNoIdentifiers(findings);
    const pins = findings.filter((f) => f.rule === 'narrative-pin').map((f) => f.message);
    // the sample's six, and one for each pin added
    expect(pins).toHaveLength(6 + Object.keys(PINS).length);
    const has = (text: string) => expect(pins.some((m) => m.includes(text)), text).toBe(true);
    has('第三部分 一、收入支出决算总体情况说明 收入总计较上年增减幅度（收入总计较上年增减额 ÷ 收入总计上年数 × 100%）');
    has('第三部分 二、收入决算情况说明 财政拨款收入占本年收入合计的比重（财政拨款收入 ÷ 本年收入合计 × 100%）');
    has('第三部分 五、一般公共预算财政拨款支出决算情况说明（三） 卫生健康支出（210）预算完成率（卫生健康支出（210）决算数 ÷ 年初预算 × 100%）');
    has('一般公共预算财政拨款支出占本年支出合计的比重（一般公共预算财政拨款支出 ÷ 本年支出合计 × 100%）');
    has('公务用车购置及运行维护费预算完成率（公务用车购置及运行维护费决算数 ÷ 预算数 × 100%）');
    has('第三部分 十、机关运行经费支出说明 机关运行经费（');
    has('第三部分 十一、政府采购支出说明 授予中小企业合同金额（');
    has('第三部分 十二、国有资产占用情况 二级单位车辆数量（');
    has('第三部分 十三、预算绩效情况说明 参评项目执行数之和占一般公共预算财政拨款项目支出的比重（参评项目执行数之和 ÷ 一般公共预算财政拨款项目支出 × 100%）');
    for (const m of pins) expect(m, m).toMatch(/^第 \d+ 页 第三部分 [一二三四五六七八九十]+、/);
  }, 60_000);

  it('a planted district through batch: findings.csv', () => {
    const out = join(district.dir, 'out');
    const r = cli(['batch', district.data, '-o', out, '--jobs', '2'], ROOT, { CI: '1' });
    expect(r.code, r.stderr).toBe(1);
    const [header, ...rows] = readCsv(readFileSync(join(out, 'findings.csv'), 'utf8').replace(/^\uFEFF/, ''));
    const message = header!.indexOf(FINDINGS_HEADER[5]);
    expect(message).toBeGreaterThan(0);
    expect(rows.length).toBeGreaterThan(8);
    expectNoIdentifiers(rows.filter((row) => row.length > message).map((row) => ({ rule: row[3]!, severity: row[2]!, message: row[message]! })));
  }, 300_000);

  it('check <report.pdf> of a damaged report', () => {
    const yaml = pinned();
    const damaged = join(dir, 'data/2023/damaged.yaml');
    writeFileSync(damaged, readFileSync(yaml, 'utf8').replace('个性化大学生租赁房补贴资金56.64万元等', '个性化大学生租赁房补贴资金56.64等，增加（减少）'));
    const pdf = join(dir, 'damaged.pdf');
    const rendered = cli(['render', damaged, '-o', pdf, '--force']);
    expect(rendered.code, rendered.stderr).toBe(0);
    const findings = checkJson(pdf);
    expect(findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['printed-unit', 'text-residue', 'text-traditional', 'narrative-pin']));
    expectNoIdentifiers(findings);
  }, 120_000);
});

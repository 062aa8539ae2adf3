import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, ROOT, SAMPLE } from './helpers.js';

/**
 * `juesuan check <report.pdf>` on published reports damaged on purpose: the sample with one edit,
 * rendered anyway (--force, as a careless producer would), then checked from its PDF alone. Each
 * fault is found by its rule, on its page, with the printed words quoted.
 */

const WUHAN_TEXT = readFileSync(SAMPLE, 'utf8');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'juesuan-pdf-damaged-'));
  mkdirSync(join(dir, 'data/2023'), { recursive: true });
  cpSync(join(ROOT, 'data/catalog'), join(dir, 'data/catalog'), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** The sample with one edit, rendered with --force; the PDF's path. */
function damagedPdf(from: string, to: string): string {
  const text = WUHAN_TEXT.replace(from, to);
  if (from !== to && text === WUHAN_TEXT) throw new Error(`edit did not apply: ${from}`);
  const yaml = join(dir, `data/2023/d${n}.yaml`);
  const pdf = join(dir, `d${n++}.pdf`);
  writeFileSync(yaml, text);
  const r = cli(['render', yaml, '-o', pdf, '--force']);
  expect(r.code, r.stderr).toBe(0);
  return pdf;
}

describe('check <report.pdf> finds what a damaged report prints', () => {
  it('a department renamed in one sentence: an error on its page, quoted', () => {
    const pdf = damagedPdf('从单位构成看，武汉市江岸区住房保障和房屋管理局部门决算', '从单位构成看，武汉市江岸区住房保障与房屋管理局部门决算');
    const r = cli(['check', pdf]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error \[printed-department-name\] 第5页 正文：部门名称印作“住房保障与房屋管理局”，与“住房保障和房屋管理局”差一字：“…[^”]*住房保障与房屋管理局部门决算/);
  }, 60_000);

  it('a figure printed without its unit, and residue of the template: each on its page, quoted', () => {
    const pdf = damagedPdf('个性化大学生租赁房补贴资金56.64万元等', '个性化大学生租赁房补贴资金56.64等，增加（减少）');
    const r = cli(['check', pdf]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error \[printed-unit\] 第21页 正文：数字 56\.64 没有单位（万元或 %）：“…[^”]*56\.64等/);
    expect(r.stdout).toMatch(/\[text-residue\] 第21页 [^\n]*“增加（减少）”/);
  }, 60_000);

  it('a direction word the stated amounts contradict', () => {
    const pdf = damagedPdf('主要原因是为了招商引资需要，', '本年596.02万元，上年0.02万元，比上年减少596.00万元，主要原因是为了招商引资需要，');
    const r = cli(['check', pdf]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error \[printed-direction\] 第25页 正文：“减少”与所述数字不符（本年 596\.02 万元、上年 0\.02 万元，增加 596 万元）/);
  }, 60_000);

  it('a completion rate the budget and actual printed beside it do not give', () => {
    const pdf = damagedPdf('reason: 主要原因是“三公”经费厉行节约', 'reason: 主要原因是“三公”经费厉行节约；其中维修费年初预算为2万元，支出决算为1.05万元，完成年初预算的62.5%');
    const r = cli(['check', pdf]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error \[printed-rate\] 第27页 正文：完成率 62\.5% 与所述数字不符（预算 2 万元、决算 1\.05 万元，应为 52\.5%）：“…[^”]*完成年初预算的62\.5%/);
  }, 60_000);

  it('a wrong amount in a row of a table printed on two pages: the page the row prints on', () => {
    // 收入决算表 prints on pages 8 and 9: 2011308 on the first, 2210202 on the second
    for (const [row, wrong, page] of [
      ['{code: 2210202, total: 22.29, fiscal: 22.29}', '{code: 2210202, total: 22.92, fiscal: 22.29}', 9],
      ['{code: 2011308, total: 596.02, fiscal: 596.02}', '{code: 2011308, total: 596.20, fiscal: 596.02}', 8],
    ] as const) {
      const pdf = damagedPdf(row, wrong);
      const r = cli(['check', pdf]);
      expect(r.code).toBe(1);
      const code = /code: (\d+)/.exec(row)![1]!;
      expect(r.stdout).toMatch(new RegExp(`error \\[income-row-sum\\] 第${page}页 收入决算表（公开02表） ${code} [^\\n]*本年收入合计：财政拨款收入 之和为 `));
      expect(r.stdout).not.toContain(`第8、9页 收入决算表（公开02表） ${code}`);
    }
  }, 120_000);

  it('a narrative figure far from its table: linked by the name printed before it, an error unless archived', () => {
    const pdf = damagedPdf('  expenditure.project: 9635.64 ', '  expenditure.project: 0.5 ');
    const r = cli(['check', pdf]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error \[narrative-pin\] 第22页（“项目支出0\.5万元，占本年支出85\.16%。”） 第三部分 三、支出决算情况说明 项目支出（[^\n]*按数据计算为 9635\.63 万元，正文按 pins 印作 0\.5 万元/);
    const archived = cli(['check', pdf, '--archive']);
    expect(archived.stdout).toMatch(/warning \[narrative-pin\] 第22页[^\n]*正文按 pins 印作 0\.5 万元/);
    expect(archived.stdout).not.toMatch(/error \[narrative-pin\]/);
  }, 60_000);

  it('the undamaged report: no error, and none of these rules', () => {
    const pdf = damagedPdf('format: 1\n', 'format: 1\n');
    const r = cli(['check', pdf]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).not.toMatch(/printed-(department-name|unit|direction|rate)/);
  }, 60_000);
});

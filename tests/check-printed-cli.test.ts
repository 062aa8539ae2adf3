import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDepartment } from '../src/load/index.js';
import { calculate } from '../src/calculate/index.js';
import { runChecks } from '../src/check/index.js';
import { toMarkup } from '../src/render.js';
import { cli, ROOT, SAMPLE } from './helpers.js';

/**
 * The printed-word rules as a user meets them: a department file whose words are damaged on
 * purpose, checked and rendered with the built CLI. The finding names the YAML line, the page
 * of the PDF and quotes the printed sentence; an error stops render as it fails check.
 */

const WUHAN_TEXT = readFileSync(SAMPLE, 'utf8');
const SHANGHAI = join(ROOT, 'data/2024/pujiang-chengguan.yaml');
const SHANGHAI_TEXT = readFileSync(SHANGHAI, 'utf8');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'juesuan-printed-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** A copy of a sample with one edit (which must hit), beside the catalog. */
function variant(text: string, year: number, from: string, to: string): string {
  const next = text.replace(from, to);
  if (next === text) throw new Error(`edit did not apply: ${from}`);
  const d = join(dir, `v${n++}`);
  mkdirSync(join(d, `data/${year}`), { recursive: true });
  cpSync(join(ROOT, 'data/catalog'), join(d, 'data/catalog'), { recursive: true });
  const file = join(d, `data/${year}/x.yaml`);
  writeFileSync(file, next);
  return file;
}
const wuhan = (from: string, to: string) => variant(WUHAN_TEXT, 2023, from, to);
const shanghai = (from: string, to: string) => variant(SHANGHAI_TEXT, 2024, from, to);
const lineOf = (text: string, words: string) => text.slice(0, text.indexOf(words)).split('\n').length;

describe('juesuan check reads the words it would print', () => {
  it('a renamed department in one sentence: an error at its line, with page and quote; render refuses', () => {
    const file = wuhan('从单位构成看，武汉市江岸区住房保障和房屋管理局部门决算', '从单位构成看，武汉市江岸区住房保障与房屋管理局部门决算');
    const r = cli(['check', file]);
    expect(r.code).toBe(1);
    const line = lineOf(WUHAN_TEXT, '从单位构成看');
    expect(r.stdout).toMatch(new RegExp(`x\\.yaml:${line}:\\d+: error \\[printed-department-name\\] 第 5 页 正文：部门名称印作“住房保障与房屋管理局”，与“住房保障和房屋管理局”差一字：“…单位构成看，武汉市江岸区住房保障与房屋管理局部门决算由纳入独立核算的…”$`, 'm'));
    const pdf = join(dir, 'renamed.pdf');
    const rendered = cli(['render', file, '-o', pdf]);
    expect(rendered.code).toBe(1);
    expect(rendered.stderr).toContain('[printed-department-name] 第 5 页');
    expect(existsSync(pdf)).toBe(false);
  });

  it('a dropped unit in a reason: an error naming the page of its first printing', () => {
    const file = wuhan('个性化大学生租赁房补贴资金56.64万元等', '个性化大学生租赁房补贴资金56.64等');
    const r = cli(['check', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`x\\.yaml:${lineOf(WUHAN_TEXT, '个性化大学生租赁房补贴资金56.64万元等')}:\\d+: error \\[printed-unit\\] 第 21 页 正文：数字 56\\.64 没有单位（万元或 %）：“…性化大学生租赁房补贴资金56\\.64等。”`));
  });

  it('a direction word the stated years contradict, and residue typed into the data with its page', () => {
    const file = wuhan('主要原因是为了招商引资需要，', '本年596.02万元，上年0.02万元，比上年减少596.00万元，主要原因是为了招商引资需要，增加（减少）');
    const r = cli(['check', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error \[printed-direction\] 第 25 页 正文：“减少”与所述数字不符（本年 596\.02 万元、上年 0\.02 万元，增加 596 万元）：“…/);
    expect(r.stdout).toMatch(new RegExp(`x\\.yaml:${lineOf(WUHAN_TEXT, '主要原因是为了招商引资需要，')}:\\d+: warning \\[text-residue\\] 第 25 页 \\(三\\) 一般公共预算财政拨款支出决算具体情况：未选定的备选词“增加（减少）”`));
    expect(r.stdout).not.toMatch(/explanation\./);
  });

  it('the samples as published: no error', () => {
    const w = cli(['check', SAMPLE]);
    expect(w.code).toBe(0);
    expect(w.stdout).toContain('[printed-chart-label] 第 22 页');
    const s = cli(['check', SHANGHAI]);
    expect(s.code).toBe(0);
    expect(s.stdout).toContain('0 个错误，0 个警告');
  });
});

describe('charts are drawn at the value their label states', () => {
  const slice = (file: string) => /<slice label="项目支出" value="([\d.]+)" text="([^"]+)"/.exec(toMarkup(calculate(loadDepartment(file))))!.slice(1);

  it('a pinned label draws its slice at the pinned value, an unpinned one at the tables', () => {
    expect(slice(SAMPLE)).toEqual(['9635.64', '9635.64万元，85.16%']);
    expect(slice(wuhan('  expenditure.project: 9635.64            # 三: 公开03 项目支出 9,635.63\n', ''))).toEqual(['9635.63', '9635.63万元，85.16%']);
  });

  it('a label that differs from the tables is a warning, and none when it agrees', () => {
    const unpinned = cli(['check', wuhan('  expenditure.project: 9635.64            # 三: 公开03 项目支出 9,635.63\n', '')]);
    expect(unpinned.stdout).not.toContain('printed-chart-label');
    const r = cli(['check', wuhan('  expenditure.project: 9635.64 ', '  expenditure.project: 9000.00 ')]);
    expect(r.stdout).toMatch(new RegExp(`x\\.yaml:${lineOf(WUHAN_TEXT, '  expenditure.project: 9635.64 ')}:\\d+: warning \\[printed-chart-label\\] 第 22 页 图表标注：图 3 标注 9000\\.00，表中项目支出为 9635\\.63`));
    const bars = cli(['check', wuhan('pins:\n', 'pins:\n  totals.expenditure_grand_total: 11314.00\n')]);
    expect(bars.stdout).toMatch(/warning \[printed-chart-label\] 第 21 页 图表标注：图 1 标注 11314(\.00)?，表中(收入|支出)总计为 11314\.64/);
  });
});

describe('narrative-admin-operation and 事业单位', () => {
  const rule = (file: string) => runChecks(calculate(loadDepartment(file))).filter((d) => d.rule === 'narrative-admin-operation');
  const FLAG = '    has_public_institutions: true     # two 事业 units are outside 机关运行经费\n';

  it('a department whose tables show 事业单位 may spend less than 公用经费合计 without saying so', () => {
    expect(rule(shanghai(FLAG, ''))).toEqual([]);
  });

  it('beyond 公用经费合计 it is a warning naming what shows the 事业单位; without them ≠ is', () => {
    const text = SHANGHAI_TEXT.replace(FLAG, '').replace('    amount: 914.52 ', '    amount: 1200.00 ');
    const over = rule(variant(text, 2024, 'amount: 1200.00', 'amount: 1200.00 '));
    expect(over.map((d) => d.message)).toEqual([expect.stringMatching(/机关运行经费 1,200\.00 大于.*公用经费合计 1,101\.06.*部门含事业单位：收入决算表 事业收入 420\.00/)]);
    const declared = rule(shanghai(FLAG, '    has_public_institutions: false\n'));
    expect(declared.map((d) => d.message)).toEqual([expect.stringMatching(/机关运行经费 914\.52 不等于.*公用经费合计 1,101\.06（行政单位两者应相等；部门含事业单位时填 admin_operation\.has_public_institutions: true）/)]);
    const wuhanLess = rule(wuhan('    amount: 55.89\n', '    amount: 50.00\n'));
    expect(wuhanLess.map((d) => `${d.severity} ${d.message}`)).toEqual([expect.stringMatching(/^warning 第三部分 十 机关运行经费 50\.00 不等于.*公用经费合计 55\.89/)]);
  });
});

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdftotext, ROOT, SAMPLE } from './helpers.js';
import { cliWith, toolCopy } from './batch-support.js';

/**
 * 第三部分 as the file's form set has it: render, check and batch all take the sections, their
 * order, the charts and the prose rule from profiles/<name>/profile.yaml (calculate reads
 * loaded.profile), and a file that gives data for a section its form set does not have is refused
 * at the line of that data.
 *
 * A copy of the tool carries two edited form sets: hubei-wuhan-2023 with 九 first, 七 and 八
 * dropped, no charts and two decimals; and hubei-wuhan-narrow, Wuhan's without 九, 十二 and 十三.
 */

const SAMPLE_TEXT = readFileSync(SAMPLE, 'utf8');
const WUHAN = readFileSync(join(ROOT, 'profiles/hubei-wuhan-2023/profile.yaml'), 'utf8');
const WUHAN_SECTIONS = 'sections: [totals, income, expenditure, fiscal, general_budget, basic, government_fund, state_capital, three_public, admin_operation, procurement, assets, performance]';
/** The line of the first line holding `needle` after the line holding `after`. */
const lineOf = (text: string, needle: string, after = '') => {
  const lines = text.split('\n');
  return lines.findIndex((l, i) => i > lines.findIndex((m) => m.includes(after)) && l.includes(needle)) + 1;
};
const explanationLine = (text: string, key: string) => lineOf(text, `  ${key}:`, 'explanation:');

let tool: string;
let bin: string;
const scratch: string[] = [];

beforeAll(() => {
  tool = mkdtempSync(join(tmpdir(), 'juesuan-tool-'));
  scratch.push(tool);
  bin = toolCopy(tool);
  expect(WUHAN).toContain(WUHAN_SECTIONS);
  const reordered = WUHAN.replace(WUHAN_SECTIONS, 'sections: [three_public, totals, income, expenditure, fiscal, general_budget, basic, admin_operation, procurement, assets, performance]')
    .replace('charts: true', 'charts: false')
    .replace(/^numbers: trim$/m, 'numbers: fixed2');
  expect(reordered).toContain('numbers: fixed2');
  writeFileSync(join(tool, 'profiles/hubei-wuhan-2023/profile.yaml'), reordered);
  mkdirSync(join(tool, 'profiles/hubei-wuhan-narrow'));
  writeFileSync(
    join(tool, 'profiles/hubei-wuhan-narrow/profile.yaml'),
    WUHAN.replace(/^name: .*$/m, 'name: hubei-wuhan-narrow').replace(WUHAN_SECTIONS, 'sections: [totals, income, expenditure, fiscal, general_budget, basic, government_fund, state_capital, admin_operation, procurement]'),
  );
});

afterAll(() => {
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});

/** A data folder with the shipped catalogs and one department file. */
function data(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-narrative-'));
  scratch.push(dir);
  mkdirSync(join(dir, 'data/2023'), { recursive: true });
  cpSync(join(ROOT, 'data/catalog'), join(dir, 'data/catalog'), { recursive: true });
  writeFileSync(join(dir, 'data/2023/d.yaml'), text);
  return dir;
}

const headingsOfPart3 = (text: string) => {
  const body = text.slice(text.lastIndexOf('第三部分'), text.lastIndexOf('第四部分'));
  // a heading at the top of a page follows the form feed
  return [...body.matchAll(/^\f?([一二三四五六七八九十]+、[^\n]*说明|[一二三四五六七八九十]+、国有资产占用情况)$/gm)].map((m) => m[1]);
};

describe('the form set’s 第三部分 reaches every command', () => {
  let dir: string;
  let rendered: string;
  beforeAll(() => {
    dir = data(SAMPLE_TEXT);
    const r = cliWith(bin, ['render', 'data/2023/d.yaml', '-o', 'render.pdf'], dir);
    expect(r.code, r.stderr).toBe(0);
    rendered = pdftotext(join(dir, 'render.pdf'));
  });

  it('render: the sections in the profile’s order, numbered by place, without the dropped ones', () => {
    expect(headingsOfPart3(rendered)).toEqual([
      '一、财政拨款“三公”经费支出决算情况说明',
      '二、收入支出决算总体情况说明',
      '三、收入决算情况说明',
      '四、支出决算情况说明',
      '五、财政拨款收入支出决算总体情况说明',
      '六、一般公共预算财政拨款支出决算情况说明',
      '七、一般公共预算财政拨款基本支出决算情况说明',
      '八、机关运行经费支出说明',
      '九、政府采购支出说明',
      '十、国有资产占用情况',
      '十一、预算绩效情况说明',
    ]);
    expect(rendered).not.toContain('政府性基金预算财政拨款收入支出决算情况说明');
  });

  it('render: no charts, and figures in prose with two decimals', () => {
    expect(rendered).not.toMatch(/图\s*\d：/);
    const t = rendered.replace(/\s+/g, '');
    expect(t).toContain('基本支出1679.00万元');
    expect(t).toContain('占本年收入100.00%');
  });

  it('check: the findings name the sections by their place in this text', () => {
    const r = cliWith(bin, ['check', 'data/2023/d.yaml', '--format', 'json'], dir);
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as { rule: string; message: string }[];
    const basis = list.find((d) => d.rule === 'narrative-budget-basis');
    // 九（一） in Wuhan's text, 一（一） in this one
    expect(basis?.message).toMatch(/^第三部分 一（一）：正文“预算为10\.48万元”是年初预算/);
    expect(list.find((d) => d.rule === 'narrative-reason' && d.message.includes('机关运行经费'))?.message).toMatch(/^第三部分 八 机关运行经费/);
  });

  it('batch: the same 第三部分 as render', () => {
    const r = cliWith(bin, ['batch', 'data', '-o', 'out'], dir);
    expect(r.code, r.stderr).toBe(0);
    const batched = pdftotext(join(dir, 'out/2023/d.pdf'));
    expect(headingsOfPart3(batched)).toEqual(headingsOfPart3(rendered));
    expect(batched).toBe(rendered);
  });
});

describe('data for a section the form set does not have', () => {
  const narrow = SAMPLE_TEXT.replace(/^year: /m, 'profile: hubei-wuhan-narrow\nyear: ');
  /** The sample without the `explanation:` entries of the named sections. */
  const without = (text: string, keys: string[]) => keys.reduce((t, k) => t.replace(new RegExp(`\\n {2}${k}:\\n(?: {4}.*\\n)+`), '\n'), text);

  it.each([
    ['three_public', '财政拨款“三公”经费支出', ['assets', 'performance']],
    ['assets', '国有资产占用', ['three_public', 'performance']],
    ['performance', '预算绩效', ['three_public', 'assets']],
  ])('explanation.%s: its line, "该表式没有此节", exit 1, no PDF from render, check or batch', (key, name, others) => {
    const text = without(narrow, others);
    expect(text).not.toBe(narrow);
    const dir = data(text);
    const line = explanationLine(text, key);
    const expected = `data/2023/d.yaml:${line}:3: error [profile-section] 该表式没有此节："explanation.${key}"（${name}）：表式 hubei-wuhan-narrow 的情况说明没有这一节，此数据不会印出；请删去`;
    for (const args of [['render', 'data/2023/d.yaml'], ['check', 'data/2023/d.yaml']]) {
      const r = cliWith(bin, args, dir);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(expected);
      expect(r.stderr).not.toMatch(/^\s+at |内部错误/m);
    }
    const b = cliWith(bin, ['batch', 'data', '-o', 'out'], dir);
    expect(b.code, b.stderr).toBe(1);
    expect(b.stderr).toContain(expected);
    expect(existsSync(join(dir, 'output/2023/d.pdf')) || existsSync(join(dir, 'out/2023/d.pdf'))).toBe(false);
  });

  it('all three at once: one error each, at its own line', () => {
    const dir = data(narrow);
    const r = cliWith(bin, ['check', 'data/2023/d.yaml'], dir);
    expect(r.code, r.stderr).toBe(1);
    const found = [...r.stderr.matchAll(/d\.yaml:(\d+):\d+: error \[profile-section\] 该表式没有此节："explanation\.(\w+)"/g)].map((m) => [m[2], Number(m[1])]);
    expect(found).toEqual([
      ['three_public', explanationLine(narrow, 'three_public')],
      ['assets', explanationLine(narrow, 'assets')],
      ['performance', explanationLine(narrow, 'performance')],
    ]);
  });

  it('without that data the file renders under the narrower form set, its text without those sections', () => {
    const dir = data(without(narrow, ['three_public', 'assets', 'performance']));
    const r = cliWith(bin, ['render', 'data/2023/d.yaml', '-o', 'd.pdf'], dir);
    expect(r.code, r.stderr).toBe(0);
    const hs = headingsOfPart3(pdftotext(join(dir, 'd.pdf')));
    expect(hs).toHaveLength(10);
    expect(hs.at(-1)).toBe('十、政府采购支出说明');
    expect(hs.some((h) => /三公|国有资产|预算绩效/.test(h!))).toBe(false);
  });

  it('a section read from the tables alone has no data to refuse: the sample under a form set without 七 and 八', () => {
    const dir = data(SAMPLE_TEXT);
    const r = cliWith(bin, ['check', 'data/2023/d.yaml'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('profile-section');
  });
});

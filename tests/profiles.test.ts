import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { cli, pdftotext, ROOT, SAMPLE } from './helpers.js';
import { loadDepartment } from '../src/load/index.js';
import { knownProfiles, loadProfile } from '../src/load/profile.js';
import { calculate } from '../src/calculate/index.js';
import { toMarkup } from '../src/render.js';
import { InputError } from '../src/model/diagnostics.js';
import { loadTemplates } from '../src/template/index.js';
import { buildView } from '../src/template/view.js';

const buildViewOf = (file: string) => buildView(calculate(loadDepartment(file)));

/**
 * Form sets (profiles/<name>/): a department file names one with `profile:`; without it the file
 * means hubei-wuhan-2023, as before there were profiles. The shanghai-2024 skeleton renders a small
 * department in its own parts, table order, titles and heading lines; bad input names its file and
 * line, exits 1 and writes no PDF.
 */

const SHANGHAI = join(ROOT, 'tests/fixtures/shanghai/2024/tiny.yaml');
const shanghaiText = readFileSync(SHANGHAI, 'utf8');
const sampleText = readFileSync(SAMPLE, 'utf8');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const scratch: string[] = [];

/** A data folder with the Shanghai fixture's catalog (or the shipped ones) and one department file, edited. */
function dataWith(text: string, catalogs = join(ROOT, 'tests/fixtures/shanghai/catalog')): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-profile-'));
  scratch.push(dir);
  mkdirSync(join(dir, 'data/2024'), { recursive: true });
  cpSync(catalogs, join(dir, 'data/catalog'), { recursive: true });
  writeFileSync(join(dir, 'data/2024/d.yaml'), text);
  return { dir, file: 'data/2024/d.yaml' };
}

/** `juesuan render` and `juesuan check` of an edited file: both refuse it alike, and no PDF appears. */
function refused(text: string, catalogs?: string) {
  const { dir, file } = dataWith(text, catalogs);
  const render = cli(['render', file], dir);
  const check = cli(['check', file], dir);
  expect(render.stderr).not.toMatch(/^\s+at |内部错误/m);
  expect(existsSync(join(dir, 'output/2024/d.pdf'))).toBe(false);
  expect(check.code).toBe(render.code);
  return render;
}

afterAll(() => {
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});

describe('the profiles the tool has', () => {
  it('are the folders of profiles/ with a profile.yaml', () => {
    expect(knownProfiles()).toEqual(expect.arrayContaining(['hubei-wuhan-2023', 'shanghai-2024']));
    expect(knownProfiles()).toEqual([...knownProfiles()].sort());
  });

  it('differ in data, not in code: parts, tables, fixed rows, numbers, furniture, inputs', () => {
    const wuhan = loadProfile('hubei-wuhan-2023', { file: 'test' });
    const shanghai = loadProfile('shanghai-2024', { file: 'test' });
    expect(wuhan.parts.map((p) => p.id)).toEqual(['overview', 'tables', 'explanation', 'key_work', 'glossary', 'appendix']);
    expect(shanghai.parts.map((p) => p.id)).toEqual(['overview', 'tables', 'explanation', 'glossary']);
    expect(shanghai.tables.map((t) => t.key)).toEqual(['summary', 'income', 'expenditure', 'fiscal_summary', 'general_budget', 'basic_detail', 'three_public', 'government_fund', 'state_capital']);
    expect(shanghai.tables.every((t) => t.label === undefined && !t.lineNumbers && !t.heading.department && t.heading.unit === '单位：万元')).toBe(true);
    expect(wuhan.tables.find((t) => t.key === 'state_capital')!.columns).toEqual(['total', 'basic', 'project']);
    expect(shanghai.tables.find((t) => t.key === 'state_capital')!.columns).toEqual(['opening', 'income', 'total', 'basic', 'project', 'closing']);
    expect([wuhan.forms.summaryClasses.length, shanghai.forms.summaryClasses.length]).toEqual([26, 24]);
    expect([wuhan.forms.basicDetail.length, shanghai.forms.basicDetail.length]).toEqual([3, 2]);
    expect([wuhan.numbers, shanghai.numbers]).toEqual(['trim', 'fixed2']);
    expect([wuhan.furniture, shanghai.furniture]).toEqual([
      { tocDepth: 3, tocIndent: true, pageNumbers: true },
      { tocDepth: 2, tocIndent: false, pageNumbers: false },
    ]);
    expect(wuhan.inputs.required).toEqual(['cover.date', 'overview.duties.heading', 'overview.organization.heading', 'key_work', 'appendix', 'glossary.terms']);
    expect(shanghai.inputs).toEqual({ required: ['overview.organization.units'], optional: ['glossary.income_sources'] });
    expect(wuhan.templates).toBeUndefined();
    expect(shanghai.templates).toBe(join(ROOT, 'profiles/shanghai-2024/templates'));
  });
});

describe('a department file without profile:', () => {
  it('is a hubei-wuhan-2023 file: naming that profile changes nothing in the markup', () => {
    const implicit = calculate(loadDepartment(SAMPLE));
    expect(implicit.loaded.profile.name).toBe('hubei-wuhan-2023');
    const { dir, file } = dataWith(sampleText.replace(/^year: /m, 'profile: hubei-wuhan-2023\nyear: '), join(ROOT, 'data/catalog'));
    const explicit = calculate(loadDepartment(join(dir, file)));
    expect(explicit.loaded.profile).toBe(implicit.loaded.profile);
    expect(toMarkup(explicit)).toBe(toMarkup(implicit));
  });
});

describe('the shanghai-2024 skeleton', () => {
  let dir: string;
  let text: string;
  let pages: string[];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'juesuan-shanghai-'));
    scratch.push(dir);
    const r = cli(['render', SHANGHAI, '-o', join(dir, 'sh.pdf')]);
    expect(r.code, r.stderr).toBe(0);
    text = pdftotext(join(dir, 'sh.pdf'));
    pages = text.split('\f');
  });
  const squeezed = () => text.replace(/\s+/g, '');

  it('has the four parts, in order, and no 第五部分 or 第六部分', () => {
    const t = squeezed();
    const body = t.indexOf('第一部分上海市浦江区测试局概况', t.indexOf('第四部分名词解释') + 1);
    expect(body).toBeGreaterThan(0);
    const at = ['第一部分上海市浦江区测试局概况', '上海市浦江区测试局2024年度部门决算表', '第三部分上海市浦江区测试局2024年度部门决算情况说明', '第四部分名词解释'].map((h) => t.indexOf(h, body));
    for (const a of at) expect(a).toBeGreaterThanOrEqual(body);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(t).not.toMatch(/第五部分|第六部分|重点工作|附件/);
  });

  it('prints the tables in Shanghai’s order under its titles, the document title once over the first, 第二部分 only in the 目录', () => {
    const titles = [
      '收入支出决算总表',
      '收入决算表',
      '支出决算表',
      '财政拨款收入支出决算总表',
      '一般公共预算财政拨款支出决算表',
      '一般公共预算财政拨款基本支出决算表',
      '财政拨款“三公”经费支出决算表',
      '政府性基金预算财政拨款收入支出决算表',
      '国有资本经营预算财政拨款收入支出决算表',
    ];
    // each table's page starts with its title (the first table's after the document title)
    const tablePages = pages.filter((p) => p.includes('单位：万元'));
    const starts = tablePages.map((p) => p.trim().split('\n').map((l) => l.trim()).filter(Boolean));
    expect(starts[0]!.slice(0, 2)).toEqual(['上海市浦江区测试局2024年度部门决算表', '收入支出决算总表']);
    const order = starts.map((lines) => lines.find((l) => titles.includes(l.replace(/（续）$/, '')))!.replace(/（续）$/, ''));
    expect([...new Set(order)]).toEqual(titles);
    expect(squeezed().match(/上海市浦江区测试局2024年度部门决算表/g)).toHaveLength(2); // 目录 and the first table
    expect(squeezed().match(/第二部分/g)).toHaveLength(1); // the 目录's line
    const toc = squeezed().slice(0, squeezed().indexOf('第一部分', squeezed().indexOf('第四部分名词解释')));
    expect(toc).toContain('第二部分上海市浦江区测试局2024年度部门决算表一、收入支出决算总表二、收入决算表');
    expect(toc).toContain('六、一般公共预算财政拨款基本支出决算表七、财政拨款“三公”经费支出决算表八、政府性基金预算财政拨款收入支出决算表九、国有资本经营预算财政拨款收入支出决算表');
  });

  it('prints 单位：万元 over every table, and no form number, 部门 line, 栏次 or 行次', () => {
    const tablePages = pages.filter((p) => p.includes('单位：万元'));
    expect(tablePages.length).toBeGreaterThanOrEqual(9);
    expect(text).not.toMatch(/金额单位：/);
    expect(text).not.toMatch(/公开0\d表|公开\d+表/);
    expect(text).not.toMatch(/部门：/);
    expect(text).not.toMatch(/栏次|行次/);
  });

  it('prints the form set’s fixed rows: 24 类 in the 总表, a two-group 基本支出表, a 收入支出 国有资本经营 table', () => {
    const t = squeezed();
    expect(t).toContain('二十四、抗疫特别国债安排的支出');
    expect(t).not.toMatch(/债务还本支出|债务付息支出/);
    const basic = pages.find((p) => p.includes('一般公共预算财政拨款基本支出决算表') && p.includes('30101'))!;
    expect(basic.replace(/\s+/g, '').match(/经济分类科目编码/g)).toHaveLength(2);
    expect(basic).toContain('31019');
    expect(basic).not.toContain('人员经费\n公用经费');
    const capital = pages.find((p) => p.includes('国有资本经营预算财政拨款收入支出决算表') && p.includes('单位：万元'))!;
    for (const head of ['年初结转和结余', '本年收入', '年末结转和结余']) expect(capital).toContain(head);
    expect(capital.replace(/\s+/g, '')).toContain('说明：上海市浦江区测试局本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。');
  });

  it('prints figures in prose with two decimals (fixed2), the tables as ever', () => {
    const t = squeezed();
    expect(t).toContain('收入支出总计1020.00万元');
    expect(t).toContain('增加60.00万元，增长6.25%');
    expect(t).toContain('占本年支出合计的100.00%');
    expect(t).toContain('1,020.00');
    expect(t).not.toMatch(/1020万元|980万元/);
  });

  it('prints 第三部分’s sections in the order its profile lists them: 三公 before 政府性基金, 预算绩效 before 其他重要事项 and its 机关运行经费', () => {
    const t = squeezed();
    const part3 = t.slice(t.indexOf('第三部分上海市浦江区测试局2024年度部门决算情况说明', t.indexOf('第四部分名词解释') + 1));
    const headings = [
      '六、一般公共预算财政拨款基本支出决算情况说明',
      '七、财政拨款“三公”经费支出决算情况说明',
      '八、政府性基金预算财政拨款收入支出决算情况说明',
      '九、国有资本经营预算财政拨款收入支出决算情况说明',
      '十、预算绩效管理情况',
      '十一、其他重要事项的情况说明',
      '（一）机关运行经费支出情况',
    ];
    const at = headings.map((h) => part3.indexOf(h));
    expect(at.every((a) => a >= 0), JSON.stringify(at)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('has no cover date, no page numbers, a 目录 of two levels without numbers, and no charts', () => {
    expect(pages[0]!.replace(/\s+/g, '')).toBe('上海市浦江区测试局2024年度部门决算');
    expect(text).not.toMatch(/^\s*-\s*\d+\s*-\s*$/m);
    const toc = pages.slice(1, 3).join('');
    expect(toc).toContain('一、收入支出决算总体情况说明');
    expect(toc).not.toMatch(/\(一\)|（一）/);
    expect(toc).not.toMatch(/\.{3}|\d\s*$/m);
    expect(text).not.toMatch(/图\s*\d：/);
    const date = spawnSync('pdfinfo', [join(dir, 'sh.pdf')], { encoding: 'utf8' }).stdout;
    expect(date).toMatch(/CreationDate:.*2024/);
  });
});

describe('a profile the tool does not have', () => {
  it.each(['shanghai-2042', '../hubei-wuhan-2023', 'Hubei-Wuhan-2023'])('%s: the file and the line of profile:, the known profiles, exit 1, no PDF', (name) => {
    const text = shanghaiText.replace('profile: shanghai-2024', `profile: ${JSON.stringify(name)}`);
    const r = refused(text);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`data/2024/d.yaml:${lineOf(text, 'profile: ')}:10: error [profile-unknown] 没有名为 ${name} 的表式（profile）（现有表式：${knownProfiles().join('、')}）`);
    expect(knownProfiles().join('、')).toContain('hubei-wuhan-2023、shanghai-2024');
  });
});

describe('a profile without a catalog for the file', () => {
  it('a Shanghai file of 2023 on catalog 2023: the year and the catalog lines, exit 1, no PDF', () => {
    const text = shanghaiText.replace(/^year: 2024$/m, 'year: 2023').replace(/^catalog: 2024$/m, 'catalog: 2023');
    const r = refused(text, join(ROOT, 'data/catalog'));
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`data/2024/d.yaml:${lineOf(text, 'year: 2023')}:7: error [profile-year] 表式 shanghai-2024 只用于 2024 年度的决算，本文件为 2023 年度`);
    expect(r.stderr).toContain(`data/2024/d.yaml:${lineOf(text, 'catalog: 2023')}:10: error [profile-catalog] 表式 shanghai-2024 没有科目目录 2023（可用：2024）`);
  });

  it('a Wuhan file of 2025: the year line, exit 1, no PDF', () => {
    const text = sampleText.replace(/^year: 2023$/m, 'year: 2025');
    const r = refused(text, join(ROOT, 'data/catalog'));
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`data/2024/d.yaml:${lineOf(text, 'year: 2025')}:7: error [profile-year] 表式 hubei-wuhan-2023 只用于 2022、2023、2024 年度的决算，本文件为 2025 年度`);
  });
});

describe('inputs the profile does not have, or lacks', () => {
  const keyWork = 'key_work:\n  heading: 重点工作\n  areas: []\n';
  const appendixOf = (t: string) => t.slice(t.indexOf('\nappendix:\n') + 1);

  it.each([
    ['key_work', `${shanghaiText}${keyWork}`, 'key_work:', 'key_work', '重点工作'],
    ['appendix', `${shanghaiText}${appendixOf(sampleText)}`, 'appendix:', 'appendix', '附件'],
    ['cover.date', shanghaiText.replace('  title_lines: [上海市浦江区测试局, 2024年度部门决算]\n', '  title_lines: [上海市浦江区测试局, 2024年度部门决算]\n  date: 2025-06-30\n'), 'date: 2025-06-30', 'cover.date', '封面日期'],
    ['overview.duties.heading', shanghaiText.replace('  duties:\n', '  duties:\n    heading: 部门主要职能\n'), 'heading: 部门主要职能', 'overview.duties.heading', '概况中部门职能一节的标题'],
    ['overview.organization.heading', shanghaiText.replace('  organization:', '  organization:\n    heading: 机构设置情况\n   '), 'heading: 机构设置情况', 'overview.organization.heading', '概况中单位构成一节的标题'],
    ['glossary.terms', `${shanghaiText}glossary:\n  terms:\n    - {term: 其他收入, text: 指单位取得的其他收入。}\n`, 'terms:', 'glossary.terms', '名词解释的条目'],
  ])('%s under shanghai-2024: its line, "该 profile 没有此部分", exit 1, no PDF', (_, text, needle, key, words) => {
    const r = refused(text);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`data/2024/d\\.yaml:${lineOf(text, needle)}:\\d+: error \\[profile-input\\] 该 profile 没有此部分："${key.replace(/\./g, '\\.')}"（${words}`));
  });

  it.each([
    ['overview.organization.units', sampleText.replace(/^( {2}organization:\n)/m, '$1    units: [{name: 武汉市江岸区住房保障和房屋管理局（本级）}]\n'), 'units: [', 'overview.organization.units', '部门决算单位构成表'],
    ['glossary.income_sources', sampleText.replace(/^glossary:\n/m, 'glossary:\n  income_sources: {other: 利息}\n'), 'income_sources:', 'glossary.income_sources', '名词解释中事业收入'],
  ])('%s under hubei-wuhan-2023: its line, "该 profile 没有此部分", exit 1, no PDF', (_, text, needle, key, words) => {
    expect(text).not.toBe(sampleText);
    const r = refused(text, join(ROOT, 'data/catalog'));
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`data/2024/d\\.yaml:${lineOf(text, needle)}:\\d+: error \\[profile-input\\] 该 profile 没有此部分："${key.replace(/\./g, '\\.')}"（${words}.*不是表式 hubei-wuhan-2023的内容`));
  });

  it('overview.organization.units missing under shanghai-2024: the organization line, exit 1, no PDF', () => {
    const text = shanghaiText.replace(/\n {4}units:\n {6}- \{name: 上海市浦江区测试局（本级）\}/, '');
    expect(text).not.toBe(shanghaiText);
    const r = refused(text);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`data/2024/d.yaml:${lineOf(text, '  organization:')}:3: error [profile-input] 缺少必填字段 "overview.organization.units"（部门决算单位构成表（序号、单位名称、备注））：表式 shanghai-2024 需要此部分`);
  });

  it.each([
    ['appendix', sampleText.replace(appendixOf(sampleText), ''), 'appendix', '附件'],
    ['key_work', sampleText.replace(/\nkey_work:\n[\s\S]*?\n(?=glossary:)/, '\n'), 'key_work', '重点工作'],
    ['cover.date', sampleText.replace(/^ {2}date: .*\n/m, ''), 'cover.date', '封面日期'],
    ['overview.duties.heading', sampleText.replace(/^ {4}heading: 部门主要职能\n/m, ''), 'overview.duties.heading', '概况中部门职能一节的标题'],
    ['glossary.terms', sampleText.replace(/\nglossary:\n[\s\S]*?\n(?=appendix:)/, '\n'), 'glossary.terms', '名词解释的条目'],
  ])('%s missing under hubei-wuhan-2023 (no profile:): a clear error, exit 1, no PDF', (_, text, key, words) => {
    expect(text).not.toBe(sampleText);
    const r = refused(text, join(ROOT, 'data/catalog'));
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`data/2024/d\\.yaml:\\d+:\\d+: error \\[profile-input\\] 缺少必填字段 "${key.replace(/\./g, '\\.')}"（${words}.*）：表式 hubei-wuhan-2023 需要此部分`));
    if (key === 'cover.date') expect(r.stderr).toContain(`d.yaml:${lineOf(text, 'cover:')}:`);
  });

  it('a column its form set’s table lacks (年初结转 of a Wuhan 国有资本经营 table): its line, exit 1', () => {
    const text = sampleText.replace(/^ {2}state_capital: .*$/m, '  state_capital:\n    total: {opening: 5.00}\n    rows: []');
    expect(text).not.toBe(sampleText);
    const r = refused(text, join(ROOT, 'data/catalog'));
    expect(r.code, r.stderr).toBe(1);
    const line = lineOf(text, 'total: {opening: 5.00}');
    const column = text.split('\n')[line - 1]!.indexOf('5.00') + 1;
    expect(r.stderr).toContain(`data/2024/d.yaml:${line}:${column}: error [profile-column] 国有资本经营预算财政拨款支出决算表没有“年初结转和结余”栏（表式 hubei-wuhan-2023），此数不会印出；请删去`);
  });
});

describe('the 名词解释’s "主要是：…收入等" (glossary-income-sources)', () => {
  /** `juesuan check` of the Shanghai fixture (其他收入 20.00, no 事业收入 or 经营收入) with these sources. */
  const check = (sources: string | null) => {
    const text = sources === null ? shanghaiText : `${shanghaiText}glossary:\n  income_sources: {${sources}}\n`;
    const { dir, file } = dataWith(text);
    const r = cli(['check', file], dir);
    return { text, code: r.code, out: r.stdout + r.stderr };
  };
  const findings = (stderr: string) => stderr.split('\n').filter((l) => l.includes('[glossary-income-sources]'));

  it('a source for an income the 总表 does not have is an error at its line: 事业收入, 经营收入', () => {
    for (const [key, item, column] of [['business', '二、事业收入', '事业收入'], ['operating', '三、经营收入', '经营收入']] as const) {
      const r = check(`other: 利息, ${key}: 检测服务`);
      expect(r.code, r.out).toBe(1);
      const line = lineOf(r.text, 'income_sources:');
      const column0 = r.text.split('\n')[line - 1]!.indexOf('检测服务') + 1;
      expect(findings(r.out)).toEqual([
        `data/2024/d.yaml:${line}:${column0}: error [glossary-income-sources] 名词解释 ${item}：写了“主要是：检测服务收入等”，但收入支出决算总表没有${column}；请删去（没有该项收入的单位只保留名词解释）`,
      ]);
    }
  });

  it('an income the 总表 has without its source is a warning; with it, nothing', () => {
    const without = check(null);
    expect(without.code, without.out).toBe(0);
    expect(findings(without.out)).toEqual([
      expect.stringMatching(/warning \[glossary-income-sources\] 名词解释 四、其他收入：收入支出决算总表有其他收入 20\.00 万元，名词解释未写明主要是哪些收入$/),
    ]);
    const given = check('other: 银行存款利息');
    expect(given.code, given.out).toBe(0);
    expect(findings(given.out)).toEqual([]);
  });

  it('says nothing under a form set without them (a Wuhan file with 事业收入 and no sources)', () => {
    const text = sampleText.replace('income: {general_budget: 11314.64}', 'income: {general_budget: 11314.64, business: 1.00}');
    expect(text).not.toBe(sampleText);
    const { dir, file } = dataWith(text, join(ROOT, 'data/catalog'));
    const r = cli(['check', file], dir);
    expect(r.stdout + r.stderr).toContain('[summary-income-total]');
    expect(r.stdout + r.stderr).not.toContain('glossary-income-sources');
  });
});

describe('a broken profile', () => {
  const wuhan = readFileSync(join(ROOT, 'profiles/hubei-wuhan-2023/profile.yaml'), 'utf8').replace(/^name: .*$/m, 'name: x');
  /** The Wuhan profile as profiles/x, edited: what loading it reports. */
  const failure = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-profiles-'));
    scratch.push(dir);
    mkdirSync(join(dir, 'profiles/x'), { recursive: true });
    writeFileSync(join(dir, 'profiles/x/profile.yaml'), text);
    try {
      loadProfile('x', { file: 'test' }, dir);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as InputError).diagnostics;
    }
    throw new Error('loaded');
  };

  it.each([
    ['a name that is not its folder', ['name: x', 'name: y'], '表式文件的 name 为 y，与所在目录 profiles/x 不符'],
    ['an input it cannot govern', ['required: [cover.date,', 'required: [overview,'], '字段 inputs.required.0 的值不在允许范围内'],
    ['a 目录 depth of 4', ['toc_depth: 3', 'toc_depth: 4'], 'toc_depth 应为 1、2 或 3'],
    ['a column a table does not have', ['columns: [total, basic, project]', 'columns: [total, basic, projects]'], '表 state_capital 没有栏目 projects'],
    ['columns for a table of fixed columns', ['label: 公开09表,', 'label: 公开09表, columns: [total],'], '表 three_public 的栏目是固定的'],
    ['a 类 row twice', ['"201", "202"', '"201", "201"'], 'summary_classes 中 201 列了两次'],
    ['a section the narrative does not have', ['sections: [totals, income,', 'sections: [totals, other_issues,'], '情况说明没有名为 other_issues 的一节（可用：totals（收入支出决算总体情况）、income（收入决算）、'],
    ['a grouping section without its sub-sections', ['sections: [totals, income,', 'sections: [totals, other_matters,'], '情况说明的一节 other_matters 须列出其下级节'],
    ['sub-sections under a section that holds none', ['sections: [totals, income,', 'sections: [{id: totals, sections: [income]},'], '情况说明的一节 totals 不能包含下级节'],
    ['a section id misspelt', ['three_public, admin_operation', 'three_publics, admin_operation'], '情况说明没有名为 three_publics 的一节'],
    ['a section twice', ['procurement, assets', 'procurement, procurement'], '情况说明的一节 procurement 列了两次'],
  ])('%s: its line in profile.yaml, exit 1', (_, [from, to], message) => {
    const text = wuhan.replace(from!, to!);
    expect(text).not.toBe(wuhan);
    const d = failure(text);
    const found = d.find((x) => x.message.includes(message));
    expect(found, JSON.stringify(d)).toBeDefined();
    expect(found!.line).toBe(lineOf(text, to!));
    expect(found!.file).toMatch(/profiles\/x\/profile\.yaml$/);
  });

  it('a part whose template exists nowhere: the profile’s line, before any markup', () => {
    const calc = calculate(loadDepartment(SAMPLE));
    const profile = calc.loaded.profile;
    calc.loaded.profile = { ...profile, parts: [...profile.parts.slice(0, 5), { id: 'appendix', template: 'part7/index' }] };
    let err: InputError | undefined;
    try {
      toMarkup(calc);
    } catch (e) {
      err = e as InputError;
    }
    expect(err).toBeInstanceOf(InputError);
    expect(err!.diagnostics[0]).toMatchObject({ rule: 'profile-file', file: profile.file });
    expect(err!.diagnostics[0]!.message).toContain('没有模板 part7/index.hbs');
  });
});

describe('a profile’s templates over the shared ones', () => {
  it('replace the partial of the same name, keep the others, and get a compiled-template cache entry of their own', () => {
    const cache = mkdtempSync(join(tmpdir(), 'juesuan-tcache-'));
    const overlay = mkdtempSync(join(tmpdir(), 'juesuan-overlay-'));
    scratch.push(cache, overlay);
    mkdirSync(join(overlay, 'tables'));
    writeFileSync(join(overlay, 'document.hbs'), '<doc>{{> tables/class-row row=row}}|{{> extra/note}}</doc>');
    mkdirSync(join(overlay, 'extra'));
    writeFileSync(join(overlay, 'extra/note.hbs'), '{{department.name}}');
    const before = process.env.JUESUAN_CACHE_DIR;
    process.env.JUESUAN_CACHE_DIR = cache;
    try {
      const base = loadTemplates(join(ROOT, 'templates'));
      const over = loadTemplates([join(ROOT, 'templates'), overlay]);
      expect(over).not.toBe(base);
      expect(over.has('extra/note') && over.has('part3/index') && !base.has('extra/note')).toBe(true);
      const out = over.render({ department: { name: '测试局' }, row: { code: '201', name: '一般公共服务支出', level: '类' } });
      expect(out).toMatch(/^<doc>.*201.*\|测试局<\/doc>$/s);
      // the shared set is untouched by the overlay
      expect(base.render(buildViewOf(SAMPLE))).toContain('<document title=');
      // an overlay edited elsewhere (another folder, one word changed) is compiled and cached anew
      const cached = () => readdirSync(cache).filter((f) => f.startsWith('templates-'));
      const first = cached();
      expect(first.length).toBeGreaterThanOrEqual(1);
      const edited = mkdtempSync(join(tmpdir(), 'juesuan-overlay-'));
      scratch.push(edited);
      cpSync(overlay, edited, { recursive: true });
      writeFileSync(join(edited, 'extra/note.hbs'), '{{department.short_name}}');
      loadTemplates([join(ROOT, 'templates'), edited]);
      expect(cached().length).toBe(first.length + 1);
    } finally {
      if (before === undefined) delete process.env.JUESUAN_CACHE_DIR;
      else process.env.JUESUAN_CACHE_DIR = before;
    }
  });
});

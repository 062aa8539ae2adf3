import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSeq, parseDocument, type Document } from 'yaml';
import { checkYaml, CLEAN } from './fixtures/check/harness.js';
import { cli, pdftotext, ROOT, scratchData } from './helpers.js';
import { loadCatalog } from '../src/load/catalog.js';
import { loadProfile } from '../src/load/profile.js';

/**
 * The shipped catalogs (data/catalog/2022–2024) against department files of each year: the clean
 * checker fixture re-dated, with one edit each. A 项 the catalog lacks is a warning when the data
 * names it; an unknown 类 or 款, an unnamed 项, or a row under a parent it does not belong to is an
 * error; an old name is reported with its year.
 */

const DATA = join(ROOT, 'data');
const YEARS = [2022, 2023, 2024];
const T = ['tables'];
type Edit = (doc: Document) => void;

const redate = (year: number): Edit => (doc) => {
  doc.set('year', year);
  doc.set('catalog', String(year));
};
const check = (year: number, ...edits: Edit[]) => checkYaml((doc) => [redate(year), ...edits].forEach((e) => e(doc)), { dataDir: DATA });

/** Every row of 公开02/03/05 and the 名词解释 item with this code gets another code (and name). */
const recode =
  (from: string, to: string, name?: string, label?: string): Edit =>
  (doc) => {
    for (const t of ['income', 'expenditure', 'general_budget']) {
      const rows = doc.getIn([...T, t, 'rows']);
      if (!isSeq(rows)) throw new Error(t);
      const i = rows.items.findIndex((r) => String(doc.getIn([...T, t, 'rows', rows.items.indexOf(r), 'code'])) === from);
      if (i < 0) throw new Error(`${t} has no ${from}`);
      doc.setIn([...T, t, 'rows', i, 'code'], to);
      if (name !== undefined) doc.setIn([...T, t, 'rows', i, 'name'], name);
    }
    const items = doc.getIn(['glossary', 'terms', 1, 'items']);
    if (!isSeq(items)) throw new Error('items');
    const j = items.items.findIndex((_, k) => String(doc.getIn(['glossary', 'terms', 1, 'items', k, 'code'])) === from);
    doc.setIn(['glossary', 'terms', 1, 'items', j, 'code'], to);
    if (label !== undefined) doc.setIn(['glossary', 'terms', 1, 'items', j, 'label'], label);
  };

/** A 项 under 款 22102 住房改革支出 that no catalog lists. */
const UNLISTED = '2210288';
const UNLISTED_NAME = '住房改革试点支出';
const withUnlisted = recode('2210201', UNLISTED, UNLISTED_NAME, `住房保障支出（类）住房改革支出（款）${UNLISTED_NAME}（项）`);

const errors = (r: ReturnType<typeof checkYaml>) => r.diagnostics.filter((d) => d.severity === 'error');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('the shipped catalogs', () => {
  it.each(YEARS)('%i: loads, lists every 类 the forms print, and every 款 of 301, 302 and 303 on the 公开06 form', (year) => {
    const c = loadCatalog(String(year), DATA, { file: 'test' });
    const forms = loadProfile('hubei-wuhan-2023', { file: 'test' }).forms;
    expect(c.year).toBe(year);
    expect(c.notes).toEqual([]);
    for (const code of forms.summaryClasses) expect(c.functionalName(code), code).toBeDefined();
    // 支出功能分类 类 beyond the 26 the forms print
    for (const code of ['209', '227', '230', '233']) expect(c.functionalName(code), code).toBeDefined();
    const form = new Set(forms.basicDetail.flat());
    for (const code of form) expect(c.economicName(code), code).toBeDefined();
    const kuan = Object.keys(c.data.economic).filter((k) => k.length === 5 && ['301', '302', '303'].includes(k.slice(0, 3)));
    expect(kuan.length).toBe(13 + 27 + 12);
    expect(kuan.filter((k) => !form.has(k))).toEqual([]);
    for (const code of ['307', '309', '310', '311', '312', '313', '399', '31001', '30701', '39999']) expect(c.economicName(code), code).toBeDefined();
    expect(c.formerName('21305', '扶贫')).toEqual({ name: '扶贫', until: 2020 });
  });

  it('differ where the 科目 changed: 22006 from 2024', () => {
    expect(loadCatalog('2023', DATA, { file: 'test' }).functionalName('22006')).toBeUndefined();
    expect(loadCatalog('2024', DATA, { file: 'test' }).functionalName('22006')).toBe('耕地保护考核奖惩基金支出');
  });

  it.each(YEARS)('%i: the clean fixture re-dated checks with no catalog findings', (year) => {
    const r = check(year);
    expect(r.diagnostics.filter((d) => d.rule.startsWith('catalog'))).toEqual([]);
  });
});

describe.each(YEARS)('a %i department', (year) => {
  it('may use a 项 the catalog lacks under a listed 款: a warning wherever it is named, no error', () => {
    const r = check(year, withUnlisted);
    expect(errors(r)).toEqual([]);
    const found = r.of('catalog-unlisted');
    expect(found.map((d) => d.severity)).toEqual(['warning', 'warning', 'warning', 'warning']);
    const where = [[...T, 'income', 'rows', 12], [...T, 'expenditure', 'rows', 12], [...T, 'general_budget', 'rows', 9], ['glossary', 'terms', 1, 'items', 4]];
    expect(found.map((d) => d.line)).toEqual(where.map((p) => r.pos([...p, 'code']).line));
    expect(found[0].message).toBe(
      `收入决算表（公开02表） ${UNLISTED}：不在 ${year} 年支出功能分类科目目录中（其款 22102 住房改革支出在目录中），按数据所列名称“${UNLISTED_NAME}”使用；请核对编码和名称`,
    );
  });

  it('may not leave such a 项 unnamed: an error that says what to write', () => {
    const r = check(year, recode('2210201', UNLISTED));
    const found = r.of('catalog-code');
    expect(found).toHaveLength(4);
    expect(found[0]).toMatchObject({ severity: 'error', line: r.pos([...T, 'income', 'rows', 12, 'code']).line, actual: UNLISTED });
    expect(found[0].message).toContain(`编码不在 ${year} 年支出功能分类科目目录中`);
    expect(found[0].message).toContain('其款 22102 住房改革支出在目录中，如确为该款下的项级科目，请在数据中写明科目名称（name）');
    // the 名词解释 item has no label either: it is told to write one
    expect(found[3].line).toBe(r.pos(['glossary', 'terms', 1, 'items', 4, 'code']).line);
    expect(found[3].message).toContain('请在数据中写明科目名称（label）');
    expect(r.of('catalog-unlisted')).toEqual([]);
  });

  it('may not use a 项 of an unknown 款, named or not', () => {
    const r = check(year, recode('2210201', '2219901', '其他住房保障支出'));
    const found = r.of('catalog-code');
    expect(found.length).toBe(4);
    for (const d of found) expect(d.message).toMatch(new RegExp(`2219901：编码不在 ${year} 年支出功能分类科目目录中（.*），其款 22199 也不在目录中$`));
    expect(r.of('catalog-unlisted')).toEqual([]);
  });

  it('may not use an unknown 类', () => {
    const r = check(year, (doc) => doc.setIn([...T, 'fiscal_summary', 'expenditure', 0, 'code'], '218'));
    const d = r.of('catalog-code');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', line: r.pos([...T, 'fiscal_summary', 'expenditure', 0, 'code']).line });
    expect(d[0].message).toContain(`财政拨款收入支出决算总表（公开04表） 218：编码不在 ${year} 年支出功能分类科目目录中`);
  });

  it('may not print a 项 under a 款 it does not belong to (2210201 under 20805)', () => {
    const r = check(year, (doc) => {
      const rows = doc.getIn([...T, 'expenditure', 'rows']);
      if (!isSeq(rows)) throw new Error('rows');
      rows.items.splice(5, 0, rows.items.pop()!);
    });
    const d = r.of('catalog-misplaced');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', line: r.pos([...T, 'expenditure', 'rows', 5, 'code']).line });
    expect(d[0].message).toBe('支出决算表（公开03表） 2210201 住房公积金：列在款 20805 行政事业单位养老支出 之下，但不属于该款，按编码应列在 22102 住房改革支出 之下');
  });

  it('is told the year of an old name, in a table and in 名词解释', () => {
    const r = check(year, (doc) => {
      const rows = doc.getIn([...T, 'income', 'rows']);
      if (!isSeq(rows)) throw new Error('rows');
      rows.items.splice(10, 0, doc.createNode({ code: '213', name: '农林水支出' }), doc.createNode({ code: '21305', name: '扶贫' }));
      const items = doc.getIn(['glossary', 'terms', 1, 'items']);
      if (!isSeq(items)) throw new Error('items');
      items.add(doc.createNode({ code: '2130599', label: '农林水支出（类）扶贫（款）其他扶贫支出（项）', text: '反映其他用于扶贫方面的支出。' }));
    });
    const name = r.of('catalog-name');
    expect(name).toHaveLength(1);
    expect(name[0]).toMatchObject({ severity: 'warning', line: r.pos([...T, 'income', 'rows', 11, 'name']).line, actual: '扶贫', expected: '巩固脱贫攻坚成果衔接乡村振兴' });
    expect(name[0].message).toBe(`收入决算表（公开02表） 21305：科目名称写作“扶贫”，是 2020 年的科目名称；${year} 年科目目录为“巩固脱贫攻坚成果衔接乡村振兴”；表中按目录印出`);
    const label = r.of('catalog-label');
    expect(label).toHaveLength(1);
    expect(label[0].message).toContain(
      `写作“农林水支出（类）扶贫（款）其他扶贫支出（项）”，沿用 2020 年的科目名称（扶贫、其他扶贫支出）；${year} 年科目目录为“农林水支出（类）巩固脱贫攻坚成果衔接乡村振兴（款）其他巩固脱贫攻坚成果衔接乡村振兴支出（项）”`,
    );
  });
});

describe('renames of other years', () => {
  it('a name of 2018 is reported as such (210 医疗卫生与计划生育支出, 2022)', () => {
    const r = check(2022, (doc) => doc.setIn([...T, 'fiscal_summary', 'expenditure', 1, 'name'], '社会保障和就业'));
    // a plain misspelling is no old name: no year is claimed
    expect(r.of('catalog-name')[0].message).toBe('财政拨款收入支出决算总表（公开04表） 208：科目名称写作“社会保障和就业”，2022 年科目目录为“社会保障和就业支出”；表中按目录印出');
    const old = check(2024, (doc) => {
      const rows = doc.getIn([...T, 'income', 'rows']);
      if (!isSeq(rows)) throw new Error('rows');
      rows.items.splice(7, 0, doc.createNode({ code: '210', name: '医疗卫生与计划生育支出' }));
    });
    expect(old.of('catalog-name').map((d) => d.message)).toEqual(['收入决算表（公开02表） 210：科目名称写作“医疗卫生与计划生育支出”，是 2018 年的科目名称；2024 年科目目录为“卫生健康支出”；表中按目录印出']);
  });
});

/** The clean fixture as text, re-dated and edited, for the command line. */
function departmentText(year: number, ...edits: Edit[]): string {
  const doc = parseDocument(readFileSync(CLEAN, 'utf8'));
  [redate(year), ...edits].forEach((e) => e(doc));
  return doc.toString({ lineWidth: 0 });
}

describe('juesuan render: the name of an unlisted 项 is printed as given', () => {
  it.each([2022, 2024])('%i', (year) => {
    const dir = scratchData();
    mkdirSync(join(dir, `data/${year}`), { recursive: true });
    const file = join(dir, `data/${year}/d.yaml`);
    writeFileSync(file, departmentText(year, withUnlisted));
    const r = cli(['render', file, '-o', join(dir, 'd.pdf')], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`warning [catalog-unlisted] 支出决算表（公开03表） ${UNLISTED}：不在 ${year} 年支出功能分类科目目录中`);
    // 公开02, 03 and 05 each print the row with the given name
    const rows = pdftotext(join(dir, 'd.pdf'), true)
      .split('\n')
      .filter((l) => new RegExp(`^\\s*${UNLISTED}\\s+${UNLISTED_NAME}\\s+18\\.00\\b`).test(l));
    expect(rows).toHaveLength(3);
    expect(pdftotext(join(dir, 'd.pdf')).replace(/\s+/g, '')).toContain(`5.住房保障支出（类）住房改革支出（款）${UNLISTED_NAME}（项）：`);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('bad catalogs', () => {
  let dir: string;
  beforeAll(() => {
    dir = scratchData();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a catalog year with no file: the department file and the line of catalog:, exit 2, no PDF', () => {
    for (const cmd of ['check', 'render']) {
      const text = departmentText(2024).replace(/^catalog: .*$/m, 'catalog: 2019');
      const file = join(dir, 'data/2023/no-catalog.yaml');
      writeFileSync(file, text);
      const r = cli([cmd, 'data/2023/no-catalog.yaml'], dir);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(
        `data/2023/no-catalog.yaml:${lineOf(text, 'catalog: 2019')}:10: error [catalog-missing] 没有 2019 年的科目目录：找不到 data/catalog/2019.yaml（现有科目目录：2022、2023、2024）。请改正 catalog，或补充该年度的科目目录\n`,
      );
      expect(r.stderr).not.toMatch(/^\s+at |内部错误/m);
      expect(existsSync(join(dir, 'output/2023/no-catalog.pdf'))).toBe(false);
    }
  });

  /** A copy of the 2024 catalog with one edit, under a data folder of its own. */
  function brokenCatalog(edit: (text: string) => string) {
    const base = scratchData();
    const catalog = join(base, 'data/catalog/2024.yaml');
    const text = edit(readFileSync(catalog, 'utf8'));
    writeFileSync(catalog, text);
    mkdirSync(join(base, 'data/2024'));
    writeFileSync(join(base, 'data/2024/d.yaml'), departmentText(2024));
    const r = cli(['render', 'data/2024/d.yaml'], base);
    const pdf = existsSync(join(base, 'output/2024/d.pdf'));
    rmSync(base, { recursive: true, force: true });
    return { r, text, pdf };
  }

  it.each([
    ['YAML that does not parse', (t: string) => t.replace('"20101": 人大事务', '"20101": 人大事务: 人大'), '"20101": 人大事务:', 'yaml-syntax', 'YAML 语法错误'],
    ['a code twice', (t: string) => t.replace('  "2010101": 行政运行\n', '  "2010101": 行政运行\n  "20101": 人大事务  # again\n'), '# again', 'duplicate-key', 'YAML 语法错误'],
    ['a 款 whose 类 is missing', (t: string) => t.replace(/^ {2}"208": .*\n/m, ''), '"20801": ', 'catalog-file', '支出功能分类 20801 人力资源和社会保障管理事务：其上级科目 208 不在 functional 中'],
    ['a code of the wrong length', (t: string) => t.replace('"2010101": 行政运行', '"201010": 行政运行'), '"201010"', 'catalog-file', '支出功能分类编码 "201010" 应为 3、5、7 位数字'],
    ['a year that is not its file name', (t: string) => t.replace(/^year: 2024$/m, 'year: 2023'), 'year: 2023', 'catalog-file', '科目目录文件 2024.yaml 的 year 为 2023，与文件名的年度不符'],
    ['an old name not older than the catalog', (t: string) => t.replace('{name: 扶贫, until: 2020}', '{name: 扶贫, until: 2024}'), 'until: 2024', 'catalog-file', '21305 的旧名称“扶贫”注明用到 2024 年，应早于本目录的年度 2024'],
  ])('%s: the catalog file and its line, exit 1, no PDF', (_, edit, needle, rule, message) => {
    const { r, text, pdf } = brokenCatalog(edit);
    expect(r.code, r.stderr).toBe(1);
    const line = lineOf(text, needle);
    expect(line).toBeGreaterThan(0);
    expect(r.stderr).toMatch(new RegExp(`data/catalog/2024\\.yaml:${line}:\\d+: error \\[${rule}\\] `));
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/^\s+at |内部错误/m);
    expect(pdf).toBe(false);
  });
});

describe('a catalog and the form set', () => {
  /** The clean fixture re-dated to 2024 over a copy of the 2024 catalog with one edit. */
  function render(edit: (text: string) => string) {
    const base = scratchData();
    const catalog = join(base, 'data/catalog/2024.yaml');
    writeFileSync(catalog, edit(readFileSync(catalog, 'utf8')));
    mkdirSync(join(base, 'data/2024'));
    writeFileSync(join(base, 'data/2024/d.yaml'), departmentText(2024));
    const r = cli(['render', 'data/2024/d.yaml'], base);
    const pdf = existsSync(join(base, 'output/2024/d.pdf'));
    rmSync(base, { recursive: true, force: true });
    return { r, pdf };
  }
  const profileText = readFileSync(join(ROOT, 'profiles/hubei-wuhan-2023/profile.yaml'), 'utf8');

  it.each([
    ['a 类 the 总表 prints', /^ {2}"231\d*": .*\n/gm, '"231"', '231 不在科目目录 2024 的支出功能分类中'],
    ['a 款 the 基本支出明细表 prints', /^ {2}"31099": .*\n/m, '"31099"', '31099 不在科目目录 2024 的支出经济分类中'],
  ])('a catalog without %s: the form set file and its line, exit 1, no PDF', (_, line, needle, message) => {
    const { r, pdf } = render((t) => t.replace(line, ''));
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`profiles/hubei-wuhan-2023/profile\\.yaml:${lineOf(profileText, needle)}:\\d+: error \\[profile-catalog-rows\\] 表式 hubei-wuhan-2023 印出的固定行 ${message}`));
    expect(r.stderr).not.toMatch(/^\s+at |内部错误/m);
    expect(pdf).toBe(false);
  });

  it('a catalog that still lists the form rows loads, and is told they are no longer read', () => {
    const { r, pdf } = render((t) => `${t}summary_classes: ["201"]\nbasic_detail_form:\n  - ["301"]\n`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/data\/catalog\/2024\.yaml:\d+:\d+: warning \[catalog-form-rows\] 科目目录中的 summary_classes 已不再使用/);
    expect(r.stderr).toMatch(/warning \[catalog-form-rows\] 科目目录中的 basic_detail_form 已不再使用/);
    expect(pdf).toBe(true);
  });
});

describe('juesuan batch over several years: a department with an unlisted 项 does not stop the district', () => {
  let dir: string;
  let run: ReturnType<typeof cli>;
  beforeAll(() => {
    dir = scratchData();
    mkdirSync(join(dir, 'data/2022'), { recursive: true });
    mkdirSync(join(dir, 'data/2024'), { recursive: true });
    writeFileSync(join(dir, 'data/2022/a.yaml'), departmentText(2022, withUnlisted));
    writeFileSync(join(dir, 'data/2024/b.yaml'), departmentText(2024, withUnlisted));
    writeFileSync(join(dir, 'data/2024/c.yaml'), departmentText(2024, recode('2210201', '2219901', '其他住房保障支出')));
    writeFileSync(join(dir, 'data/2024/d.yaml'), departmentText(2024).replace(/^catalog: .*$/m, 'catalog: 2019'));
    run = cli(['batch', 'data', '-o', 'out', '--jobs', '2'], dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('renders the departments with warnings, fails the ones with errors, and says why', () => {
    expect(run.code, run.stderr).toBe(1);
    for (const pdf of ['2022/a.pdf', '2024/b.pdf']) expect(readFileSync(join(dir, 'out', pdf)).subarray(0, 5).toString()).toBe('%PDF-');
    for (const pdf of ['2024/c.pdf', '2024/d.pdf']) expect(existsSync(join(dir, 'out', pdf))).toBe(false);
    const entries = JSON.parse(readFileSync(join(dir, 'out/manifest.json'), 'utf8')).entries as { input: string; status: string; findings: { rule: string; severity: string }[] }[];
    const byName = Object.fromEntries(entries.map((e) => [e.input.split('/').slice(-2).join('/'), e]));
    for (const k of ['2022/a.yaml', '2024/b.yaml']) {
      expect(byName[k].status).toBe('ok');
      expect(byName[k].findings.filter((f) => f.rule === 'catalog-unlisted').map((f) => f.severity)).toEqual(['warning', 'warning', 'warning', 'warning']);
    }
    expect(byName['2024/c.yaml'].status).toBe('failed');
    expect(byName['2024/c.yaml'].findings.some((f) => f.rule === 'catalog-code' && f.severity === 'error')).toBe(true);
    expect(byName['2024/d.yaml'].status).toBe('failed');
    expect(byName['2024/d.yaml'].findings.map((f) => f.rule)).toEqual(['catalog-missing']);
  });
});

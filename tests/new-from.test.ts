import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, parse, parseDocument } from 'yaml';
import { cli, pdftotext, ROOT, SAMPLE, scratchData } from './helpers.js';
import { loadDepartment } from '../src/load/index.js';
import { draftFrom } from '../src/cli/new-year.js';

/**
 * `juesuan new --from <this year> --year <next>`: next year's file drafted from this year's, every
 * fact of the old year marked to do, and the checker holding the draft back until each is done.
 */

const squeeze = (s: string) => s.replace(/\s+/g, '');
const lineOf = (text: string, at: RegExp) => text.slice(0, text.search(at)).split('\n').length;
const SHANGHAI = join(ROOT, 'data/2024/pujiang-chengguan.yaml');

interface Finding {
  severity: string;
  rule: string;
  message: string;
  line: number | null;
}

function checkJson(file: string, cwd: string): { code: number | null; findings: Finding[] } {
  const r = cli(['check', file, '--format', 'json'], cwd);
  return { code: r.code, findings: JSON.parse(r.stdout) as Finding[] };
}

/**
 * The field a todo finding is about. Its message names the place in words; the file says which
 * field: a listed to-do names the line of its entry (`  <field>: <note>`), a mark stands at its
 * line and column, inside the field's value.
 */
function fieldIn(text: string): (f: Finding) => string {
  const lines = text.split('\n');
  const doc = parseDocument(text);
  const offsetOf = (line: number, column: number) => lines.slice(0, line - 1).reduce((a, l) => a + l.length + 1, 0) + column - 1;
  const pathAt = (node: unknown, at: number, path: (string | number)[]): (string | number)[] => {
    const items: [string | number, unknown, unknown][] = isMap(node)
      ? node.items.map((p) => [String(isScalar(p.key) ? p.key.value : p.key), p.key, p.value])
      : isSeq(node)
        ? node.items.map((v, i) => [i, undefined, v])
        : [];
    for (const [key, k, v] of items) {
      const range = (n: unknown) => (n as { range?: [number, number, number] } | null)?.range;
      const vr = range(v);
      if (vr && vr[0] <= at && at < vr[2]) return pathAt(v, at, [...path, key]);
      const kr = range(k);
      if (kr && kr[0] <= at && at < kr[2]) return [...path, key];
    }
    return path;
  };
  return (f) => {
    const entry = /第 (\d+) 行/.exec(f.message);
    if (entry) return /^\s*([^:\s]+):/.exec(lines[Number(entry[1]) - 1]!)![1]!;
    return pathAt(doc.contents, offsetOf(f.line!, (f as Finding & { column: number }).column), []).join('.');
  };
}

/** The to-dos of the Wuhan draft, in the file's order: what the officer must do before 2024's report is published. */
const WUHAN_TODOS = [
  'cover.date',
  'overview.organization.blocks.0', // 6个下属单位
  'overview.organization.blocks.9', // 在职实有人数53人
  'overview.organization.blocks.10', // 离退休人员51人
  'tables',
  'explanation.totals.reason', // the anchor &change_reason …
  'explanation.fiscal_totals.reason', // … and its two aliases: one mark, three places it prints
  'explanation.general_budget.reason',
  'explanation.general_budget.budget',
  'explanation.general_budget.classes.0.reason',
  'explanation.general_budget.classes.1.reason',
  'explanation.general_budget.classes.2.reason',
  'explanation.general_budget.classes.4.reason', // 212 and 213 gave no reason
  'explanation.general_budget.projects',
  'explanation.three_public',
  'explanation.three_public.reason',
  'explanation.three_public.vehicle_purchase.reason',
  'explanation.three_public.vehicle_operation.reason',
  'explanation.three_public.reception.reason', // the published empty reason too
  'explanation.admin_operation.amount',
  'explanation.procurement',
  'explanation.assets',
  'explanation.performance',
  'explanation.performance.conclusion',
  'explanation.performance.overall.0',
  ...[0, 1, 2, 3, 4, 5, 6].map((i) => `explanation.performance.projects.${i}.summary.0`),
  'key_work.table.0.goals.0',
  'key_work.table.0.goals.1',
  'key_work.table.0.results.0',
  'key_work.table.0.results.1',
  ...[1, 2, 3].flatMap((i) => [`key_work.table.${i}.goals.0`, `key_work.table.${i}.results.0`]),
  'appendix.overall.blocks.0.h',
  'appendix.overall.form',
  ...[0, 1, 2, 3, 4, 5, 6].flatMap((i) => [`appendix.projects.${i}.blocks.0.h`, `appendix.projects.${i}.form`]),
];

describe('new --from the Wuhan sample --year 2024', () => {
  let dir = '';
  let run: ReturnType<typeof cli>;
  let draft = '';
  let source = '';
  const out = () => join(dir, 'data/2024/jiangan-housing.yaml');
  beforeAll(() => {
    dir = scratchData();
    source = readFileSync(SAMPLE, 'utf8');
    writeFileSync(join(dir, 'data/2023/jiangan-housing.yaml'), source);
    run = cli(['new', '--from', 'data/2023/jiangan-housing.yaml', '--year', '2024'], dir);
    draft = existsSync(out()) ? readFileSync(out(), 'utf8') : '';
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes data/2024/<same name>.yaml beside the data folder, and leaves the source as it was', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('已起草 data/2024/jiangan-housing.yaml');
    expect(readFileSync(join(dir, 'data/2023/jiangan-housing.yaml'), 'utf8')).toBe(source);
  });

  it('moves the year, the catalog and the titles on, and carries the standing text', () => {
    const d = parse(draft);
    const s = parse(source);
    expect(d.year).toBe(2024);
    expect(String(d.catalog)).toBe('2024');
    expect(d.cover.title_lines).toEqual(['2024年度武汉市江岸区', '住房保障和房屋管理局部门决算']);
    expect(d.department).toEqual(s.department);
    expect(d.overview.duties).toEqual(s.overview.duties);
    expect(d.glossary).toEqual(s.glossary);
    expect(d.key_work.heading).toBe('2024年重点工作完成情况');
    expect(d.key_work.areas).toEqual(s.key_work.areas);
    expect(d.overview.organization.blocks[1]).toBe('纳入武汉市江岸区住房保障和房屋管理局2024年度部门决算编制范围的二级预算单位包括：');
    expect(d.overview.organization.blocks[2]).toEqual({ line: '1. 武汉市江岸区住房保障和房屋管理局（本级）' });
    expect(d.appendix.projects[0].form.title).toBe('2024年度江岸区住房保障中心 工作经费项目自评表');
    expect(d.explanation.general_budget.classes[0].purpose).toBe(s.explanation.general_budget.classes[0].purpose);
  });

  it("makes this year's totals last year's comparison figures", () => {
    const ex = parse(draft).explanation;
    expect([ex.totals.last_year, ex.fiscal_totals.last_year, ex.general_budget.last_year]).toEqual([11314.64, 11314.64, 11314.64]);
    expect(ex.three_public.last_year).toBe(19.5); // the three_public table's 决算数 合计
    expect(ex.admin_operation.last_year).toBe(55.89);
    expect(draft).toMatch(/^ {4}last_year: 11314\.64$/m);
    // items that did not compare with last year still do not
    expect(ex.three_public.reception.last_year).toBeUndefined();
  });

  it('drops the pins, with their comment, and the self-evaluation forms\' published figures', () => {
    const d = parse(draft);
    expect(d.pins).toBeUndefined();
    expect(draft).not.toMatch(/^pins:/m);
    expect(draft).not.toContain('# Published figures of 第三部分 that differ');
    expect(draft).not.toMatch(/published_total|published:/);
    expect(source).toMatch(/published_total/);
  });

  it('keeps every comment of the source but those of the pins', () => {
    const comments = (text: string) => text.split('\n').flatMap((l) => (l.includes('#') ? [l.slice(l.indexOf('#')).trim()] : []));
    const pins = source.slice(source.indexOf('# Published figures of 第三部分'), source.indexOf('# 第四部分'));
    const expected = comments(source).filter((c) => !pins.includes(c) && c.startsWith('#'));
    const have = new Set(comments(draft));
    expect(expected.length).toBeGreaterThan(40);
    expect(expected.filter((c) => !have.has(c))).toEqual([]);
  });

  it('checks with exactly its to-dos as errors, each at the line to change', () => {
    const { code, findings } = checkJson('data/2024/jiangan-housing.yaml', dir);
    expect(code).toBe(1);
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.rule)).toEqual(WUHAN_TODOS.map(() => 'todo'));
    const fieldOf = fieldIn(draft);
    expect(errors.map(fieldOf)).toEqual(WUHAN_TODOS);
    const lines = draft.split('\n');
    for (const e of errors) {
      const text = lines[e.line! - 1]!;
      // a mark is on its line; a listed to-do is at its field's key, and names the todo entry's line
      // (or an alias of one: `reason: *change_reason`)
      if (e.message.includes('草稿待办“')) expect(text, e.message).toMatch(/【待(填写|更新|核实)：|: \*change_reason$/);
      else {
        expect(text, e.message).toMatch(new RegExp(`^\\s*(- )?${fieldOf(e).split('.').pop()}:`));
        const entry = Number(/第 (\d+) 行/.exec(e.message)![1]);
        expect(lines[entry - 1]).toContain(`  ${fieldOf(e)}: `);
      }
    }
  });

  it("keeps the source's warnings of tables and text, and none of its pins", () => {
    const { findings } = checkJson('data/2024/jiangan-housing.yaml', dir);
    const warnings = [...new Set(findings.filter((f) => f.severity === 'warning').map((f) => f.rule))].sort();
    expect(warnings).toEqual(
      [
        // the tables' rounding tails, carried with the tables
        'basic-detail-group-sum', 'basic-detail-personnel', 'expenditure-rollup', 'expenditure-row-sum', 'fiscal-summary-expenditure-total',
        'general-budget-rollup', 'general-budget-row-sum', 'income-rollup', 'summary-expenditure-total', 'three-public-subtotal-blank',
        // the department's words, carried
        'catalog-label', 'glossary-coverage', 'narrative-budget-basis', 'narrative-budget-term', 'narrative-class-order', 'text-traditional',
        // the forms (under to-do): the published totals are dropped, the old text still quotes them
        'form-goal-unscored', 'form-narrative-score',
      ].sort(),
    );
  });

  it('renders only with --force, and the draft says so on its cover and at every mark', () => {
    const refused = cli(['render', 'data/2024/jiangan-housing.yaml', '-o', 'refused.pdf'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[todo]');
    expect(existsSync(join(dir, 'refused.pdf'))).toBe(false);

    const r = cli(['render', 'data/2024/jiangan-housing.yaml', '--force', '-o', 'draft.pdf'], dir);
    expect(r.code, r.stderr).toBe(0);
    const pages = pdftotext(join(dir, 'draft.pdf')).split('\f').map(squeeze);
    const all = pages.join('');
    expect(pages[0]).toContain('2024年度武汉市江岸区住房保障和房屋管理局部门决算');
    expect(pages[0]).toContain('【草稿：尚有待办事项，办完前不得公开】');
    expect(pages[0]).toContain('【待更新：九张表仍是2023年度的决算数，请换成本年度的决算数】');
    // carried texts
    expect(all).toContain('（一）根据全区国民经济和社会发展规划，制订全区公共租赁住房建设计划并监督实施。');
    expect(all).toContain('指区级财政一般公共预算当年拨付的资金。');
    expect(all).toContain('第四部分2024年重点工作完成情况');
    // last year's figures: the totals compare with themselves until the tables are replaced
    expect(all).toContain('收、支总计各持平，【待填写：2024年度原因】。');
    // the marks, where the text prints them
    expect(all).toContain('【待核实：2023年度数字】武汉市江岸区住房保障和房屋管理局在职实有人数53人');
    expect(all).toContain('【待更新：2023年度原文】从绩效评价情况来看');
    expect(all).toContain('【待更新：2023年度原文】一、自评结论');
    // 一、四、五（一） (one reason, anchored), 五（三） 201 208 210 221, 九 and its three items
    expect(all.match(/【待填写：2024年度原因】/g)!.length).toBe(11);
  });

  it('is the same text every time', () => {
    const again = cli(['new', '--from', 'data/2023/jiangan-housing.yaml', '--year', '2024', '-o', 'again.yaml'], dir);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(join(dir, 'again.yaml'), 'utf8')).toBe(draft);
  });

  it('a done draft checks clean of to-dos: the marks and the list are all the rule reads', () => {
    const done = draft
      .replace(/【待(填写|更新|核实)：[^】]*】/g, '')
      .replace(/\n# 由 2023 年度的文件起草[^\n]*\n[^\n]*\ntodo:\n(  [^\n]*\n)+/, '\n')
      .replace(/reason: &change_reason \n/, 'reason: &change_reason 主要原因是业务增加\n');
    writeFileSync(join(dir, 'data/2024/done.yaml'), done);
    const { findings } = checkJson('data/2024/done.yaml', dir);
    expect(findings.filter((f) => f.rule === 'todo')).toEqual([]);
  });
});

describe('new --from with tables (the seam to the workbook reader)', () => {
  it("replaces last year's tables by the ones given, keeps the comment above them, and lists no tables to-do", () => {
    const source = readFileSync(SAMPLE, 'utf8');
    const tables = parse(source).tables;
    tables.summary.income.general_budget = 12000.5;
    const text = draftFrom(loadDepartment(SAMPLE), { year: 2024, catalog: '2024', profile: 'hubei-wuhan-2023', tables });
    const d = parse(text);
    expect(d.tables.summary.income.general_budget).toBe(12000.5);
    expect(d.tables.income.rows).toEqual(parse(source).tables.income.rows);
    expect(Object.keys(d.todo)).not.toContain('tables');
    expect(Object.keys(d.todo)).toContain('cover.date');
    expect(text).toContain('# 第二部分 部门决算表 (万元; amounts as printed, without thousands separators; blank cells omitted)\ntables:\n');
    expect(text).toMatch(/\ntables:\n {2}summary:\n {4}income:\n {6}general_budget: 12000\.5\n/);
  });
});

describe('new --from: how standing text and line ends are carried', () => {
  let dir = '';
  beforeAll(() => {
    dir = scratchData();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("moves only the report's year in 第一部分, and has a paragraph with any other number verified", () => {
    const text = readFileSync(SAMPLE, 'utf8')
      .replace('      - （十四）完成上级交办的其他工作任务。', '      - （十四）完成上级交办的其他工作任务，落实2023年机构改革方案。')
      .replace('      - （十二）指导全区房屋物业管理协会的工作。', '      - （十二）指导全区房屋物业管理协会2023年度的工作。');
    writeFileSync(join(dir, 'data/2023/y.yaml'), text);
    const r = cli(['new', '--from', 'data/2023/y.yaml', '--year', '2024'], dir);
    expect(r.code, r.stderr).toBe(0);
    const blocks = parse(readFileSync(join(dir, 'data/2024/y.yaml'), 'utf8')).overview.duties.blocks as string[];
    expect(blocks[13]).toBe('【待核实：2023年度数字】（十四）完成上级交办的其他工作任务，落实2023年机构改革方案。');
    expect(blocks[11]).toBe('（十二）指导全区房屋物业管理协会2024年度的工作。');
    expect(blocks[0]).toBe('（一）根据全区国民经济和社会发展规划，制订全区公共租赁住房建设计划并监督实施。');
  });

  it('keeps CRLF line ends, the added lines too, and the draft checks the same', () => {
    writeFileSync(join(dir, 'data/2023/crlf.yaml'), readFileSync(SAMPLE, 'utf8').replace(/\n/g, '\r\n'));
    const r = cli(['new', '--from', 'data/2023/crlf.yaml', '--year', '2024'], dir);
    expect(r.code, r.stderr).toBe(0);
    const draft = readFileSync(join(dir, 'data/2024/crlf.yaml'), 'utf8');
    expect(draft).not.toMatch(/[^\r]\n/);
    expect(draft).toContain('\r\ntodo:\r\n  cover.date: ');
    const errors = checkJson('data/2024/crlf.yaml', dir).findings.filter((f) => f.severity === 'error');
    expect(errors.map(fieldIn(draft))).toEqual(WUHAN_TODOS);
  });
});

describe('new --from the Shanghai sample', () => {
  let dir = '';
  beforeAll(() => {
    dir = scratchData();
    mkdirSync(join(dir, 'data/2024'), { recursive: true });
    cpSync(SHANGHAI, join(dir, 'data/2024/pujiang-chengguan.yaml'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses 2025, naming the catalog and the form set it lacks, and writes nothing', () => {
    const r = cli(['new', '--from', 'data/2024/pujiang-chengguan.yaml', '--year', '2025'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('data/2024/pujiang-chengguan.yaml:13:7: error [catalog-missing] 无法起草 2025 年度：没有 2025 年的科目目录 data/catalog/2025.yaml（现有：2022、2023、2024）');
    expect(r.stderr).toContain('[profile-year] 无法起草 2025 年度：表式 shanghai-2024 只用于 2024 年度，本工具没有用于 2025 年度的上海市表式');
    expect(existsSync(join(dir, 'data/2025'))).toBe(false);
  });

  it('with a 2025 catalog, still refuses for want of a form set that serves 2025', () => {
    const catalog = readFileSync(join(dir, 'data/catalog/2024.yaml'), 'utf8').replace(/^year: 2024$/m, 'year: 2025');
    writeFileSync(join(dir, 'data/catalog/2025.yaml'), catalog);
    const r = cli(['new', '--from', 'data/2024/pujiang-chengguan.yaml', '--year', '2025'], dir);
    rmSync(join(dir, 'data/catalog/2025.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('catalog-missing');
    expect(r.stderr).toContain('（如 profiles/shanghai-2025）');
    expect(existsSync(join(dir, 'data/2025'))).toBe(false);
  });

  /**
   * What the draft would be once a 2025 form set exists: drafted by the same function, and read
   * under the only year shanghai-2024 serves, so that the checker can say what is left to do.
   */
  it("drafts the form set's own inputs: 项 by 项 reasons, counts, income sources, units", () => {
    const text = draftFrom(loadDepartment(SHANGHAI), { year: 2025, catalog: '2024', profile: 'shanghai-2024' });
    const d = parse(text);
    const s = parse(readFileSync(SHANGHAI, 'utf8'));
    expect(d.cover.title_lines).toEqual(['上海市浦江区城市管理局', '2025年度部门决算']);
    expect(d.overview).toEqual({ ...s.overview, organization: { ...s.overview.organization, blocks: [s.overview.organization.blocks[0], '纳入上海市浦江区城市管理局2025年度部门决算编制范围的单位包括：'] } });
    expect(d.glossary).toEqual(s.glossary);
    expect(d.explanation.three_public.vehicle.last_year).toBe(124.09);
    expect(d.explanation.three_public.reception.last_year).toBe(2.18);
    expect(d.explanation.totals.last_year).toBe(15879.38);
    expect(d.explanation.admin_operation.last_year).toBe(914.52);
    expect(d.explanation.general_budget.items.map((i: { purpose: string }) => i.purpose)).toEqual(s.explanation.general_budget.items.map((i: { purpose: string }) => i.purpose));
    expect(d.explanation.performance.systems).toEqual(s.explanation.performance.systems);

    const dir2 = join(dir, 'under-2024');
    mkdirSync(join(dir2, 'data/2024'), { recursive: true });
    cpSync(join(dir, 'data/catalog'), join(dir2, 'data/catalog'), { recursive: true });
    writeFileSync(join(dir2, 'data/2024/draft.yaml'), text.replace(/^year: 2025$/m, 'year: 2024'));
    const { findings } = checkJson('data/2024/draft.yaml', dir2);
    const errors = findings.filter((f) => f.severity === 'error');
    const reasons = ['2019999', '2080501', '2080505', '2101101', '2101102', '2101103', '2120101', '2120102', '2120104', '2120199', '2120501', '2210201', '2210203'];
    const items = s.explanation.general_budget.items as { code: number; reason?: string }[];
    expect(items.filter((i) => i.reason).map((i) => String(i.code))).toEqual(reasons);
    expect(errors.map((f) => f.rule).every((r) => r === 'todo')).toBe(true);
    expect(errors.map(fieldIn(readFileSync(join(dir2, 'data/2024/draft.yaml'), 'utf8')))).toEqual([
      'tables',
      'explanation.totals.reason',
      'explanation.fiscal_totals.reason',
      'explanation.general_budget.reason',
      'explanation.general_budget.budget',
      'explanation.general_budget.budget_reason',
      ...reasons.map((c) => `explanation.general_budget.items.${items.findIndex((i) => String(i.code) === c)}.reason`),
      'explanation.three_public',
      'explanation.three_public.budget_reason',
      'explanation.three_public.vehicle.reason',
      'explanation.three_public.vehicle_purchase.purpose',
      'explanation.three_public.vehicle_operation.purpose',
      'explanation.three_public.reception.reason',
      'explanation.three_public.reception.purpose',
      'explanation.performance',
      'explanation.admin_operation.amount',
      'explanation.admin_operation.reason',
      'explanation.procurement',
      'explanation.assets',
    ]);

    const r = cli(['render', 'data/2024/draft.yaml', '--force', '-o', 'draft.pdf'], dir2);
    expect(r.code, r.stderr).toBe(0);
    const all = squeeze(pdftotext(join(dir2, 'draft.pdf')));
    expect(all).toContain('上海市浦江区城市管理局2025年度部门决算');
    expect(all).toContain('【草稿：尚有待办事项，办完前不得公开】');
    expect(all).toContain('主要原因：【待填写：2025年度原因】');
    expect(all).toContain('【待更新：2024年度原文】更新已达报废年限的执法执勤用车');
  });
});

describe('new: bad input is refused with exit 2 and nothing written', () => {
  let dir = '';
  beforeAll(() => {
    dir = scratchData();
    writeFileSync(join(dir, 'data/2023/x.yaml'), readFileSync(SAMPLE));
    writeFileSync(join(dir, 'data/2023/broken.yaml'), 'format: 1\nyear: [2023\ncatalog: 2023\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const refused = (args: string[], said: string[]) => {
    const r = cli(['new', ...args], dir);
    expect(r.code, r.stderr).toBe(2);
    for (const s of said) expect(r.stderr).toContain(s);
    expect(r.stderr).not.toMatch(/内部错误|at .*\.js:\d+/);
    expect(existsSync(join(dir, 'data/2024'))).toBe(false);
    expect(existsSync(join(dir, 'data/2025'))).toBe(false);
    return r;
  };

  it('names what the command line lacks or has wrong', () => {
    refused(['--from', 'data/2023/x.yaml'], ['new 需要 --year']);
    refused(['--year', '2024'], ['new 需要 --from']);
    refused(['--from', 'data/2023/x.yaml', '--year', '24'], ['--year 应为四位年份']);
    refused(['--from', 'data/2023/x.yaml', '--year', '二〇二四'], ['--year 应为四位年份']);
    refused(['data/2023/x.yaml', '--year', '2024'], ['来源文件请用 --from 给出']);
    refused(['--from', 'data/2023/x.yaml', '--year', '2024', '--colour'], ['colour']);
  });

  it('refuses a year that is not after the source’s, at the line of its year', () => {
    refused(['--from', 'data/2023/x.yaml', '--year', '2023'], [`data/2023/x.yaml:${lineOf(readFileSync(SAMPLE, 'utf8'), /^year: /m)}:7: error [new-year] --year 2023 不在来源文件的年度（2023）之后`]);
    refused(['--from', 'data/2023/x.yaml', '--year', '2022'], ['--year 2022 不在来源文件的年度（2023）之后']);
  });

  it('refuses a source it cannot read, with its file and line', () => {
    refused(['--from', 'data/2023/broken.yaml', '--year', '2024'], ['data/2023/broken.yaml:3:', '[yaml-syntax]']);
    refused(['--from', 'data/2023/none.yaml', '--year', '2024'], ['data/2023/none.yaml']);
  });

  it('refuses a year without a catalog or a form set', () => {
    refused(['--from', 'data/2023/x.yaml', '--year', '2025'], ['没有 2025 年的科目目录 data/catalog/2025.yaml', '表式 hubei-wuhan-2023 只用于 2022、2023、2024 年度']);
  });

  it('refuses a source that is itself an unfinished draft, at its todo or its first mark', () => {
    const made = cli(['new', '--from', 'data/2023/x.yaml', '--year', '2024', '-o', 'drafts/x.yaml'], dir);
    expect(made.code, made.stderr).toBe(0);
    const draft = readFileSync(join(dir, 'drafts/x.yaml'), 'utf8');
    writeFileSync(join(dir, 'data/2023/d.yaml'), draft.replace(/^year: 2024$/m, 'year: 2023').replace(/^catalog: 2024$/m, 'catalog: 2023'));
    refused(['--from', 'data/2023/d.yaml', '--year', '2024'], [`data/2023/d.yaml:${lineOf(draft, /^todo:/m)}:1: error [new-year] 来源文件本身是尚未办完的草稿`]);
    const marked = readFileSync(SAMPLE, 'utf8').replace('      - （十二）指导', '      - 【待核实：x】（十二）指导');
    writeFileSync(join(dir, 'data/2023/m.yaml'), marked);
    const line = marked.split('\n').findIndex((l) => l.includes('【待核实')) + 1;
    refused(['--from', 'data/2023/m.yaml', '--year', '2024'], [`data/2023/m.yaml:${line}:1: error [new-year] 来源文件本身是尚未办完的草稿`]);
  });

  it('takes the tables from a workbook exported by `export --xlsx`, and refuses a file that is no workbook', () => {
    const book = join(dir, 'book.xlsx');
    const exported = cli(['export', 'data/2023/x.yaml', '--xlsx', '-o', 'book.xlsx'], dir);
    expect(exported.code, exported.stderr).toBe(0);
    const made = cli(['new', '--from', 'data/2023/x.yaml', '--year', '2024', '--tables', 'book.xlsx', '-o', 'drafts/t.yaml'], dir);
    expect(made.code, made.stderr).toBe(0);
    const draft = parse(readFileSync(join(dir, 'drafts/t.yaml'), 'utf8'));
    expect(draft.tables).toEqual(parse(readFileSync(SAMPLE, 'utf8')).tables);
    expect(Object.keys(draft.todo)).not.toContain('tables');
    writeFileSync(book, 'not a workbook');
    refused(['--from', 'data/2023/x.yaml', '--year', '2024', '--tables', 'book.xlsx', '-o', 'drafts/u.yaml'], ['book.xlsx']);
    expect(existsSync(join(dir, 'drafts/u.yaml'))).toBe(false);
  });

  it('never writes onto the source, nor over an existing file without --force', () => {
    const before = readFileSync(join(dir, 'data/2023/x.yaml'));
    refused(['--from', 'data/2023/x.yaml', '--year', '2024', '-o', 'data/2023/x.yaml', '--force'], ['输出文件就是输入文件']);
    expect(readFileSync(join(dir, 'data/2023/x.yaml')).equals(before)).toBe(true);

    writeFileSync(join(dir, 'mine.yaml'), 'my own notes\n');
    refused(['--from', 'data/2023/x.yaml', '--year', '2024', '-o', 'mine.yaml'], ['mine.yaml: error [output-exists]', '--force']);
    expect(readFileSync(join(dir, 'mine.yaml'), 'utf8')).toBe('my own notes\n');

    const forced = cli(['new', '--from', 'data/2023/x.yaml', '--year', '2024', '-o', 'mine.yaml', '--force'], dir);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(dir, 'mine.yaml'), 'utf8')).toMatch(/^year: 2024$/m);
  });
});

describe('the todo rule', () => {
  let dir = '';
  beforeAll(() => {
    dir = scratchData();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a mark typed into any text, and a todo entry whose field is gone at the entry', () => {
    const sample = readFileSync(SAMPLE, 'utf8');
    const text = sample
      .replace('      - （十四）完成上级交办的其他工作任务。', '      - （十四）【待核实：人数】完成上级交办的其他工作任务。')
      .replace('catalog: 2023\n', 'catalog: 2023\ntodo:\n  explanation.nothing_here: 请补上\n');
    writeFileSync(join(dir, 'data/2023/m.yaml'), text);
    const { code, findings } = checkJson('data/2023/m.yaml', dir);
    expect(code).toBe(1);
    const todos = findings.filter((f) => f.rule === 'todo');
    const fieldOf = fieldIn(text);
    expect(todos.map((f) => [f.line, f.severity, fieldOf(f)])).toEqual([
      [lineOf(text, /^  explanation\.nothing_here/m), 'error', 'explanation.nothing_here'],
      [lineOf(text, /（十四）【待核实/), 'error', 'overview.duties.blocks.13'],
    ]);
    expect(todos[1]!.message).toContain('“【待核实：人数】”——其中的数字是上一年度的，须按本年度核实');
    // the sample itself has none
    expect(checkJson(SAMPLE, ROOT).findings.filter((f) => f.rule === 'todo')).toEqual([]);
  });
});

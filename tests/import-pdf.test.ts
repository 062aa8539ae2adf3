import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { loadDepartment } from '../src/load/index.js';
import { calculate } from '../src/calculate/index.js';
import { toMarkup } from '../src/render.js';
import { readReport, type ReadReport } from '../src/import/read-report.js';
import { toTableData } from '../src/import/table-keys.js';
import { FORMS, findOutline } from '../src/import/outline.js';
import { readPdfText } from '../src/import/pdf-text.js';
import { readTable } from '../src/import/table-grid.js';
import { ROOT, SAMPLE, cli } from './helpers.js';

/**
 * `juesuan import` reads a published report back: our own rendering of the Wuhan sample (every
 * amount of every table, 第三部分 verbatim) and a PDF another tool made (WPS, the Shanghai 2024
 * blank forms: every table with its header and fixed rows, every amount cell empty).
 */

const SHANGHAI = join(ROOT, '../shared/reference/shanghai-2024-template.pdf');
const tmp = mkdtempSync(join(tmpdir(), 'juesuan-import-'));
const samplePdf = join(tmp, 'jiangan-housing.pdf');
let sample: ReadReport;
let shanghai: ReadReport;

/** 类 name → code, from the year's catalog (the 总表s print 类 by name only). */
function classCodes(year: number): (name: string) => string | undefined {
  const catalog = YAML.parse(readFileSync(join(ROOT, `data/catalog/${year}.yaml`), 'utf8')) as { functional: Record<string, string> };
  const byName = new Map(Object.entries(catalog.functional).filter(([code]) => code.length === 3).map(([code, name]) => [name, code]));
  return (name) => byName.get(name);
}

/** Every amount of a `tables:` entry as path=value, rows keyed by their code: what must match. */
function flatten(value: unknown, path = ''): string[] {
  if (value === null || value === undefined || value === '' || value === '~' || value === 'null') return [];
  if (Array.isArray(value)) {
    return value.flatMap((row: Record<string, unknown>) => {
      const { code, ...rest } = row;
      return flatten(rest, `${path}/${String(code)}`);
    });
  }
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => flatten(v, `${path}/${k}`));
  return [`${path}=${String(value)}`];
}

beforeAll(async () => {
  const r = cli(['render', SAMPLE, '-o', samplePdf]);
  expect(r.code, r.stderr).toBe(0);
  sample = await readReport(samplePdf);
  shanghai = await readReport(SHANGHAI);
}, 120_000);

describe('import: our own rendering of the Wuhan sample', () => {
  it('finds the 目录 pages, the six parts and the nine tables with their pages', () => {
    expect(sample.tocPages).toEqual([2, 3]);
    expect(sample.parts.map((p) => [p.number, p.page])).toEqual([
      [1, 4],
      [2, 7],
      [3, 21],
      [4, 38],
      [5, 39],
      [6, 44],
    ]);
    expect(sample.parts[1]!.title).toBe('武汉市江岸区住房保障和房屋管理局2023年度部门决算表');
    expect(sample.tables.map((t) => t.form)).toEqual([...FORMS]);
    expect(sample.tables.map((t) => t.label)).toEqual(['公开01表', '公开02表', '公开03表', '公开04表', '公开05表', '公开06表', '公开07表', '公开08表', '公开09表']);
    // Continued tables are joined: 02 and 03 run over two pages each, 04, 05 and 06 too.
    expect(sample.tables.map((t) => t.pages)).toEqual([[7], [8, 9], [10, 11], [12, 13], [14, 15], [16, 17], [18], [19], [20]]);
    expect(sample.tables.every((t) => t.unit === '万元')).toBe(true);
    expect(sample.findings).toEqual([]);
  });

  it('reads every amount of every table exactly as the data file has it', () => {
    const data = YAML.parse(readFileSync(SAMPLE, 'utf8'), { schema: 'failsafe' }) as { tables: Record<string, unknown> };
    const classCode = classCodes(2023);
    for (const table of sample.tables) {
      const key = table.form;
      const read = flatten(toTableData(table, classCode)).sort();
      const expected = flatten(data.tables[key]).sort();
      expect(read, `${key} ${table.title}`).toEqual(expected);
    }
    // The comparison has teeth: 200-odd amounts, thousands separators taken out, 5.00 kept as printed.
    const all = sample.tables.flatMap((t) => flatten(toTableData(t, classCode)));
    expect(all.length).toBeGreaterThan(200);
    expect(all).toContain('/rows/2210108/total=4551.93');
    expect(all).toContain('/rows/2130599/total=5.00');
  });

  it('keeps codes apart from names and joins each table across its pages', () => {
    const income = sample.tables.find((t) => t.form === 'income')!;
    expect(income.columns.map((c) => c.path.at(-1))).toEqual(['功能分类科目编码', '科目名称', '本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入']);
    expect(income.rows[0]).toMatchObject({ name: '合计', cells: ['11314.64', '11314.64', null, null, null, null, null] });
    expect(income.rows.find((r) => r.code === '2080505')).toMatchObject({ name: '机关事业单位基本养老保险缴费支出', cells: ['154.44', '154.44', null, null, null, null, null], page: 8 });
    expect(income.rows.find((r) => r.code === '2210399')).toMatchObject({ name: '其他城乡社区住宅支出', page: 9 });
    expect(income.rows).toHaveLength(35);
    expect(income.notes).toEqual(['注：本表反映部门本年度取得的各项收入情况。']);
  });

  it('rebuilds headers with their spans, side-by-side groups and the 三公 table of amounts only', () => {
    const summary = sample.tables.find((t) => t.form === 'summary')!;
    expect(summary.header[0]).toEqual([
      { text: '收入', col: 0, span: 3, rowSpan: 1 },
      { text: '支出', col: 3, span: 3, rowSpan: 1 },
    ]);
    expect(summary.groups).toEqual([
      { name: 0, values: [1, 2] },
      { name: 3, values: [4, 5] },
    ]);
    // The 26 类 rows of 支出, each with its 行次.
    const classes = summary.rows.filter((r) => r.group === 1 && /^[一二三四五六七八九十]+、/.test(r.name));
    expect(classes).toHaveLength(26);
    expect(classes[18]).toMatchObject({ name: '十九、住房保障支出', cells: ['50', '8776.16'] });

    const fiscal = sample.tables.find((t) => t.form === 'fiscal_summary')!;
    expect(fiscal.header[1]!.filter((c) => c.text === '决算数')).toEqual([
      { text: '决算数', col: 2, span: 1, rowSpan: 2 },
      { text: '决算数', col: 5, span: 4, rowSpan: 1 },
    ]);

    const basic = sample.tables.find((t) => t.form === 'basic_detail')!;
    expect(basic.groups).toHaveLength(3);
    expect(basic.rows.find((r) => r.name === '公用经费合计')).toMatchObject({ cells: ['55.89'] });
    expect(basic.rows.find((r) => r.code === '30309')).toMatchObject({ name: '奖励金', cells: ['128.37'], page: 17 });

    const three = sample.tables.find((t) => t.form === 'three_public')!;
    expect(three.header[0]).toEqual([
      { text: '预算数', col: 0, span: 6, rowSpan: 1 },
      { text: '决算数', col: 6, span: 6, rowSpan: 1 },
    ]);
    expect(three.rows).toEqual([{ group: 0, name: '', cells: ['19.6', null, null, '17', '2.6', null, '19.50', null, null, '16.99', '2.51', null], page: 20 }]);
  });

  it('reads 第三部分 verbatim: at least 99% of the rendered paragraphs, in their sections', () => {
    const markup = toMarkup(calculate(loadDepartment(SAMPLE)));
    const { headings, paragraphs } = part3(markup);
    const read = sample.narrative.flatMap((s) => [...s.paragraphs, ...s.subsections.flatMap((sub) => sub.paragraphs)].map((p) => p.text));
    const found = paragraphs.filter((p) => read.includes(p));
    const missing = paragraphs.filter((p) => !read.includes(p));
    expect(paragraphs.length).toBeGreaterThan(50);
    expect(found.length / paragraphs.length, missing.join('\n')).toBeGreaterThanOrEqual(0.99);
    expect(sample.narrative.map((s) => s.heading)).toEqual(headings.filter((h) => /^[一二三四五六七八九十]+、/.test(h)));
    const nine = sample.narrative.find((s) => s.heading.startsWith('九、'))!;
    expect(nine.subsections.map((s) => s.heading)).toEqual(['(一)“三公”经费财政拨款支出决算总体情况说明', '(二)“三公”经费财政拨款支出决算具体情况说明']);
    // A paragraph that runs over a page break is one paragraph (五（一）, pages 23–24).
    expect(read).toContain(paragraphs.find((p) => p.startsWith('2023年度一般公共预算财政拨款支出11314.64万元，占本年支出合计的100%')));
  });

  it('reads the same rows from the text alone, for a producer that draws no lines', async () => {
    const text = await readPdfText(samplePdf);
    const unruled = findOutline(text).tables.map((t) => readTable(t, samplePdf));
    expect(unruled.map((t) => t.rows)).toEqual(sample.tables.map((t) => t.rows));
    // Spans too, where the header cells are not centred over runs of equal columns.
    for (const form of ['summary', 'income', 'general_budget', 'basic_detail', 'government_fund', 'state_capital'] as const) {
      expect(unruled.find((t) => t.form === form)!.header, form).toEqual(sample.tables.find((t) => t.form === form)!.header);
    }
  });

  it('prints what it read as JSON with `juesuan import --dump-json`', () => {
    const r = cli(['import', samplePdf, '--dump-json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout) as ReadReport;
    expect(json.tables.map((t) => t.title)).toContain('一般公共预算财政拨款基本支出决算明细表');
    expect(json.tables.find((t) => t.form === 'summary')!.rows[0]).toEqual({ group: 0, name: '一、一般公共预算财政拨款收入', cells: ['1', '11314.64'], page: 7 });
  });
});

describe('import: a PDF made by another tool (WPS, the Shanghai 2024 blank forms)', () => {
  const leaves = (form: string) => shanghai.tables.find((t) => t.form === form)!.columns.map((c) => c.path.join('/'));

  it('recognises every one of the nine tables, in the Shanghai order and wording', () => {
    expect(shanghai.tables.map((t) => t.form)).toEqual([
      'summary',
      'income',
      'expenditure',
      'fiscal_summary',
      'general_budget',
      'basic_detail',
      'three_public',
      'government_fund',
      'state_capital',
    ]);
    expect(shanghai.tables.map((t) => t.title)).toContain('一般公共预算财政拨款基本支出决算表');
    expect(shanghai.tables.map((t) => t.title)).toContain('国有资本经营预算财政拨款收入支出决算表');
    expect(shanghai.tables.every((t) => t.unit === '万元' && t.label === undefined)).toBe(true);
    expect(shanghai.tocPages).toEqual([2, 3]);
    // No 第二部分 title on the table pages: the tables are found by their own titles.
    expect(shanghai.parts.map((p) => p.number)).toEqual([1, 3, 4]);
  });

  it('rebuilds each header with its spans and the fixed rows', () => {
    expect(leaves('summary')).toEqual(['收入/项目', '收入/决算数', '支出/项目', '支出/决算数']);
    const summary = shanghai.tables.find((t) => t.form === 'summary')!;
    const classes = summary.rows.filter((r) => r.group === 1 && /^[一二三四五六七八九十]+、/.test(r.name)).map((r) => r.name);
    expect(classes).toHaveLength(24);
    expect(classes.at(-1)).toBe('二十四、抗疫特别国债安排的支出');
    expect(summary.rows.filter((r) => r.group === 0).map((r) => r.name)).toEqual([
      '一、一般公共预算财政拨款收入',
      '二、政府性基金预算财政拨款收入',
      '三、国有资本经营预算财政拨款收入',
      '四、上级补助收入',
      '五、事业收入',
      '六、经营收入',
      '七、附属单位上缴收入',
      '八、其他收入',
      '本年收入合计',
      '使用非财政拨款结余',
      '年初结转和结余',
      '总计',
    ]);
    expect(leaves('income')).toEqual(['项目/功能分类科目编码', '项目/科目名称', '本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入']);
    expect(leaves('fiscal_summary')).toEqual(['收入/项目', '收入/决算数', '支出/项目', '支出/合计', '支出/一般公共预算财政拨款', '支出/政府性基金预算财政拨款', '支出/国有资本经营预算财政拨款']);
    // Over two pages, the second without a header: the 24 类 and the rows below them.
    const fiscal = shanghai.tables.find((t) => t.form === 'fiscal_summary')!;
    expect(fiscal.pages).toEqual([8, 9]);
    expect(fiscal.rows.filter((r) => r.group === 1).map((r) => r.name)).toContain('二十二、灾害防治及应急管理支出');
    expect(leaves('general_budget')).toEqual(['项目/功能分类科目编码', '项目/科目名称', '合计', '基本支出', '项目支出']);
    // A name wrapped over three lines around its code is one row.
    const general = shanghai.tables.find((t) => t.form === 'general_budget')!;
    expect(general.rows.find((r) => r.code === '20799')?.name).toBe('其他文化旅游体育与传媒支出');
    expect(general.rows.find((r) => r.code === '207')?.name).toBe('文化旅游体育与传媒支出');
    const basic = shanghai.tables.find((t) => t.form === 'basic_detail')!;
    expect(basic.rows.find((r) => r.code === '30108')?.name).toBe('机关事业单位基本养老保险缴费');
    expect(basic.rows.filter((r) => r.code).map((r) => r.code)).toHaveLength(27 + 38);
    expect(basic.rows.find((r) => r.code === '30207')).toMatchObject({ group: 1, name: '邮电费' });
    const three = shanghai.tables.find((t) => t.form === 'three_public')!;
    expect(three.header.map((row) => row.map((c) => `${c.text}[${c.col}+${c.span}]`))).toEqual([
      ['财政拨款“三公”经费[0+12]'],
      ['合计[0+2]', '因公出国（境）费[2+2]', '公务用车购置及运行维护费[4+6]', '公务接待费[10+2]'],
      ['预算数[0+1]', '决算数[1+1]', '预算数[2+1]', '决算数[3+1]', '小计[4+2]', '公务用车购置费[6+2]', '公务用车运行维护费[8+2]', '预算数[10+1]', '决算数[11+1]'],
      ['预算数[4+1]', '决算数[5+1]', '预算数[6+1]', '决算数[7+1]', '预算数[8+1]', '决算数[9+1]'],
    ]);
    // The blank form prints the words of its lowest header row on the 合计 line.
    expect(leaves('government_fund')).toEqual(['项目/功能分类科目编码', '项目/科目名称', '年初结转和结余', '本年收入', '本年支出/合计', '本年支出/基本支出', '本年支出/项目支出', '年末结转和结余']);
    expect(shanghai.tables.find((t) => t.form === 'government_fund')!.rows).toEqual([{ group: 0, name: '合计', cells: [null, null, null, null, null, null], page: 13 }]);
  });

  it('finds every amount cell empty', () => {
    const cells = shanghai.tables.flatMap((t) => t.rows.flatMap((r) => r.cells));
    expect(cells.length).toBeGreaterThan(300);
    expect(cells.filter((c) => c !== null)).toEqual([]);
  });

  it('reads 第三部分 in its sections, the template wording as printed', () => {
    expect(shanghai.narrative.map((s) => s.heading.slice(0, 3))).toEqual(['一、收', '二、收', '三、支', '四、财', '五、一', '六、一', '七、财', '八、政', '九、国', '十、预', '十一、']);
    const first = shanghai.narrative[0]!.paragraphs.map((p) => p.text);
    // Blanks beside Chinese characters are not kept (pdf.js reports glyphs set apart as blanks).
    expect(first[0]).toBe('上海市XX局2024年度收入支出总计XXX万元。与2023年度相比，收入支出总计增加（减少）XXX万元，增长（下降）XX%。主要原因：XXXXXXXX。（如持平作持平表述）');
  });
});

/** 第三部分 of the markup: its h2/h3 headings and its paragraphs' text. */
function part3(markup: string): { headings: string[]; paragraphs: string[] } {
  const doc = parseDocument(markup, { xmlMode: true });
  const headings: string[] = [];
  const paragraphs: string[] = [];
  let inside = false;
  const text = (n: ChildNode): string => ('data' in n && n.type === 'text' ? n.data : 'children' in n ? (n.children as ChildNode[]).map(text).join('') : '');
  const walk = (n: ChildNode) => {
    if (n.type === 'tag') {
      const el = n as Element;
      if (el.name === 'h1') inside = text(el).startsWith('第三部分');
      else if (inside && (el.name === 'h2' || el.name === 'h3')) headings.push(text(el).trim());
      else if (inside && el.name === 'p') paragraphs.push(text(el).trim());
      else el.children.forEach(walk);
    } else if ('children' in n) (n.children as ChildNode[]).forEach(walk);
  };
  doc.children.forEach(walk);
  return { headings, paragraphs };
}



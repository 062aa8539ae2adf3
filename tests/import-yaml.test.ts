import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { ROOT, SAMPLE, cli, pdftotext, scratchData } from './helpers.js';
import { loadDepartment } from '../src/load/index.js';
import { calculate } from '../src/calculate/index.js';
import { toMarkup } from '../src/render.js';
import { importPdf } from '../src/import/import-file.js';
import { runChecks } from '../src/check/index.js';
import { CheckContext } from '../src/check/context.js';

/**
 * `juesuan import <report.pdf>` writes the department file that renders back to the report: every
 * table amount, 第三部分 verbatim with its figures linked to the calculator's ids (and pinned where
 * the report printed another), the text layer of the re-rendered PDF the same as the original's.
 */

const SHANGHAI_SAMPLE = join(ROOT, 'data/2024/pujiang-chengguan.yaml');
const SHANGHAI_TEMPLATE = join(ROOT, '../shared/reference/shanghai-2024-template.pdf');
const dir = mkdtempSync(join(tmpdir(), 'juesuan-import-yaml-'));
const wuhanPdf = join(dir, 'jiangan-housing.pdf');
const shanghaiPdf = join(dir, 'pujiang-chengguan.pdf');

/** Every amount of a `tables:` entry as path=value (rows keyed by code, values as exact decimals). */
function amounts(value: unknown, path = ''): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) {
    return value.flatMap((row: Record<string, unknown>) => {
      const { code, name: _name, ...rest } = row;
      return amounts(rest, `${path}/${String(code)}`);
    });
  }
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => amounts(v, `${path}/${k}`));
  return [`${path}=${Number(value).toFixed(2)}`];
}

/** Text as pdftotext gives it, without the white space: line breaks and blanks are layout, not text. */
const textOf = (pdf: string) => pdftotext(pdf).replace(/\s+/g, '');

/** The 第三部分 paragraphs (<p>) of a markup, tags out. */
function part3Paragraphs(markup: string): string[] {
  const part = markup.slice(markup.indexOf('情况说明</h1>'));
  const end = part.indexOf('<h1', 10);
  return [...(end > 0 ? part.slice(0, end) : part).matchAll(/<p[^>]*>([\s\S]*?)<\/p>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').trim());
}

function importTo(pdf: string, out: string, extra: string[] = []) {
  const r = cli(['import', pdf, '-o', out, ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return r;
}

beforeAll(() => {
  for (const [yaml, pdf] of [
    [SAMPLE, wuhanPdf],
    [SHANGHAI_SAMPLE, shanghaiPdf],
  ] as const) {
    const r = cli(['render', yaml, '-o', pdf]);
    expect(r.code, r.stderr).toBe(0);
  }
}, 120_000);

describe('import: the Wuhan sample, rendered and read back', () => {
  const out = join(dir, 'wuhan.yaml');
  let data: Record<string, any>;
  let original: Record<string, any>;

  beforeAll(() => {
    importTo(wuhanPdf, out);
    data = YAML.parse(readFileSync(out, 'utf8'));
    original = YAML.parse(readFileSync(SAMPLE, 'utf8'));
  }, 60_000);

  it('writes the skeleton: format, purpose archive, profile told by its 公开0N表 labels, year, department, cover', () => {
    expect(data).toMatchObject({
      format: 1,
      purpose: 'archive',
      profile: 'hubei-wuhan-2023',
      year: 2023,
      catalog: '2023',
      department: { id: 'jiangan-housing', name: original.department.name, short_name: original.department.short_name },
      cover: { title_lines: original.cover.title_lines, date: '2024-10-25' },
    });
    expect(data.overview.duties).toEqual(original.overview.duties);
    expect(data.overview.organization.heading).toBe(original.overview.organization.heading);
  });

  it('reads 名词解释 into its terms, each 项 found in the catalog by name, an earlier name kept as its label', () => {
    // Codes are text however the file writes them (bare in the sample, quoted by import).
    const codesAsText = (v: unknown) => JSON.parse(JSON.stringify(v), (k, x) => (k === 'code' ? String(x) : x));
    expect(codesAsText(data.glossary)).toEqual(codesAsText(original.glossary));
    expect(data.glossary.terms[9].items.find((i: { code: string }) => i.code === '2130599').label).toBe('农林水支出（类）扶贫（款）其他扶贫支出（项）');
  });

  it('has every table amount the sample has, and no other', () => {
    let n = 0;
    for (const key of Object.keys(original.tables)) {
      const read = amounts(data.tables[key]).sort();
      expect(read, key).toEqual(amounts(original.tables[key]).sort());
      n += read.length;
    }
    expect(n).toBeGreaterThan(200);
  });

  it('keeps ≥ 99% of 第三部分 paragraphs verbatim, figures as ids, and the printed 9635.64 as a pin', () => {
    const expected = part3Paragraphs(toMarkup(calculate(loadDepartment(SAMPLE))));
    const mine = part3Paragraphs(toMarkup(calculate(loadDepartment(out, { allowMissingInputs: true }))));
    const found = expected.filter((p) => mine.includes(p));
    expect(expected.length).toBeGreaterThan(50);
    expect(found.length / expected.length, expected.filter((p) => !mine.includes(p)).join('\n')).toBeGreaterThanOrEqual(0.99);
    const text = YAML.stringify(data.explanation.text);
    expect(text).toContain('{totals.grand_total}');
    expect(text).toContain('{general_budget.class.221.amount}');
    expect(data.pins).toEqual({ 'expenditure.project': '9635.64' });
    // Last year's totals come from the change the text states (11314.64 − 1981.14).
    expect(String(data.explanation.totals.last_year)).toBe('9333.5');
  });

  // 第四部分, 第六部分 and the PDF rendered back from the file as imported: tests/import-roundtrip.test.ts.
});

describe('import: the Shanghai sample, rendered and read back', () => {
  const out = join(dir, 'shanghai.yaml');
  let data: Record<string, any>;
  let original: Record<string, any>;

  beforeAll(() => {
    importTo(shanghaiPdf, out);
    data = YAML.parse(readFileSync(out, 'utf8'));
    original = YAML.parse(readFileSync(SHANGHAI_SAMPLE, 'utf8'));
  }, 60_000);

  it('tells the form set without 公开0N表 labels, reads the units table and the 名词解释 sources', () => {
    expect(data).toMatchObject({ profile: 'shanghai-2024', year: 2024, department: { name: original.department.name, short_name: original.department.short_name } });
    expect(data.cover).toEqual(original.cover);
    expect(data.overview).toEqual(original.overview);
    expect(data.glossary).toEqual(original.glossary);
  });

  it('has every table amount the sample has', () => {
    for (const key of Object.keys(original.tables)) expect(amounts(data.tables[key]).sort(), key).toEqual(amounts(original.tables[key]).sort());
  });

  it('renders back to a PDF with the same text layer, without any flag', () => {
    const back = join(dir, 'shanghai-back.pdf');
    const r = cli(['render', out, '-o', back]);
    expect(r.code, r.stderr).toBe(0);
    expect(textOf(back)).toBe(textOf(shanghaiPdf));
  });
});

describe('import: printed text that would read as a figure id', () => {
  it('is said, with its page, since the file has no escape for "{x}"', () => {
    const data = scratchData();
    const yaml = join(data, 'data/2023/braces.yaml');
    writeFileSync(yaml, readFileSync(SHANGHAI_SAMPLE, 'utf8').replace('人员经费按规定调整增加\n', '人员经费按规定调整增加（见{note}）\n'));
    const pdf = join(data, 'braces.pdf');
    expect(cli(['render', yaml, '-o', pdf]).code).toBe(0);
    const r = importTo(pdf, join(data, 'braces.yaml.out'));
    expect(r.stderr).toContain('warning [import-placeholder] 第17页 第三部分印有“{note}”');
    // The plain sample has none.
    expect(cli(['import', shanghaiPdf, '-o', join(data, 'plain.yaml')]).stderr).not.toContain('import-placeholder');
  });
});

describe('import: a blank form set made by another tool (WPS)', () => {
  it('recognises every table, every cell empty, and its wording is flagged as template residue by check', () => {
    const out = join(dir, 'template.yaml');
    importTo(SHANGHAI_TEMPLATE, out);
    const data = YAML.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(data.tables)).toEqual(['summary', 'income', 'expenditure', 'fiscal_summary', 'general_budget', 'basic_detail', 'government_fund', 'state_capital', 'three_public']);
    expect(Object.values(data.tables).flatMap((t) => amounts(t))).toEqual([]);
    // The blank forms still list their fixed rows (codes) with no amount.
    expect(data.tables.income.rows.length).toBeGreaterThan(0);
    // 第一部分's units table, printed in the text's size: the rows the form has (rows 4 to 8 are
    // left blank, "。。。"), and 一、 and 二、 apart although 二's heading is too long to look like one
    expect(data.overview.organization.units).toEqual([{ name: '上海市XX局（本级）' }, { name: '上海市XX中心' }, { name: '上海市XX研究所' }]);
    expect(data.overview.duties.blocks).toEqual(['由主管部门根据三定方案等相关规定中有关主要职能填写。']);
    // verbatim: the spaces around XX and 2024 are characters of the template's text; a line's end is not
    expect(data.overview.organization.blocks).toEqual(['从预算单位构成看，上海市 XX 局部门决算包括：上海市 XX局本级决算、下属行政事业单位决算。', '纳入上海市 XX 局 2024 年度部门决算编制范围的单位包括：']);
    expect(readFileSync(out, 'utf8')).not.toContain('序号');
    const check = cli(['check', SHANGHAI_TEMPLATE]);
    expect(check.stdout).toMatch(/text-residue\] 第1[5-9]页 第三部分 [^：\n]+：未选定的备选词“增加（减少）”/);
    expect(check.stdout).toMatch(/text-residue\] 第\d+页 [^\n]*占位符“XX”/);
    expect(check.stdout).not.toContain('未能读出各单位');
  });
});

describe('import writes only where it may', () => {
  it('defaults to ./<pdf name>.yaml, never replaces a file without --force, never the input', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'juesuan-import-cwd-'));
    const r = cli(['import', shanghaiPdf], cwd);
    expect(r.code, r.stderr).toBe(0);
    const written = join(cwd, 'pujiang-chengguan.yaml');
    expect(existsSync(written)).toBe(true);
    const before = statSync(written).mtimeMs;
    writeFileSync(written, 'mine\n');
    const again = cli(['import', shanghaiPdf], cwd);
    expect(again.code).toBe(2);
    expect(readFileSync(written, 'utf8')).toBe('mine\n');
    expect(cli(['import', shanghaiPdf, '--force'], cwd).code).toBe(0);
    expect(readFileSync(written, 'utf8')).toMatch(/^# 由 juesuan import/);
    expect(before).toBeGreaterThan(0);
    const onto = cli(['import', shanghaiPdf, '-o', shanghaiPdf, '--force']);
    expect(onto.code).toBe(2);
    expect(readFileSync(shanghaiPdf).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('--profile names the form set; an unknown one is refused with nothing written', () => {
    const out = join(dir, 'unknown-profile.yaml');
    const r = cli(['import', shanghaiPdf, '-o', out, '--profile', 'nowhere-2024']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('profile-unknown');
    expect(existsSync(out)).toBe(false);
    const wrongYear = cli(['import', shanghaiPdf, '-o', out, '--profile', 'hubei-wuhan-2023']);
    expect(wrongYear.code).toBe(0);
    expect(YAML.parse(readFileSync(out, 'utf8')).profile).toBe('hubei-wuhan-2023');
  });
});

describe('check <report.pdf>: the report imported in memory, every rule, findings by page', () => {
  it('finds an amount changed in a table, with its page, and writes nothing', () => {
    const damaged = readFileSync(SHANGHAI_SAMPLE, 'utf8').replace('{code: 2120104, total: 5194.56, fiscal: 5194.56}', '{code: 2120104, total: 5194.65, fiscal: 5194.56}');
    expect(damaged).not.toBe(readFileSync(SHANGHAI_SAMPLE, 'utf8'));
    const yaml = join(dir, 'damaged.yaml');
    writeFileSync(yaml, damaged);
    const pdf = join(dir, 'damaged.pdf');
    expect(cli(['render', yaml, '-o', pdf, '--force']).code).toBe(0);
    const before = new Set(readdir(dir));
    const r = cli(['check', pdf]);
    expect(r.code, r.stdout).toBe(1);
    // 收入决算表 prints on pages 6 and 7: the row on 7, the 款 it rolls up into on 6
    expect(r.stdout).toContain(`${pdf}: error [income-row-sum] 第7页 收入决算表 2120104`);
    expect(r.stdout).toMatch(/error \[income-rollup\] 第6页 收入决算表 21201 /);
    expect(new Set(readdir(dir))).toEqual(before);
    // The undamaged report: no errors.
    expect(cli(['check', shanghaiPdf]).code).toBe(0);
  });

  it('quotes the printed sentence of a pin, and checks it for publication unless --archive', () => {
    const r = cli(['check', wuhanPdf]);
    expect(r.stdout).toContain('warning [narrative-pin] 第22页（“项目支出9635.64万元，占本年支出85.16%。”） 第三部分 三、支出决算情况说明 项目支出（支出决算表（公开03表） 合计 项目支出）：');
    // The Wuhan 第三部分 prints "，。" (九（二）3): template residue on its page, from the printed text.
    expect(r.stdout).toMatch(/warning \[text-residue\] 第27页 第三部分 [^\n]*重复或相连的标点“，。”/);
    expect(r.code).toBe(0);
  });

  it('gives the rules what the PDF prints: paragraphs, headings, table titles, headers, notes, with pages', async () => {
    const imported = await importPdf(wuhanPdf);
    const kinds = new Set(imported.printed.map((p) => p.kind));
    for (const k of ['cover', 'title', 'heading', 'paragraph', 'table-title', 'table-header', 'table-note']) expect(kinds, k).toContain(k);
    expect(imported.printed.find((p) => p.kind === 'table-title' && p.section === 'income')).toMatchObject({ text: '收入决算表', page: 8 });
    expect(imported.printed.find((p) => p.kind === 'paragraph' && p.text.includes('项目支出9635.64万元'))).toMatchObject({ page: 22, section: 'expenditure' });
    const calc = calculate(loadDepartment(SAMPLE));
    expect(new CheckContext(calc, { printed: imported.printed }).printed).toBe(imported.printed);
    expect(new CheckContext(calc).printed).toBeUndefined();
  });
});

describe('pins: publication against archive', () => {
  const base = readFileSync(SAMPLE, 'utf8').replace(/^purpose: archive.*\n/m, '');

  function variant(name: string, edit: (s: string) => string): string {
    const file = join(scratchData(), 'data/2023', `${name}.yaml`);
    writeFileSync(file, edit(base));
    return file;
  }

  it('a pin beyond 尾数误差 is an error for publication: check exits 1 and render refuses', () => {
    const file = variant('publication', (s) => s);
    try {
      const c = cli(['check', file]);
      expect(c.code).toBe(1);
      expect(c.stdout).toMatch(/error \[narrative-pin\] 第 26 页 第三部分 六、一般公共预算财政拨款基本支出决算情况说明 人员经费主要包括的款（/);
      expect(c.stdout).toContain('error [narrative-pin] 第 27 页 第三部分 九、财政拨款“三公”经费支出决算情况说明（二）1 因公出国（境）费预算完成率（因公出国（境）费决算数 ÷ 预算数 × 100%）：');
      // Within rounding: 9635.64 for 9635.63, 99.1% for 99.05% stay warnings.
      expect(c.stdout).toMatch(/warning \[narrative-pin\] 第 22 页 第三部分 三、支出决算情况说明 项目支出（.*在尾数误差范围内/);
      expect(c.stdout).toMatch(/warning \[narrative-pin\] 第 30 页 第三部分 十三、预算绩效情况说明（三）1 项目“住房保障中心工作经费”执行率（/);
      const pdf = join(dir, 'publication.pdf');
      const r = cli(['render', file, '-o', pdf]);
      expect(r.code).toBe(1);
      expect(existsSync(pdf)).toBe(false);
      // --archive on check and render keeps them warnings.
      expect(cli(['check', file, '--archive']).code).toBe(0);
      expect(cli(['render', file, '-o', pdf, '--archive']).code).toBe(0);
    } finally {
      rmQuiet(file);
    }
  });

  it('purpose: archive in the file keeps them warnings; a pin of 0.5 for 3105.20-like gaps is an error otherwise', () => {
    const archived = variant('archive', (s) => s.replace(/^format: 1$/m, 'format: 1\npurpose: archive'));
    const far = variant('far', (s) => s.replace('expenditure.project: 9635.64', 'expenditure.project: 0.5'));
    try {
      expect(cli(['check', archived]).code).toBe(0);
      const c = cli(['check', far, '--format', 'json']);
      const pin = (JSON.parse(c.stdout) as Array<{ rule: string; severity: string; message: string }>).find((f) => f.rule === 'narrative-pin' && f.message.includes(' 项目支出（支出决算表'))!;
      expect(pin.severity).toBe('error');
      expect(pin.message).toContain('超出尾数误差');
      // The sample as shipped says purpose: archive, so `npm run report` renders it.
      expect(readFileSync(SAMPLE, 'utf8')).toMatch(/^purpose: archive/m);
      expect(runChecks(calculate(loadDepartment(SAMPLE))).filter((f) => f.severity === 'error')).toEqual([]);
    } finally {
      rmQuiet(archived);
      rmQuiet(far);
    }
  });
});

function readdir(d: string): string[] {
  return readdirSync(d);
}

function rmQuiet(file: string): void {
  if (existsSync(file)) unlinkSync(file);
}

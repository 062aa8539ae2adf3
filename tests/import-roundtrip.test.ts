import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import YAML from 'yaml';
import { SAMPLE, cli } from './helpers.js';
import { FormReader } from '../src/import/appendix-forms.js';
import { readKeyWork } from '../src/import/key-work.js';
import { cellParagraphs, keepTypedBlanks, type GridCell, type RuledTable } from '../src/import/ruled-grid.js';
import type { FlowLine, FlowRow, PartFlow } from '../src/import/part-flow.js';

/**
 * The round trip on our own output, 第四部分 and 第六部分 included: the Wuhan sample rendered,
 * imported, and the imported file (as written, nothing filled in by hand) renders to a PDF whose
 * text, laid out as pdftotext -layout lays it out, is the original's page by page.
 */

const dir = mkdtempSync(join(tmpdir(), 'juesuan-import-roundtrip-'));
const pdf = join(dir, 'jiangan-housing.pdf');
const out = join(dir, 'imported.yaml');
let original: Record<string, any>;
let data: Record<string, any>;
let stderr = '';

const pageText = (file: string, page: number) => execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
const pageCount = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

beforeAll(() => {
  const r = cli(['render', SAMPLE, '-o', pdf]);
  expect(r.code, r.stderr).toBe(0);
  const i = cli(['import', pdf, '-o', out]);
  expect(i.code, i.stderr).toBe(0);
  stderr = i.stderr;
  original = YAML.parse(readFileSync(SAMPLE, 'utf8'));
  data = YAML.parse(readFileSync(out, 'utf8'));
}, 120_000);

describe('import reads 第四部分 and 第六部分 of the Wuhan sample', () => {
  it('writes key_work as the sample has it: heading, areas, the table with each goal and result', () => {
    expect(data.key_work).toEqual(original.key_work);
    expect(data.key_work.table[0].goals).toHaveLength(2);
  });

  it('writes the appendix as the sample has it, but for what the printed forms cannot tell', () => {
    const expected = structuredClone(original.appendix);
    const [p1, p2, , , p5] = expected.projects;
    // A pinned 执行率 or 得分 that equals the rule's prints as the rule's: import keeps no pin for it.
    expect(p1.form.execution.published).toEqual({ rate: '99.1%', score: 20 }); // 10.4 / 10.5: rule 99%, score 20
    delete p1.form.execution.published.score;
    expect(p2.form.execution.published).toEqual({ rate: '97.2%', score: 18 }); // 19.25 / 19.8: rule 97.2%, score 19
    delete p2.form.execution.published.rate;
    // A blank typed where the cell's line wraps is not printed ("群众投诉; 2、…" wraps after ";").
    const row = p5.form.indicators[0].groups[0].rows[0];
    for (const k of ['name', 'target', 'actual']) {
      expect(row[k]).toContain('; ');
      row[k] = row[k].replace('; ', ';');
    }
    expect(data.appendix).toEqual(expected);
    expect(data.appendix.projects).toHaveLength(7);
  });

  it('writes the parts in the form set order, pins after 第三部分, and says nothing is left to fill in', () => {
    const keys = Object.keys(data);
    expect(keys.slice(keys.indexOf('explanation'))).toEqual(['explanation', 'pins', 'key_work', 'glossary', 'appendix']);
    expect(stderr).not.toContain('import-part-unread');
    expect(readFileSync(out, 'utf8')).not.toContain('需手工补录');
  });

  it('renders the imported file as written to a PDF whose pdftotext -layout text is the original page by page', () => {
    const back = join(dir, 'back.pdf');
    const r = cli(['render', out, '-o', back]);
    expect(r.code, r.stderr).toBe(0);
    const pages = pageCount(pdf);
    expect(pages).toBe(81);
    expect(pageCount(back)).toBe(pages);
    const differ: number[] = [];
    for (let p = 1; p <= pages; p++) if (pageText(back, p) !== pageText(pdf, p)) differ.push(p);
    expect(differ).toEqual([]);
    // 第六部分 is there to compare: its forms' cells print.
    expect(pageText(back, 60)).toContain('不断提升群众满');
  });
});

/** The report with what one page's content stream draws changed: `edit` gets the stream's text (QDF, uncompressed). */
function damaged(name: string, page: number, edit: (stream: string) => string): string {
  const qdf = join(dir, `${name}.qdf.pdf`);
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', pdf, qdf]);
  const text = readFileSync(qdf, 'latin1');
  const start = text.indexOf(`%% Contents for page ${page}\n`);
  const end = text.indexOf('endstream', start);
  expect(start).toBeGreaterThan(0);
  const edited = text.slice(0, start) + edit(text.slice(start, end)) + text.slice(end);
  const out = join(dir, `${name}.pdf`);
  // Same length: the cross-reference table stays right.
  expect(edited.length).toBe(text.length);
  writeFileSync(out, edited, 'latin1');
  return out;
}

describe('a report whose 第四、六部分 cannot all be read', () => {
  it('a 项目类别 whose tick is not drawn: a finding with its page, the file written without a guess, render refuses it', () => {
    // The first tick of page 59 (项目1's 项目类别) stroked no more: "S" → "n" (end the path unpainted).
    const file = damaged('no-tick', 59, (s) => s.replace(/(1 J\n[^\n]+ m\n[^\n]+ l\n[^\n]+ l\n[^\n]+ w\n\/DeviceRGB CS\n0 0 0 SCN\n)S\n/, '$1n\n'));
    const yaml = join(dir, 'no-tick.yaml');
    const r = cli(['import', file, '-o', yaml]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning [import-part-unread] 第59页 2023年度江岸区住房保障中心 工作经费项目自评表：项目类别未能读出勾选的一项，需手工补录');
    expect(r.stderr).toContain('第四部分或第六部分读出的内容不完整（字段 appendix.projects.0.form.category');
    const read = YAML.parse(readFileSync(yaml, 'utf8'));
    expect(read.appendix.projects[0].form.category).toBeUndefined();
    expect(read.appendix.projects[0].form.attribute).toBe('持续性项目');
    expect(read.appendix.projects[1].form.category).toBe('部门预算项目');
    const back = join(dir, 'no-tick-back.pdf');
    const render = cli(['render', yaml, '-o', back]);
    expect(render.code).toBe(1);
    expect(render.stderr).toContain('appendix.projects.0.form.category');
    expect(existsSync(back)).toBe(false);
  });

  it('a 重点工作 table drawn without its lines: the rows are not guessed from the text, the page is named', () => {
    const file = damaged('no-lines', 38, (s) => s.replace(/\nS\n/g, '\nn\n'));
    const yaml = join(dir, 'no-lines.yaml');
    const r = cli(['import', file, '-o', yaml]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning [import-part-unread] 第38页 第四部分 2023年重点工作完成情况：未能从表格线读出“序号｜重要事项｜工作内容及目标｜完成情况”表，需手工补录');
    const read = YAML.parse(readFileSync(yaml, 'utf8'));
    expect(read.key_work.table).toEqual([]);
    // Nor are its words taken for the text above it.
    expect(read.key_work.areas).toEqual(original.key_work.areas);
    // 第六部分 is read as before.
    expect(read.appendix.projects).toHaveLength(7);
  });
});

// ── the readers on cells made by hand: what cannot be read is a finding with its page ──

function cell(col: number, text: string | string[], more: Partial<GridCell> = {}): GridCell {
  const lines = (Array.isArray(text) ? text : [text]).filter(Boolean).map((t, i) => ({ text: t, x0: col * 50 + 3, x1: col * 50 + 3 + t.length * 9, y: 10 + i * 12, fontSize: 9 }));
  return { row: 0, col, span: 1, rowSpan: 1, x0: col * 50, x1: col * 50 + 50, y0: 0, y1: 20, lines, runs: [], ticks: [], ...more };
}

function row(page: number, cells: GridCell[]): FlowRow {
  const table: RuledTable = { page, top: 0, bottom: 20, bands: [0, 20], cells };
  return { kind: 'row', page, y: 0, cells, table };
}

describe('the 自评表 reader', () => {
  it('takes the ticked option; with none ticked it says so with its page and writes none', () => {
    const ticked = new FormReader('project', '某项目自评表', 'x.pdf', 3);
    const options = cell(2, '1、部门预算项目 2、区级专项 3、专项转移支付项目', {
      span: 5,
      runs: [
        { text: '1、部门预算项目', x0: 103, x1: 160 },
        { text: '2、区级专项', x0: 175, x1: 220 },
        { text: '3、专项转移支付项目', x0: 235, x1: 300 },
      ],
    });
    ticked.row(row(56, [cell(0, '项目类别', { span: 2 }), { ...options, ticks: [{ x: 224, y: 8 }] }]));
    expect(ticked.form.category).toBe('区级专项');
    expect(ticked.findings).toEqual([]);

    const blank = new FormReader('project', '某项目自评表', 'x.pdf', 3);
    blank.row(row(57, [cell(0, '项目属性', { span: 2 }), cell(2, '1、持续性项目 2、新增性项目', { span: 5 })]));
    expect(blank.form.attribute).toBeUndefined();
    expect(blank.findings.map((f) => f.message)).toEqual(['第57页 某项目自评表：项目属性未能读出勾选的一项，需手工补录']);
  });

  it('reports a score or an amount that is none, with its page, and keeps no guess', () => {
    const r = new FormReader('overall', '部门整体绩效自评表', 'x.pdf', 3);
    r.row(row(51, [cell(0, '基本支出总额', { span: 2 }), cell(2, '一千元', { span: 3 }), cell(5, '9635.63', { span: 2 })]));
    r.row(row(51, [cell(0, '总分', { span: 2 }), cell(2, '九十九', { span: 5 })]));
    expect(r.form.basic_total).toBeUndefined();
    expect(String((r.form.project_total as { text: string }).text)).toBe('9635.63');
    expect(r.form.published_total).toBeUndefined();
    expect(r.findings.map((f) => f.message)).toEqual([
      '第51页 部门整体绩效自评表：基本支出总额“一千元”不是金额，需手工补录',
      '第51页 部门整体绩效自评表：总分“九十九”不是分数，需手工补录',
    ]);
  });

  it('places a 得分 spanning an 一级 group on the group, one on a single row on the row', () => {
    const r = new FormReader('project', '某项目自评表', 'x.pdf', 3);
    r.row(row(60, [cell(0, ''), cell(1, ['产出指标', '(40分)'], { rowSpan: 2 }), cell(2, '数量指标', { rowSpan: 2 }), cell(3, '甲'), cell(4, '≥1个'), cell(5, '2个'), cell(6, '40', { rowSpan: 2 })]));
    r.row(row(60, [cell(3, '乙', { row: 1 }), cell(4, '100%', { row: 1 }), cell(5, '100%', { row: 1 })]));
    r.row(row(60, [cell(0, '', { row: 2 }), cell(1, '满意度指标', { row: 2 }), cell(2, '', { row: 2 }), cell(3, '丙', { row: 2 }), cell(6, '10', { row: 2 })]));
    const form = r.done();
    expect(JSON.parse(JSON.stringify(form.indicators))).toEqual([
      { level1: '产出指标', weight: '40', score: '40', groups: [{ level2: '数量指标', rows: [{ name: '甲', target: '≥1个', actual: '2个' }, { name: '乙', target: '100%', actual: '100%' }] }] },
      { level1: '满意度指标', groups: [{ level2: '', rows: [{ name: '丙', score: '10' }] }] },
    ]);
  });
});

describe('the 重点工作 reader', () => {
  const flow = (items: PartFlow['items']): PartFlow => ({ items, tables: [], left: 73.6, right: 521.6, size: 16 });
  const line = (text: string, style: FlowLine['style'], x0 = 105.6): FlowLine => ({ kind: 'line', page: 38, y: 100, x0, x1: x0 + text.length * 16, fontSize: 16, text, style });
  const part = { number: 4, title: '2023年重点工作完成情况', page: 38, y: 90, bottom: 90 };

  it('reads areas and rows; a row that is not 序号|事项|目标|完成 is a finding with its page', () => {
    const r = readKeyWork(
      part,
      flow([
        line('一、住房保障工作', 'heading'),
        line('住房保障工作：坚持应保尽保', 'plain'),
        row(38, [cell(0, '序号'), cell(1, '重要事项'), cell(2, '工作内容及目标'), cell(3, '完成情况')]),
        row(38, [cell(0, '1'), cell(1, '保障性住房工作'), cell(2, ['1. 甲。', '2. 乙。']), cell(3, '完成。')]),
        row(39, [cell(0, '合计'), cell(1, '')]),
      ]),
      'x.pdf',
    );
    expect(JSON.parse(JSON.stringify(r.keyWork))).toEqual({
      heading: '2023年重点工作完成情况',
      areas: [{ title: '住房保障工作', summary: '住房保障工作：坚持应保尽保' }],
      table: [{ no: 1, matter: '保障性住房工作', goals: ['1. 甲。', '2. 乙。'], results: ['完成。'] }],
    });
    expect(r.findings.map((f) => f.message)).toEqual(['第39页 第四部分 2023年重点工作完成情况：表中一行（合计｜）不是“序号｜重要事项｜工作内容及目标｜完成情况”，未读入，需手工补录']);
  });
});

describe('a cell printed as paragraphs', () => {
  it('starts a paragraph where the line before had room for what the line begins with, or where a numbered item follows a full stop', () => {
    const c = (lines: Array<[string, number]>): GridCell => ({
      ...cell(0, ''),
      x0: 0,
      x1: 160,
      lines: lines.map(([text, x1], i) => ({ text, x0: 3, x1, y: i * 12, fontSize: 10 })),
    });
    // Wrapped: the line before is full.
    expect(cellParagraphs(c([['全年完成棚户区改造住房新开', 153], ['工800套。', 50]]), 3)).toEqual(['全年完成棚户区改造住房新开工800套。']);
    // A number that did not fit: the line before has room for less than "214.97%，".
    expect(cellParagraphs(c([['完成全年目标的', 73], ['214.97%，落实', 70]]), 3)).toEqual(['完成全年目标的', '214.97%，落实']);
    expect(cellParagraphs(c([['完成全年目标的', 113], ['214.97%，落实', 70]]), 3)).toEqual(['完成全年目标的214.97%，落实']);
    // A line ending a sentence, nearly full, then "2、…": a paragraph of its own.
    expect(cellParagraphs(c([['1、评估各项指标。', 150], ['2、建立反馈机制。', 90]]), 3)).toEqual(['1、评估各项指标。', '2、建立反馈机制。']);
    expect(cellParagraphs(c([['1、评估各项指标，', 150], ['2、建立反馈机制。', 90]]), 3)).toEqual(['1、评估各项指标，2、建立反馈机制。']);
  });

  it('keeps a typed blank and drops the blanks of a justified line', () => {
    expect(keepTypedBlanks('1. 完成棚户区改造')).toBe('1. 完成棚户区改造');
    expect(keepTypedBlanks('2023年度江岸区住房保障和房屋管理局 部门整体绩效自评结果')).toBe('2023年度江岸区住房保障和房屋管理局 部门整体绩效自评结果');
    expect(keepTypedBlanks('2023 年 江 岸 区 住 房 保 障')).toBe('2023年江岸区住房保障');
  });
});

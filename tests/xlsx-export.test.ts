import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ROOT, SAMPLE } from './helpers.js';
import { exportTo, readBook, scratch, sheetsAsCsv, soffice } from './xlsx-support.js';
import { loadDepartment } from '../src/load/index.js';
import { calculate } from '../src/calculate/index.js';
import { formTables } from '../src/export/xlsx/form-tables.js';
import { placeCells } from '../src/export/xlsx/sheet-grid.js';

const SHANGHAI = join(ROOT, 'data/2024/pujiang-chengguan.yaml');

describe('export --xlsx', () => {
  let dir: string;
  let book: string;
  beforeAll(() => {
    dir = scratch();
    book = exportTo(SAMPLE, join(dir, 'jiangan.xlsx'));
  });

  it('writes one sheet per table in the form set’s order, titled and numbered as the forms are', async () => {
    const wb = await readBook(book);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '公开01表 收入支出决算总表',
      '公开02表 收入决算表',
      '公开03表 支出决算表',
      '公开04表 财政拨款收入支出决算总表',
      '公开05表 一般公共预算财政拨款支出决算表',
      '公开06表 一般公共预算财政拨款基本支出决算明细表',
      '公开07表 政府性基金预算财政拨款收入支出决算表',
      '公开08表 国有资本经营预算财政拨款支出决算表',
      '公开09表 财政拨款“三公”经费支出决算表',
    ]);
    const income = wb.getWorksheet('公开02表 收入决算表')!;
    expect(income.getCell('A2').value).toBe('收入决算表');
    expect(income.getCell('A3').value).toBe('部门：武汉市江岸区住房保障和房屋管理局');
    // codes as text, amounts as numbers with two decimals and separators, blank where the form is
    const row = [...Array(income.rowCount).keys()].map((i) => income.getRow(i + 1)).find((r) => r.getCell(1).value === '2011308')!;
    expect(row.getCell(3).value).toBe(596.02);
    expect(row.getCell(3).numFmt).toBe('#,##0.00');
    expect(row.getCell(4).value).toBe(596.02);
    expect(row.getCell(5).value).toBeNull();
    // merged two-level header: 项目 over 编码 and 名称
    expect((income.model as unknown as { merges: string[] }).merges).toContain('A4:B4');
    expect(income.pageSetup.orientation).toBe('landscape');
    expect(income.pageSetup.paperSize).toBe(9);
    expect(income.pageSetup.printTitlesRow).toBe('4:6');
    expect(wb.getWorksheet('公开01表 收入支出决算总表')!.pageSetup.orientation).toBe('portrait');
    // 三公 keeps the precision the form prints
    const tp = wb.getWorksheet('公开09表 财政拨款“三公”经费支出决算表')!;
    expect(tp.getCell('A8').value).toBe(19.6);
    expect(tp.getCell('A8').numFmt).toBe('#,##0.0');
    expect(tp.getCell('D8').numFmt).toBe('#,##0');
  });

  it('gives the same bytes for the same data, whenever it runs', async () => {
    await new Promise((r) => setTimeout(r, 2100)); // zip times have a 2-second step
    const again = exportTo(SAMPLE, join(dir, 'again.xlsx'));
    expect(readFileSync(again).equals(readFileSync(book))).toBe(true);
    const wb = await readBook(book);
    expect(wb.created.toISOString()).toBe('2024-10-25T00:00:00.000Z');
  });

  it('LibreOffice reads every amount as the report prints it', () => {
    const calc = calculate(loadDepartment(SAMPLE));
    const csv = sheetsAsCsv(book, scratch());
    let compared = 0;
    for (const { entry, block } of formTables(calc)) {
      const rows = csv.get(`${entry.label} ${block.title}`)!;
      expect(rows, entry.key).toBeDefined();
      const top = 3 + block.head.length; // label, title, heading line, header
      for (const cell of placeCells(block.body).cells) {
        if (cell.align !== 'right') continue;
        expect(rows[top + cell.row]![cell.col], `${entry.key} row ${cell.row} col ${cell.col}`).toBe(cell.text);
        if (cell.text) compared++;
      }
    }
    expect(compared).toBeGreaterThan(250);
  });

  it('renders in LibreOffice as nine A4 pages, landscape where the PDF is', () => {
    const out = scratch();
    soffice(['--convert-to', 'pdf', book], out);
    const info = spawnSync('pdfinfo', ['-f', '1', '-l', '99', join(out, 'jiangan.pdf')], { encoding: 'utf8' }).stdout;
    const pages = [...info.matchAll(/size:\s+([\d.]+) x ([\d.]+) pts \(A4\)/g)].map((m) => (Number(m[1]) > Number(m[2]) ? 'L' : 'P'));
    // A long sheet may take two pages (fonts differ between machines): P L L L P L L P L, each one or more.
    expect(pages.join('')).toMatch(/^P+L{3,}P+L{2,}P+L+$/);
  });

  it('exports the Shanghai form set without form numbers', async () => {
    const out = exportTo(SHANGHAI, join(dir, 'pujiang.xlsx'));
    const wb = await readBook(out);
    expect(wb.worksheets[5]!.name).toBe('一般公共预算财政拨款基本支出决算表');
    expect(wb.worksheets[6]!.name).toBe('财政拨款“三公”经费支出决算表');
  });

  it('never writes onto its input, nor over a file that is no workbook, and writes nothing for data with errors', () => {
    const d = scratch();
    const yaml = join(d, 'x.yaml');
    copyFileSync(SAMPLE, yaml);
    const onto = cli(['export', yaml, '--xlsx', '-o', yaml]);
    expect(onto.code).toBe(2);
    expect(onto.stderr).toContain('输出文件就是输入文件');
    expect(readFileSync(yaml).equals(readFileSync(SAMPLE))).toBe(true);

    const notes = join(d, 'notes.xlsx');
    writeFileSync(notes, 'my notes');
    const over = cli(['export', yaml, '--xlsx', '-o', notes]);
    expect(over.code).toBe(2);
    expect(over.stderr).toContain('不是 Excel 工作簿');
    expect(readFileSync(notes, 'utf8')).toBe('my notes');

    const bad = join(d, 'bad.yaml');
    writeFileSync(bad, readFileSync(SAMPLE, 'utf8').replace('income_total: 11314.64', 'income_total: 11999.64'));
    const r = cli(['export', bad, '--xlsx', '-o', join(d, 'bad.xlsx')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('未导出工作簿');
    expect(existsSync(join(d, 'bad.xlsx'))).toBe(false);

    const usage = cli(['export', yaml, '-o', join(d, 'y.xlsx')]);
    expect(usage.code).toBe(2);
    expect(existsSync(join(d, 'y.xlsx'))).toBe(false);
  });
});

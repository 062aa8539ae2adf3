import { describe, it, expect, beforeAll } from 'vitest';
import { copyFileSync, existsSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { cli, ROOT, SAMPLE } from './helpers.js';
import { exportTo, readBook, relayout, scratch, soffice } from './xlsx-support.js';
import { loadDepartment } from '../src/load/index.js';

const SHANGHAI = join(ROOT, 'data/2024/pujiang-chengguan.yaml');

/** A department file's tables with every amount as its value and its written text, positions dropped. */
function tablesOf(file: string, byValue = false): unknown {
  const model = loadDepartment(file, { dataDir: join(ROOT, 'data') }).model;
  return JSON.parse(
    JSON.stringify(model.tables, (_k, v: unknown) => {
      if (v && typeof v === 'object' && 'decimals' in v && 'text' in v) {
        const a = v as { text: string; value: { toString(): string } };
        return byValue ? Number(a.text).toFixed(2) : a.text;
      }
      return v;
    }),
  );
}

/** The sample copied where --into may rewrite it. */
function copyOf(src: string, dir: string, name = 'x.yaml'): string {
  const f = join(dir, name);
  copyFileSync(src, f);
  return f;
}

describe('import <book.xlsx>', () => {
  let dir: string;
  let book: string;
  beforeAll(() => {
    dir = scratch();
    book = exportTo(SAMPLE, join(dir, 'jiangan.xlsx'));
  });

  it('round trip: the exported sample imported --into a copy gives the sample back, byte for byte', () => {
    const into = copyOf(SAMPLE, dir);
    const r = cli(['import', book, '--into', into]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(into, 'utf8')).toBe(readFileSync(SAMPLE, 'utf8'));
    expect(readFileSync(`${into}.bak`, 'utf8')).toBe(readFileSync(SAMPLE, 'utf8'));
  });

  it('--into keeps everything but the tables, comments and order included', () => {
    const d = scratch();
    const text = readFileSync(SAMPLE, 'utf8').replace('income_total: 11314.64\n    income_grand_total', 'income_total: 1.00\n    income_grand_total');
    const into = join(d, 'x.yaml');
    writeFileSync(into, text);
    const out = join(d, 'y.yaml');
    const r = cli(['import', book, '--into', into, '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(SAMPLE, 'utf8'));
    expect(readFileSync(into, 'utf8')).toBe(text); // -o: the file named by --into is only read
  });

  it('writes a new department file with the tables, year, profile and department read from the workbook', () => {
    const d = scratch();
    const out = join(d, 'jiangan-housing.yaml');
    const r = cli(['import', book, '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('profile: hubei-wuhan-2023\nyear: 2023\ncatalog: 2023\n');
    expect(text).toContain('name: "武汉市江岸区住房保障和房屋管理局"');
    const sampleTables = readFileSync(SAMPLE, 'utf8').match(/^tables:\n(?: .*\n)+/m)![0].replace(/ +#.*$/gm, '');
    expect(text.slice(text.indexOf('tables:\n'))).toBe(sampleTables);
    // never over an existing file without --force
    const again = cli(['import', book, '-o', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('文件已存在');
    expect(cli(['import', book, '-o', out, '--force']).code).toBe(0);
  });

  it('round trip through LibreOffice: opened, saved as xlsx, imported, the same tables', () => {
    const d = scratch();
    const lo = join(d, 'lo');
    soffice(['--convert-to', 'xlsx:Calc MS Excel 2007 XML', book], lo);
    const saved = join(lo, 'jiangan.xlsx');
    expect(readFileSync(saved).equals(readFileSync(book))).toBe(false); // LibreOffice's own file
    const into = copyOf(SAMPLE, d);
    const r = cli(['import', saved, '--into', into]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(into, 'utf8')).toBe(readFileSync(SAMPLE, 'utf8'));
  });

  it('the Shanghai sample round-trips: every amount and code', () => {
    const d = scratch();
    const sh = exportTo(SHANGHAI, join(d, 'pujiang.xlsx'));
    const into = copyOf(SHANGHAI, d, 'pujiang-chengguan.yaml');
    const r = cli(['import', sh, '--into', into]);
    expect(r.code, r.stderr).toBe(0);
    expect(tablesOf(into)).toEqual(tablesOf(SHANGHAI));
    expect(readFileSync(into, 'utf8').split('\ntables:')[0]).toBe(readFileSync(SHANGHAI, 'utf8').split('\ntables:')[0]);
  });

  it('a workbook in 元 laid out by hand (extra title row, hidden and moved columns, merged headers, a formula, text figures) gives the same tables', async () => {
    const d = scratch();
    const src = await readBook(book);
    const wb = new ExcelJS.Workbook();
    for (const ws of src.worksheets) {
      const isIncome = ws.name.includes('收入决算表') && !ws.name.includes('总表');
      relayout(ws, wb, {
        rowsAbove: ['江岸区住房保障和房屋管理局2023年度部门决算公开表'],
        hiddenColumnAt: isIncome ? 3 : undefined,
        swap: isIncome ? [6, 7] : undefined, // 上级补助收入 and 事业收入 trade places
        value: (v) => Math.round(v * 10000 * 100) / 100,
        text: (t) => t.replace('金额单位：万元', '金额单位：元'),
      });
    }
    const income = wb.getWorksheet('公开02表 收入决算表')!;
    // the 合计 row's total as a formula over the 类 rows, with the value Excel saved
    const totalRow = [...Array(income.rowCount).keys()].map((i) => income.getRow(i + 1)).find((r) => r.getCell(1).value === '合计')!;
    const total = totalRow.getCell(4);
    total.value = { formula: 'SUM(D10:D45)', result: total.value as number };
    // numbers stored as text: thousands separators, full-width digits
    const row212 = [...Array(income.rowCount).keys()].map((i) => income.getRow(i + 1)).find((r) => r.getCell(1).value === '212')!;
    row212.getCell(4).value = '15,352,900.00';
    row212.getCell(5).value = '１５３５２９００';
    // a "…" row and an empty row among the figures
    income.spliceRows(totalRow.number + 1, 0, ['…', '…'], []);
    const handmade = join(d, 'handmade.xlsx');
    await wb.xlsx.writeFile(handmade);

    const into = copyOf(SAMPLE, d);
    const r = cli(['import', handmade, '--into', into]);
    expect(r.code, r.stderr).toBe(0);
    expect((await readBook(handmade)).getWorksheet('公开02表 收入决算表')!.getCell(total.address).formula).toBe('SUM(D10:D45)');
    expect(tablesOf(into, true)).toEqual(tablesOf(SAMPLE, true));
    // converted from 元 to two decimals: every amount's text, 三公 too
    expect(readFileSync(into, 'utf8')).toContain('budget: {total: 19.60, vehicle_purchase: 17.00, vehicle_operation: 2.60}');
  });

  it('converts 元 to 万元 cell by cell with the report’s rounding, and reports a total that then differs from its parts as a 尾数 tail', async () => {
    const d = scratch();
    const src = await readBook(book);
    const wb = new ExcelJS.Workbook();
    for (const ws of src.worksheets) relayout(ws, wb, { value: (v) => Math.round(v * 10000 * 100) / 100, text: (t) => t.replace('金额单位：万元', '金额单位：元') });
    const exp = wb.getWorksheet('公开03表 支出决算表')!;
    const row = [...Array(exp.rowCount).keys()].map((i) => exp.getRow(i + 1)).find((r) => r.getCell(1).value === '212')!;
    // 11093100 + 4259800 = 15352900 元; with 50 元 moved between them each rounds up: 1109.32 + 425.98 ≠ 1535.29
    row.getCell(4).value = 11093150;
    row.getCell(5).value = 4259750;
    const f = join(d, 'yuan.xlsx');
    await wb.xlsx.writeFile(f);
    const into = copyOf(SAMPLE, d);
    const r = cli(['import', f, '--into', into]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/yuan\.xlsx!公开03表 支出决算表!C\d+: warning \[xlsx-tail\] 本年支出合计：基本支出 \+ 项目支出 之和为 1535\.30，换算为万元后表中为 1535\.29（差 0\.01，在尾数误差范围内）/);
    expect(readFileSync(into, 'utf8')).toContain('{code: 212, total: 1535.29, basic: 1109.32, project: 425.98}');
  });

  it('finds the sheets by form number when their titles are gone, in any order among other sheets', async () => {
    const d = scratch();
    const src = await readBook(book);
    for (const [i, ws] of src.worksheets.entries()) ws.getCell('A2').value = i === 3 ? '' : `附表${i + 1}`;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').getCell('A1').value = '本工作簿为2023年度决算公开表';
    // reversed; 财决NN and ZNN (the registry's order) as sheet names, 公开NN from the cell above the title
    for (const [i, ws] of [...src.worksheets.entries()].reverse()) {
      const copy = relayout(ws, wb, {});
      copy.name = i % 2 === 0 ? `财决0${i + 1}` : `Z0${i + 1}`;
    }
    const f = join(d, 'numbers.xlsx');
    await wb.xlsx.writeFile(f);
    const into = copyOf(SAMPLE, d);
    const r = cli(['import', f, '--into', into]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(into, 'utf8')).toBe(readFileSync(SAMPLE, 'utf8'));
  });

  it('--unit says the unit of a workbook without a unit line', async () => {
    const d = scratch();
    const src = await readBook(book);
    const wb = new ExcelJS.Workbook();
    for (const ws of src.worksheets) relayout(ws, wb, { text: (t) => t.replace('金额单位：万元', '') });
    const f = join(d, 'nounit.xlsx');
    await wb.xlsx.writeFile(f);
    const into = copyOf(SAMPLE, d);
    const without = cli(['import', f, '--into', into]);
    expect(without.code).toBe(1);
    expect(without.stderr).toContain('nounit.xlsx!公开01表 收入支出决算总表: error [xlsx-unit] 没有找到金额单位');
    expect(readFileSync(into, 'utf8')).toBe(readFileSync(SAMPLE, 'utf8'));
    const withUnit = cli(['import', f, '--into', into, '--unit', '万元']);
    expect(withUnit.code, withUnit.stderr).toBe(0);
    expect(readFileSync(into, 'utf8')).toBe(readFileSync(SAMPLE, 'utf8'));
    expect(cli(['import', f, '--into', into, '--unit', '千元']).code).toBe(2);
  });
});

describe('import <book.xlsx>: bad workbooks are named, nothing is written', () => {
  let dir: string;
  let book: string;
  beforeAll(() => {
    dir = scratch();
    book = exportTo(SAMPLE, join(dir, 'jiangan.xlsx'));
  });

  /** Runs an import that must fail; asserts the exit code, that no file appeared and the input is unchanged. */
  function refused(file: string, code: 1 | 2): string {
    const d = scratch();
    const into = copyOf(SAMPLE, d);
    const out = join(d, 'new.yaml');
    const a = cli(['import', file, '-o', out]);
    const b = cli(['import', file, '--into', into]);
    for (const r of [a, b]) {
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr).not.toMatch(/at .*\.js|内部错误|Error:/);
    }
    expect(existsSync(out)).toBe(false);
    expect(readFileSync(into, 'utf8')).toBe(readFileSync(SAMPLE, 'utf8'));
    expect(readdirSync(d).sort()).toEqual(['x.yaml']);
    return a.stderr;
  }

  async function variant(name: string, change: (wb: ExcelJS.Workbook) => void): Promise<string> {
    const wb = await readBook(book);
    change(wb);
    const f = join(dir, name);
    await wb.xlsx.writeFile(f);
    return f;
  }

  it('a workbook without the tables', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = '2023年工作安排';
    wb.addWorksheet('Sheet2').getCell('B2').value = 12.5;
    const f = join(dir, 'other.xlsx');
    await wb.xlsx.writeFile(f);
    expect(refused(f, 2)).toContain('other.xlsx: error [xlsx-no-tables] 工作簿中没有找到决算公开表');
  });

  it('a workbook lacking one of the tables', async () => {
    const f = await variant('eight.xlsx', (wb) => wb.removeWorksheet(wb.getWorksheet('公开09表 财政拨款“三公”经费支出决算表')!.id));
    expect(refused(f, 1)).toContain('eight.xlsx: error [xlsx-missing-table] 工作簿中没有“财政拨款“三公”经费支出决算表”（公开09表）这张表');
  });

  it('a sheet with a column missing, at its header', async () => {
    const f = await variant('nocolumn.xlsx', (wb) => {
      wb.getWorksheet('公开02表 收入决算表')!.getCell('G4').value = '';
    });
    expect(refused(f, 1)).toContain('nocolumn.xlsx!公开02表 收入决算表!A4: error [xlsx-column] 表头中没有“经营收入”栏');
    const g = await variant('nocode.xlsx', (wb) => {
      wb.getWorksheet('公开05表 一般公共预算财政拨款支出决算表')!.getCell('A5').value = '代号';
    });
    expect(refused(g, 1)).toContain('nocode.xlsx!公开05表 一般公共预算财政拨款支出决算表!A4: error [xlsx-column] 表头中没有“科目编码”栏');
  });

  it('text in an amount cell, at its cell', async () => {
    const f = await variant('text.xlsx', (wb) => {
      wb.getWorksheet('公开03表 支出决算表')!.getCell('C9').value = '见附表';
      wb.getWorksheet('公开06表 一般公共预算财政拨款基本支出决算明细表')!.getCell('C6').value = '12.3.4';
    });
    const err = refused(f, 1);
    expect(err).toContain('text.xlsx!公开03表 支出决算表!C9: error [xlsx-amount] 金额栏中是“见附表”，不是数字');
    expect(err).toContain('text.xlsx!公开06表 一般公共预算财政拨款基本支出决算明细表!C6: error [xlsx-amount] 金额栏中是“12.3.4”，不是数字');
  });

  it('a formula saved without its value, and a negative amount, at their cells', async () => {
    const f = await variant('formula.xlsx', (wb) => {
      wb.getWorksheet('公开05表 一般公共预算财政拨款支出决算表')!.getCell('C9').value = { formula: 'SUM(C10:C11)' } as ExcelJS.CellFormulaValue;
      wb.getWorksheet('公开04表 财政拨款收入支出决算总表')!.getCell('C8').value = -5;
    });
    const err = refused(f, 1);
    expect(err).toContain('formula.xlsx!公开05表 一般公共预算财政拨款支出决算表!C9: error [xlsx-amount] 公式没有计算结果');
    expect(err).toContain('formula.xlsx!公开04表 财政拨款收入支出决算总表!C8: error [xlsx-amount] 金额为负数（-5）');
  });

  it('a row with figures but no code, and a code that is no code', async () => {
    const f = await variant('codes.xlsx', (wb) => {
      const ws = wb.getWorksheet('公开02表 收入决算表')!;
      ws.getCell('A9').value = null;
      ws.getCell('A10').value = '20A13';
    });
    const err = refused(f, 1);
    expect(err).toContain('codes.xlsx!公开02表 收入决算表!A9: error [xlsx-code] 这一行有金额，却没有科目编码');
    expect(err).toContain('codes.xlsx!公开02表 收入决算表!A10: error [xlsx-code] 科目编码“20A13”应为 3、5 或 7 位数字');
  });

  it('a password-protected workbook, an old .xls and a damaged one', () => {
    // What Office writes for a workbook with an open password: an OLE compound file holding the
    // EncryptedPackage stream (its directory names the streams in UTF-16).
    const cfb = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
    Buffer.from('EncryptionInfo\0EncryptedPackage', 'utf16le').copy(cfb, 1024);
    const enc = join(dir, 'secret.xlsx');
    writeFileSync(enc, cfb);
    expect(refused(enc, 2)).toContain('secret.xlsx: error [xlsx-encrypted] 工作簿设有打开密码');

    const xls = join(dir, 'old.xls');
    const old = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(old);
    Buffer.from('Workbook', 'utf16le').copy(old, 1024);
    writeFileSync(xls, old);
    expect(refused(xls, 2)).toContain('old.xls: error [xlsx-old-format]');

    const cut = join(dir, 'cut.xlsx');
    const bytes = readFileSync(book);
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(refused(cut, 2)).toContain('cut.xlsx: error [xlsx-damaged] 工作簿已损坏');

    const junk = join(dir, 'junk.xlsx');
    writeFileSync(junk, 'not a workbook at all');
    expect(refused(junk, 2)).toContain('junk.xlsx: error [xlsx-not-workbook]');
  });
});

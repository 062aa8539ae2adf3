import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PDFDocument, PDFName, StandardFonts } from '@cantoo/pdf-lib';
import { ROOT, SAMPLE, cli } from './helpers.js';
import { qpdf } from './pdf-fixtures.js';
import { despace, toLines, type TextItem } from '../src/import/pdf-text.js';
import { value } from '../src/import/table-grid.js';
import { chineseValue } from '../src/import/outline.js';

/**
 * What `juesuan import` refuses, and how: a file that is not a PDF, an encrypted one, a damaged
 * one, a scan without a text layer, a PDF that is not a 部门决算. Each: exit 2, the file named,
 * nothing on standard output, never a stack trace.
 */

const dir = mkdtempSync(join(tmpdir(), 'juesuan-import-in-'));
const sample = join(dir, 'sample.pdf');

beforeAll(() => {
  const r = cli(['render', SAMPLE, '-o', sample]);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);

/** Refused alike when it prints what it read, when it writes the file (none written) and by check. */
function refused(file: string, rule: string, words: RegExp) {
  const out = join(dir, `${basename(file)}.out.yaml`);
  for (const args of [['import', file, '--dump-json'], ['import', file, '-o', out], ['check', file]]) {
    const r = cli(args);
    expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
    if (args[0] === 'import') expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${file}: error [${rule}]`);
    expect(r.stderr).toMatch(words);
    expect(r.stderr).not.toMatch(/内部错误|\n\s+at /);
  }
  expect(existsSync(out)).toBe(false);
  return cli(['import', file, '--dump-json']);
}

async function pdfWith(draw: (doc: PDFDocument) => Promise<void>): Promise<Buffer> {
  const doc = await PDFDocument.create();
  await draw(doc);
  return Buffer.from(await doc.save());
}

describe('import refuses what it cannot read', () => {
  it('a file that is not a PDF: text, or empty', () => {
    refused(writeFile('notes.pdf', '部门决算\n收入支出决算总表\n'), 'not-pdf', /不是 PDF 文件/);
    refused(writeFile('empty.pdf', ''), 'not-pdf', /文件为空/);
  });

  it('an encrypted PDF that needs a password (AES-256, AES-128)', () => {
    const aes256 = join(dir, 'aes256.pdf');
    const aes128 = join(dir, 'aes128.pdf');
    qpdf(['--encrypt', 'user', 'owner', '256', '--', sample, aes256]);
    qpdf(['--encrypt', 'user', 'owner', '128', '--use-aes=y', '--', sample, aes128]);
    refused(aes256, 'encrypted-pdf', /已加密，需要密码/);
    refused(aes128, 'encrypted-pdf', /已加密，需要密码/);
  });

  it('reads a PDF protected only against editing (no password to open it)', () => {
    const owner = join(dir, 'owner-only.pdf');
    qpdf(['--encrypt', '', 'owner', '256', '--', sample, owner]);
    const r = cli(['import', owner, '--dump-json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).tables).toHaveLength(9);
  });

  it('a damaged PDF: cut short, or garbage after the header', () => {
    const bytes = readFileSync(sample);
    refused(writeFile('cut.pdf', bytes.subarray(0, Math.floor(bytes.length * 0.4))), 'damaged-pdf', /已损坏/);
    refused(writeFile('garbage.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 0x5a)])), 'damaged-pdf', /已损坏/);
  });

  it('a scan without a text layer: every page listed', async () => {
    const scan = await pdfWith(async (doc) => {
      for (let i = 0; i < 3; i++) doc.addPage([595, 842]).drawRectangle({ x: 50, y: 50, width: 400, height: 600 });
    });
    const r = refused(writeFile('scan.pdf', scan), 'no-text-layer', /第1页无文字层（扫描件？）/);
    expect(r.stderr).toContain('第2页无文字层（扫描件？）');
    expect(r.stderr).toContain('第3页无文字层（扫描件？）');
  });

  it('a report with one scanned page: read, and the page named', async () => {
    const doc = await PDFDocument.load(readFileSync(sample));
    doc.getPage(4).node.delete(PDFName.of('Contents'));
    const file = writeFile('one-scanned.pdf', Buffer.from(await doc.save()));
    const r = cli(['import', file, '--dump-json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`${file}: warning [no-text-layer] 第5页无文字层（扫描件？）\n`);
    expect(JSON.parse(r.stdout).findings).toHaveLength(1);
  });

  it('a PDF that is not a 部门决算: other text, or the parts without a table', async () => {
    const letter = await pdfWith(async (doc) => {
      const font = await doc.embedFont(StandardFonts.Helvetica);
      doc.addPage([595, 842]).drawText('Annual report 2023: revenue and expenditure', { x: 50, y: 700, size: 14, font });
    });
    refused(writeFile('letter.pdf', letter), 'not-final-accounts', /未找到部门决算的任何一张表/);
    const partsOnly = join(dir, 'parts-only.pdf');
    qpdf(['--empty', '--pages', sample, '1-6', '--', partsOnly]);
    refused(partsOnly, 'not-final-accounts', /找到了“第一部分”，但未找到部门决算的任何一张表/);
  });

  it('usage: one file; --dump-json prints, so it takes no -o', () => {
    for (const args of [['import'], ['import', sample, sample, '--dump-json'], ['import', sample, sample]]) {
      const r = cli(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/import 需要且只需要一个文件/);
    }
    const r = cli(['import', sample, '--dump-json', '-o', join(dir, 'x.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--dump-json 把读取结果输出到屏幕，不能与 -o 同用/);
  });
});

describe('import loads pdf.js for itself alone', () => {
  it('keeps pdf.js out of the start-up bundle that every command reads', () => {
    const bundle = readFileSync(join(ROOT, 'dist/bundle/juesuan.cjs'), 'latin1');
    // pdf.js's own code (its parser's message handler, its worker class) is not in it; the
    // bundle only names the module that `import` requires when it runs.
    expect(bundle).not.toContain('WorkerMessageHandler');
    expect(bundle).not.toContain('class PDFWorker');
    expect(bundle).toContain('pdfjs-dist/legacy/build/pdf.min.mjs');
    expect(readFileSync(join(ROOT, 'scripts/bundle.mjs'), 'utf8')).toMatch(/external: \[[^\]]*'pdfjs-dist'/);
  });
});

describe('import reads text as printed', () => {
  it('amounts as exact decimal strings: separators out, blank, dash and zero kept apart', () => {
    expect(value('1,234.56')).toBe('1234.56');
    expect(value('11,314.64')).toBe('11314.64');
    expect(value('0.00')).toBe('0.00');
    expect(value('5.00')).toBe('5.00');
    expect(value('19.6')).toBe('19.6');
    expect(value('')).toBeNull();
    expect(value('  ')).toBeNull();
    expect(value('-')).toBe('-');
    expect(value('—')).toBe('-');
    expect(value('-12.50')).toBe('-12.50');
    expect(value('(1,234.56)')).toBe('-1234.56');
    expect(value('1,23.4')).toBe('1,23.4');
    expect(value('合计')).toBe('合计');
  });

  it('blanks that pdf.js reports between glyphs set apart, taken out where Chinese has none', () => {
    expect(despace('1 . 一 般 公 共 服 务 支 出 ： 年 初 预 算 为 0 万 元')).toBe('1.一般公共服务支出：年初预算为0万元');
    expect(despace('3 . 卫 生 健 康 支 出 ： 年 初 预 算 为 139.1 万 元 ， 支 出 决 算 为')).toBe('3.卫生健康支出：年初预算为139.1万元，支出决算为');
    expect(despace('筹集市场化租赁住房 7542 套（间）')).toBe('筹集市场化租赁住房7542套（间）');
    expect(despace('上海市 XX 局 2024 年度')).toBe('上海市XX局2024年度');
    expect(despace('(一) 一般公共预算财政拨款支出决算总体情况')).toBe('(一) 一般公共预算财政拨款支出决算总体情况');
    expect(despace('Annual report 2023')).toBe('Annual report 2023');
  });

  it('lines by baseline, cells where the gap is large', () => {
    const item = (text: string, x: number, y: number, width: number): TextItem => ({ text, x, y, width, height: 9, fontSize: 9, raw: text, font: '' });
    const lines = toLines([item('596.02', 358, 211.5, 28), item('201', 73.9, 211.5, 14), item('一般公共服务支出', 137.5, 211.6, 72), item('20113', 73.9, 228.2, 23.5)], 8);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.cells.map((c) => c.text)).toEqual(['201', '一般公共服务支出', '596.02']);
    expect(lines[0]!.text).toBe('201一般公共服务支出596.02');
    expect(lines[1]!.page).toBe(8);
    // Runs a few points apart are one cell.
    expect(toLines([item('一般公共', 100, 50, 36), item('服务支出', 137, 50, 36)], 1)[0]!.cells.map((c) => c.text)).toEqual(['一般公共服务支出']);
  });

  it('part numbers in Chinese', () => {
    expect([chineseValue('一'), chineseValue('九'), chineseValue('十'), chineseValue('十三'), chineseValue('二十'), chineseValue('二十六')]).toEqual([1, 9, 10, 13, 20, 26]);
    expect(chineseValue('部')).toBe(0);
  });
});

function writeFile(name: string, content: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

import { parseArgs } from 'node:util';
import { closeSync, openSync, readSync } from 'node:fs';
import { formatDiagnostic, InputError } from '../model/diagnostics.js';
import { UsageError } from '../failure/usage-error.js';
import { checkOutput, writeOutput, type OutputPolicy } from '../io/output-guard.js';
import { defaultExtractPath } from '../io/output-path.js';
import { readPdfBytes } from '../io/read-pdf.js';

/**
 * `juesuan import <report.pdf> [-o <file.yaml>] [--profile <name>|auto] [--force]`: reads a
 * published report (any producer's PDF) and writes the department file that renders back to it
 * (purpose: archive). `--dump-json` prints what was read instead (parts, table grids, paragraphs).
 * `juesuan import <book.xlsx> [-o <file.yaml> | --into <file.yaml>] [--profile] [--unit] [--year]`:
 * the tables of a workbook (src/cli/import-xlsx.ts).
 * Without -o the file is ./<name of the input>.yaml; an existing file is replaced only with --force,
 * the input never; nothing is written when the input cannot be read.
 */
export async function importReport(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        'dump-json': { type: 'boolean' },
        output: { type: 'string', short: 'o' },
        into: { type: 'string' },
        profile: { type: 'string' },
        unit: { type: 'string' },
        year: { type: 'string' },
        force: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('import 需要且只需要一个文件（已公开的决算 PDF，或 Excel 工作簿 .xlsx）');
  const input = positionals[0]!;
  if (isWorkbook(input)) {
    if (values['dump-json']) throw new UsageError('--dump-json 只用于 PDF；工作簿直接写成 YAML 文件（-o 或 --into）');
    const { importWorkbook } = await import('./import-xlsx.js');
    return importWorkbook(input, { output: values.output, into: values.into, profile: values.profile, unit: values.unit, year: values.year, force: Boolean(values.force) });
  }
  for (const o of ['into', 'unit', 'year'] as const) if (values[o] !== undefined) throw new UsageError(`--${o} 只用于导入 Excel 工作簿`);
  const reader = readerFor(input);
  if (values['dump-json']) {
    if (values.output !== undefined) throw new UsageError('--dump-json 把读取结果输出到屏幕，不能与 -o 同用');
    // pdf.js loads here, for this command alone.
    const { readReport } = await import('../import/read-report.js');
    const report = await readReport(input);
    for (const f of report.findings) process.stderr.write(`${formatDiagnostic(f)}\n`);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  const out = values.output ?? defaultExtractPath(input);
  const policy: OutputPolicy = { inputs: [input], replace: values.force ? 'any' : 'never' };
  // Said before the work: the output is refused (the input itself, an existing file) before reading.
  checkOutput(out, policy);
  const imported = await reader(input, { profile: values.profile });
  for (const f of imported.findings) process.stderr.write(`${formatDiagnostic(f)}\n`);
  writeOutput(out, imported.yaml, policy);
  const { linked, printed, pinned } = imported.figures;
  process.stderr.write(`juesuan: 已写出 ${out}（第三部分 ${printed} 个数字中 ${linked} 个与计算结果关联，其中 ${pinned} 个按公开文本固定在 pins）\n`);
  return 0;
}

type Reader = (file: string, options: { profile?: string }) => Promise<import('../import/import-file.js').Imported>;

/** The PDF reader, for a file with the %PDF- header (whatever its name); anything else is refused (exit 2). */
export function readerFor(file: string): Reader {
  const head = firstBytes(file, 1024);
  if (head.includes('%PDF-')) return async (f, o) => (await import('../import/import-file.js')).importPdf(f, o);
  // Anything else: refused in the words of the PDF reader (empty, not a PDF, unreadable).
  readPdfBytes(file);
  throw new InputError([{ severity: 'error', rule: 'not-pdf', message: '不是 PDF 文件（开头没有 %PDF- 标记），也不是 Excel 工作簿', file }], 2);
}

/**
 * A workbook by its first bytes (a zip, or the compound file an encrypted .xlsx or an .xls is),
 * or by its name when it cannot be read (the workbook reader then says why); anything else goes to
 * the PDF reader, which names what it is not.
 */
function isWorkbook(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(8);
    const n = readSync(fd, head, 0, 8, 0);
    if (head.subarray(0, 4).toString('latin1') === '%PDF') return false;
    if (n >= 4 && head.subarray(0, 4).toString('latin1') === 'PK\x03\x04') return true;
    if (n === 8 && head.readUInt32BE(0) === 0xd0cf11e0 && head.readUInt32BE(4) === 0xa1b11ae1) return true;
  } catch {
    // unreadable: the name decides which reader reports it
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return /\.xlsx?$/i.test(file);
}

/** A file that cannot be opened is refused as read-pdf refuses it: with the file system's words. */
function firstBytes(file: string, n: number): Buffer {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } catch {
    readPdfBytes(file);
    return Buffer.alloc(0);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

import { parseArgs } from 'node:util';
import { closeSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { formatDiagnostic, InputError } from '../model/diagnostics.js';
import { UsageError } from '../failure/usage-error.js';
import { checkOutput, writeOutput, type OutputPolicy } from '../io/output-guard.js';
import { defaultExtractPath } from '../io/output-path.js';
import { readPdfBytes } from '../io/read-pdf.js';

/**
 * `juesuan import <report.pdf> [-o <file.yaml>] [--profile <name>|auto] [--force]`: reads a
 * published report (any producer's PDF) and writes the department file that renders back to it
 * (purpose: archive). `--dump-json` prints what was read instead (parts, table grids, paragraphs).
 * Without -o the file is ./<name of the PDF>.yaml; an existing file is replaced only with --force,
 * the input never; nothing is written when the report cannot be read.
 */
export async function importReport(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { 'dump-json': { type: 'boolean' }, output: { type: 'string', short: 'o' }, profile: { type: 'string' }, force: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('import 需要且只需要一个文件（已公开的决算 PDF）');
  const input = positionals[0]!;
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

/**
 * The reader for a file, by what it is: a PDF by its %PDF- header (whatever its name). A
 * workbook reader joins here by its extension and its zip header. Anything else is refused (exit 2).
 */
export function readerFor(file: string): Reader {
  const head = firstBytes(file, 1024);
  if (head.includes('%PDF-')) return async (f, o) => (await import('../import/import-file.js')).importPdf(f, o);
  if (/^\.xlsx?$/i.test(extname(file)) && head.subarray(0, 2).toString('latin1') === 'PK') {
    throw new InputError([{ severity: 'error', rule: 'not-pdf', message: 'Excel 工作簿暂不支持导入：请给出已公开的决算 PDF', file }], 2);
  }
  // Anything else: refused in the words of the PDF reader (empty, not a PDF, unreadable).
  readPdfBytes(file);
  throw new InputError([{ severity: 'error', rule: 'not-pdf', message: '不是 PDF 文件（开头没有 %PDF- 标记）', file }], 2);
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

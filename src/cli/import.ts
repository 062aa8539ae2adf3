import { parseArgs } from 'node:util';
import { closeSync, openSync, readSync } from 'node:fs';
import { formatDiagnostic } from '../model/diagnostics.js';
import { UsageError } from '../failure/usage-error.js';

/**
 * `juesuan import <report.pdf> --dump-json`: reads a published report (any producer's PDF) and
 * prints what it read, as neutral JSON: parts, the nine tables' grids, 第三部分's paragraphs,
 * and what could not be read. Writing the department file from it comes later.
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
  if (positionals.length !== 1) throw new UsageError('import 需要且只需要一个 PDF 文件或 Excel 工作簿（.xlsx）');
  if (isWorkbook(positionals[0]!)) {
    if (values['dump-json']) throw new UsageError('--dump-json 只用于 PDF；工作簿直接写成 YAML 文件（-o 或 --into）');
    const { importWorkbook } = await import('./import-xlsx.js');
    return importWorkbook(positionals[0]!, { output: values.output, into: values.into, profile: values.profile, unit: values.unit, year: values.year, force: Boolean(values.force) });
  }
  for (const o of ['output', 'into', 'profile', 'unit', 'year', 'force'] as const) if (values[o] !== undefined) throw new UsageError(`--${o} 只用于导入 Excel 工作簿；PDF 目前只能 --dump-json`);
  if (!values['dump-json']) throw new UsageError('import 目前只输出读取结果：请加 --dump-json（写出 YAML 文件尚未提供）');
  // pdf.js loads here, for this command alone.
  const { readReport } = await import('../import/read-report.js');
  const report = await readReport(positionals[0]!);
  for (const f of report.findings) process.stderr.write(`${formatDiagnostic(f)}\n`);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return 0;
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

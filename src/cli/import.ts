import { parseArgs } from 'node:util';
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
    parsed = parseArgs({ args, options: { 'dump-json': { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('import 需要且只需要一个 PDF 文件');
  if (!values['dump-json']) throw new UsageError('import 目前只输出读取结果：请加 --dump-json（写出 YAML 文件尚未提供）');
  // pdf.js loads here, for this command alone.
  const { readReport } = await import('../import/read-report.js');
  const report = await readReport(positionals[0]!);
  for (const f of report.findings) process.stderr.write(`${formatDiagnostic(f)}\n`);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return 0;
}

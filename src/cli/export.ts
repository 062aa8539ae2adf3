import { parseArgs } from 'node:util';
import { loadDepartment } from '../load/index.js';
import { calculate } from '../calculate/index.js';
import { runChecks } from '../check/index.js';
import { formatDiagnostic } from '../model/diagnostics.js';
import { UsageError } from '../failure/usage-error.js';
import { defaultOutputPath } from '../io/output-path.js';
import { checkOutput, writeOutput, type OutputPolicy } from '../io/output-guard.js';

/**
 * `juesuan export <file.yaml> --xlsx [-o <file.xlsx>] [--force]`: the nine tables as an Excel
 * workbook (docs/xlsx.md). Checked first as render checks: with errors no workbook unless --force.
 * The default output is render's with .xlsx (data/2023/x.yaml → output/2023/x.xlsx); it replaces
 * an earlier workbook, never the YAML or any other file.
 */
export async function exportTables(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { xlsx: { type: 'boolean' }, output: { type: 'string', short: 'o' }, force: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('export 需要且只需要一个 YAML 文件');
  if (!values.xlsx) throw new UsageError('export 需要指明格式：目前只有 --xlsx（Excel 工作簿）');
  const input = positionals[0]!;
  const out = values.output ?? defaultOutputPath(input).replace(/\.pdf$/, '.xlsx');
  const policy: OutputPolicy = { inputs: [input], replace: 'xlsx' };
  checkOutput(out, policy);

  const calc = calculate(loadDepartment(input));
  const findings = runChecks(calc);
  // The errors stop it; the warnings are check's to list.
  const errors = findings.filter((f) => f.severity === 'error');
  for (const f of errors) process.stderr.write(`${formatDiagnostic(f)}\n`);
  if (errors.length > 0 && !values.force) {
    process.stderr.write('juesuan: 数据有错误，未导出工作簿（确需按原样导出可加 --force）\n');
    return 1;
  }
  const { exportWorkbook } = await import('../export/xlsx/index.js');
  writeOutput(out, await exportWorkbook(calc), policy);
  const warnings = findings.length - errors.length;
  process.stderr.write(`juesuan: 已导出 ${out}（${calc.loaded.profile.tables.length} 张表）${warnings ? `；数据另有 ${warnings} 个警告，可用 juesuan check 查看` : ''}\n`);
  return 0;
}

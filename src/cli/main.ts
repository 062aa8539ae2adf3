import { ignoreClosedPipes } from './closed-pipe.js';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closeSync, openSync, readSync } from 'node:fs';
import { loadDepartment } from '../load/index.js';
import { calculate } from '../calculate/index.js';
import { checkBeforeLayout, sortDiagnostics } from '../check/index.js';
import { InputError, formatDiagnostic, type Diagnostic } from '../model/diagnostics.js';
import { defaultOutputPath } from '../io/output-path.js';
import { checkOutput, writeOutput, type OutputPolicy } from '../io/output-guard.js';
import { packageVersion } from '../package-root.js';
import { UsageError } from '../failure/usage-error.js';
import { classifyFailure } from '../failure/classify.js';

const USAGE = `用法 (usage):
  juesuan render <file.yaml> [-o <file.pdf>] [--force] [--archive]   生成决算公开 PDF
  juesuan check <file.yaml|report.pdf> [--format text|json] [--archive]  校验数据（勾稽关系等）；给 PDF 时读取其文字后校验
  juesuan extract <file.pdf> [-o <file.yaml>] [--force]  取出 PDF 内嵌的源数据（默认写到当前文件夹的 <PDF 文件名>.yaml）
  juesuan migrate <file.yaml> [--in-place | -o <out.yaml>]  把旧表名 t01…t09 改为新表名
  juesuan new --from <上年.yaml> --year <年度> [--tables <book.xlsx>] [-o <file.yaml>] [--force]
                                                         据上一年度的文件起草新年度的数据文件（待办标记待逐项办完）
  juesuan import <report.pdf> [-o <file.yaml>] [--profile <name>|auto] [--force]  读取已公开的决算 PDF（任何软件生成），写出部门数据文件
  juesuan import <report.pdf> --dump-json                以 JSON 输出读到的表格与说明
  juesuan export <file.yaml> --xlsx [-o <file.xlsx>] [--force]  把九张决算表导出为 Excel 工作簿
  juesuan import <book.xlsx> [-o <file.yaml> | --into <file.yaml>] [--profile <名称>] [--unit 元|万元] [--year <年度>] [--force]
                                                         从 Excel 工作簿读入九张决算表，写成部门数据文件
  juesuan batch <dir|glob>... [-o <dir>] [--jobs N] [--changed] [--shard k/n] [--dry-run] [-v]
  juesuan batch merge <manifest.json...> [-o <dir>]
  juesuan studio [dir] [--port N]                        在浏览器中打开决算工作台（默认数据文件夹 data）

退出码 (exit codes): 0 成功；1 数据有错误；2 用法错误、文件无法读取或输出文件无法写出`;

/** Exit codes: 0 ok, 1 the data has errors, 2 usage, unreadable input, or an output refused. */
export async function main(argv: string[]): Promise<number> {
  ignoreClosedPipes();
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'render':
        // The renderer (fonts, layout, pdfkit) loads only for the commands that draw.
        return await render(rest, (await import('../render.js')).renderReportReadingFontsAhead);
      case 'check':
        return await check(rest);
      case 'extract': {
        // The PDF reader loads only for the command that reads PDFs.
        const { extract } = await import('./extract.js');
        return await extract(rest);
      }
      case 'migrate':
        return await migrateCommand(rest);
      case 'new':
        return await newCommand(rest);
      case 'import': {
        const { importReport } = await import('./import.js');
        return await importReport(rest);
      }
      case 'export': {
        const { exportTables } = await import('./export.js');
        return await exportTables(rest);
      }
      case 'batch': {
        const { batch } = await import('./batch.js');
        return await batch(rest);
      }
      case 'studio': {
        const { studio } = await import('./studio.js');
        return await studio(rest);
      }
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(`${USAGE}\n`);
        return 0;
      case '--version':
        process.stdout.write(`juesuan ${packageVersion()}\n`);
        return 0;
      default:
        return usage(command ? `未知命令：${command}` : '缺少命令');
    }
  } catch (e) {
    return reportFailure(e);
  }
}

function usage(message: string): number {
  process.stderr.write(`juesuan: ${message}\n\n${USAGE}\n`);
  return 2;
}

/** Known failures print their diagnostics; anything else prints one line, never a stack trace. */
export function reportFailure(e: unknown): number {
  const failure = classifyFailure(e, 'juesuan');
  if (failure.kind === 'usage') return usage(failure.diagnostics[0]!.message);
  if (failure.kind === 'internal') {
    process.stderr.write(`juesuan: ${failure.diagnostics[0]!.message}\n（请把输入文件和这条信息反馈给维护者；设置 JUESUAN_DEBUG=1 可看到详细堆栈）\n`);
    if (failure.stack) process.stderr.write(`${failure.stack}\n`);
    return failure.exitCode;
  }
  process.stderr.write(`${failure.diagnostics.map(formatDiagnostic).join('\n')}\n`);
  return failure.exitCode;
}

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

async function render(args: string[], renderReport: typeof import('../render.js').renderReportReadingFontsAhead): Promise<number> {
  const { values, positionals } = parse(args, { output: { type: 'string', short: 'o' }, force: { type: 'boolean' }, archive: { type: 'boolean' } });
  if (positionals.length !== 1) return usage('render 需要且只需要一个 YAML 文件');
  const input = positionals[0];
  const out = (values.output as string | undefined) ?? defaultOutputPath(input);
  // Replaces a PDF (an earlier render), never the YAML or any other file; said before the work.
  const policy: OutputPolicy = { inputs: [input], replace: 'pdf' };
  checkOutput(out, policy);
  const outcome = await renderReport(input, { force: Boolean(values.force), archive: Boolean(values.archive) });
  printFindings(outcome.findings, process.stderr);
  if (!outcome.pdf) {
    process.stderr.write(`juesuan: 数据有错误，未生成 PDF（确需按原样生成可加 --force）\n`);
    return 1;
  }
  writeOutput(out, outcome.pdf, policy);
  process.stderr.write(`juesuan: 已生成 ${out}（${outcome.pages} 页）\n`);
  return 0;
}

async function check(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { format: { type: 'string', default: 'text' }, archive: { type: 'boolean' } });
  if (positionals.length !== 1) return usage('check 需要且只需要一个 YAML 文件或一个决算 PDF');
  const format = values.format as string;
  if (format !== 'text' && format !== 'json') return usage(`--format 只能是 text 或 json，而不是 ${format}`);
  const archive = Boolean(values.archive);
  let findings: Diagnostic[];
  try {
    if (isPdf(positionals[0])) {
      // A published report: read in memory (nothing written), then every rule (src/cli/check-pdf.ts).
      const { checkPdf } = await import('./check-pdf.js');
      findings = await checkPdf(positionals[0], { archive });
    } else {
      findings = await checkYaml(positionals[0], archive);
    }
  } catch (e) {
    if (e instanceof InputError && format === 'json') {
      process.stdout.write(`${JSON.stringify(e.diagnostics.map(jsonFinding), null, 2)}\n`);
      return e.exitCode;
    }
    throw e;
  }
  if (format === 'json') process.stdout.write(`${JSON.stringify(findings.map(jsonFinding), null, 2)}\n`);
  else printFindings(findings, process.stdout, true);
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

async function checkYaml(file: string, archive: boolean): Promise<Diagnostic[]> {
  const calc = calculate(loadDepartment(file));
  const checked = checkBeforeLayout(calc, { archive });
  let findings = checked.findings;
  // The glyphs as render lays them out, and the words as laid out for the rules that read them
  // (fonts, layout: loaded only here, as for render).
  const { layoutFindings } = await import('../render.js');
  const { glyphs, printed } = await layoutFindings(calc, { dataHasErrors: findings.some((f) => f.severity === 'error') });
  if (printed) findings = checked.afterLayout(printed);
  return glyphs.length > 0 ? sortDiagnostics([...findings, ...glyphs]) : findings;
}

/**
 * A PDF by its first bytes, whatever its name (a YAML file never starts with %PDF-), or by its
 * name: a .pdf that is none is refused by the PDF reader, in its words.
 */
function isPdf(file: string): boolean {
  if (/\.pdf$/i.test(file)) return true;
  try {
    const fd = openSync(file, 'r');
    try {
      const head = Buffer.alloc(1024);
      return head.subarray(0, readSync(fd, head, 0, 1024, 0)).includes('%PDF-');
    } finally {
      closeSync(fd);
    }
  } catch {
    // Unreadable: the YAML reader says why, in its words.
    return false;
  }
}

function jsonFinding(d: Diagnostic) {
  return {
    severity: d.severity,
    rule: d.rule,
    message: d.message,
    file: d.file,
    line: d.line ?? null,
    column: d.column ?? null,
    expected: d.expected ?? null,
    actual: d.actual ?? null,
  };
}

function printFindings(findings: Diagnostic[], stream: NodeJS.WritableStream, summary = false): void {
  for (const f of findings) stream.write(`${formatDiagnostic(f)}\n`);
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (summary || findings.length) stream.write(`${errors} 个错误，${findings.length - errors} 个警告\n`);
}

async function migrateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { 'in-place': { type: 'boolean' }, output: { type: 'string', short: 'o' } });
  if (positionals.length !== 1) return usage('migrate 需要且只需要一个 YAML 文件');
  if (values['in-place'] && values.output !== undefined) return usage('--in-place 与 -o 只能选一个');
  const { migrate } = await import('./migrate.js');
  return migrate(positionals[0], { inPlace: Boolean(values['in-place']), output: values.output as string | undefined }, process.stderr, process.stdout);
}

async function newCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    from: { type: 'string' },
    year: { type: 'string' },
    tables: { type: 'string' },
    output: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
  });
  if (positionals.length > 0) return usage(`new 不接受文件名参数 ${positionals.join(' ')}：来源文件请用 --from 给出`);
  const { newYear } = await import('./new-year.js');
  return newYear(
    {
      from: values.from as string | undefined,
      year: values.year as string | undefined,
      tables: values.tables as string | undefined,
      output: values.output as string | undefined,
      force: Boolean(values.force),
    },
    process.stderr,
  );
}

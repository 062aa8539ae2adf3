import { parseArgs } from 'node:util';
import { InputError } from '../model/diagnostics.js';
import { readPdfBytes } from '../io/read-pdf.js';
import { UsageError } from '../failure/usage-error.js';
import { checkOutput, writeOutput, type OutputPolicy } from '../io/output-guard.js';
import { defaultExtractPath } from '../io/output-path.js';
import { readPdfObjects } from './pdf-objects.js';
import { embeddedSource, MAX_ATTACHMENT_BYTES } from './embedded-source.js';

/** A published report is a few MB; a PDF far larger is not one of ours. */

/**
 * `juesuan extract <file.pdf> [-o <file.yaml>] [--force]`: writes back the YAML embedded in a
 * PDF. Without -o the name comes from the PDF's own file name (p.pdf → p.yaml in the current
 * folder), never from inside the PDF; an existing file is replaced only with --force, and the
 * PDF itself never.
 */
export async function extract(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { output: { type: 'string', short: 'o' }, force: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('extract 需要且只需要一个 PDF 文件');
  const input = positionals[0]!;
  const out = values.output ?? defaultExtractPath(input);
  const policy: OutputPolicy = { inputs: [input], replace: values.force ? 'any' : 'never' };

  const pdf = readPdfBytes(input);
  checkOutput(out, policy);
  const source = await readSource(pdf, input);
  writeOutput(out, source.content, policy);
  if (source.checksum === 'absent') {
    process.stderr.write(`${input}: warning [no-checksum] PDF 没有记载源数据的校验和，无法核对内容是否完整\n`);
  }
  const named = source.name && source.name !== out ? `（PDF 中记载的原文件名为 ${source.name}）` : '';
  process.stderr.write(`juesuan: 已写出 ${out}${named}\n`);
  return 0;
}

/** The verified source; whatever else a damaged or hostile file makes the reader throw is damage, said so. */
async function readSource(pdf: Buffer, file: string) {
  try {
    return embeddedSource(await readPdfObjects(pdf, file, MAX_ATTACHMENT_BYTES), file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError([{ severity: 'error', rule: 'damaged-pdf', message: 'PDF 文件已损坏，无法读取其结构', file }], 2);
  }
}


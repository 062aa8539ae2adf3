import { existsSync, readFileSync, statSync } from 'node:fs';
import { InputError } from '../model/diagnostics.js';
import { migrateTableKeys } from '../load/migrate-keys.js';
import { readSource } from '../load/read-source.js';
import { writeAtomic } from '../io/write-atomic.js';
import { sameFile } from '../io/output-guard.js';

export interface MigrateOptions {
  inPlace: boolean;
  output?: string;
}

const BOM = '\uFEFF';

/**
 * `juesuan migrate <file.yaml> [--in-place | -o out.yaml]`: the file with its old table keys
 * renamed, to standard output, to another file, or in place with the previous file kept as
 * <file>.bak. Every write is atomic; an input is never overwritten except by --in-place, and an
 * older backup never.
 */
export function migrate(input: string, options: MigrateOptions, err: NodeJS.WritableStream, out: NodeJS.WritableStream): number {
  const refuse = (file: string, rule: string, message: string): never => {
    throw new InputError([{ severity: 'error', rule, message, file }], 2);
  };
  if (options.output !== undefined && sameFile(input, options.output)) {
    refuse(options.output, 'same-file', `输出文件就是输入文件 ${input}，未作修改；要改写原文件请用 --in-place（原文件留作 ${input}.bak）`);
  }
  if (options.output !== undefined && existsSync(options.output) && !statSync(options.output).isFile()) {
    refuse(options.output, 'not-a-file', '输出路径已存在且不是文件（是目录？），未作修改');
  }
  const text = readSource(input);
  const bom = readFileSync(input).subarray(0, 3).equals(Buffer.from(BOM)) ? BOM : '';
  const { text: migrated, renamed } = migrateTableKeys(text, input);
  const result = bom + migrated;
  const said = renamed.map((r) => `${r.from} → ${r.to}（第 ${r.line} 行）`).join('，');

  if (options.inPlace) {
    if (renamed.length === 0) {
      err.write(`juesuan: ${input} 中没有旧表名，未作修改\n`);
      return 0;
    }
    const backup = `${input}.bak`;
    const original = readFileSync(input);
    if (existsSync(backup) && !readFileSync(backup).equals(original)) {
      refuse(backup, 'backup-exists', `备份文件已存在且与 ${input} 不同，为免覆盖未作修改；请先移走它，或用 -o 写到新文件`);
    }
    writeAtomic(backup, original);
    writeAtomic(input, result);
    err.write(`juesuan: 已改写 ${input}：${said}；原文件保留为 ${backup}\n`);
    return 0;
  }
  if (options.output !== undefined) {
    writeAtomic(options.output, result);
    err.write(`juesuan: 已写出 ${options.output}${renamed.length ? `：${said}` : `（${input} 中没有旧表名，内容未变）`}\n`);
    return 0;
  }
  out.write(result);
  if (renamed.length === 0) err.write(`juesuan: ${input} 中没有旧表名，内容未变\n`);
  return 0;
}


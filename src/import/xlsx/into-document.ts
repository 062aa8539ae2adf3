import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { InputError } from '../../model/diagnostics.js';
import { readFull } from '../../load/yaml-full.js';

let yamlPackage: typeof Yaml | undefined;
const yaml = (): typeof Yaml => (yamlPackage ??= createRequire(import.meta.url)('yaml') as typeof Yaml);

/**
 * A department file's text with its `tables:` replaced and nothing else changed: as `migrate`
 * does (src/load/migrate-keys.ts), the file is edited where the yaml package's parse places the
 * tables, so comments, order, quoting and layout elsewhere stay exactly as written. A file
 * without `tables:` gets them at its end.
 */
export function replaceTables(text: string, file: string, tablesBlock: string): string {
  readFull(text, file); // YAML errors, as loading reports them
  const { parseDocument, isMap, isScalar } = yaml();
  const doc = parseDocument(text, { keepSourceTokens: true });
  if (!isMap(doc.contents)) throw new InputError([{ severity: 'error', rule: 'into-not-mapping', message: '文件的顶层不是映射（key: value），无法写入 tables', file }], 1);
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'tables');
  let out: string;
  if (!pair) {
    out = `${text}${text.endsWith('\n') || text === '' ? '' : '\n'}${tablesBlock}\n`;
  } else {
    const key = pair.key as Yaml.Scalar;
    const value = pair.value as Yaml.Node | null;
    const keyStart = key.range![0];
    if (text.slice(text.lastIndexOf('\n', keyStart - 1) + 1, keyStart).trim() !== '') {
      throw new InputError([{ severity: 'error', rule: 'into-layout', message: 'tables 不在行首，无法只替换这一部分；请把 tables: 写在单独一行', file }], 1);
    }
    // The value ends at its last item; the blank lines and comments after it belong to what follows.
    let end = value?.range ? value.range[1] : key.range![1];
    while (end > keyStart && /\s/.test(text[end - 1]!)) end--;
    out = text.slice(0, keyStart) + keepTableComments(text.slice(keyStart, end), tablesBlock) + text.slice(end);
  }
  readFull(out, file);
  return out;
}

/**
 * The comment a file wrote after each table's key ("summary:  # 公开01 收入支出决算总表") goes
 * onto the new table's first line: the tables change, what the officer noted about them stays.
 */
function keepTableComments(oldBlock: string, newBlock: string): string {
  const comments = new Map<string, string>();
  for (const m of oldBlock.matchAll(/^ {2}([a-z_]+):[^\n#]*?(#[^\n]*)$/gm)) comments.set(m[1]!, m[2]!);
  return newBlock.replace(/^ {2}([a-z_]+):(.*)$/gm, (line, k: string) => (comments.has(k) ? `${line}  ${comments.get(k)}` : line));
}

import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { LEGACY_TABLE_KEYS, type TableKey } from '../model/tables.js';
import { InputError } from '../model/diagnostics.js';
import { renameLegacyTables } from './legacy-keys.js';
import { readFull } from './yaml-full.js';

/** Loaded on first use, as in yaml-full.ts: no other command pays for it at start-up. */
let yamlPackage: typeof Yaml | undefined;
const yaml = (): typeof Yaml => (yamlPackage ??= createRequire(import.meta.url)('yaml') as typeof Yaml);

export interface KeyRename {
  from: string;
  to: TableKey;
  line: number;
}

/**
 * A department file's text with its old table keys (tables.t01…t09) renamed, and nothing else
 * changed: the keys are rewritten in the yaml package's concrete syntax tree, which gives back
 * the source exactly (comments, order, quoting, flow style, line ends), so only the key text
 * differs. Refuses (InputError) what cannot be read, a table under both keys, and a rename that
 * did not take (e.g. keys reached through an alias).
 */
export function migrateTableKeys(text: string, file: string): { text: string; renamed: KeyRename[] } {
  renameLegacyTables(readFull(text, file), text); // YAML errors and old + new key for one table, as loading reports them
  const { Parser, Composer, CST, LineCounter, isMap, isScalar } = yaml();
  const lineCounter = new LineCounter();
  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  const [doc] = [...new Composer({ keepSourceTokens: true }).compose(tokens)];
  const renamed: KeyRename[] = [];
  const tables = doc?.get('tables', true);
  if (isMap(tables)) {
    for (const pair of tables.items) {
      const key = pair.key;
      if (!isScalar(key) || typeof key.value !== 'string' || !Object.hasOwn(LEGACY_TABLE_KEYS, key.value) || !key.srcToken) continue;
      const to = LEGACY_TABLE_KEYS[key.value];
      renamed.push({ from: key.value, to, line: lineCounter.linePos(key.range?.[0] ?? 0).line });
      CST.setScalarValue(key.srcToken, to);
    }
  }
  const out = tokens.map((t) => CST.stringify(t)).join('');
  if (renameLegacyTables(readFull(out, file), out).warnings.length > 0) {
    throw new InputError(
      [{ severity: 'error', rule: 'migrate', message: '旧表名无法自动改写（可能经由锚点 & / 别名 * 引用）；请手工把 tables 下的 t01…t09 改为 summary 等新表名（见 docs/data-format.md）', file }],
      1,
    );
  }
  return { text: out, renamed };
}

import { LEGACY_TABLE_KEYS, TABLES, type TableKey } from '../model/tables.js';
import { InputError, type Diagnostic } from '../model/diagnostics.js';
import type { Locator, ParsedSource } from './parsed.js';

export interface Renamed extends ParsedSource {
  /** One deprecation warning when the file used the old keys. */
  warnings: Diagnostic[];
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Files written before the tables had names (tables.t01…t09) still load: their tables are read
 * under the new keys, every position is looked up under the key the file wrote, and one warning
 * says how to migrate. The same table under both keys is an error naming both lines.
 */
export function renameLegacyTables(parsed: ParsedSource, text: string): Renamed {
  const { data, locator } = parsed;
  const keyAt = (key: string) => keyPosition(text, key) ?? locator.locate(['tables', key]);
  if (!isMap(data) || !isMap(data.tables)) return { ...parsed, warnings: [] };
  const tables = data.tables;
  const written = new Map<TableKey, string>();
  for (const key of Object.keys(tables)) {
    if (!Object.hasOwn(LEGACY_TABLE_KEYS, key)) continue;
    const renamed = LEGACY_TABLE_KEYS[key];
    if (Object.hasOwn(tables, renamed)) throw bothKeys(locator.file, keyAt, key, renamed);
    written.set(renamed, key);
  }
  if (written.size === 0) return { ...parsed, warnings: [] };

  const out: Record<string, unknown> = Object.create(null);
  for (const [key, value] of Object.entries(tables)) out[Object.hasOwn(LEGACY_TABLE_KEYS, key) ? LEGACY_TABLE_KEYS[key] : key] = value;
  const renamedData: Record<string, unknown> = Object.create(null);
  for (const [key, value] of Object.entries(data)) renamedData[key] = key === 'tables' ? out : value;

  const asWritten = (path: readonly (string | number)[]) => {
    const old = path[0] === 'tables' && typeof path[1] === 'string' ? written.get(path[1] as TableKey) : undefined;
    return old === undefined ? path : ['tables', old, ...path.slice(2)];
  };
  const renamedLocator: Locator = { file: locator.file, locate: (path) => locator.locate(asWritten(path)), written: asWritten };

  const [firstNew, firstOld] = [...written.entries()][0];
  const message =
    written.size > 1
      ? `${firstOld} 等旧表名已停用，请运行 juesuan migrate 改为 ${firstNew} 等新表名（本次仍按旧表名读取）`
      : `旧表名 ${firstOld} 已停用，请运行 juesuan migrate 改为新表名 ${firstNew}（本次仍按旧表名读取）`;
  const warning: Diagnostic = {
    severity: 'warning',
    rule: 'deprecated-table-keys',
    message,
    file: locator.file,
    ...keyAt(firstOld),
  };
  return { data: renamedData, locator: renamedLocator, warnings: [warning] };
}

type Position = { line: number; column: number } | undefined;

function bothKeys(file: string, keyAt: (key: string) => Position, old: string, key: TableKey): InputError {
  const oldAt = keyAt(old);
  const newAt = keyAt(key);
  const later = (oldAt?.line ?? 0) > (newAt?.line ?? 0) ? oldAt : newAt;
  return new InputError(
    [
      {
        severity: 'error',
        rule: 'duplicate-table',
        message: `tables.${old}（第 ${oldAt?.line ?? '?'} 行）与 tables.${key}（第 ${newAt?.line ?? '?'} 行）是同一张表（${TABLES[key].title}）：${old} 是旧表名，请只保留 ${key}`,
        file,
        ...later,
      },
    ],
    1,
  );
}

/**
 * Where a key of `tables:` is written, for messages that point at the key itself (the locator
 * knows values): the line after `tables:`, at the indentation of its first key, that starts with
 * that key. Undefined for a layout this does not read (the caller falls back to the value).
 */
function keyPosition(text: string, key: string): Position {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^tables\s*:\s*(#.*)?$/.test(l));
  if (start < 0) return undefined;
  let indent: string | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*(#.*)?$/.test(line)) continue;
    const own = /^\s*/.exec(line)![0];
    if (own === '') return undefined;
    indent ??= own;
    if (own !== indent) continue;
    const rest = line.slice(own.length);
    if (rest.startsWith(`${key}:`) || rest.startsWith(`${key} :`) || rest.startsWith(`"${key}":`) || rest.startsWith(`'${key}':`)) return { line: i + 1, column: own.length + 1 };
  }
  return undefined;
}

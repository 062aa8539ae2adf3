import { TABLE_KEYS } from '../../model/tables.js';
import type { ImportedTables } from './read-tables.js';

/**
 * The `tables:` block of a department file, written as the samples write it: one flow mapping
 * per row, amounts as plain numbers with the decimals read, codes bare, names quoted; the tables
 * in `order` (an existing file's) where given.
 */
export function tablesYaml(tables: ImportedTables, order: readonly string[] = [], indent = '  '): string {
  const lines = ['tables:'];
  // A file's own order of its tables first (--into), then the registry's.
  const keys = [...order.filter((k) => (TABLE_KEYS as readonly string[]).includes(k)), ...TABLE_KEYS.filter((k) => !order.includes(k))] as typeof TABLE_KEYS;
  for (const key of keys) {
    const t = tables[key] as Record<string, unknown> | undefined;
    if (!t) continue;
    lines.push(...block(key, t, indent, 1));
  }
  return lines.join('\n');
}

function block(key: string, value: unknown, indent: string, depth: number): string[] {
  const pad = indent.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${pad}${key}: []`];
    return [`${pad}${key}:`, ...value.map((v) => `${pad}${indent}- ${flow(v as Record<string, string>)}`)];
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return [`${pad}${key}: {}`];
    if (entries.every(([, v]) => typeof v === 'string')) return [`${pad}${key}: ${flow(value as Record<string, string>)}`];
    if (entries.length === 1 && Array.isArray(entries[0]![1]) && entries[0]![1].length === 0) return [`${pad}${key}: {${entries[0]![0]}: []}`];
    return [`${pad}${key}:`, ...entries.flatMap(([k, v]) => block(k, v, indent, depth + 1))];
  }
  return [`${pad}${key}: ${String(value)}`];
}

/** {code: 201, total: 596.02}: a code key of a 总表's 类 is quoted ("201"), a code value bare. */
function flow(o: Record<string, string>): string {
  const items = Object.entries(o).map(([k, v]) => `${/^\d+$/.test(k) ? `"${k}"` : k}: ${k === 'name' ? JSON.stringify(v) : v}`);
  return `{${items.join(', ')}}`;
}

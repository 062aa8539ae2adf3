import { join } from 'node:path';
import { z } from 'zod';
import { PACKAGE_ROOT } from '../package-root.js';
import { TABLE_KEYS, TABLES, type TableEntry } from '../model/tables.js';
import { InputError } from '../model/diagnostics.js';
import { parseYaml } from './parse-yaml.js';
import { readSource } from './read-source.js';
import { text } from './schema-parts.js';
import { validate } from './validate.js';

/** The form set every department file uses until files can name their own. */
export const DEFAULT_PROFILE = 'hubei-wuhan-2023';

const entrySchema = z.strictObject({
  key: z.enum(TABLE_KEYS as [string, ...string[]]),
  label: text().optional(),
  title: text().optional(),
  toc: text(),
  orientation: z.enum(['portrait', 'landscape']),
  line_numbers: z.boolean().default(false),
});
const tableListSchema = z.strictObject({ tables: z.array(entrySchema).min(1) });

const cache = new Map<string, TableEntry[]>();

/** The tables of 第二部分 as a form set prints them: profiles/<profile>/tables.yaml, in order. */
export function loadTableList(profile = DEFAULT_PROFILE, root = PACKAGE_ROOT): TableEntry[] {
  const file = join(root, 'profiles', profile, 'tables.yaml');
  const hit = cache.get(file);
  if (hit) return hit;
  const parsed = parseYaml(readSource(file), file);
  const entries = validate(tableListSchema, parsed.data, parsed.locator).tables.map(
    ({ line_numbers, ...e }): TableEntry => ({ ...e, key: e.key as TableEntry['key'], title: e.title ?? TABLES[e.key as TableEntry['key']].title, lineNumbers: line_numbers }),
  );
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (seen.has(e.key)) {
      throw new InputError([{ severity: 'error', rule: 'table-list', message: `表 ${e.key} 在表式中列了两次`, file, ...parsed.locator.locate(['tables', i, 'key']) }], 1);
    }
    seen.add(e.key);
  });
  cache.set(file, entries);
  return entries;
}

import { basename } from 'node:path';
import type { Diagnostic } from '../../model/diagnostics.js';
import type { Profile } from '../../model/profile.js';
import type { Catalog } from '../../load/catalog.js';
import { readWorkbookTables, type Unit } from './index.js';
import { tablesYaml } from './tables-yaml.js';

/**
 * A new department file from a workbook's tables: the head (form set, year, catalog, department
 * as the workbook names it) and `tables:`; the rest (cover, 概况, 情况说明) is the officer's to add.
 * Shared by `juesuan import <book.xlsx> -o` and the studio's dropped workbook.
 */
export async function workbookDepartmentFile(
  book: string,
  o: { id: string; department: string | undefined; profile: Profile; year: number; catalogName: string; catalog: Catalog; unit?: Unit },
): Promise<{ text: string; tables: number; findings: Diagnostic[] }> {
  const result = await readWorkbookTables(book, { profile: o.profile, unit: o.unit, catalog: o.catalog });
  const text = [
    `# 由 juesuan import 从 ${basename(book)} 读入第二部分的表格；封面、概况、情况说明等其余部分待补（docs/data-format.md）。`,
    'format: 1',
    `profile: ${o.profile.name}`,
    `year: ${o.year}`,
    `catalog: ${o.catalogName}`,
    'department:',
    `  id: ${JSON.stringify(o.id)}`,
    `  name: ${JSON.stringify(o.department ?? '')}`,
    `  short_name: ${JSON.stringify(o.department ?? '')}`,
    tablesYaml(result.tables),
    '',
  ].join('\n');
  return { text, tables: Object.keys(result.tables).length, findings: result.findings };
}

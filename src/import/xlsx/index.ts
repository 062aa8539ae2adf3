import { basename } from 'node:path';
import { InputError, type Diagnostic } from '../../model/diagnostics.js';
import type { Profile } from '../../model/profile.js';
import type { Catalog } from '../../load/catalog.js';
import { openWorkbook } from './open-workbook.js';
import { sheetGrid, norm } from './sheet-grid.js';
import { findTables } from './find-tables.js';
import { readTable, type ImportedTables } from './read-tables.js';
import { Problems } from './problems.js';
import type { Unit } from './amounts.js';

export type { ImportedTables } from './read-tables.js';
export type { Unit } from './amounts.js';
export { workbookKind } from './open-workbook.js';

export interface WorkbookTables {
  tables: ImportedTables;
  /** Warnings (rounding tails of a workbook in 元); errors are thrown. */
  findings: Diagnostic[];
}

/** The keyword `export` writes into a workbook's properties (src/export/xlsx/index.ts). */
const PROFILE_KEYWORD = /juesuan-profile:([a-z0-9-]+)/;

/**
 * What a workbook says of itself before its tables are read: the form set `export` wrote into it,
 * the year ("2023年度…" in its title or first rows), the department ("部门：…").
 */
export async function workbookFacts(file: string): Promise<{ profile?: string; year?: number; department?: string }> {
  const wb = await openWorkbook(file);
  const texts = wb.worksheets.flatMap((ws) => {
    const out: string[] = [ws.name];
    for (let r = 1; r <= Math.min(ws.rowCount, 8); r++) ws.getRow(r).eachCell((cell) => out.push(norm(cell.text ?? '')));
    return out;
  });
  const year = [wb.title ?? '', ...texts].map((t) => /(20\d{2})年度?/.exec(t)?.[1]).find((y) => y !== undefined);
  const department = texts.map((t) => /^部门[:：](.+)$/.exec(t)?.[1]).find((d) => d) ?? (wb.creator || undefined);
  return { profile: PROFILE_KEYWORD.exec(wb.keywords ?? '')?.[1], year: year ? Number(year) : undefined, department };
}

/**
 * The nine tables of a workbook of 公开 tables, in the data file's shape (amounts in 万元 as
 * text, each cell rounded by the report's rule), read for a form set and a year's catalog.
 * Throws InputError: exit 2 when the file is no readable workbook or holds none of the tables,
 * exit 1 with every problem at its `book.xlsx!Sheet!C12` otherwise.
 *
 * This is what `juesuan new --from … --tables book.xlsx` calls to take its tables from a workbook.
 */
export async function readWorkbookTables(file: string, options: { profile: Profile; catalog: Catalog; unit?: Unit }): Promise<WorkbookTables> {
  const wb = await openWorkbook(file);
  const problems = new Problems(file);
  const grids = wb.worksheets.filter((ws) => ws.state !== 'veryHidden').map(sheetGrid);
  const found = findTables(grids, options.profile);
  if (found.length === 0) {
    throw new InputError([{ severity: 'error', rule: 'xlsx-no-tables', message: `工作簿中没有找到决算公开表（按表名如“收入支出决算总表”或表号如“公开01”查找；共 ${grids.length} 个工作表：${grids.map((g) => g.name).join('、')}）`, file: basename(file) }], 2);
  }
  const tables: ImportedTables = {};
  for (const entry of options.profile.tables) {
    const f = found.find((x) => x.key === entry.key);
    if (!f) {
      problems.error('xlsx-missing-table', `工作簿中没有“${entry.title}”${entry.label ? `（${entry.label}）` : ''}这张表`);
      continue;
    }
    readTable(f, entry, { unit: options.unit, problems, catalog: options.catalog, profile: options.profile }, tables);
  }
  if (problems.errors > 0) throw new InputError(problems.list, 1);

  return { tables, findings: problems.list };
}

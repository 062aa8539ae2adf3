import { loadCatalog } from '../load/catalog.js';
import { loadProfile } from '../load/profile.js';
import type { Diagnostic } from '../model/diagnostics.js';

/** What `new --tables` asks of the workbook reader: the tables of the new year's form set. */
export interface WorkbookTablesOptions {
  /** The form set (profiles/<name>) whose tables the workbook holds. */
  profile: string;
  /** The year the tables report on: its catalog names the codes. */
  year: number;
  /** The data folder whose catalog/<year>.yaml is used. */
  dataDir: string;
}

/**
 * The nine tables of a workbook (`juesuan import <book.xlsx>`'s reader) as the `tables:` block of
 * a department file, with the reader's warnings (rounding tails); an InputError naming
 * book.xlsx!Sheet!Cell when the workbook cannot give them.
 */
export async function readWorkbookTables(path: string, options: WorkbookTablesOptions): Promise<{ text: string; findings: Diagnostic[] }> {
  // exceljs loads here, for this option alone.
  const { readWorkbookTables: read } = await import('../import/xlsx/index.js');
  const { tablesYaml } = await import('../import/xlsx/tables-yaml.js');
  const profile = loadProfile(options.profile, { file: path });
  const catalog = loadCatalog(String(options.year), options.dataDir, { file: path });
  const { tables, findings } = await read(path, { profile, catalog });
  return { text: tablesYaml(tables), findings };
}

import { readSource } from './read-source.js';
import { parseYaml } from './parse-yaml.js';
import type { Locator } from './parsed.js';
import { validate } from './validate.js';
import { departmentSchema, type Department } from './schema.js';
import { loadCatalog, type Catalog } from './catalog.js';
import { printableText } from './printable.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { renameLegacyTables } from './legacy-keys.js';
import { loadTableList } from './table-list.js';
import { findDataDir } from './data-dir.js';
import type { TableEntry } from '../model/tables.js';

export interface Loaded {
  model: Department;
  catalog: Catalog;
  locator: Locator;
  /** The tables of 第二部分 in the order, and under the titles and labels, the form set prints them. */
  tableList: TableEntry[];
  /** The source text exactly as read (embedded in the PDF). */
  sourceText: string;
  file: string;
  /**
   * What loading found worth saying without refusing the file: old table keys
   * (src/load/legacy-keys.ts), characters the text rule removed (src/load/printable.ts).
   */
  notes: Diagnostic[];
}

/**
 * YAML file → typed model with source positions. Throws InputError (exit 2: unreadable;
 * exit 1: invalid data) with diagnostics naming file, line and field.
 */
export function loadDepartment(file: string, options: { dataDir?: string } = {}): Loaded {
  const sourceText = readSource(file);
  const parsed = renameLegacyTables(parseYaml(sourceText, file), sourceText);
  const printable = printableText(parsed.data, parsed.locator, sourceText);
  const model = validate(departmentSchema, printable.data, parsed.locator, sourceText);
  const dataDir = options.dataDir ?? findDataDir(file);
  const catalog = loadCatalog(model.catalog, dataDir, { file, ...parsed.locator.locate(['catalog']) });
  const notes = [...parsed.warnings, ...printable.notes, ...catalog.notes];
  return { model, catalog, locator: parsed.locator, tableList: loadTableList(), sourceText, file, notes };
}

import { dirname, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { readSource } from './read-source.js';
import { parseYaml } from './parse-yaml.js';
import type { Locator } from './parsed.js';
import { validate } from './validate.js';
import { departmentSchema, type Department } from './schema.js';
import { loadCatalog, type Catalog } from './catalog.js';
import { printableText } from './printable.js';
import type { Diagnostic } from './diagnostics.js';

export interface Loaded {
  model: Department;
  catalog: Catalog;
  locator: Locator;
  /** The source text exactly as read (embedded in the PDF). */
  sourceText: string;
  file: string;
  /** Warnings of the loading itself: characters removed by the text rule (src/load/printable.ts). */
  notes: Diagnostic[];
}

/**
 * YAML file → typed model with source positions. Throws InputError (exit 2: unreadable;
 * exit 1: invalid data) with diagnostics naming file, line and field.
 */
export function loadDepartment(file: string, options: { dataDir?: string } = {}): Loaded {
  const sourceText = readSource(file);
  const parsed = parseYaml(sourceText, file);
  const printable = printableText(parsed.data, parsed.locator, sourceText);
  const model = validate(departmentSchema, printable.data, parsed.locator, sourceText);
  const dataDir = options.dataDir ?? findDataDir(file);
  const catalog = loadCatalog(model.catalog, dataDir, { file, ...parsed.locator.locate(['catalog']) });
  return { model, catalog, locator: parsed.locator, sourceText, file, notes: [...printable.notes, ...catalog.notes] };
}

/** The catalog lives in <data>/catalog: the nearest ancestor holding one, else ./data. */
function findDataDir(file: string): string {
  let dir = dirname(resolve(file));
  for (;;) {
    if (existsSync(resolve(dir, 'catalog'))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve('data');
    dir = up;
  }
}


import { join } from 'node:path';
import { readSource } from './read-source.js';
import { parseYaml } from './parse-yaml.js';
import { validate } from './validate.js';
import { catalogSchema, type CatalogData } from './schema.js';
import { InputError, type Diagnostic } from './diagnostics.js';
import { printableText } from './printable.js';

export type Level = '类' | '款' | '项';

/** The year's classification catalog: codes → names, and the official forms' fixed row lists. */
export class Catalog {
  constructor(
    readonly data: CatalogData,
    readonly file: string,
    /** Characters the text rule removed from the catalog's names (src/load/printable.ts). */
    readonly notes: Diagnostic[] = [],
  ) {}

  get year(): number {
    return this.data.year;
  }

  functionalName(code: string): string | undefined {
    return this.data.functional[code];
  }

  economicName(code: string): string | undefined {
    return this.data.economic[code];
  }

  /** 类 = 3 digits, 款 = 5, 项 = 7 (economic codes: 类 3, 款 5). */
  static level(code: string): Level {
    return code.length === 3 ? '类' : code.length === 5 ? '款' : '项';
  }

  /** "社会保障和就业支出（类）行政事业单位养老支出（款）…（项）": the path of names down to a 项. */
  functionalPath(code: string): { level: Level; code: string; name: string | undefined }[] {
    const parts = [code.slice(0, 3), code.slice(0, 5), code.slice(0, 7)].filter((c, i, a) => c.length === [3, 5, 7][i] && a.indexOf(c) === i);
    return parts.map((c) => ({ level: Catalog.level(c), code: c, name: this.functionalName(c) }));
  }
}

const cache = new Map<string, Catalog>();

/** Catalog names are plain identifiers ("2023"): a name with a path in it is refused. */
export function loadCatalog(name: string, dataDir: string, referrer: { file: string; line?: number; column?: number }): Catalog {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) {
    throw new InputError([{ severity: 'error', rule: 'path-escape', message: `catalog 应为目录 data/catalog 下的文件名（如 2023），不能含路径：${name}`, ...referrer }], 1);
  }
  const file = join(dataDir, 'catalog', `${name}.yaml`);
  const hit = cache.get(file);
  if (hit) return hit;
  const text = readSource(file);
  const parsed = parseYaml(text, file);
  const printable = printableText(parsed.data, parsed.locator, text);
  const catalog = new Catalog(validate(catalogSchema, printable.data, parsed.locator, text), file, printable.notes);
  cache.set(file, catalog);
  return catalog;
}

import { existsSync, readdirSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import { readSource } from './read-source.js';
import { parseYaml } from './parse-yaml.js';
import { validate } from './validate.js';
import { catalogSchema, type CatalogData } from './schema.js';
import { InputError, type Diagnostic } from '../model/diagnostics.js';
import { catalogInconsistencies } from './catalog-consistency.js';
import { printableText } from './printable.js';
import type { Locator } from './parsed.js';

export type Level = '类' | '款' | '项';

/** An earlier name of a code, and the last year it was in force. */
export interface FormerName {
  name: string;
  until: number;
}

/**
 * What the catalog says of a functional code: it lists it; it does not list this 项 but does list
 * its 类 and 款 (a 项 the catalog may simply lack: usable under the name the data gives); or it
 * does not know the code at all.
 */
export type FunctionalStatus = 'listed' | 'unlisted-item' | 'unknown';

/** Full-width and half-width brackets and spaces do not make a different name. */
export const normalName = (s: string) => s.replace(/\(/g, '（').replace(/\)/g, '）').replace(/\s+/g, '');

/** The year's classification catalog: codes → names, earlier names, and the official forms' fixed row lists. */
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

  functionalStatus(code: string): FunctionalStatus {
    if (this.functionalName(code) !== undefined) return 'listed';
    const parentsListed = this.functionalName(code.slice(0, 3)) !== undefined && this.functionalName(code.slice(0, 5)) !== undefined;
    return code.length === 7 && parentsListed ? 'unlisted-item' : 'unknown';
  }

  /** The earlier name of a functional code that `name` is, if it is one. */
  formerName(code: string, name: string): FormerName | undefined {
    return this.data.former_names[code]?.find((f) => normalName(f.name) === normalName(name));
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

type Referrer = { file: string; line?: number; column?: number };

/**
 * The catalog a department file names (`catalog: 2023` → <data>/catalog/2023.yaml). Catalog names
 * are plain identifiers: a name with a path in it is refused. A catalog that does not exist is
 * reported at the department file's `catalog:` line (exit 2); a malformed one at its own lines.
 */
export function loadCatalog(name: string, dataDir: string, referrer: Referrer): Catalog {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) {
    throw new InputError([{ severity: 'error', rule: 'path-escape', message: `catalog 应为目录 data/catalog 下的文件名（如 2023），不能含路径：${name}`, ...referrer }], 1);
  }
  const dir = join(dataDir, 'catalog');
  const file = join(dir, `${name}.yaml`);
  const hit = cache.get(file);
  if (hit) return hit;
  if (!existsSync(file)) throw missingCatalog(name, dir, file, referrer);
  const text = readSource(file);
  const parsed = parseYaml(text, file);
  const printable = printableText(parsed.data, parsed.locator, text);
  const data = validate(catalogSchema, printable.data, parsed.locator, text);
  const problems = catalogInconsistencies(data, name, parsed.locator);
  if (problems.length > 0) throw new InputError(problems, 1);
  const catalog = new Catalog(data, file, [...printable.notes, ...movedFormRows(data, parsed.locator)]);
  cache.set(file, catalog);
  return catalog;
}

/**
 * The fixed rows of the forms were once a catalog's; they are the form set's now (profile.yaml
 * `forms:`). A catalog that still lists them loads, and is told they are no longer read.
 */
function movedFormRows(data: CatalogData, locator: Locator): Diagnostic[] {
  return (['summary_classes', 'basic_detail_form'] as const)
    .filter((key) => data[key] !== undefined)
    .map((key) => ({
      severity: 'warning' as const,
      rule: 'catalog-form-rows',
      message: `科目目录中的 ${key} 已不再使用：表式印出的固定行由表式（profiles/<表式>/profile.yaml 的 forms）规定，可以删去此项`,
      file: locator.file,
      ...locator.locate([key]),
    }));
}

function missingCatalog(name: string, dir: string, file: string, referrer: Referrer): InputError {
  const years = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /^[A-Za-z0-9_-]+\.yaml$/.test(f))
        .map((f) => f.slice(0, -'.yaml'.length))
        .sort()
    : [];
  const what = /^\d{4}$/.test(name) ? `${name} 年的科目目录` : `名为 ${name} 的科目目录`;
  const have = years.length ? `现有科目目录：${years.join('、')}` : '该目录下没有任何科目目录';
  return new InputError(
    [{ severity: 'error', rule: 'catalog-missing', message: `没有 ${what}：找不到 ${shown(file)}（${have}）。请改正 catalog，或补充该年度的科目目录`, ...referrer }],
    2,
  );
}

/** A path as the user would type it: relative to the working folder when inside it. */
function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

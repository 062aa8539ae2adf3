import { existsSync, readdirSync } from 'node:fs';
import { basename, isAbsolute, join, relative } from 'node:path';
import { loadDepartment, type Loaded } from '../load/index.js';
import { loadCatalog } from '../load/catalog.js';
import { findDataDir } from '../load/data-dir.js';
import { keyPosition } from '../load/profile-check.js';
import { knownProfiles, loadProfile } from '../load/profile.js';
import { parseYaml } from '../load/parse-yaml.js';
import { validate } from '../load/validate.js';
import { departmentSchema } from '../load/schema.js';
import { calculate } from '../calculate/index.js';
import { formatDiagnostic, InputError, type Diagnostic } from '../model/diagnostics.js';
import { todoMarks } from '../model/todo.js';
import { checkOutput, writeOutput, type OutputPolicy } from '../io/output-guard.js';
import { UsageError } from '../failure/usage-error.js';
import { draftNextYear } from './next-year-draft.js';
import { readWorkbookTables } from './workbook-tables.js';

export interface NewYearOptions {
  from?: string;
  year?: string;
  tables?: string;
  output?: string;
  force: boolean;
}

/**
 * Where the narrative takes last year's figures (docs/narrative.md), and the figure of this year's
 * report each becomes: only where the source compares, so the new text compares where the old did.
 */
const LAST_YEAR_FIGURES: [path: string, figure: string][] = [
  ['explanation.totals.last_year', 'totals.grand_total'],
  ['explanation.fiscal_totals.last_year', 'fiscal.grand_total'],
  ['explanation.general_budget.last_year', 'general_budget.total'],
  ['explanation.three_public.last_year', 'three_public.actual'],
  ...['overseas', 'vehicle', 'vehicle_purchase', 'vehicle_operation', 'reception'].map((item): [string, string] => [`explanation.three_public.${item}.last_year`, `three_public.${item}.actual`]),
  ['explanation.admin_operation.last_year', 'admin_operation.amount'],
];

/**
 * `juesuan new --from <this year.yaml> --year <next> [--tables book.xlsx] [-o out.yaml] [--force]`:
 * next year's department file drafted from this year's (src/cli/next-year-draft.ts). Refuses before
 * any work what it cannot do (no year, a year not after the source's, no catalog or form set for
 * it, an output it may not replace); writes atomically, never onto the source, and nothing on failure.
 */
export async function newYear(options: NewYearOptions, err: NodeJS.WritableStream): Promise<number> {
  if (options.from === undefined) throw new UsageError('new 需要 --from <上一年度的数据文件.yaml>');
  if (options.year === undefined) throw new UsageError('new 需要 --year <新的年度>（如 --year 2024）');
  if (!/^\d{4}$/.test(options.year)) throw new UsageError(`--year 应为四位年份（如 2024），而不是 ${options.year}`);
  const source = options.from;
  const year = Number(options.year);

  const loaded = readSource(source);
  const fromYear = loaded.model.year;
  if (year <= fromYear) {
    throw new InputError([{ severity: 'error', rule: 'new-year', message: `--year ${year} 不在来源文件的年度（${fromYear}）之后：新年度的草稿只能从上一年度起草`, file: source, ...loaded.locator.locate(['year']) }], 2);
  }
  refuseUnfinished(loaded);
  const dataDir = findDataDir(source);
  const catalog = String(year);
  const profile = targetProfile(loaded, year, catalog, dataDir);

  const out = options.output ?? join(dataDir, String(year), basename(source));
  const policy: OutputPolicy = { inputs: [source, ...(options.tables ? [options.tables] : [])], replace: options.force ? 'any' : 'never' };
  checkOutput(out, policy);

  const workbook = options.tables === undefined ? undefined : await readWorkbookTables(options.tables, { profile, year, dataDir });
  for (const f of workbook?.findings ?? []) err.write(`${formatDiagnostic(f)}\n`);
  const draft = draftFrom(loaded, { year, catalog, profile, tables: workbook?.text });
  // The draft must load as a department file; a failure here is the tool's, never the officer's.
  const parsed = parseYaml(draft, out);
  validate(departmentSchema, parsed.data, parsed.locator, draft);

  writeOutput(out, draft, policy);
  err.write(`juesuan: 已起草 ${shown(out)}（${year} 年度，据 ${shown(source)}）；文中的【待填写】【待更新】【待核实】和 todo 各项是待办，juesuan check ${shown(out)} 逐项列出\n`);
  return 0;
}

/** Next year's text from this year's loaded file: its figures computed, so that its totals become last year's. */
export function draftFrom(loaded: Loaded, target: { year: number; catalog: string; profile: string; tables?: unknown }): string {
  const lastYear = new Map<string, string>();
  const figures = new Map(calculate(loaded).narrative.figures.map((f) => [f.id, f]));
  for (const [path, id] of LAST_YEAR_FIGURES) {
    const value = figures.get(id)?.value;
    if (value !== undefined && hasPath(loaded.model, path)) lastYear.set(path, value.toFixed(2));
  }
  const profile = target.profile === loaded.profile.name ? undefined : target.profile;
  return draftNextYear(loaded.sourceText, { fromYear: loaded.model.year, year: target.year, catalog: target.catalog, profile, lastYear, tables: target.tables });
}

/**
 * A source that is itself an unfinished draft is no year to go on from: its to-dos would be taken
 * for the new year's, and its marks doubled.
 */
function refuseUnfinished(loaded: Loaded): void {
  const { model, sourceText, file, locator } = loaded;
  const markLine = sourceText.split(/\r?\n/).findIndex((l) => todoMarks(l).length > 0);
  if (model.todo === undefined && markLine < 0) return;
  const where = model.todo !== undefined ? keyPosition(locator, sourceText, ['todo']) : { line: markLine + 1, column: 1 };
  throw new InputError(
    [{ severity: 'error', rule: 'new-year', message: `来源文件本身是尚未办完的草稿（有 todo 或【待…】标记）：请先办完它的待办，再据它起草下一年度`, file, ...where }],
    2,
  );
}

/** The source as the loader reads it; whatever stops it is unreadable input here (exit 2), with its file:line. */
function readSource(source: string): Loaded {
  try {
    return loadDepartment(source);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(e.diagnostics, 2);
    throw e;
  }
}

/**
 * The new year's form set: the source's own while it serves the year and its catalog, else the one
 * form set of the same region that does. Without a catalog or a form set for the year, both are
 * named (exit 2): a draft the checker would refuse at its first lines helps nobody.
 */
function targetProfile(loaded: Loaded, year: number, catalog: string, dataDir: string): string {
  const problems: Diagnostic[] = [];
  const referrer = { file: loaded.file, ...loaded.locator.locate(['year']) };
  const catalogFile = join(dataDir, 'catalog', `${catalog}.yaml`);
  if (!existsSync(catalogFile)) {
    const have = existsSync(join(dataDir, 'catalog')) ? readdirSync(join(dataDir, 'catalog')).filter((n) => /^\d{4}\.yaml$/.test(n)).map((n) => n.slice(0, 4)).sort() : [];
    problems.push({
      severity: 'error',
      rule: 'catalog-missing',
      message: `无法起草 ${year} 年度：没有 ${year} 年的科目目录 ${shown(catalogFile)}（现有：${have.join('、') || '无'}）；请先补充该年度的科目目录（见 docs/data-format.md 的 Catalog 一节）`,
      ...referrer,
    });
  } else {
    // a catalog that is there but does not load stops the draft as it would stop the check
    loadCatalog(catalog, dataDir, referrer);
  }
  const own = loaded.profile;
  const serves = (p: { years: number[]; catalogs: string[] }) => p.years.includes(year) && p.catalogs.includes(catalog);
  let chosen: string | undefined = serves(own) ? own.name : undefined;
  if (!chosen) {
    const others = knownProfiles()
      .map((name) => loadProfile(name, referrer))
      .filter((p) => p.region === own.region && serves(p));
    if (others.length === 1) chosen = others[0]!.name;
    else {
      problems.push({
        severity: 'error',
        rule: 'profile-year',
        message: `无法起草 ${year} 年度：表式 ${own.name} 只用于 ${own.years.join('、')} 年度，本工具没有用于 ${year} 年度的${own.region}表式；请先按 docs/profiles.md 增加（如 profiles/${own.name.replace(/\d{4}$/, String(year))}）`,
        ...referrer,
      });
    }
  }
  if (problems.length > 0 || !chosen) throw new InputError(problems, 2);
  return chosen;
}

function hasPath(model: unknown, path: string): boolean {
  let node = model as Record<string, unknown> | undefined;
  for (const p of path.split('.')) {
    if (node === null || typeof node !== 'object' || node[p] === undefined) return false;
    node = node[p] as Record<string, unknown> | undefined;
  }
  return true;
}

/** A path as the user would type it: relative to the working folder when inside it. */
function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

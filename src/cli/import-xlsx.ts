import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, formatDiagnostic } from '../model/diagnostics.js';
import { UsageError } from '../failure/usage-error.js';
import { checkOutput, writeOutput, type OutputPolicy } from '../io/output-guard.js';
import { writeAtomic } from '../io/write-atomic.js';
import { readSource } from '../load/read-source.js';
import { readFull } from '../load/yaml-full.js';
import { NumLit } from '../load/parsed.js';
import { DEFAULT_PROFILE, loadProfile } from '../load/profile.js';
import { loadCatalog } from '../load/catalog.js';
import { dataFolderAt } from '../load/data-dir.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { readWorkbookTables, workbookFacts, type Unit } from '../import/xlsx/index.js';
import { tablesYaml } from '../import/xlsx/tables-yaml.js';
import { replaceTables } from '../import/xlsx/into-document.js';
import { workbookDepartmentFile } from '../import/xlsx/new-file.js';

export interface XlsxImportOptions {
  output?: string;
  into?: string;
  profile?: string;
  unit?: string;
  year?: string;
  force: boolean;
}

/**
 * `juesuan import <book.xlsx>`: the workbook's tables into a new department file (-o, default
 * ./<book>.yaml), or into an existing one (--into x.yaml: its `tables:` replaced, everything else
 * kept as written; rewritten in place with x.yaml.bak kept, or written to -o). Nothing is written
 * when the workbook has a problem; an existing -o is replaced only with --force.
 */
export async function importWorkbook(book: string, o: XlsxImportOptions): Promise<number> {
  if (o.unit !== undefined && o.unit !== '元' && o.unit !== '万元') throw new UsageError(`--unit 只能是 元 或 万元，而不是 ${o.unit}`);
  if (o.year !== undefined && !/^\d{4}$/.test(o.year)) throw new UsageError(`--year 应为四位年份，而不是 ${o.year}`);
  const unit = o.unit as Unit | undefined;

  const into = o.into === undefined ? undefined : intoFile(o.into);
  const out = o.output ?? o.into ?? `${basename(book).replace(/\.xlsx?$/i, '') || 'tables'}.yaml`;
  const inPlace = o.into !== undefined && o.output === undefined;
  const policy: OutputPolicy = { inputs: inPlace ? [book] : [book, ...(o.into ? [o.into] : [])], replace: o.force || inPlace ? 'any' : 'never' };
  checkOutput(out, policy);

  const facts = await workbookFacts(book);
  const profileName = o.profile ?? into?.profile ?? facts.profile ?? DEFAULT_PROFILE;
  const profile = loadProfile(profileName, { file: o.profile !== undefined ? '--profile' : into?.file ?? book });
  const year = o.year ? Number(o.year) : into?.year ?? facts.year;
  if (year === undefined) throw new UsageError('无法从工作簿中得知年度（表中没有“20XX年度”字样）；请用 --year 指明');
  // The catalog names the 总表's 类 rows and tells which codes need their names written.
  const catalogName = into?.catalog ?? String(year);
  const catalog = loadCatalog(catalogName, catalogDir(into?.file ?? out), { file: into?.file ?? book });
  if (into) {
    const result = await readWorkbookTables(book, { profile, unit, catalog });
    for (const f of result.findings) process.stderr.write(`${formatDiagnostic(f)}\n`);
    const block = tablesYaml(result.tables, into.tableOrder);
    const text = replaceTables(into.text, into.file, block);
    if (inPlace) {
      const backup = `${into.file}.bak`;
      const original = readFileSync(into.file);
      if (existsSync(backup) && !readFileSync(backup).equals(original)) {
        throw new InputError([{ severity: 'error', rule: 'backup-exists', message: `备份文件已存在且与 ${into.file} 不同，为免覆盖未作修改；请先移走它，或用 -o 写到新文件`, file: backup }], 2);
      }
      writeAtomic(backup, original);
      writeAtomic(into.file, text);
      process.stderr.write(`juesuan: 已把 ${basename(book)} 的 ${Object.keys(result.tables).length} 张表写入 ${into.file}（只替换了 tables，其余不变；原文件保留为 ${backup}）\n`);
    } else {
      writeOutput(out, text, policy);
      process.stderr.write(`juesuan: 已写出 ${out}（${into.file} 的 tables 换为 ${basename(book)} 中的表，其余不变）\n`);
    }
    return 0;
  }
  const id = basename(out).replace(/\.ya?ml$/i, '');
  const made = await workbookDepartmentFile(book, { id, department: facts.department, profile, year, catalogName, catalog, unit });
  for (const f of made.findings) process.stderr.write(`${formatDiagnostic(f)}\n`);
  writeOutput(out, made.text, policy);
  process.stderr.write(`juesuan: 已写出 ${out}（${made.tables} 张表，金额单位万元）\n`);
  return 0;
}

function intoFile(file: string) {
  if (!existsSync(file)) throw new InputError([{ severity: 'error', rule: 'into-missing', message: '--into 指定的文件不存在（要写新文件请用 -o）', file }], 2);
  const text = readSource(file);
  const data = (readFull(text, file).data ?? {}) as Record<string, unknown>;
  // Numbers come as their source text (NumLit).
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' || v instanceof NumLit ? String(v) : undefined);
  const tables = data.tables;
  const tableOrder = tables && typeof tables === 'object' ? Object.keys(tables) : [];
  return { file, text, tableOrder, profile: str(data.profile), year: /^\d{4}$/.test(str(data.year) ?? '') ? Number(str(data.year)) : undefined, catalog: str(data.catalog) };
}

/** The data folder beside the file written, else the one the tool ships (data/catalog/<year>.yaml). */
function catalogDir(file: string): string {
  return dataFolderAt(dirname(resolve(file))) ?? dataFolderAt(process.cwd()) ?? join(PACKAGE_ROOT, 'data');
}

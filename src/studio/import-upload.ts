import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../model/diagnostics.js';
import { UsageError } from '../failure/usage-error.js';
import { writeAtomic } from '../io/write-atomic.js';
import { DEFAULT_PROFILE, loadProfile } from '../load/profile.js';
import { loadCatalog } from '../load/catalog.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { resolveInside } from './safety.js';
import type { Imported } from './api-types.js';

/** A dropped file that `juesuan import` cannot make a department file of: said in its words, nothing written. */
export class ImportRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportRefused';
  }
}

/**
 * A PDF or xlsx dropped on the page becomes a new department file through `juesuan import`: the
 * uploaded bytes go to a temporary folder of their own (never the data folder), are read there,
 * and only a file that reads is written, atomically, as `<year>/<name>.yaml` inside the data
 * folder, beside and never over an existing one (`<name>-2.yaml` …).
 */
export async function importUpload(root: string, name: string, bytes: Buffer): Promise<Imported> {
  const ext = /\.(pdf|xlsx)$/i.exec(name)?.[1]?.toLowerCase();
  if (!ext) throw new ImportRefused(`只能导入已公开的决算 PDF 或 Excel（.xlsx）文件，“${name || '（无文件名）'}”不是。未写入任何文件。`);
  const tmp = mkdtempSync(join(tmpdir(), 'juesuan-upload-'));
  try {
    const upload = join(tmp, `upload.${ext}`);
    writeFileSync(upload, bytes);
    const stem = stemOf(name);
    const text = ext === 'pdf' ? await fromPdf(upload) : await fromWorkbook(upload, stem, root);
    const year = /^year: (\d{4})\s*$/m.exec(text)?.[1] ?? 'imported';
    const rel = freeName(root, year, stem);
    const file = resolveInside(root, rel, { mustExist: false });
    mkdirSync(dirname(file), { recursive: true });
    writeAtomic(file, text);
    return { path: rel };
  } catch (e) {
    if (e instanceof InputError || e instanceof UsageError) {
      // The temporary file's name means nothing to the officer: the dropped file's does.
      const said = e.message.split(join(tmp, `upload.${ext}`)).join(name).split(tmp).join('');
      throw new ImportRefused(`不能导入“${name}”：${said}。未写入任何文件。`);
    }
    throw e;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function fromPdf(pdf: string): Promise<string> {
  const { importPdf } = await import('../import/import-file.js');
  return (await importPdf(pdf)).yaml;
}

/** A workbook's tables as a new file, in the form set and year the workbook states; its catalog from the data folder. */
async function fromWorkbook(book: string, id: string, root: string): Promise<string> {
  const { workbookFacts } = await import('../import/xlsx/index.js');
  const { workbookDepartmentFile } = await import('../import/xlsx/new-file.js');
  const facts = await workbookFacts(book);
  if (facts.year === undefined) throw new UsageError('无法从工作簿中得知年度（表中没有“20XX年度”字样）');
  const profile = loadProfile(facts.profile ?? DEFAULT_PROFILE, { file: book });
  const catalogName = String(facts.year);
  const catalog = loadCatalog(catalogName, existsSync(join(root, 'catalog')) ? root : join(PACKAGE_ROOT, 'data'), { file: book });
  return (await workbookDepartmentFile(book, { id, department: facts.department, profile, year: facts.year, catalogName, catalog })).text;
}

/** The dropped file's name as a file name of the data folder: letters, digits, CJK, - and _ only. */
function stemOf(name: string): string {
  const stem = basename(name).replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '');
  return stem.slice(0, 80) || 'imported';
}

function freeName(root: string, year: string, stem: string): string {
  for (let i = 1; ; i++) {
    const rel = `${year}/${stem}${i === 1 ? '' : `-${i}`}.yaml`;
    if (!existsSync(join(root, rel))) return rel;
  }
}

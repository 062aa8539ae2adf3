import { readSource } from './read-source.js';
import { parseYaml } from './parse-yaml.js';
import type { Locator } from './parsed.js';
import { validate } from './validate.js';
import { departmentSchema, type Department } from './schema.js';
import { loadCatalog, type Catalog } from './catalog.js';
import { printableText } from './printable.js';
import { InputError, type Diagnostic } from '../model/diagnostics.js';
import { renameLegacyTables } from './legacy-keys.js';
import { findDataDir } from './data-dir.js';
import { DEFAULT_PROFILE, loadProfile } from './profile.js';
import { profileProblems } from './profile-check.js';
import type { Profile } from '../model/profile.js';

export interface Loaded {
  model: Department;
  catalog: Catalog;
  locator: Locator;
  /**
   * The form set the file names (`profile:`, else hubei-wuhan-2023): its parts, tables, fixed rows,
   * narrative sections, number format and furniture. Every stage reads them from here.
   */
  profile: Profile;
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
 * exit 1: invalid data) with diagnostics naming file, line and field. `sourceText` stands for the
 * file's content (the studio's unsaved edit); the catalog is still found from the file's folder.
 */
export function loadDepartment(file: string, options: { dataDir?: string; sourceText?: string; allowMissingInputs?: boolean } = {}): Loaded {
  // `sourceText`: a file made in memory (import, check of a PDF) or the studio's unsaved edit,
  // named `file` in findings.
  const sourceText = options.sourceText ?? readSource(file);
  const parsed = renameLegacyTables(parseYaml(sourceText, file), sourceText);
  const printable = printableText(parsed.data, parsed.locator, sourceText);
  const model = validate(departmentSchema, printable.data, parsed.locator, sourceText);
  const profile = loadProfile(model.profile ?? DEFAULT_PROFILE, { file, ...parsed.locator.locate(['profile']) });
  const dataDir = options.dataDir ?? findDataDir(file);
  const catalog = loadCatalog(model.catalog, dataDir, { file, ...parsed.locator.locate(['catalog']) });
  // `allowMissingInputs`: a report read from a PDF may lack parts the import cannot read yet; its
  // figures are still calculated and checked (the file written says what is missing).
  const problems = profileProblems(model, parsed.locator, sourceText, profile, catalog).filter(
    (p) => !(options.allowMissingInputs && p.rule === 'profile-input' && p.message.startsWith('缺少必填字段')),
  );
  if (problems.length > 0) throw new InputError(problems, 1);
  const notes = [...parsed.warnings, ...printable.notes, ...catalog.notes];
  return { model, catalog, locator: parsed.locator, profile, sourceText, file, notes };
}

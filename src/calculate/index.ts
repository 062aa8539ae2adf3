import type { Loaded } from '../load/index.js';
import { resolveTables, type ResolvedTables } from './tables.js';
import { computeNarrative, type Narrative } from './narrative/index.js';
import { computeForms, type Forms } from './forms/index.js';
import { Trace } from './trace.js';

/** Everything the report prints, computed from the model; the templates only format it. */
export interface Calculated {
  loaded: Loaded;
  tables: ResolvedTables;
  narrative: Narrative;
  forms: Forms;
  trace: Trace;
}

/**
 * The report's figures under the file's form set: every choice of the form set (its fixed rows and
 * columns, 第三部分's sections, charts and prose numbers) is read from loaded.profile, so no caller
 * passes it, and none can leave it out.
 */
export function calculate(loaded: Loaded): Calculated {
  const trace = new Trace();
  const tables = resolveTables(loaded.model, loaded.catalog, loaded.profile, trace);
  const narrative = computeNarrative(loaded, tables, trace);
  const forms = computeForms(loaded, trace);
  return { loaded, tables, narrative, forms, trace };
}

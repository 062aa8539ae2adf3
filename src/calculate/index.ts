import type { Loaded } from '../load/index.js';
import { resolveTables, type ResolvedTables } from './tables.js';
import { computeNarrative, type Narrative, type NarrativeOptions } from './narrative/index.js';
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

/** What a form set (profile) decides about the calculation; every field defaults to Wuhan 2023's. */
export interface CalculateOptions {
  narrative?: NarrativeOptions;
}

export function calculate(loaded: Loaded, options: CalculateOptions = {}): Calculated {
  const trace = new Trace();
  const tables = resolveTables(loaded.model, loaded.catalog, loaded.profile, trace);
  const narrative = computeNarrative(loaded, tables, trace, options.narrative);
  const forms = computeForms(loaded, trace);
  return { loaded, tables, narrative, forms, trace };
}

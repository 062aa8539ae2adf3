import type { Loaded } from '../load/index.js';
import { resolveTables, type ResolvedTables } from './tables.js';
import { Trace } from './trace.js';

/** Everything the report prints, computed from the model; the templates only format it. */
export interface Calculated {
  loaded: Loaded;
  tables: ResolvedTables;
  trace: Trace;
}

export function calculate(loaded: Loaded): Calculated {
  const trace = new Trace();
  const tables = resolveTables(loaded.model, loaded.catalog, trace);
  return { loaded, tables, trace };
}

import type { Loaded } from '../../load/index.js';
import type { ResolvedTables } from '../tables.js';
import type { Trace } from '../trace.js';

/** 第三部分 情况说明: every figure of the narrative, computed from the tables and the explanation data. */
export type Narrative = Record<string, unknown>;

export function computeNarrative(loaded: Loaded, tables: ResolvedTables, trace: Trace): Narrative {
  void loaded;
  void tables;
  void trace;
  return {};
}

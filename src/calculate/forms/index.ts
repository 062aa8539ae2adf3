import type { Loaded } from '../../load/index.js';
import type { Trace } from '../trace.js';

/** 第六部分: the self-evaluation forms with their rates, rule scores and totals. */
export type Forms = Record<string, unknown>;

export function computeForms(loaded: Loaded, trace: Trace): Forms {
  void loaded;
  void trace;
  return {};
}

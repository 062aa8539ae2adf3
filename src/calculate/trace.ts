import type { Decimal } from 'decimal.js';

/** One computed figure and how it was obtained, for the audit trace embedded in the PDF. */
export interface TraceEntry {
  id: string;
  value: string;
  formula: string;
  inputs: Record<string, string>;
}

export class Trace {
  readonly entries: TraceEntry[] = [];
  record(id: string, value: Decimal | string, formula: string, inputs: Record<string, Decimal | string | undefined> = {}): void {
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(inputs)) if (v !== undefined) clean[k] = typeof v === 'string' ? v : v.toString();
    this.entries.push({ id, value: typeof value === 'string' ? value : value.toString(), formula, inputs: clean });
  }
}

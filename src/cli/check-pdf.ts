import type { Diagnostic } from '../model/diagnostics.js';
import { checkPublished } from '../batch/check-published.js';

/**
 * `juesuan check <report.pdf>`: the report imported in memory and checked (src/batch/check-published.ts,
 * which `juesuan batch` runs on each PDF it is given, so both say the same).
 */
export async function checkPdf(pdf: string, options: { archive?: boolean }): Promise<Diagnostic[]> {
  return (await checkPublished(pdf, options)).findings;
}

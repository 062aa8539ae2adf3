import { join } from 'node:path';
import { writeAtomic } from '../io/write-atomic.js';
import { findingsCsv } from './findings-csv.js';
import { summaryHtml } from './summary-html.js';
import type { Manifest } from './manifest-shape.js';

export const FINDINGS_NAME = 'findings.csv';
export const SUMMARY_NAME = 'summary.html';

/** findings.csv and summary.html beside the manifest they are made from, each written atomically. */
export function writeBureauFiles(dir: string, manifest: Manifest): void {
  writeAtomic(join(dir, FINDINGS_NAME), findingsCsv(manifest));
  writeAtomic(join(dir, SUMMARY_NAME), summaryHtml(manifest));
}

import type { Diagnostic } from '../model/diagnostics.js';
import { findOutline, type Part } from './outline.js';
import { openPdfText, type Rule } from './pdf-text.js';
import { readTable, type Table } from './table-grid.js';
import { readNarrative, type NarrativeSection } from './narrative-text.js';

/** What a published report says, read from its PDF without knowing who made it: parts, tables, 第三部分. */
export interface ReadReport {
  file: string;
  pages: number;
  tocPages: number[];
  parts: Part[];
  tables: Table[];
  narrative: NarrativeSection[];
  /** What could not be read (a page without text, a table without a header), with its page. */
  findings: Diagnostic[];
}

export async function readReport(file: string): Promise<ReadReport> {
  const pdf = await openPdfText(file);
  const text = pdf.text;
  let outline;
  const rules = new Map<number, Rule[]>();
  try {
    outline = findOutline(text);
    for (const t of outline.tables) for (const page of t.pages) if (!rules.has(page)) rules.set(page, await pdf.rules(page));
  } finally {
    await pdf.close();
  }
  const tables = outline.tables.map((t) => readTable(t, file, rules));
  const narrative = readNarrative(text, outline);
  return {
    file,
    pages: text.pages.length,
    tocPages: outline.tocPages,
    parts: outline.parts,
    tables,
    narrative: narrative.sections,
    findings: [...text.findings, ...outline.findings, ...tables.flatMap((t) => t.findings), ...narrative.findings],
  };
}

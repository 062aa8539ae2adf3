import type { Diagnostic } from '../model/diagnostics.js';
import { findOutline, type Part } from './outline.js';
import { openPdfText, type Rule } from './pdf-text.js';
import { readTable, type Table } from './table-grid.js';
import { readNarrative, readPartText, type NarrativeSection } from './narrative-text.js';

/** What a published report says, read from its PDF without knowing who made it: parts, tables, 第三部分. */
export interface ReadReport {
  file: string;
  pages: number;
  tocPages: number[];
  parts: Part[];
  tables: Table[];
  narrative: NarrativeSection[];
  /** The other parts' text (第一部分, 名词解释 …), each in its sections, verbatim. */
  partTexts: PartText[];
  /** The cover (page 1) lines, top down, before the 目录 or the first part. */
  cover: string[];
  /** What could not be read (a page without text, a table without a header), with its page. */
  findings: Diagnostic[];
}

export interface PartText {
  number: number;
  title: string;
  page: number;
  sections: NarrativeSection[];
  /** Lines in another size than the text: a small table's rows, as cells. */
  otherLines: string[][];
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
    partTexts: outline.parts.filter((p) => p.number !== 3).map((p) => ({ number: p.number, title: p.title, page: p.page, ...readPartText(outline, p) })),
    cover: coverLines(outline),
    findings: [...text.findings, ...outline.findings, ...tables.flatMap((t) => t.findings), ...narrative.findings],
  };
}

/** Page 1, unless it is already the 目录 or a part: the cover's lines as printed. */
function coverLines(outline: ReturnType<typeof findOutline>): string[] {
  if (outline.tocPages.includes(1) || outline.parts.some((p) => p.page === 1) || outline.tables.some((t) => t.page === 1)) return [];
  return (outline.content[0] ?? []).map((l) => l.text.trim()).filter(Boolean);
}

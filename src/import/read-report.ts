import type { Diagnostic } from '../model/diagnostics.js';
import { findOutline, type Part } from './outline.js';
import { openPdfText, type Rule } from './pdf-text.js';
import { readTable, type Table } from './table-grid.js';
import { readNarrative, readPartText, type NarrativeSection } from './narrative-text.js';
import { partFlow, partPages } from './part-flow.js';
import { readKeyWork } from './key-work.js';
import { readAppendix } from './appendix.js';
import type { PageDrawing } from './pdf-text.js';
import type { Value } from './yaml-emit.js';

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
  /** 第四部分 重点工作 and 第六部分 附件 in the data file's shapes, where the report has them. */
  keyWork?: { [key: string]: Value };
  appendix?: { [key: string]: Value };
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
  const drawings = new Map<number, PageDrawing>();
  // The parts whose forms are read from their ruled grids, bold lines and ticks.
  const formParts = (o: ReturnType<typeof findOutline>) => o.parts.filter((p) => /重点工作/.test(p.title) || /^附件/.test(p.title));
  try {
    outline = findOutline(text);
    for (const t of outline.tables) for (const page of t.pages) if (!rules.has(page)) rules.set(page, await pdf.rules(page));
    for (const p of formParts(outline)) for (const page of partPages(outline, p)) if (!drawings.has(page)) drawings.set(page, await pdf.drawing(page));
  } finally {
    await pdf.close();
  }
  const source = { pages: text.pages, content: outline.content, drawings };
  const forms = formParts(outline).map((p) => (/重点工作/.test(p.title) ? readKeyWork(p, partFlow(outline, p, source), file) : readAppendix(p, partFlow(outline, p, source), file)));
  const keyWork = forms.find((f): f is ReturnType<typeof readKeyWork> => 'keyWork' in f && f.keyWork !== undefined)?.keyWork;
  const appendix = forms.find((f): f is ReturnType<typeof readAppendix> => 'appendix' in f && f.appendix !== undefined)?.appendix;
  const tables = outline.tables.map((t) => readTable(t, file, rules));
  const narrative = readNarrative(text, outline);
  return {
    file,
    pages: text.pages.length,
    tocPages: outline.tocPages,
    parts: outline.parts,
    tables,
    narrative: narrative.sections,
    partTexts: outline.parts.filter((p) => p.number !== 3).map((p) => ({ number: p.number, title: p.title, page: p.page, ...readPartText(outline, p, p.number === 1) })),
    ...(keyWork ? { keyWork } : {}),
    ...(appendix ? { appendix } : {}),
    cover: coverLines(outline),
    findings: [...text.findings, ...outline.findings, ...tables.flatMap((t) => t.findings), ...narrative.findings, ...forms.flatMap((f) => f.findings)],
  };
}

/** Page 1, unless it is already the 目录 or a part: the cover's lines as printed. */
function coverLines(outline: ReturnType<typeof findOutline>): string[] {
  if (outline.tocPages.includes(1) || outline.parts.some((p) => p.page === 1) || outline.tables.some((t) => t.page === 1)) return [];
  return (outline.content[0] ?? []).map((l) => l.text.trim()).filter(Boolean);
}

import type { Diagnostic } from '../model/diagnostics.js';
import type { Outline } from './outline.js';
import type { PdfText, TextLine } from './pdf-text.js';
import { keepTypedBlanks } from './ruled-grid.js';

/**
 * 第三部分 (情况说明) as printed: its sections (一、…) and sub-sections (（一）…) with their
 * paragraphs verbatim. A paragraph is joined over its lines and pages: it goes on until a line
 * that ends short of the right margin, and a new one starts indented. Page numbers and running
 * heads are gone already (outline.content); charts' labels and captions, printed smaller than
 * the text, are left out.
 */

export interface NarrativeSubsection {
  heading: string;
  page: number;
  /** The heading's line is indented (a short paragraph read as a heading keeps its indent). */
  indent?: boolean;
  paragraphs: Paragraph[];
}

export interface NarrativeSection extends NarrativeSubsection {
  subsections: NarrativeSubsection[];
}

/** A part's text, and the lines printed in another size (a small table such as 第一部分's units). */
export interface PartSections {
  sections: NarrativeSection[];
  /** Those lines, top down, each as its cells' texts. */
  otherLines: string[][];
}

export interface Paragraph {
  text: string;
  /** The page its first line is on. */
  page: number;
  /** Its first line is indented (a body paragraph), else it stands flush left (a list line). */
  indent: boolean;
}

const SECTION = /^[一二三四五六七八九十]{1,3}、/;
const SUBSECTION = /^[（(][一二三四五六七八九十]{1,3}[）)]/;

export function readNarrative(text: PdfText, outline: Outline): { sections: NarrativeSection[]; findings: Diagnostic[] } {
  const part = outline.parts.find((p) => p.number === 3) ?? outline.parts.find((p) => /情况说明/.test(p.title));
  if (!part) {
    return { sections: [], findings: [{ severity: 'warning', rule: 'no-narrative', message: '未找到“第三部分”（情况说明），未读取说明文字', file: text.file }] };
  }
  return { sections: readPartText(outline, part).sections, findings: [] };
}

/** Any part's text (第一部分, 名词解释 …) in its sections and paragraphs, as 第三部分 is read. */
/**
 * `typedBlanks`: keep the blanks typed in the text ("1. 武汉市…"), as 第一部分's lists print them;
 * 第三部分 is read without (its wording is compared with the tables' and the rules' own).
 */
export function readPartText(outline: Outline, part: Outline['parts'][number], typedBlanks = false): PartSections {
  const after = (page: number, y: number) => page > part.page || (page === part.page && y > part.y);
  // A part ends at the next part, or at the first table after it (Shanghai prints no 第二部分 title).
  const ends = [
    ...outline.parts.filter((p) => after(p.page, p.y)).map((p) => ({ page: p.page, y: p.y })),
    ...outline.tables.filter((t) => after(t.page, Infinity)).map((t) => ({ page: t.page, y: -Infinity })),
  ].sort((a, b) => a.page - b.page || a.y - b.y);
  const next = ends[0];
  const lines: TextLine[] = [];
  for (let page = part.page; page <= (next?.page ?? outline.content.length); page++) {
    for (const l of outline.content[page - 1]!) {
      if (page === part.page && l.y <= part.bottom) continue;
      if (next && page === next.page && l.y >= next.y) continue;
      lines.push(l);
    }
  }
  const table = unitsTable(lines);
  const body = bodyLines(lines.filter((l) => !table.has(l)));
  const kept = new Set(body);
  return { sections: sectionsOf(paragraphsOf(body, typedBlanks)), otherLines: lines.filter((l) => !kept.has(l)).map((l) => l.cells.map((c) => c.text.trim())) };
}

/**
 * 第一部分's units table (序号 | 单位名称 | 备注) when it prints in the text's own size (a WPS form):
 * its header line and the lines under it up to the next heading, kept out of the paragraphs.
 */
function unitsTable(lines: TextLine[]): Set<TextLine> {
  const start = lines.findIndex((l) => l.text.replace(/\s+/g, '') === '序号单位名称备注');
  if (start < 0) return new Set();
  const end = lines.findIndex((l, i) => i > start && SECTION.test(l.text.trim()));
  return new Set(lines.slice(start, end < 0 ? undefined : end));
}

/** The lines in the text's own size: not a chart's labels and captions. */
function bodyLines(lines: TextLine[]): TextLine[] {
  const weight = new Map<number, number>();
  for (const l of lines) {
    const size = Math.round(l.fontSize * 2) / 2;
    weight.set(size, (weight.get(size) ?? 0) + l.text.length);
  }
  const size = [...weight].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  return lines.filter((l) => Math.abs(l.fontSize - size) <= 0.12 * size);
}

function paragraphsOf(lines: TextLine[], typedBlanks: boolean): Paragraph[] {
  if (lines.length === 0) return [];
  const size = lines[0]!.fontSize;
  // The text's left edge: the leftmost line (a part of one-line paragraphs has its indent as mode).
  const left = Math.min(...lines.map((l) => l.x0));
  const right = Math.max(...lines.map((l) => l.x1));
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | undefined;
  let previous: TextLine | undefined;
  for (const line of lines) {
    const text = typedBlanks ? keepTypedBlanks(line.cells.map((c) => c.raw).join('')) : line.text.trim();
    const indented = line.x0 > left + 0.9 * size;
    const ended = !previous || previous.x1 < right - 1.2 * size;
    const heading = SECTION.test(text) || SUBSECTION.test(text);
    if (!current || indented || ended || heading) {
      current = { text, page: line.page, indent: indented };
      paragraphs.push(current);
    } else {
      current.text += text;
    }
    previous = line;
  }
  return paragraphs;
}

/** Headings are short paragraphs that open with 一、 or （一）; everything else is text. */
function sectionsOf(paragraphs: Paragraph[]): NarrativeSection[] {
  const sections: NarrativeSection[] = [];
  let section: NarrativeSection | undefined;
  let sub: NarrativeSubsection | undefined;
  for (const p of paragraphs) {
    const short = p.text.length <= 40 && !/[，；]/.test(p.text);
    if (short && SECTION.test(p.text)) {
      section = { heading: p.text, page: p.page, paragraphs: [], subsections: [] };
      sections.push(section);
      sub = undefined;
    } else if (short && SUBSECTION.test(p.text) && section) {
      sub = { heading: p.text, page: p.page, indent: p.indent, paragraphs: [] };
      section.subsections.push(sub);
    } else {
      if (!section) {
        section = { heading: '', page: p.page, paragraphs: [], subsections: [] };
        sections.push(section);
      }
      (sub ?? section).paragraphs.push(p);
    }
  }
  return sections;
}

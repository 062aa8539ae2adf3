import Handlebars from 'handlebars';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDocument, type Document } from 'yaml';
import { parseDocument as parseMarkup } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { loadDepartment } from '../src/load/index.js';
import { calculate, type Calculated } from '../src/calculate/index.js';
import { buildView } from '../src/template/view.js';
import { registerHelpers } from '../src/template/helpers.js';
import { ROOT, SAMPLE, scratchData } from './helpers.js';

/** Shared by the tests/forms-*.test.ts files: the sample, variants of it, and parts 4–6 as markup. */

let sample: Calculated | undefined;
export function sampleCalc(): Calculated {
  sample ??= calculate(loadDepartment(SAMPLE));
  return sample;
}

/** The sample with edits applied to its YAML (a scratch copy next to the catalog). */
export function variant(edit: (doc: Document) => void): Calculated {
  const doc = parseDocument(readFileSync(SAMPLE, 'utf8'));
  edit(doc);
  const dir = scratchData();
  const file = join(dir, 'data/2023/variant.yaml');
  writeFileSync(file, doc.toString());
  return calculate(loadDepartment(file));
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** 第四、五、六部分 through the project's templates and helpers, without the rest of the document. */
export function partsMarkup(calc: Calculated, parts = ['part4', 'part5', 'part6']): string {
  const dir = join(ROOT, 'templates');
  const hb = Handlebars.create();
  registerHelpers(hb);
  for (const f of walk(dir).filter((f) => f.endsWith('.hbs'))) hb.registerPartial(relative(dir, f).replace(/\\/g, '/').replace(/\.hbs$/, ''), readFileSync(f, 'utf8'));
  return hb.compile(parts.map((p) => `{{> ${p}/index}}`).join('\n'))(buildView(calc));
}

export function parse(markup: string): ChildNode[] {
  return parseMarkup(`<root>${markup}</root>`, { xmlMode: true }).children;
}

export const isElement = (n: ChildNode): n is Element => n.type === 'tag';

export function elements(nodes: ChildNode[], name?: string): Element[] {
  const out: Element[] = [];
  const visit = (ns: ChildNode[]) => {
    for (const n of ns) {
      if (!isElement(n)) continue;
      if (!name || n.name === name) out.push(n);
      visit(n.children);
    }
  };
  visit(nodes);
  return out;
}

/** The text a reader sees: text nodes, plus the table furniture carried in attributes (title, left, right). */
export function readerText(nodes: ChildNode[]): string {
  let s = '';
  const visit = (ns: ChildNode[]) => {
    for (const n of ns) {
      if (n.type === 'text') s += n.data;
      else if (isElement(n)) {
        if (n.name === 'table') s += ['title', 'left', 'right'].map((a) => n.attribs[a] ?? '').join('\n');
        visit(n.children);
        s += '\n';
      }
    }
  };
  visit(nodes);
  return s;
}

export const cellText = (td: Element): string => readerText(td.children).replace(/\s+/g, '');
export const rowTexts = (tr: Element): string[] => elements(tr.children, 'td').map(cellText);

/**
 * 第四、五、六部分 of the published report (tests/fixtures/reference-2023-jiangan.txt, a text
 * extraction): every paragraph and every table cell must be in the markup our templates produce
 * for the sample.
 */
const reference = (): string[] => readFileSync(join(ROOT, 'tests/fixtures/reference-2023-jiangan.txt'), 'utf8').split('\n');

/**
 * Compared without whitespace (the extraction breaks lines and inserts spaces at will), with
 * full-width and half-width punctuation taken as one (the published text mixes "(一)" and "（十一）",
 * "(类)" and "（类）"; we print full-width in running text), and with the extraction's LaTeX and
 * HTML undone.
 */
export function normalise(s: string): string {
  return s
    .replace(/\$\\geq\s*X\$/g, '≥X')
    .replace(/\$\\leq\s*X\$/g, '≤X')
    .replace(/\$\\times\s*B\/A\$/g, '*B/A')
    .replace(/\$\\times\s*A\/B\$/g, '*A/B')
    .replace(/×/g, '*')
    .replace(/<input[^>]*>/g, '')
    .replace(/<\/?p>/g, '')
    .replace(/\*\*/g, '')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[，]/g, ',')
    .replace(/[；]/g, ';')
    .replace(/[：]/g, ':')
    .replace(/\s+/g, '');
}

/**
 * Reference pieces we do not print as extracted → what we print instead, and why (each is reported
 * to the lead):
 * - "…外来务工人员 and 留汉…": an extraction glitch for "和" (the same sentence reads "和" elsewhere in
 *   the extraction and in the data).
 */
export const NOT_AS_EXTRACTED: Record<string, string> = {
  '解决辖区城镇住房困难家庭、无房新就业职工、在汉稳定就业的外来务工人员and留汉创业就业大学毕业生住房困难':
    '解决辖区城镇住房困难家庭、无房新就业职工、在汉稳定就业的外来务工人员和留汉创业就业大学毕业生住房困难',
};

export function referencePieces(): string[] {
  const lines = reference();
  const start = lines.findIndex((l, i) => i > 100 && l.startsWith('第四部分'));
  if (start < 100) throw new Error('第四部分 not found in the reference');
  const pieces: string[] = [];
  for (const line of lines.slice(start)) {
    for (const cell of line.split('\t')) {
      for (const part of cell.split(/<\/p>\s*<p>/)) {
        const n = normalise(part);
        if (!n || /^\.+$/.test(n)) continue; // blank cells, "....." placeholder rows
        pieces.push(n);
      }
    }
  }
  return pieces;
}

/** Reference pieces not in `text` (normalised), the documented exceptions printed in their data form. */
export function missingPieces(text: string): string[] {
  return referencePieces().filter((p) => !text.includes(p) && !(p in NOT_AS_EXTRACTED && text.includes(normalise(NOT_AS_EXTRACTED[p]))));
}

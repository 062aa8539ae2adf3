import type { PrintedKind, PrintedText } from '../model/printed-text.js';
import type { Block, Inline, MarkupDocument } from './markup-model.js';
import { parseMarkup } from './parse-markup.js';
import type { LaidOutDocument } from './types.js';

/**
 * The words a report prints, in reading order, as the rules that read printed text want them
 * (src/model/printed-text.ts): cover lines, part titles, headings, paragraphs, table titles,
 * header lines, table notes and chart labels. Table cells are left out: the table rules read the
 * amounts from the data. With the laid-out pages each entry gets the PDF page it starts on.
 */
export function printedText(markup: string | MarkupDocument, laidOut?: LaidOutDocument): PrintedText[] {
  const doc = typeof markup === 'string' ? parseMarkup(markup) : markup;
  const out: PrintedText[] = [];
  const state = { section: undefined as string | undefined };
  const push = (kind: PrintedKind, text: string, section = state.section) => {
    const t = text.normalize('NFC').trim();
    if (t) out.push(section === undefined ? { text: t, kind } : { text: t, kind, section });
  };
  const walk = (b: Block): void => {
    switch (b.kind) {
      case 'cover':
        // the title lines are one name broken over lines ("2023年度武汉市江岸区" / "住房保障和…")
        push('cover', b.titles.map(plain).join(''), 'cover');
        for (const d of b.dates) push('cover', plain(d), 'cover');
        break;
      case 'heading': {
        const text = plain(b.content);
        state.section = text;
        push(b.level === 1 ? 'title' : 'heading', text, text);
        break;
      }
      case 'p':
        push('paragraph', plain(b.content));
        break;
      case 'keep':
        b.blocks.forEach(walk);
        break;
      case 'table': {
        const section = b.title || b.continued || state.section;
        if (b.title) push('table-title', b.form ? `${b.title}\u3000${b.form}` : b.title, section);
        if (b.left) push('table-header', b.left, section);
        if (b.right) push('table-header', b.right, section);
        for (const n of b.notes) push('table-note', plain(n), section);
        break;
      }
      case 'chart': {
        const section = b.caption;
        push('chart-label', b.caption, section);
        if (b.type === 'bars') {
          for (const s of b.series) push('chart-label', s, section);
          for (const g of b.groups) {
            push('chart-label', g.label, section);
            for (const bar of g.bars) push('chart-label', bar.text, section);
          }
        } else {
          for (const s of b.slices) push('chart-label', `${s.label} ${s.text}`, section);
        }
        break;
      }
      default:
        break;
    }
  };
  for (const s of doc.sections) s.blocks.forEach(walk);
  if (laidOut) assignPages(out, laidOut);
  return out;
}

function plain(content: Inline[]): string {
  return content.map((i) => (i.kind === 'text' ? i.text : i.kind === 'br' ? '' : '')).join('');
}

const squeeze = (s: string): string => s.replace(/\s+/g, '');

/**
 * Each entry's page: the first page, from the previous entry's on, whose text holds the entry's
 * opening characters (a paragraph broken over two pages starts on the first). Entries come in
 * reading order, so the search never goes back; an entry not found keeps no page.
 */
function assignPages(entries: PrintedText[], laidOut: LaidOutDocument): void {
  const pages = laidOut.pages.map((p) => squeeze(p.items.map((i) => (i.kind === 'text' ? i.text : '')).join('')));
  let from = 0;
  for (const e of entries) {
    // a table's form number prints apart from its title
    const head = squeeze(e.text.split('\u3000')[0]!).slice(0, 12);
    if (!head) continue;
    for (let i = from; i < pages.length; i++) {
      if (pages[i]!.includes(head)) {
        e.page = i + 1;
        from = i;
        break;
      }
    }
  }
  // a chart label drawn apart from its number: the page of its chart's caption
  for (let i = 1; i < entries.length; i++) {
    const e = entries[i]!;
    const before = entries[i - 1]!;
    if (e.page === undefined && before.page !== undefined && e.section === before.section) e.page = before.page;
  }
  for (let i = entries.length - 2; i >= 0; i--) {
    const e = entries[i]!;
    const after = entries[i + 1]!;
    if (e.page === undefined && after.page !== undefined && e.section === after.section) e.page = after.page;
  }
}

import type { Figure, Narrative, NarrativeSectionId } from '../calculate/narrative/index.js';
import { NARRATIVE_SECTION_BASE } from '../model/narrative-sections.js';
import { chineseNumber } from '../model/number-format.js';
import type { PrintedText } from '../model/printed-text.js';
import type { CheckContext } from './context.js';

/**
 * Where a figure of 第三部分 prints, in the officer's words: the section's heading as printed
 * ("九、财政拨款“三公”经费支出决算情况说明"), the sub-heading's ordinal and the numbered paragraph
 * ("（二）1") and the page, found in what the report prints (ctx.printed); without the printed
 * words, the headings' ordinals (九（二）).
 */

const is = (id: NarrativeSectionId) => (s: { id: NarrativeSectionId }) => s.id === id || NARRATIVE_SECTION_BASE[s.id] === id;

/** The heading ordinals of a section present in the text: [九] or [五, 三]; [] when absent. */
export function sectionOrdinals(n: Narrative, id: NarrativeSectionId): number[] {
  for (const s of n.sections) {
    if (is(id)(s)) return [s.n];
    const child = s.children.find(is(id));
    if (child) return [s.n, child.n];
  }
  return [];
}

/** "九" or "五（三）", as the rules name a section; '' when the text has no such section. */
export function sectionLabel(n: Narrative, id: NarrativeSectionId): string {
  const [top, child] = sectionOrdinals(n, id);
  if (top === undefined) return '';
  return child === undefined ? chineseNumber(top) : `${chineseNumber(top)}（${chineseNumber(child)}）`;
}

const TOP_HEADING = /^[一二三四五六七八九十]{1,3}、/;
const SUB_HEADING = /^[(（]([一二三四五六七八九十]{1,3})[)）]/;
const PARAGRAPH_NUMBER = /^(\d{1,2})[.、．]/;

/** The printed text of a figure with its unit, as a pattern that does not match inside a longer number. */
function printedPattern(f: Figure): RegExp | undefined {
  const text = f.kind === 'list' ? (f.pinnedItems ?? f.items)?.[0] : f.text;
  if (!text) return undefined;
  const unit = f.kind === 'percent' ? '[%％]' : f.kind === 'amount' ? '万元' : '';
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return f.kind === 'list' ? new RegExp(escaped) : new RegExp(`(?<![\\d.])${escaped}${unit}`);
}

export interface FigurePlace {
  /** "第三部分 九、财政拨款“三公”经费支出决算情况说明（二）1" */
  place: string;
  page?: number;
}

export function figurePlace(ctx: CheckContext, n: Narrative, f: Figure): FigurePlace {
  const ordinals = f.section ? sectionOrdinals(n, f.section as NarrativeSectionId) : [];
  const byOrdinals = ordinals.length === 0 ? '第三部分' : `第三部分 ${sectionLabel(n, f.section as NarrativeSectionId)}`;
  const printed = ctx.printed;
  if (!printed || ordinals.length === 0) return { place: byOrdinals };
  const range = sectionRange(printed, ordinals);
  if (!range) return { place: byOrdinals };
  const { heading, entries } = range;
  const pattern = printedPattern(f);
  const hits = pattern ? entries.filter((e) => e.kind === 'paragraph' && pattern.test(e.text)) : [];
  const subs = new Set(hits.map((e) => subOrdinal(entries, e)));
  const sub = hits.length > 0 && subs.size === 1 ? [...subs][0]! : ordinals[1] !== undefined ? `（${chineseNumber(ordinals[1])}）` : '';
  const number = hits.length === 1 ? (PARAGRAPH_NUMBER.exec(hits[0]!.text)?.[1] ?? '') : '';
  const pages = new Set(hits.map((e) => e.page));
  const page = hits.length > 0 && pages.size === 1 ? hits[0]!.page : heading.page;
  return { place: `第三部分 ${heading.text}${sub}${number}`, ...(page === undefined ? {} : { page }) };
}

/** The printed entries of a section (from its heading to the next heading of its level or a part title). */
function sectionRange(printed: readonly PrintedText[], [top, child]: number[]): { heading: PrintedText; entries: PrintedText[] } | undefined {
  const partThree = Math.max(0, printed.findIndex((e) => e.kind === 'title' && e.text.startsWith('第三部分')));
  const topPrefix = `${chineseNumber(top!)}、`;
  const start = printed.findIndex((e, i) => i > partThree && e.kind === 'heading' && e.text.startsWith(topPrefix));
  if (start < 0) return undefined;
  let end = printed.findIndex((e, i) => i > start && (e.kind === 'title' || (e.kind === 'heading' && TOP_HEADING.test(e.text))));
  if (end < 0) end = printed.length;
  let entries = printed.slice(start + 1, end);
  if (child !== undefined) {
    const cn = chineseNumber(child);
    const from = entries.findIndex((e) => e.kind === 'heading' && SUB_HEADING.exec(e.text)?.[1] === cn);
    if (from >= 0) {
      const to = entries.findIndex((e, i) => i > from && e.kind === 'heading' && SUB_HEADING.test(e.text));
      entries = entries.slice(from, to < 0 ? undefined : to);
    }
  }
  return { heading: printed[start]!, entries };
}

/** "（二）" when the paragraph prints under a sub-heading of the section (the last heading before it), else ''. */
function subOrdinal(entries: readonly PrintedText[], e: PrintedText): string {
  const before = entries.slice(0, entries.indexOf(e)).reverse().find((x) => x.kind === 'heading');
  const m = before ? SUB_HEADING.exec(before.text) : null;
  return m ? `（${m[1]}）` : '';
}

/** "第 27 页 第三部分 九、…（二）1 因公出国（境）费预算完成率（因公出国（境）费决算数 ÷ 预算数 × 100%）" */
export function figureTitle(ctx: CheckContext, n: Narrative, f: Figure): string {
  const { place, page } = figurePlace(ctx, n, f);
  return `${page === undefined ? '' : `第 ${page} 页 `}${place} ${f.name}（${f.formula}）`;
}

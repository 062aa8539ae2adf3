import { Decimal } from 'decimal.js';
import type { Figure } from '../calculate/narrative/figures.js';
import type { NarrativeSectionId } from '../model/narrative-sections.js';
import { tailTolerance } from '../calculate/rounding.js';

/**
 * Links the figures printed in 第三部分 to the calculator's figure ids: "收入总计15879.38万元" becomes
 * "收入总计{totals.grand_total}万元". A printed figure equal to a figure of its section is linked; one
 * that differs only by rounding (99.1% for 99.05%, 9635.64 for 9635.63: within 尾数误差) is linked
 * and pinned to what was printed, so the file renders the published wording and the checker
 * reports the difference. A figure far from every computed one links by the name printed before it
 * (byName); one the calculator has no counterpart for stays as printed.
 */

export interface LinkResult {
  text: string;
  /** Figure id → the printed text, where it differs from the computed text. */
  pins: Record<string, string>;
  /** Figure id of each pin → the sentence it is printed in. */
  sentences: Record<string, string>;
  linked: number;
  printed: number;
}

/** The figure ids a section's text states: the section's own, and those it shares with its base. */
const PREFIXES: Partial<Record<NarrativeSectionId, string[]>> = {
  general_budget_by_item: ['general_budget'],
  three_public_detail: ['three_public'],
  procurement_sme: ['procurement'],
  performance_counts: ['performance'],
};

export function prefixesOf(section: NarrativeSectionId | undefined): string[] {
  if (!section) return [];
  const extra = PREFIXES[section] ?? [];
  return [section, ...extra, ...(section === 'general_budget' ? ['expenditure'] : [])];
}

const PRINTED = /(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(\s*)(万元|%|％)/g;

/**
 * `figures`: the computed figures; `used`: ids already linked (a value printed once per figure is
 * linked to a figure not used yet, so two equal totals get their own ids); `pins` so far (a figure
 * printed twice in two ways keeps its first pin and the second stays as printed).
 */
export function linkFigures(text: string, prefixes: string[], figures: readonly Figure[], used: Set<string>, pins: Record<string, string>): LinkResult {
  const own: Record<string, string> = {};
  const sentences: Record<string, string> = {};
  let linked = 0;
  let printed = 0;
  const candidatesOf = (kind: Figure['kind']) =>
    figures.filter((f) => f.kind === kind && f.value !== undefined && f.computed !== undefined && prefixes.some((p) => f.id === p || f.id.startsWith(`${p}.`)));
  const out = text.replace(PRINTED, (whole, number: string, space: string, unit: string, offset: number) => {
    printed++;
    const bare = number.replace(/,/g, '');
    const value = new Decimal(bare);
    const kind = unit === '万元' ? 'amount' : 'percent';
    const candidates = candidatesOf(kind);
    const places = bare.includes('.') ? bare.length - bare.indexOf('.') - 1 : 0;
    const equal = candidates.filter((f) => f.value!.equals(value));
    const near = candidates.filter(
      // Rounded to fewer places (99.1 for 99.05), but not to a whole number: "100%" says too little.
      (f) => (places > 0 && f.value!.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).equals(value)) || f.value!.minus(value).abs().lte(tailTolerance(1)),
    );
    const pick = (fs: Figure[]) => fs.find((f) => !used.has(f.id)) ?? fs[0];
    const figure = pick(equal) ?? pick(near.filter((f) => !used.has(f.id))) ?? byName(text.slice(0, offset), candidates.filter((f) => !used.has(f.id)));
    if (!figure) return whole;
    const shown = kind === 'percent' ? `${bare}%` : bare;
    if (figure.computed !== bare) {
      const pinned = pins[figure.id] ?? own[figure.id];
      if (pinned !== undefined && pinned !== shown) return whole;
      own[figure.id] = shown;
      sentences[figure.id] = sentenceAt(text, offset);
    } else if ((pins[figure.id] ?? own[figure.id]) !== undefined) {
      // Pinned elsewhere to another text: here the computed text prints, so keep it as printed.
      return whole;
    }
    used.add(figure.id);
    linked++;
    return `{${figure.id}}${space}${unit}`;
  });
  return { text: out, pins: own, sentences, linked, printed };
}

/**
 * A printed figure far from every computed value is still a figure of the section when the words
 * just before it are a figure's name ("项目支出0.5万元" where 项目支出 is 9635.63): linked and pinned,
 * so the checker reports the difference instead of reading past it. Only a whole name ending right
 * where the number starts (after 为/是), the longest and only one, links: a budget or an amount the
 * calculator has no figure for stays as printed.
 */
function byName(before: string, candidates: readonly Figure[]): Figure | undefined {
  const words = before.replace(/(?:为|是)$/, '');
  const named = candidates.filter((f) => f.name.length >= 2 && words.endsWith(f.name));
  if (named.length === 0) return undefined;
  const longest = Math.max(...named.map((f) => f.name.length));
  const best = named.filter((f) => f.name.length === longest);
  return best.length === 1 ? best[0] : undefined;
}

/** The sentence (between 。；) around a place in a paragraph. */
function sentenceAt(text: string, at: number): string {
  const start = Math.max(text.lastIndexOf('。', at - 1), text.lastIndexOf('；', at - 1)) + 1;
  const ends = [text.indexOf('。', at), text.indexOf('；', at)].filter((i) => i >= 0);
  return text.slice(start, ends.length ? Math.min(...ends) + 1 : text.length);
}

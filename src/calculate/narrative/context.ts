import type { Decimal } from 'decimal.js';
import type { Loaded } from '../../load/index.js';
import type { Explanation } from '../../load/schema-explanation.js';
import type { Amount } from '../../model/amount.js';
import type { TableKey } from '../../model/tables.js';
import type { ResolvedTables } from '../tables.js';
import type { Figure, FigureBook, Path } from './figures.js';
import type { PlaceholderProblem } from './placeholders.js';
import type { Reason } from './types.js';

/** What every section's function reads, and the figure book they all write to. */
export interface SectionContext {
  loaded: Loaded;
  tables: ResolvedTables;
  book: FigureBook;
  year: number;
  lastYear: number;
  /** `explanation:` (empty when the file has none). */
  ex: Explanation;
  /** Where `explanation:` sits in the YAML: the root of every section's data path. */
  root: Path;
  /** A table's printed name, for the trace's formulas. */
  tableName(key: TableKey): string;
  /** `{id}` placeholders in the department's text that name no figure. */
  placeholderProblems: PlaceholderProblem[];
  /** Runs `fill` once every section of the text has made its figures (for text that quotes any of them). */
  afterSections(fill: () => void): void;
}

export const v = (a: Amount | undefined): Decimal | undefined => a?.value;

export function reasonOf(text: string | undefined, path: Path): Reason | undefined {
  if (text === undefined) return undefined;
  return { text: text.trim().replace(/。$/, ''), path };
}

/**
 * A figure two sections share (五 takes 三's 支出合计, 十三 takes 五's 项目支出): made once, by
 * whichever section comes first, so a form set may drop or reorder either.
 */
export function shared(ctx: SectionContext, id: string, make: () => Figure): Figure {
  return ctx.book.get(id) ?? make();
}

/** A blank cell counts as zero (七 and 八 say "本部门没有…" when the whole table is blank). */
export const blank = (a: Amount | undefined): boolean => !a || a.value.isZero();

import { TABLES, TABLE_KEYS, type TableKey } from '../../model/tables.js';
import type { Profile } from '../../model/profile.js';
import { norm, type SheetGrid } from './sheet-grid.js';

/** The titles other form sets give some tables (Shanghai's 基本支出表 and 收入支出 国有资本 table). */
const OTHER_TITLES: Partial<Record<TableKey, string[]>> = {
  basic_detail: ['一般公共预算财政拨款基本支出决算表'],
  government_fund: ['政府性基金预算财政拨款支出决算表'],
  state_capital: ['国有资本经营预算财政拨款收入支出决算表'],
};

/** How far down a table's title may stand (extra title rows above it included). */
const TITLE_ROWS = 8;

/** A form number: 公开01(表), Z01, 财决01. */
const FORM_CODE = /(公开|Z|财决)(\d{1,2})表?/i;

export interface FoundTable {
  key: TableKey;
  grid: SheetGrid;
  /** The row of the title (or the form number), where the table's furniture begins. */
  titleRow: number;
}

/**
 * The form set's tables among the sheets, by title or form number, never by position: a sheet's
 * name and the texts of its first rows are compared with each table's titles (the longest title
 * that fits wins, so 收入支出决算总表 is not taken for 财政拨款收入支出决算总表), then with the
 * form numbers: 公开NN as the form set numbers its tables; Z NN and 财决NN in the order of the
 * 部门决算 system's 公开 tables, which is the registry's (收入支出决算总表 first, 三公 last).
 */
export function findTables(grids: readonly SheetGrid[], profile: Profile): FoundTable[] {
  const titles = TABLE_KEYS.flatMap((key) => {
    const entry = profile.tables.find((t) => t.key === key);
    return [...new Set([entry?.title, TABLES[key].title, ...(OTHER_TITLES[key] ?? [])].filter((t): t is string => !!t))].map((t) => ({ key, title: norm(t) }));
  }).sort((a, b) => b.title.length - a.title.length);

  const found = new Map<TableKey, FoundTable>();
  for (const grid of grids) {
    const hit = byTitle(grid, titles) ?? byFormCode(grid, profile);
    if (hit && !found.has(hit.key)) found.set(hit.key, { ...hit, grid });
  }
  return profile.tables.filter((t) => found.has(t.key)).map((t) => found.get(t.key)!);
}

function byTitle(grid: SheetGrid, titles: { key: TableKey; title: string }[]): { key: TableKey; titleRow: number } | undefined {
  for (let r = 1; r <= Math.min(TITLE_ROWS, grid.rowCount); r++) {
    for (const c of grid.columns) {
      const text = norm(grid.rows[r]?.[c]?.text ?? '').replace(FORM_CODE, '');
      if (text.length < 4) continue;
      // The title, perhaps after a year and department ("2023年度…收入决算表"), never inside a longer sentence.
      const t = titles.find((x) => text.endsWith(x.title) || text.endsWith(`${x.title})`));
      if (t) return { key: t.key, titleRow: r };
    }
  }
  const name = norm(grid.name).replace(FORM_CODE, '');
  const t = titles.find((x) => name.endsWith(x.title));
  return t ? { key: t.key, titleRow: 1 } : undefined;
}

function byFormCode(grid: SheetGrid, profile: Profile): { key: TableKey; titleRow: number } | undefined {
  const candidates: { text: string; row: number }[] = [{ text: grid.name, row: 1 }];
  for (let r = 1; r <= Math.min(TITLE_ROWS, grid.rowCount); r++) for (const c of grid.columns) candidates.push({ text: grid.rows[r]?.[c]?.text ?? '', row: r });
  for (const { text, row } of candidates) {
    const m = FORM_CODE.exec(norm(text));
    if (!m) continue;
    const n = Number(m[2]);
    if (m[1] === '公开') {
      const entry = profile.tables.find((t) => t.label && new RegExp(`^公开0?${n}表?$`).test(t.label));
      if (entry) return { key: entry.key, titleRow: row };
    }
    const key = TABLE_KEYS[n - 1];
    if (key) return { key, titleRow: row };
  }
  return undefined;
}

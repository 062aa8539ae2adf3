import { describe, expect, it } from 'vitest';
import { CLASS_TABLE_KEYS, LEGACY_TABLE_KEYS, TABLE_KEYS, TABLES, columnKeys, tableName } from '../src/model/tables.js';

describe('the table registry', () => {
  it('names each table by its own key, under a title with no region numbering', () => {
    for (const key of TABLE_KEYS) {
      expect(TABLES[key].key).toBe(key);
      expect(TABLES[key].title).toMatch(/表$/);
      expect(TABLES[key].title).not.toMatch(/公开|\d/);
    }
  });

  it('sums only columns the table has, each part once', () => {
    const sums = [
      ...CLASS_TABLE_KEYS.map((k) => ({ cols: columnKeys(TABLES[k].columns) as string[], sum: TABLES[k].rowSum })),
      { cols: columnKeys(TABLES.fiscal_summary.columns) as string[], sum: TABLES.fiscal_summary.rowSum },
      { cols: columnKeys(TABLES.three_public.columns) as string[], sum: TABLES.three_public.vehicleSum },
      { cols: columnKeys(TABLES.three_public.columns) as string[], sum: TABLES.three_public.totalSum },
      ...TABLES.summary.grandTotals.map((sum) => ({ cols: columnKeys(TABLES.summary.lines) as string[], sum })),
    ];
    for (const { cols, sum } of sums) {
      expect(cols).toContain(sum.total);
      for (const p of sum.parts) expect(cols).toContain(p);
      expect(new Set(sum.parts).size).toBe(sum.parts.length);
      expect(sum.parts).not.toContain(sum.total);
    }
  });

  it('keeps the class tables apart from the two-sided and detail forms', () => {
    expect(CLASS_TABLE_KEYS).toEqual(['income', 'expenditure', 'general_budget', 'government_fund', 'state_capital']);
  });

  it('maps each old key t01…t09 to a different table', () => {
    expect(Object.keys(LEGACY_TABLE_KEYS)).toEqual(['t01', 't02', 't03', 't04', 't05', 't06', 't07', 't08', 't09']);
    expect([...new Set(Object.values(LEGACY_TABLE_KEYS))]).toEqual(TABLE_KEYS);
  });

  it('names a table by its title, with the form set’s label when it prints one', () => {
    expect(tableName('three_public')).toBe('财政拨款“三公”经费支出决算表');
    const list = [{ key: 'income', label: '公开02表', title: '收入决算表', toc: '二、收入决算表', orientation: 'landscape' }] as const;
    expect(tableName('income', list)).toBe('收入决算表（公开02表）');
    expect(tableName('expenditure', list)).toBe('支出决算表');
    expect(tableName('income', [{ ...list[0], label: undefined, title: '收入决算表（单位汇总）' }])).toBe('收入决算表（单位汇总）');
  });
});

import type { FormId } from './outline.js';
import type { Table, TableRow } from './table-grid.js';

/**
 * The thin layer between a table read from a PDF (table-grid.ts, which knows no data format) and
 * the department file's `tables:` section. The forms are named by the registry's table keys
 * (src/model/tables.ts), so a form's id is its key in the file. Amounts stay
 * the printed decimal strings; blank cells are left out, as the file leaves them out.
 */

type Fields = Record<string, string>;
export type TableData = Record<string, unknown>;

/** Column keys of the coded tables, by the leaf header's words. */
const CODED_COLUMNS: Partial<Record<FormId, Array<[RegExp, string]>>> = {
  income: [
    [/本年收入合计/, 'total'],
    [/财政拨款收入/, 'fiscal'],
    [/上级补助收入/, 'superior'],
    [/事业收入/, 'business'],
    [/经营收入/, 'operating'],
    [/附属单位上缴收入/, 'affiliated'],
    [/其他收入/, 'other'],
  ],
  expenditure: [
    [/本年支出合计/, 'total'],
    [/^基本支出$/, 'basic'],
    [/^项目支出$/, 'project'],
    [/上缴上级支出/, 'to_superior'],
    [/经营支出/, 'operating'],
    [/对附属单位补助支出/, 'to_affiliated'],
  ],
  general_budget: [
    [/^(小计|合计)$/, 'total'],
    [/^基本支出$/, 'basic'],
    [/^项目支出$/, 'project'],
  ],
  government_fund: [
    [/年初结转和结余/, 'opening'],
    [/^本年收入$/, 'income'],
    [/^(小计|合计)$/, 'total'],
    [/^基本支出$/, 'basic'],
    [/^项目支出$/, 'project'],
    [/年末结转和结余/, 'closing'],
  ],
  state_capital: [
    [/年初结转和结余/, 'opening'],
    [/^本年收入$/, 'income'],
    [/^(小计|合计|本年支出合计)$/, 'total'],
    [/^基本支出$/, 'basic'],
    [/^项目支出$/, 'project'],
    [/年末结转和结余/, 'closing'],
  ],
};

const FUNDS: Array<[RegExp, string]> = [
  [/一般公共预算财政拨款/, 'general_budget'],
  [/政府性基金预算财政拨款/, 'government_fund'],
  [/国有资本经营预算财政拨款/, 'state_capital'],
];

const SUMMARY_INCOME: Array<[RegExp, string]> = [
  ...FUNDS,
  [/上级补助收入/, 'superior'],
  [/事业收入/, 'business'],
  [/经营收入/, 'operating'],
  [/附属单位上缴收入/, 'affiliated'],
  [/其他收入/, 'other'],
];

/**
 * A read table in the file's shape. `classCode` turns a 类 name of the 总表s (一、一般公共服务支出)
 * into its code (from the year's catalog); a row it does not know is left out.
 */
export function toTableData(table: Table, classCode: (name: string) => string | undefined): TableData {
  const label = (k: number) => table.columns[k]?.path.at(-1) ?? '';
  const cellsOf = (row: TableRow, keys: Array<[RegExp, string]>): Fields => {
    const out: Fields = {};
    const values = table.groups[row.group]?.values ?? [];
    row.cells.forEach((c, i) => {
      const key = keys.find(([re]) => re.test(label(values[i]!)))?.[1];
      if (key && c !== null && c !== '-') out[key] = c;
    });
    return out;
  };
  const amount = (row: TableRow, pattern: RegExp) => {
    const values = table.groups[row.group]?.values ?? [];
    const i = values.findIndex((k) => pattern.test(label(k)));
    const c = i >= 0 ? row.cells[i] : null;
    return c === null || c === '-' || c === undefined ? undefined : c;
  };
  const bare = (name: string) => name.replace(/^[一二三四五六七八九十]+、/, '').replace(/（.*）$/, '');
  const set = (o: TableData, key: string, v: unknown) => {
    if (v !== undefined && !(typeof v === 'object' && v !== null && Object.keys(v).length === 0)) o[key] = v;
  };

  switch (table.form) {
    case 'income':
    case 'expenditure':
    case 'general_budget':
    case 'government_fund':
    case 'state_capital': {
      const keys = CODED_COLUMNS[table.form]!;
      const out: TableData = { rows: [] };
      for (const row of table.rows) {
        if (row.code) (out.rows as unknown[]).push({ code: row.code, ...cellsOf(row, keys) });
        else if (/^合计$/.test(row.name)) set(out, 'total', { ...((out.total as Fields) ?? {}), ...cellsOf(row, keys) });
      }
      return out;
    }
    case 'summary': {
      const out: TableData = {};
      const income: Fields = {};
      const expenditure: Fields = {};
      for (const row of table.rows) {
        const v = amount(row, /决算数/);
        if (row.group === 0) {
          const key = SUMMARY_INCOME.find(([re]) => re.test(row.name))?.[1];
          if (key && /^[一二三四五六七八九十]+、/.test(row.name)) set(income, key, v);
          else if (/本年收入合计/.test(row.name)) set(out, 'income_total', v);
          else if (/使用非财政拨款结余/.test(row.name)) set(out, 'non_fiscal_surplus_used', v);
          else if (/年初结转和结余/.test(row.name)) set(out, 'opening_balance', v);
          else if (/^总计$/.test(row.name)) set(out, 'income_grand_total', v);
        } else {
          const code = /^[一二三四五六七八九十]+、/.test(row.name) ? classCode(bare(row.name)) : undefined;
          if (code) set(expenditure, code, v);
          else if (/本年支出合计/.test(row.name)) set(out, 'expenditure_total', v);
          else if (/结余分配/.test(row.name)) set(out, 'surplus_distribution', v);
          else if (/年末结转和结余/.test(row.name)) set(out, 'closing_balance', v);
          else if (/^总计$/.test(row.name)) set(out, 'expenditure_grand_total', v);
        }
      }
      set(out, 'income', income);
      set(out, 'expenditure', expenditure);
      return out;
    }
    case 'fiscal_summary': {
      const out: TableData = {};
      const income: Fields = {};
      const opening: Fields = {};
      const expenditure: Array<Fields & { code: string }> = [];
      const columns: Array<[RegExp, string]> = [[/^合计$/, 'total'], ...FUNDS];
      let afterOpening = false;
      for (const row of table.rows) {
        if (row.group === 0) {
          const v = amount(row, /决算数/);
          const fund = FUNDS.find(([re]) => re.test(row.name))?.[1];
          // The 年初 line's own total is the sum of the fund lines under it: the file keeps those.
          if (/年初.*结转和结余/.test(row.name)) afterOpening = true; else if (fund) set(afterOpening ? opening : income, fund, v);
          else if (/本年收入合计/.test(row.name)) set(out, 'income_total', v);
          else if (/^总计$/.test(row.name)) set(out, 'income_grand_total', v);
        } else {
          const fields = cellsOf(row, columns);
          const code = /^[一二三四五六七八九十]+、/.test(row.name) ? classCode(bare(row.name)) : undefined;
          if (code) {
            if (Object.keys(fields).length > 0) expenditure.push({ code, ...fields });
          } else if (/本年支出合计/.test(row.name)) set(out, 'expenditure_total', fields);
          else if (/年末.*结转和结余/.test(row.name)) set(out, 'closing_balance', fields);
          else if (/^总计$/.test(row.name)) set(out, 'expenditure_grand_total', fields);
        }
      }
      set(out, 'income', income);
      set(out, 'opening_balance', opening);
      out.expenditure = expenditure;
      return out;
    }
    case 'basic_detail': {
      const out: TableData = { rows: [] };
      for (const row of table.rows) {
        const v = amount(row, /决算数/);
        if (row.code && v) (out.rows as unknown[]).push({ code: row.code, amount: v });
        else if (/人员经费合计/.test(row.name)) set(out, 'personnel_total', v);
        else if (/公用经费合计/.test(row.name)) set(out, 'public_total', v);
      }
      return out;
    }
    case 'three_public': {
      const budget: Fields = {};
      const actual: Fields = {};
      const row = table.rows.find((r) => r.cells.some((c) => c !== null));
      const values = row ? (table.groups[row.group]?.values ?? []) : [];
      row?.cells.forEach((c, i) => {
        const path = table.columns[values[i]!]?.path.join('/') ?? '';
        const side = /预算数/.test(path) ? budget : /决算数/.test(path) ? actual : undefined;
        const key = /因公出国/.test(path)
          ? 'overseas'
          : /小计/.test(path)
            ? 'vehicle_subtotal'
            : /购置费/.test(path)
              ? 'vehicle_purchase'
              : /运行维护费/.test(path)
                ? 'vehicle_operation'
                : /公务接待费/.test(path)
                  ? 'reception'
                  : /合计/.test(path)
                    ? 'total'
                    : undefined;
        if (side && key && c !== null && c !== '-') side[key] = c;
      });
      const out: TableData = {};
      set(out, 'budget', budget);
      set(out, 'actual', actual);
      return out;
    }
  }
}

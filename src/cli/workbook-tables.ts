import { InputError } from '../model/diagnostics.js';

/** What `new --tables` asks of the workbook reader: the tables of the new year's form set. */
export interface WorkbookTablesOptions {
  /** The form set (profiles/<name>) whose tables the workbook holds. */
  profile: string;
  /** The year the tables report on. */
  year: number;
}

/**
 * The seam to the Excel import (`juesuan import <book.xlsx>`): the nine tables of a workbook, in
 * the data format's shape (the value of a department file's `tables:`), or an InputError naming
 * book.xlsx!Sheet!Cell. Until the import lands, `new --tables` is refused here, before any output.
 */
export function readWorkbookTables(path: string, options: WorkbookTablesOptions): unknown {
  void options;
  throw new InputError(
    [
      {
        severity: 'error',
        rule: 'tables-unavailable',
        message: '本版本尚不能从 Excel 工作簿读入表格（--tables）；请去掉 --tables 起草，草稿中的九张表仍是上一年度的数字，须换成本年度的决算数',
        file: path,
      },
    ],
    2,
  );
}

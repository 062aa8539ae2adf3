import type { Loaded } from '../load/index.js';
import type { ReadReport } from '../import/read-report.js';

/**
 * Line of the file imported from a PDF → the page its table row prints on, for the tables that
 * span pages: a finding about one row of a table on pages 6 and 7 names the one page the row is
 * on. The grid read from the PDF knows each row's page (by its code, and the 合计 row); the
 * loaded file knows each row's line.
 */
export function rowPages(report: ReadReport, loaded: Loaded): (line: number) => number | undefined {
  const byLine = new Map<number, number>();
  const tables = (loaded.model.tables ?? {}) as unknown as Record<string, { rows?: { code?: string | number }[]; total?: unknown } | undefined>;
  const forms = new Set(report.tables.map((t) => t.form));
  for (const form of forms) {
    const read = report.tables.filter((t) => t.form === form);
    if (new Set(read.flatMap((t) => t.pages)).size < 2) continue;
    const pageOfCode = new Map<string, number>();
    let totalPage: number | undefined;
    for (const row of read.flatMap((t) => t.rows)) {
      if (row.code && !pageOfCode.has(row.code)) pageOfCode.set(row.code, row.page);
      if (!row.code && totalPage === undefined && /^合\s*计$/.test(row.name.trim())) totalPage = row.page;
    }
    const table = tables[form];
    (table?.rows ?? []).forEach((row, i) => {
      const page = row.code === undefined ? undefined : pageOfCode.get(String(row.code));
      const at = loaded.locator.locate(['tables', form, 'rows', i]);
      if (page !== undefined && at) byLine.set(at.line, page);
    });
    const total = table?.total === undefined ? undefined : loaded.locator.locate(['tables', form, 'total']);
    if (total && totalPage !== undefined) byLine.set(total.line, totalPage);
  }
  return (line) => byLine.get(line);
}

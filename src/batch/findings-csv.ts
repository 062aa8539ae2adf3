import type { Manifest, ManifestEntry } from './manifest-shape.js';

/** The header a finance officer reads in Excel or WPS; docs/batch.md gives each column's meaning. */
export const FINDINGS_HEADER = ['部门', '文件', '级别', '规则', '位置', '说明', '应为', '实为'] as const;

const SEVERITY = { error: '错误', warning: '警告' } as const;

/**
 * One cell, RFC 4180: quoted when it holds a comma, a quote or a line break (quotes doubled).
 * Text from the data that a spreadsheet would take for a formula (=, +, @, -, or a tab or carriage
 * return first) is prefixed with an apostrophe, so that opening the file never runs one; numbers
 * such as -12.50 are left as they are.
 */
export function csvCell(text: string): string {
  const safe = /^[=+@\t\r]/.test(text) || (/^-/.test(text) && !/^-\d+(\.\d+)?$/.test(text)) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The department as the summary names it: its name, else its file's name (without .yaml or .pdf). */
export function departmentLabel(e: ManifestEntry): string {
  return e.department ?? e.input.replace(/^.*\//, '').replace(/\.(ya?ml|pdf)$/i, '');
}

/**
 * findings.csv: one row per finding of every report in the manifest (a failed report's failure is
 * one of its findings), in the manifest's order (by input path) and then the report's. UTF-8 with a
 * BOM and CRLF line ends, so Excel and WPS open it with the Chinese intact. Nothing in it depends on
 * the time or the machine.
 */
export function findingsCsv(manifest: Manifest): string {
  const rows: string[][] = [[...FINDINGS_HEADER]];
  for (const e of manifest.entries) {
    const department = departmentLabel(e);
    for (const f of e.findings) {
      const place = f.line !== null ? `${f.line}:${f.column ?? ''}`.replace(/:$/, '') : '';
      rows.push([department, f.file, SEVERITY[f.severity], f.rule, place, f.message, f.expected ?? '', f.actual ?? '']);
    }
  }
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

import { createHash } from 'node:crypto';
import type { Diagnostic } from '../model/diagnostics.js';
import { readPdfBytes } from '../io/read-pdf.js';
import { calculate, type Calculated } from '../calculate/index.js';
import { runChecks, sortDiagnostics } from '../check/index.js';
import { importPdf, loadImported } from '../import/import-file.js';
import { rowPages } from './row-pages.js';

/** A published report, read and checked: what `juesuan check <report.pdf>` prints, and what a batch records. */
export interface CheckedPublished {
  findings: Diagnostic[];
  /** The imported department, calculated: its tables are the amounts the PDF prints. */
  calc: Calculated;
  /** Of the PDF as published. */
  pages: number;
  bytes: number;
  sha256: string;
}

/** A published report by its name (`.pdf`, any case): the batch checks it instead of rendering it. */
export const PUBLISHED = /\.pdf$/i;

/**
 * `juesuan check <report.pdf>` and a PDF given to `juesuan batch`: the report imported in memory
 * (nothing written), checked for publication (a pin beyond 尾数误差 is an error; `archive` keeps it
 * a warning), with every rule and what the PDF prints (`printed`) for the rules that read printed
 * words. Each finding names the PDF and the page it is about, and quotes the printed sentence
 * where it is one of 第三部分's. An unreadable PDF (not a PDF, encrypted, scanned, not a 决算)
 * throws the InputError the import gives, in its words.
 */
export async function checkPublished(pdf: string, options: { archive?: boolean }): Promise<CheckedPublished> {
  const bytes = readPdfBytes(pdf);
  const imported = await importPdf(pdf, { purpose: options.archive ? 'archive' : 'publication' });
  const loaded = loadImported(imported.yaml, pdf);
  const calc = calculate(loaded);
  const findings = runChecks(calc, { archive: options.archive, printed: imported.printed });
  const pageOf = pagesByLine(imported.yaml);
  const rowPageOf = rowPages(imported.report, loaded);
  const onPdf = findings.map((f): Diagnostic => {
    const { line: _line, column: _column, ...rest } = f;
    // The page stands for the place in the file made in memory, which the user never sees: its
    // dotted path goes, and a page the rule found in the printed words wins over the section's.
    const own = /^第 ?(\d+) ?页 /.exec(f.message);
    const message = f.message.replace(/^(?:第 ?\d+ ?页 )?[a-z_]+(?:\.\w+)+：/, '').replace(/^第 ?\d+ ?页 /, '');
    // a row of a table on several pages: the page the row prints on, not all the table's
    const rowPage = f.line !== undefined ? rowPageOf(f.line) : undefined;
    const mark = f.line === undefined ? undefined : rowPage !== undefined ? `第${rowPage}页` : pageOf(f.line);
    // the section's mark quotes the printed sentence: kept when it is on the rule's page
    const where = own ? (mark?.startsWith(`第${own[1]}页（`) ? mark : `第${own[1]}页`) : mark;
    return { ...rest, file: pdf, message: where ? `${where} ${message}` : message };
  });
  return {
    findings: sortDiagnostics([...imported.findings.map((f) => ({ ...f, file: pdf })), ...onPdf]),
    calc,
    pages: imported.report.pages,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/**
 * Line of the imported file → where it is printed: the nearest comment above it that names a page
 * (a table's "收入决算表：第8、9页", a 第三部分 section's "第17页", a pin's "第17页：<sentence>").
 */
function pagesByLine(yaml: string): (line: number) => string | undefined {
  const lines = yaml.split('\n');
  const marks: Array<string | undefined> = [];
  let current: string | undefined;
  lines.forEach((l, i) => {
    const m = /^\s*# (?:[^-\s].*?：)?(第[\d、]+页)(?:：(.*))?$/.exec(l);
    if (m && !/^\s*# - /.test(l)) current = m[2] ? `${m[1]}（“${m[2]}”）` : m[1];
    else if (/^\S/.test(l) && !l.startsWith('#')) current = undefined;
    marks[i + 1] = current;
  });
  return (line) => marks[line];
}

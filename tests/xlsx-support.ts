import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { cli } from './helpers.js';
import { readCsv } from './csv-reader.js';

export const scratch = (prefix = 'juesuan-xlsx-'): string => mkdtempSync(join(tmpdir(), prefix));

/** `juesuan export <yaml> --xlsx -o <dir>/<name>`, asserted to succeed. */
export function exportTo(yaml: string, out: string): string {
  const r = cli(['export', yaml, '--xlsx', '-o', out]);
  if (r.code !== 0) throw new Error(`export failed (${r.code}): ${r.stderr}`);
  return out;
}

/** LibreOffice headless, one conversion; returns the files it wrote. */
export function soffice(args: string[], outdir: string): string[] {
  const r = spawnSync('soffice', ['--headless', `-env:UserInstallation=file://${outdir}/lo-profile`, ...args, '--outdir', outdir], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr}`);
  return readdirSync(outdir).filter((f) => !f.startsWith('lo-profile'));
}

/** Every sheet of a workbook as CSV (UTF-8, cells as shown), one file per sheet: sheet name → rows. */
export function sheetsAsCsv(xlsx: string, outdir: string): Map<string, string[][]> {
  soffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', xlsx], outdir);
  const stem = xlsx.replace(/^.*\//, '').replace(/\.xlsx$/, '');
  const out = new Map<string, string[][]>();
  for (const f of readdirSync(outdir)) {
    if (!f.startsWith(`${stem}-`) || !f.endsWith('.csv')) continue;
    out.set(f.slice(stem.length + 1, -4), readCsv(readFileSync(join(outdir, f), 'utf8'), { rowEnd: '\n' }));
  }
  return out;
}

export async function readBook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** "B3:D5" → its corners, 1-based. */
function range(ref: string): { top: number; left: number; bottom: number; right: number } {
  const [a, b = a] = ref.split(':') as [string, string?];
  const at = (s: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(s)!;
    const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return { row: Number(m[2]), col };
  };
  const p = at(a);
  const q = at(b!);
  return { top: p.row, left: p.col, bottom: q.row, right: q.col };
}

export interface Relayout {
  /** Rows added above everything (an extra title line). */
  rowsAbove?: string[];
  /** A hidden column inserted before this column (1-based), holding junk figures. */
  hiddenColumnAt?: number;
  /** Columns swapped (1-based, after the hidden column is in). */
  swap?: [number, number];
  /** Each figure (number cell) mapped, e.g. to 元. */
  value?: (v: number, address: string) => ExcelJS.CellValue;
  /** Each text mapped (the unit line). */
  text?: (t: string) => string;
}

/**
 * A sheet copied into a new workbook the way an officer might have laid it out instead: rows
 * above, a hidden column, swapped columns, other figures; merged ranges follow their cells.
 */
export function relayout(from: ExcelJS.Worksheet, into: ExcelJS.Workbook, how: Relayout): ExcelJS.Worksheet {
  const ws = into.addWorksheet(from.name);
  const dr = how.rowsAbove?.length ?? 0;
  const mapCol = (c: number): number => {
    let k = how.hiddenColumnAt !== undefined && c >= how.hiddenColumnAt ? c + 1 : c;
    if (how.swap) k = k === how.swap[0] ? how.swap[1] : k === how.swap[1] ? how.swap[0] : k;
    return k;
  };
  how.rowsAbove?.forEach((t, i) => {
    ws.getCell(i + 1, 1).value = t;
  });
  for (const ref of (from.model as unknown as { merges: string[] }).merges ?? []) {
    const r = range(ref);
    const cols = [mapCol(r.left), mapCol(r.right)].sort((a, b) => a - b);
    ws.mergeCells(r.top + dr, cols[0]!, r.bottom + dr, cols[1]!);
  }
  from.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.isMerged && cell.master.address !== cell.address) return;
      const target = ws.getCell(r + dr, mapCol(c));
      const v = cell.value;
      if (typeof v === 'number') target.value = how.value ? how.value(v, target.address) : v;
      else if (typeof v === 'string') target.value = how.text ? how.text(v) : v;
      else target.value = v;
      target.numFmt = cell.numFmt;
    });
  });
  if (how.hiddenColumnAt !== undefined) {
    const k = how.hiddenColumnAt;
    ws.getColumn(k).hidden = true;
    for (let r = 1; r <= ws.rowCount; r++) {
      const cell = ws.getCell(r, k);
      if (!cell.isMerged) cell.value = r > dr + 6 ? 999999.99 : '备用';
    }
  }
  return ws;
}

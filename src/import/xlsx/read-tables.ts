import { Decimal } from 'decimal.js';
import { TABLES, columnKeys, type ClassTableKey, type TableEntry, type TableKey } from '../../model/tables.js';
import type { Profile } from '../../model/profile.js';
import type { Catalog } from '../../load/catalog.js';
import { tailTolerance } from '../../calculate/rounding.js';
import { readAmount, type Unit } from './amounts.js';
import { columnsLabelled, findHeader, isCode, type Header } from './header.js';
import { norm, type GridCell, type SheetGrid } from './sheet-grid.js';
import type { FoundTable } from './find-tables.js';
import type { Problems } from './problems.js';

/** An amount as the data file writes it ("596.02"). */
export type Amt = string;
export type CellsOf = Record<string, Amt>;
export interface ClassRows {
  total?: CellsOf;
  rows: ({ code: string; name?: string } & CellsOf)[];
}
export interface ImportedTables {
  summary?: Record<string, Amt | CellsOf>;
  income?: ClassRows;
  expenditure?: ClassRows;
  fiscal_summary?: Record<string, Amt | CellsOf | ({ code: string } & CellsOf)[]>;
  general_budget?: ClassRows;
  basic_detail?: { rows: { code: string; amount: Amt }[]; personnel_total?: Amt; public_total?: Amt };
  government_fund?: ClassRows;
  state_capital?: ClassRows;
  three_public?: { budget: CellsOf; actual: CellsOf };
}

interface Context {
  grid: SheetGrid;
  entry: TableEntry;
  header: Header;
  unit: Unit;
  problems: Problems;
  catalog: Catalog;
  profile: Profile;
}

/** Strips the ordinal and the brackets' width: "一、一般公共预算财政拨款收入" → "一般公共预算财政拨款收入". */
const rowLabel = (text: string): string => norm(text).replace(/^[一二三四五六七八九十]+[、.]/, '');

/** Reads one table's sheet into the data file's shape; problems are added, never thrown. */
export function readTable(found: FoundTable, entry: TableEntry, ctx: { unit?: Unit; problems: Problems; catalog: Catalog; profile: Profile }, tables: ImportedTables): void {
  const header = findHeader(found.grid, found.titleRow);
  const unit = ctx.unit ?? header.unit?.unit;
  if (!unit) {
    ctx.problems.error('xlsx-unit', '没有找到金额单位（如“金额单位：万元”或“单位：元”）；请用 --unit 元 或 --unit 万元 指明', found.grid.name);
    return;
  }
  const c: Context = { grid: found.grid, entry, header, unit, problems: ctx.problems, catalog: ctx.catalog, profile: ctx.profile };
  const key: TableKey = found.key;
  switch (TABLES[key].kind) {
    case 'class-rows':
      tables[key as ClassTableKey] = readClassRows(c, key as ClassTableKey);
      break;
    case 'summary':
      tables.summary = readSummary(c);
      break;
    case 'fiscal-summary':
      tables.fiscal_summary = readFiscalSummary(c);
      break;
    case 'economic-detail':
      tables.basic_detail = readBasicDetail(c);
      break;
    case 'three-public':
      tables.three_public = readThreePublic(c);
      break;
  }
}

/** The one column labelled so, or a problem naming the header's first cell. */
function column(c: Context, labels: readonly string[], what: string, how: 'ends' | 'contains' = 'ends', among?: (col: number) => boolean): number | undefined {
  for (const label of labels) {
    const cols = columnsLabelled(c.header, label, how).filter((k) => !among || among(k));
    if (cols.length > 0) return cols[0];
  }
  c.problems.error('xlsx-column', `表头中没有“${what}”栏（该表应有此栏；表头从第 ${c.header.top} 行起）`, c.grid.name, c.grid.rows[c.header.top]?.[c.grid.columns[0]!]?.address);
  return undefined;
}

function amountAt(c: Context, cell: GridCell | undefined, keepDecimals = false): Amt | undefined {
  const a = readAmount(cell, c.unit, keepDecimals);
  if (a.kind === 'error') {
    c.problems.error('xlsx-amount', a.message, c.grid.name, cell?.address);
    return undefined;
  }
  return a.kind === 'amount' ? a.text : undefined;
}

function bodyRows(c: Context): GridCell[][] {
  const out: GridCell[][] = [];
  for (let r = c.header.bodyStart; r <= c.grid.rowCount; r++) if (c.grid.rows[r]) out.push(c.grid.rows[r]!);
  return out;
}

const textAt = (row: GridCell[], col: number | undefined): string => (col === undefined ? '' : norm(row[col]?.text ?? ''));
const isSkipped = (t: string): boolean => /^(…+|\.{3,}|—+)$/.test(t);

function readClassRows(c: Context, key: ClassTableKey): ClassRows {
  const def = TABLES[key];
  const all = def.columns as Record<string, { label: string; printed: string }>;
  const codeCol = column(c, ['科目编码', '编码', '代码'], '科目编码', 'contains');
  const nameCol = columnsLabelled(c.header, '名称', 'contains')[0];
  const cols = new Map<string, number>();
  for (const k of c.entry.columns) {
    const label = all[k]!;
    // 小计 and 合计 name the same total on different forms (本年支出小计 / 本年支出合计).
    const names = [label.label, label.printed].flatMap((l) => [l, l.replace(/小计$/, '合计'), l.replace(/合计$/, '小计')]);
    const col = column(c, [...new Set(names)], label.label, 'ends', (x) => x !== codeCol && x !== nameCol);
    if (col !== undefined) cols.set(k, col);
  }
  const out: ClassRows = { total: undefined, rows: [] };
  if (codeCol === undefined || cols.size < c.entry.columns.length) return out;
  for (const row of bodyRows(c)) {
    const code = textAt(row, codeCol);
    const name = textAt(row, nameCol);
    const cells: CellsOf = {};
    for (const [k, col] of cols) {
      const a = amountAt(c, row[col]);
      if (a !== undefined) cells[k] = a;
    }
    const any = Object.keys(cells).length > 0;
    if (code === '合计' || name === '合计' || code === '总计') {
      if (any) out.total = cells;
      continue;
    }
    if (!code || isSkipped(code) || isSkipped(name)) {
      if (any && !isSkipped(code) && !isSkipped(name)) c.problems.error('xlsx-code', `这一行有金额，却没有科目编码（${name || '无名称'}）`, c.grid.name, row[codeCol]?.address);
      continue;
    }
    if (!isCode(code)) {
      if (any || /^\d/.test(code)) c.problems.error('xlsx-code', `科目编码“${code}”应为 3、5 或 7 位数字（类、款、项）`, c.grid.name, row[codeCol]?.address);
      continue;
    }
    if (!any) continue;
    const entry: { code: string; name?: string } & CellsOf = { code, ...cells } as { code: string } & CellsOf;
    if (c.catalog.functionalName(code) === undefined && name) entry.name = name.replace(/^\u3000+/, '');
    out.rows.push(entry);
    rowTail(c, key, cells, row, cols);
  }
  if (!out.total) delete out.total;
  return out;
}

/** 尾数误差 of a row converted from 元: its total against its parts, reported as the checker words it. */
function rowTail(c: Context, key: ClassTableKey, cells: CellsOf, row: GridCell[], cols: Map<string, number>): void {
  if (c.unit !== '元') return;
  const sum = (TABLES[key] as { rowSum: { total: string; parts: readonly string[] } }).rowSum;
  // The parts the row fills, as the checker names them.
  const parts = sum.parts.filter((p) => cols.has(p) && cells[p] !== undefined);
  if (cells[sum.total] === undefined || parts.length === 0) return;
  const expected = parts.reduce((acc, p) => acc.plus(cells[p] ?? 0), new Decimal(0));
  const diff = new Decimal(cells[sum.total]!).minus(expected).abs();
  if (diff.isZero() || diff.gt(tailTolerance(parts.length))) return;
  const label = (TABLES[key].columns as Record<string, { label: string }>)[sum.total]!.label;
  c.problems.add(
    'warning',
    'xlsx-tail',
    `${label}：${parts.map((p) => (TABLES[key].columns as Record<string, { label: string }>)[p]!.label).join(' + ')} 之和为 ${expected.toFixed(2)}，换算为万元后表中为 ${cells[sum.total]}（差 ${diff.toFixed(2)}，在尾数误差范围内）`,
    c.grid.name,
    row[cols.get(sum.total)!]?.address,
  );
}

/** The label and amount columns of each side of a two-sided 总表, told apart by 收入 and 支出 above them. */
function sides(c: Context, amountLabels: readonly string[], expenditureAmount = true): { income: { label?: number; amount?: number }; expenditure: { label?: number; first?: number } } {
  const bySide = (side: string) => (col: number) => (c.header.labels.get(col) ?? '').includes(side);
  const label = (side: string) => column(c, ['项目'], `${side}项目`, 'contains', bySide(side));
  const amount = (side: string) => column(c, amountLabels, `${side}决算数`, 'contains', bySide(side));
  return { income: { label: label('收入'), amount: amount('收入') }, expenditure: { label: label('支出'), first: expenditureAmount ? amount('支出') : undefined } };
}

/** The code of a 类 row of a 总表, by the name printed ("一、一般公共服务支出") or a code before it. */
function classCode(c: Context, text: string): string | undefined {
  const code = /^(\d{3})/.exec(text)?.[1];
  if (code) return code;
  const name = rowLabel(text);
  return c.profile.forms.summaryClasses.find((k) => norm(c.catalog.functionalName(k) ?? '') === name);
}

function readSummary(c: Context): Record<string, Amt | CellsOf> {
  const s = sides(c, ['决算数', '金额']);
  const out: Record<string, Amt | CellsOf> = {};
  if (s.income.label === undefined || s.income.amount === undefined || s.expenditure.label === undefined || s.expenditure.first === undefined) return out;
  const { income, lines } = TABLES.summary;
  const incomeKeys = new Map(columnKeys(income).map((k) => [norm(income[k].label), k]));
  const leftLines = new Map<string, string>([
    [norm(lines.income_total.label), 'income_total'],
    [norm(lines.non_fiscal_surplus_used.label), 'non_fiscal_surplus_used'],
    [norm(lines.non_fiscal_surplus_used.printed), 'non_fiscal_surplus_used'],
    [norm(lines.opening_balance.label), 'opening_balance'],
    ['总计', 'income_grand_total'],
    ['收入总计', 'income_grand_total'],
  ]);
  const rightLines = new Map<string, string>([
    [norm(lines.expenditure_total.label), 'expenditure_total'],
    [norm(lines.surplus_distribution.label), 'surplus_distribution'],
    [norm(lines.closing_balance.label), 'closing_balance'],
    ['总计', 'expenditure_grand_total'],
    ['支出总计', 'expenditure_grand_total'],
  ]);
  const incomeLines: CellsOf = {};
  const classes: CellsOf = {};
  for (const row of bodyRows(c)) {
    const left = textAt(row, s.income.label);
    const leftAmount = amountAt(c, row[s.income.amount]);
    if (left && leftAmount !== undefined) {
      const k = incomeKeys.get(rowLabel(left)) ?? leftLines.get(rowLabel(left));
      if (!k) c.problems.error('xlsx-row', `不认识的收入行“${left}”`, c.grid.name, row[s.income.label]?.address);
      else if (incomeKeys.has(rowLabel(left))) incomeLines[k] = leftAmount;
      else out[k] = leftAmount;
    }
    const right = textAt(row, s.expenditure.label);
    const rightAmount = amountAt(c, row[s.expenditure.first]);
    if (right && rightAmount !== undefined) {
      const k = rightLines.get(rowLabel(right));
      const code = k ? undefined : classCode(c, right);
      if (k) out[k] = rightAmount;
      else if (code) classes[code] = rightAmount;
      else c.problems.error('xlsx-row', `不认识的支出行“${right}”（不是表式的类，也不是合计行）`, c.grid.name, row[s.expenditure.label]?.address);
    }
  }
  return ordered({ income: incomeLines, ...out, expenditure: classes }, ['income', 'income_total', 'non_fiscal_surplus_used', 'opening_balance', 'income_grand_total', 'expenditure', 'expenditure_total', 'surplus_distribution', 'closing_balance', 'expenditure_grand_total']);
}

function readFiscalSummary(c: Context): Record<string, Amt | CellsOf | ({ code: string } & CellsOf)[]> {
  // The expenditure side's columns are the funds, under a 决算数 band or none.
  const s = sides(c, ['决算数', '金额'], false);
  const out: Record<string, Amt | CellsOf | ({ code: string } & CellsOf)[]> = {};
  if (s.income.label === undefined || s.income.amount === undefined || s.expenditure.label === undefined) return out;
  const { funds, columns, lines } = TABLES.fiscal_summary;
  const fundKeys = columnKeys(funds);
  const rightCols = new Map<string, number>();
  for (const k of columnKeys(columns)) {
    const col = column(c, [columns[k].printed], `支出 ${columns[k].printed}`, 'ends', (x) => x !== s.income.amount && (c.header.labels.get(x) ?? '').includes('支出'));
    if (col !== undefined) rightCols.set(k, col);
  }
  if (rightCols.size < fundKeys.length + 1) return out;
  const income: CellsOf = {};
  const opening: CellsOf = {};
  const expenditure: ({ code: string } & CellsOf)[] = [];
  let afterOpening = false;
  for (const row of bodyRows(c)) {
    const left = rowLabel(textAt(row, s.income.label));
    const leftAmount = amountAt(c, row[s.income.amount]);
    if (left === norm(lines.opening_balance.label)) afterOpening = true;
    if (left && leftAmount !== undefined) {
      const fund = fundKeys.find((k) => norm(funds[k].printed) === left || norm(funds[k].printed) + '收入' === left);
      if (fund) (afterOpening ? opening : income)[fund] = leftAmount;
      else if (left === norm(lines.income_total.label)) out.income_total = leftAmount;
      else if (left === '总计' || left === '收入总计') out.income_grand_total = leftAmount;
      else if (left !== norm(lines.opening_balance.label)) c.problems.error('xlsx-row', `不认识的收入行“${textAt(row, s.income.label)}”`, c.grid.name, row[s.income.label]?.address);
    }
    const right = textAt(row, s.expenditure.label);
    const cells: CellsOf = {};
    for (const [k, col] of rightCols) {
      const a = amountAt(c, row[col]);
      if (a !== undefined) cells[k] = a;
    }
    if (!right || Object.keys(cells).length === 0) continue;
    const label = rowLabel(right);
    if (label === norm(lines.expenditure_total.label)) out.expenditure_total = cells;
    else if (label === norm(lines.closing_balance.label)) out.closing_balance = cells;
    else if (label === '总计' || label === '支出总计') out.expenditure_grand_total = cells;
    else {
      const code = classCode(c, right);
      if (code) expenditure.push({ code, ...cells } as { code: string } & CellsOf);
      else c.problems.error('xlsx-row', `不认识的支出行“${right}”（不是表式的类，也不是合计行）`, c.grid.name, row[s.expenditure.label]?.address);
    }
  }
  return ordered({ income, ...out, opening_balance: opening, expenditure }, ['income', 'income_total', 'opening_balance', 'income_grand_total', 'expenditure', 'expenditure_total', 'closing_balance', 'expenditure_grand_total']);
}

function readBasicDetail(c: Context): NonNullable<ImportedTables['basic_detail']> {
  const out: NonNullable<ImportedTables['basic_detail']> = { rows: [] };
  const codeCols = [...c.header.labels].filter(([, l]) => /编码|经济分类科目$|^科目$/.test(l)).map(([col]) => col);
  const amountCols = [...c.header.labels].filter(([, l]) => /决算数$|金额$/.test(l)).map(([col]) => col);
  if (codeCols.length === 0) column(c, ['经济分类科目编码'], '经济分类科目编码');
  if (amountCols.length === 0) column(c, ['决算数'], '决算数');
  const groups = codeCols.map((code) => ({ code, amount: amountCols.find((a) => a > code) })).filter((g): g is { code: number; amount: number } => g.amount !== undefined);
  const body = bodyRows(c);
  const { personnel_total, public_total } = TABLES.basic_detail.totals;
  // Down each column group in turn, as the data file lists them (301…, 303…, then 302…, 310…).
  for (const g of groups) {
    for (const row of body) {
      const code = textAt(row, g.code);
      if (!isCode(code)) continue;
      const a = amountAt(c, row[g.amount]);
      if (a !== undefined) out.rows.push({ code, amount: a });
    }
  }
  for (const row of body) {
    for (const col of c.grid.columns) {
      const t = norm(row[col]?.text ?? '');
      const which = t === norm(personnel_total.label) ? 'personnel_total' : t === norm(public_total.label) ? 'public_total' : undefined;
      if (!which) continue;
      const at = amountCols.find((a) => a > col && row[a] && norm(row[a]!.text) !== '');
      const a = at === undefined ? undefined : amountAt(c, row[at]);
      if (a !== undefined) out[which] = a;
    }
  }
  return out;
}

function readThreePublic(c: Context): { budget: CellsOf; actual: CellsOf } {
  const { blocks, columns } = TABLES.three_public;
  const out = { budget: {} as CellsOf, actual: {} as CellsOf };
  const body = bodyRows(c).find((row) => c.grid.columns.some((col) => row[col]?.number !== undefined || norm(row[col]?.text ?? '') !== ''));
  for (const b of columnKeys(blocks)) {
    for (const k of columnKeys(columns)) {
      const label = k === 'vehicle_subtotal' ? '小计' : columns[k].label;
      const col = column(c, [label], `${blocks[b].printed} ${columns[k].printed}`, 'contains', (x) => (c.header.labels.get(x) ?? '').includes(blocks[b].printed) && (k === 'total' || !(c.header.labels.get(x) ?? '').includes('合计')));
      if (col === undefined || !body) continue;
      // The decimals the cell shows: Wuhan's form prints the precision the data writes (19.6, 17).
      const a = amountAt(c, body[col], true);
      if (a !== undefined) out[b][k] = a;
    }
  }
  return out;
}

/** An object with the data file's key order, empty parts left out. */
function ordered<T>(o: Record<string, T>, order: readonly string[]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of order) {
    const v = o[k];
    if (v === undefined) continue;
    if (typeof v === 'object' && v !== null && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out;
}

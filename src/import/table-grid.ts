import type { Diagnostic } from '../model/diagnostics.js';
import type { FormId, TableLocation } from './outline.js';
import type { Rule, TextLine } from './pdf-text.js';

/**
 * A table's grid rebuilt from the positions of its text, for tables drawn by any producer: the
 * header's cells (wrapped lines joined, spans found from where each cell is centred), the leaf
 * columns (a header cell with nothing below it; amounts are right-aligned in them), and the body
 * rows (codes apart from names, a name wrapped over several lines joined to its row, amounts as
 * exact decimal strings). Side-by-side layouts (收入 | 支出, the three groups of the 基本支出表)
 * come out as column groups, each row in one group.
 */

export interface HeaderCell {
  text: string;
  /** First leaf column covered, and how many. */
  col: number;
  span: number;
  /** Header rows covered, from this one down. */
  rowSpan: number;
}

export interface Column {
  /** The header cells above the column, top down: ["本年支出", "基本支出"]. */
  path: string[];
  kind: 'code' | 'text' | 'number';
}

/** A side of the table: its code and name columns (if any) and its value columns. */
export interface ColumnGroup {
  code?: number;
  name?: number;
  values: number[];
}

export interface TableRow {
  group: number;
  code?: string;
  name: string;
  /**
   * The group's value columns in order: an amount as a plain decimal string as printed
   * ("1,234.56" → "1234.56", "0.00" stays), "-" for a dash, other text as printed, null when blank.
   */
  cells: (string | null)[];
  page: number;
}

export interface Table {
  form: FormId;
  title: string;
  label?: string;
  unit: '万元' | '千元' | '元' | null;
  header: HeaderCell[][];
  columns: Column[];
  groups: ColumnGroup[];
  rows: TableRow[];
  /** 注：… and 说明：… under the table, a line each. */
  notes: string[];
  pages: number[];
  findings: Diagnostic[];
}

interface Block {
  text: string;
  x0: number;
  x1: number;
  cx: number;
  top: number;
  bottom: number;
  fontSize: number;
}

interface Leaf {
  block: Block;
  left: number;
  right: number;
}

/** Columns found on a page, kept for a continuation page that does not repeat the header. */
interface Grid {
  leaves: Leaf[];
  header: HeaderCell[][];
  paths: string[][];
}

const CODE = /^(\d{3}|\d{5}|\d{7})$/;
const CODE_THEN_NAME = /^(\d{3}|\d{5}|\d{7})\s*([^\d\s.,].*)$/;
const ORDINAL = /^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])/;
const AMOUNT = /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[（(](?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[）)]$/;
const DASH = /^[-－—–―]+$/;
const TOTAL_LABEL = /^(?:合计|总计|小计|.{0,12}合计|.{0,12}总计)$/;
const PLACEHOLDER = /^[…⋯.·]+$/;
const NOTE = /^(?:注|说明|备注)\s*[\d１-９]*\s*[：:]/;
const UNIT_LINE = /单位[：:]\s*(?:万元|千元|元)/;
const PREAMBLE = /^(?:公开\d{1,2}表|(?:编制|填报|预算)?(?:部门|单位)(?:名称)?[：:])/;

/**
 * Rebuilds the grid of a located table; `rules` are the lines drawn on its pages, where the
 * producer drew any: they place the columns' borders and the header cells' spans exactly.
 */
export function readTable(loc: TableLocation, file: string, rules: ReadonlyMap<number, Rule[]> = new Map()): Table {
  const findings: Diagnostic[] = [];
  const rows: TableRow[] = [];
  const notes: string[] = [];
  let grid: Grid | undefined;
  let first: Grid | undefined;
  let bodyColumns: Array<Array<{ text: string; x0: number; x1: number }>> = [];
  const pageBodies: Array<{ page: number; lines: TextLine[]; grid: Grid }> = [];

  loc.lines.forEach((pageLines, i) => {
    const page = loc.pages[i]!;
    const split = splitRegions(pageLines);
    notes.push(...split.notes.map((l) => l.text.trim()));
    if (split.header.length > 0) {
      grid = buildGrid(split.header, split.body, rules.get(page) ?? []);
      first ??= grid;
    } else if (!grid) {
      if (split.body.length > 0) findings.push({ severity: 'warning', rule: 'table-no-header', message: `第${page}页 ${loc.title}：未找到表头，无法确定各栏`, file });
      return;
    }
    pageBodies.push({ page, lines: split.body, grid: grid! });
  });

  if (!first) {
    findings.push({ severity: 'warning', rule: 'table-no-header', message: `第${loc.page}页 ${loc.title}：未找到表头，无法确定各栏`, file });
    return { form: loc.form, title: loc.title, label: loc.label, unit: loc.unit, header: [], columns: [], groups: [], rows, notes, pages: loc.pages, findings };
  }

  // Column kinds from what the body holds, over all pages; the header's words where it holds nothing.
  bodyColumns = first.leaves.map(() => []);
  const placed = pageBodies.map(({ page, lines, grid: g }) => ({ page, lines: lines.map((l) => place(l, g)) }));
  for (const { lines } of placed) for (const line of lines) line.cells.forEach((c, k) => c && bodyColumns[k]?.push(c));
  const columns: Column[] = first.paths.map((path, k) => ({ path, kind: kindOf(bodyColumns[k] ?? [], path) }));
  const groups = groupsOf(columns);

  for (const { page, lines } of placed) rows.push(...toRows(lines, columns, groups, page));
  // Each side down all its pages, then the next side: as a reader goes through a 收入 | 支出 table.
  rows.sort((a, b) => a.group - b.group);
  return { form: loc.form, title: loc.title, label: loc.label, unit: loc.unit, header: first.header, columns, groups, rows, notes, pages: loc.pages, findings };
}

// ---------------------------------------------------------------- regions of a page

interface Regions {
  header: TextLine[];
  body: TextLine[];
  notes: TextLine[];
}

/** Preamble (label, 部门, unit), header, body and notes of one page of a table. */
function splitRegions(lines: TextLine[]): Regions {
  let k = 0;
  while (k < lines.length && isPreamble(lines[k]!)) k++;
  const noteAt = lines.findIndex((l, i) => i >= k && NOTE.test(l.text.trim()));
  const end = noteAt < 0 ? lines.length : noteAt;
  const notes = noteAt < 0 ? [] : lines.slice(noteAt);
  const rest = lines.slice(k, end);

  // The header ends with its column-number row (栏次 1 2 3 …) where there is one.
  const numbered = rest.findIndex(isColumnNumberRow);
  let bodyAt: number;
  if (numbered >= 0) bodyAt = numbered + 1;
  else {
    // A 合计 line a row below the header opens the body if body lines (or nothing) follow it.
    bodyAt = rest.findIndex(
      (l, i) => isBodyLine(l) || (i > 0 && isTotalLine(l) && l.y - rest[i - 1]!.y >= 1.8 * l.fontSize && (!rest[i + 1] || isBodyLine(rest[i + 1]!))),
    );
    if (bodyAt < 0) bodyAt = rest.length;
  }
  const header = rest.slice(0, bodyAt).filter((l) => !isColumnNumberRow(l));
  const body = rest.slice(bodyAt);
  // A blank form may print the words of its lowest header row on the 合计 line (合计 | 合计 基本支出 项目支出).
  const firstBody = body[0];
  if (numbered < 0 && firstBody && firstBody.cells.length > 1 && !firstBody.cells.some((c) => isStrongBody(c.text))) {
    const words = firstBody.cells.slice(1);
    if (words.every((c) => /^[\u4e00-\u9fff（）()“”]+$/.test(c.text)) && words.some((c) => !TOTAL_LABEL.test(c.text))) {
      header.push({ ...firstBody, cells: words, text: words.map((c) => c.text).join(''), x0: words[0]!.x0 });
      body[0] = { ...firstBody, cells: [firstBody.cells[0]!], text: firstBody.cells[0]!.text, x1: firstBody.cells[0]!.x1 };
    }
  }
  return { header, body, notes };
}

function isPreamble(line: TextLine): boolean {
  const t = line.text.replace(/\s+/g, '');
  return PREAMBLE.test(t) || UNIT_LINE.test(t) || /[（(]续表?[）)]$/.test(t);
}

/** 栏次 1 2 3 …, or the numbers alone. */
function isColumnNumberRow(line: TextLine): boolean {
  const cells = line.cells.map((c) => c.text.trim());
  const numbers = cells[0] === '栏次' ? cells.slice(1).filter((c) => c !== '栏次') : cells;
  if (numbers.length < 2 || !numbers.every((c) => /^\d{1,2}$/.test(c))) return false;
  return cells[0] === '栏次' || numbers.every((c, i) => Number(c) === i + 1);
}

function isStrongBody(text: string): boolean {
  const t = text.trim();
  return CODE.test(t) || CODE_THEN_NAME.test(t) || ORDINAL.test(t) || AMOUNT.test(t) || PLACEHOLDER.test(t);
}

function isBodyLine(line: TextLine): boolean {
  return isStrongBody(line.cells[0]!.text) || line.cells.some((c) => /\d\.\d/.test(c.text) && AMOUNT.test(c.text.trim()));
}

function isTotalLine(line: TextLine): boolean {
  return TOTAL_LABEL.test(line.cells[0]!.text.trim());
}

// ---------------------------------------------------------------- header

/** Header blocks, leaf columns and spans from a page's header lines (and its body, for the borders). */
function buildGrid(headerLines: TextLine[], body: TextLine[], rules: Rule[]): Grid {
  const blocks = joinWrapped(headerLines);
  
  const parents = new Set<Block>();
  for (const b of blocks) {
    const lower = blocks.filter((c) => c !== b && below(c, b));
    if (lower.some((c) => c.x0 < b.x1 && c.x1 > b.x0)) {
      parents.add(b);
      continue;
    }
    // Centred over two cells below it, with no other cell of the header between them.
    const left = maxBy(lower.filter((c) => c.cx < b.cx), (c) => c.cx);
    const right = minBy(lower.filter((c) => c.cx > b.cx), (c) => c.cx);
    if (left && right && !blocks.some((c) => c !== b && !below(c, b) && c.cx > left.cx && c.cx < right.cx)) parents.add(b);
  }
  const leafBlocks = blocks.filter((b) => !parents.has(b)).sort((a, b) => a.cx - b.cx);
  const leaves = bordersOf(leafBlocks, body);
  const verticals = rules.filter((r) => r.x0 === r.x1);
  ruledBorders(leaves, verticals);

  const spans = new Map<Block, [number, number]>();
  leaves.forEach((l, k) => spans.set(l.block, [k, k]));
  // The lowest first: a higher cell's span holds each lower one whole or not at all.
  const placedSpans: Array<[number, number]> = [];
  for (const p of [...parents].sort((a, b) => b.top - a.top)) {
    const span = ruledSpan(p, leaves, verticals) ?? spanOf(p, leaves, placedSpans);
    spans.set(p, span);
    placedSpans.push(span);
  }
  const depth = new Map<Block, number>();
  for (const b of blocks) {
    const [i, j] = spans.get(b)!;
    depth.set(b, [...parents].filter((p) => p !== b && below(b, p) && spans.get(p)![0] <= i && spans.get(p)![1] >= j).length);
  }
  const rowsCount = Math.max(1, ...[...depth.values()].map((d) => d + 1));
  const header: HeaderCell[][] = Array.from({ length: rowsCount }, () => []);
  for (const b of [...blocks].sort((a, c) => spans.get(a)![0] - spans.get(c)![0])) {
    const [i, j] = spans.get(b)!;
    const d = depth.get(b)!;
    header[d]!.push({ text: b.text, col: i, span: j - i + 1, rowSpan: parents.has(b) ? 1 : rowsCount - d });
  }
  const paths = leaves.map((l, k) =>
    [...parents]
      .filter((p) => spans.get(p)![0] <= k && spans.get(p)![1] >= k)
      .sort((a, b) => depth.get(a)! - depth.get(b)!)
      .map((p) => p.text)
      .concat(l.block.text),
  );
  return { leaves, header, paths };
}

/** c stands on a lower line of the header than b. */
function below(c: Block, b: Block): boolean {
  return c.top - b.bottom > 0.5 * b.fontSize;
}

/** Lines of one header cell (the same centre or the same left edge, a line apart) joined. */
function joinWrapped(lines: TextLine[]): Block[] {
  const blocks: Block[] = [];
  for (const line of lines) {
    for (const c of line.cells) {
      const cx = (c.x0 + c.x1) / 2;
      const prev = blocks
        .filter((b) => line.y - b.bottom > 0 && line.y - b.bottom <= 1.7 * c.fontSize && c.x0 < b.x1 && c.x1 > b.x0)
        .find((b) => Math.abs(b.cx - cx) <= 0.6 * c.fontSize || Math.abs(b.x0 - c.x0) <= 0.6 * c.fontSize);
      if (prev) {
        prev.text += c.text.trim();
        prev.x0 = Math.min(prev.x0, c.x0);
        prev.x1 = Math.max(prev.x1, c.x1);
        prev.cx = (prev.x0 + prev.x1) / 2;
        prev.bottom = line.y;
      } else {
        blocks.push({ text: c.text.trim(), x0: c.x0, x1: c.x1, cx, top: line.y, bottom: line.y, fontSize: c.fontSize });
      }
    }
  }
  return blocks;
}

/**
 * Each leaf column's extent. A border lies in a gap between what is printed on either side of it
 * (header and body alike: amounts end right of their column, names start left); where the gap is
 * wide (an empty column), the header cells, centred in their columns, place it.
 */
function bordersOf(leafBlocks: Block[], body: TextLine[]): Leaf[] {
  const n = leafBlocks.length;
  if (n === 0) return [];
  const cx = leafBlocks.map((b) => b.cx);
  const ink = [...leafBlocks.map((b) => [b.x0, b.x1] as const), ...body.flatMap((l) => l.cells.map((c) => [c.x0, c.x1] as const))];
  // gaps[k]: where the border between leaf k-1 and leaf k may be (k = 1 … n-1).
  const gaps: Array<[number, number]> = [[-Infinity, Infinity]];
  for (let k = 1; k < n; k++) gaps.push(widestGap(ink, cx[k - 1]!, cx[k]!));
  const edge = [Math.min(...ink.map((i) => i[0])), Math.max(...ink.map((i) => i[1]))] as const;
  const b = gaps.map(([lo, hi]) => (lo + hi) / 2);
  b.push(0);
  const clamp = (k: number, x: number) => Math.min(gaps[k]![1], Math.max(gaps[k]![0], x));
  for (let pass = 0; pass < 40; pass++) {
    for (let k = 1; k < n; k++) {
      const fromLeft = k - 1 === 0 ? b[k]! : 2 * cx[k - 1]! - b[k - 1]!;
      const fromRight = k + 1 === n ? b[k]! : 2 * cx[k]! - b[k + 1]!;
      b[k] = clamp(k, (fromLeft + fromRight) / 2);
    }
    b[0] = n > 1 ? Math.min(edge[0], 2 * cx[0]! - b[1]!) : edge[0];
    b[n] = n > 1 ? Math.max(edge[1], 2 * cx[n - 1]! - b[n - 1]!) : edge[1];
  }
  return leafBlocks.map((block, k) => ({ block, left: b[k]!, right: b[k + 1]! }));
}

/** The widest stretch between two centres that nothing printed covers (or the middle, if none). */
function widestGap(ink: ReadonlyArray<readonly [number, number]>, from: number, to: number): [number, number] {
  const covering = ink
    .filter(([x0, x1]) => x1 > from && x0 < to)
    .map(([x0, x1]) => [Math.max(x0, from), Math.min(x1, to)] as const)
    .sort((p, q) => p[0] - q[0]);
  let best: [number, number] | undefined;
  let at = from;
  for (const [x0, x1] of covering) {
    if (x0 > at && (!best || x0 - at > best[1] - best[0])) best = [at, x0];
    at = Math.max(at, x1);
  }
  if (to > at && (!best || to - at > best[1] - best[0])) best = [at, to];
  const mid = (from + to) / 2;
  return best ?? [mid, mid];
}

/** Borders where a vertical line is drawn between two leaves, through both. */
function ruledBorders(leaves: Leaf[], verticals: Rule[]): void {
  const through = (r: Rule, a: Block, b: Block) => r.y0 <= Math.min(a.top, b.top) && r.y1 >= Math.max(a.bottom, b.bottom);
  leaves.forEach((leaf, k) => {
    const prev = leaves[k - 1];
    if (!prev) return;
    const lo = Math.max(prev.block.x1, prev.block.cx);
    const hi = Math.min(leaf.block.x0, leaf.block.cx);
    const drawn = verticals.filter((r) => r.x0 > lo - 1 && r.x0 < hi + 1 && through(r, prev.block, leaf.block));
    const x = minBy(drawn, (r) => Math.abs(r.x0 - (prev.right + leaf.left) / 2))?.x0;
    if (x !== undefined) prev.right = leaf.left = x;
  });
  const first = leaves[0];
  const last = leaves.at(-1);
  const outer = (b: Block, side: -1 | 1) => minBy(verticals.filter((r) => (side < 0 ? r.x0 < b.x0 : r.x0 > b.x1) && r.y0 <= b.top && r.y1 >= b.bottom), (r) => Math.abs(r.x0 - b.cx))?.x0;
  if (first) first.left = outer(first.block, -1) ?? first.left;
  if (last) last.right = outer(last.block, 1) ?? last.right;
}

/** The leaves between the lines drawn either side of a header cell, if there are such lines. */
function ruledSpan(p: Block, leaves: Leaf[], verticals: Rule[]): [number, number] | undefined {
  const y = (p.top + p.bottom) / 2 - 0.3 * p.fontSize;
  const crossing = verticals.filter((r) => r.y0 <= y && r.y1 >= y);
  const left = maxBy(crossing.filter((r) => r.x0 <= p.x0 + 1), (r) => r.x0)?.x0;
  const right = minBy(crossing.filter((r) => r.x0 >= p.x1 - 1), (r) => r.x0)?.x0;
  if (left === undefined || right === undefined) return undefined;
  const inside = leaves.map((l, k) => [l.block.cx, k] as const).filter(([cx]) => cx > left && cx < right).map(([, k]) => k);
  if (inside.length === 0) return undefined;
  return [inside[0]!, inside.at(-1)!];
}

function columnAt(borders: number[], x: number): number {
  let k = 0;
  while (k < borders.length && x > borders[k]!) k++;
  return k;
}

/**
 * The run of leaves below a header cell that it is centred over: of two leaves or more (a cell
 * over a single one would be that one's), holding each lower header cell whole or not at all
 * and not the same as one. Of runs centred alike (columns of equal width), the narrowest.
 */
function spanOf(p: Block, leaves: Leaf[], lower: ReadonlyArray<[number, number]>): [number, number] {
  let best: [number, number] | undefined;
  let bestMiss = Infinity;
  const tie = 0.35 * p.fontSize;
  for (const minimum of [2, 1]) {
    for (let i = 0; i < leaves.length; i++) {
      if (!below(leaves[i]!.block, p)) continue;
      for (let j = i + minimum - 1; j < leaves.length; j++) {
        if (!below(leaves[j]!.block, p)) break;
        const left = leaves[i]!.left;
        const right = leaves[j]!.right;
        if (p.cx < left || p.cx > right) continue;
        if (lower.some(([a, b]) => (a <= j && b >= i && !(a >= i && b <= j)) || (a === i && b === j))) continue;
        const miss = Math.abs((left + right) / 2 - p.cx);
        if (!best || miss < bestMiss - tie || (miss <= bestMiss + tie && j - i < best[1] - best[0])) {
          best = [i, j];
          bestMiss = miss;
        }
      }
    }
    if (best) return best;
  }
  return [0, 0];
}

// ---------------------------------------------------------------- body

interface PlacedLine {
  y: number;
  fontSize: number;
  /** Per leaf column: what the line prints there. */
  cells: Array<{ text: string; x0: number; x1: number } | undefined>;
}

function place(line: TextLine, grid: Grid): PlacedLine {
  const borders = grid.leaves.slice(1).map((l) => l.left);
  const cells: PlacedLine['cells'] = grid.leaves.map(() => undefined);
  for (const c of line.cells) {
    const k = columnAt(borders, (c.x0 + c.x1) / 2);
    const had = cells[k];
    cells[k] = had ? { text: `${had.text} ${c.text.trim()}`, x0: had.x0, x1: c.x1 } : { text: c.text.trim(), x0: c.x0, x1: c.x1 };
  }
  return { y: line.y, fontSize: line.fontSize, cells };
}

function kindOf(cells: Array<{ text: string }>, path: string[]): Column['kind'] {
  const texts = cells.map((c) => c.text.trim()).filter((t) => t !== '' && !PLACEHOLDER.test(t));
  if (texts.length > 0) {
    const codes = texts.filter((t) => CODE.test(t) || CODE_THEN_NAME.test(t)).length;
    const numbers = texts.filter((t) => AMOUNT.test(t) || DASH.test(t)).length;
    if (codes * 2 > texts.length && texts.some((t) => CODE.test(t))) return 'code';
    if (numbers * 2 > texts.length) return 'number';
    return 'text';
  }
  const label = path.at(-1) ?? '';
  if (/编码|^(?:经济|功能)分类科目$|^科目$/.test(label)) return 'code';
  if (/^项目$|名称$/.test(label)) return 'text';
  return 'number';
}

/** A new group starts where a code or name column follows a value column. */
function groupsOf(columns: Column[]): ColumnGroup[] {
  const groups: ColumnGroup[] = [];
  let g: ColumnGroup | undefined;
  columns.forEach((c, k) => {
    if (!g || (c.kind !== 'number' && g.values.length > 0)) {
      g = { values: [] };
      groups.push(g);
    }
    if (c.kind === 'code') g.code ??= k;
    else if (c.kind === 'text') g.name ??= k;
    else g.values.push(k);
  });
  return groups;
}

/**
 * Lines to rows: a line with a code, an amount, an ordinal (一、) or a total label starts a row;
 * a line that only continues a name (a wrapped 科目名称) joins the row it is printed beside or
 * under, within a line's height.
 */
function toRows(lines: PlacedLine[], columns: Column[], groups: ColumnGroup[], page: number): TableRow[] {
  const anchors = lines.filter((l) => isAnchor(l, columns));
  const members = new Map<PlacedLine, PlacedLine[]>(anchors.map((a) => [a, [a]]));
  for (const l of lines) {
    if (members.has(l)) continue;
    const near = minBy(
      anchors.filter((a) => Math.abs(a.y - l.y) <= 1.45 * l.fontSize),
      (a) => Math.abs(a.y - l.y),
    );
    if (near) members.get(near)!.push(l);
    else members.set(l, [l]);
  }
  const rows: TableRow[] = [];
  for (const group of [...members.values()].sort((a, b) => a[0]!.y - b[0]!.y)) {
    const byY = [...group].sort((a, b) => a.y - b.y);
    const text = (k: number | undefined) => (k === undefined ? '' : byY.map((l) => l.cells[k]?.text ?? '').join(''));
    const parts: TableRow[] = [];
    groups.forEach((g, gi) => {
      let code = text(g.code);
      let name = text(g.name);
      const m = CODE_THEN_NAME.exec(name) ?? (g.code === undefined ? null : CODE_THEN_NAME.exec(code));
      if (m && (!code || CODE_THEN_NAME.test(code))) {
        code = m[1]!;
        name = m[2]!.trim();
      } else if (code && !CODE.test(code)) {
        name = code + name;
        code = '';
      }
      const cells = g.values.map((k) => value(text(k)));
      // Text where an amount goes: a label centred across columns (人员经费合计).
      cells.forEach((c, i) => {
        if (c !== null && c !== '-' && !/^-?\d/.test(c) && !name) {
          name = c;
          cells[i] = null;
        }
      });
      if (!code && !name && cells.every((c) => c === null)) return;
      const prev = parts.at(-1);
      if (prev && !code && !name && prev.cells.every((c) => c === null) && prev.cells.length === cells.length) {
        prev.cells = cells;
        return;
      }
      parts.push({ group: gi, ...(code ? { code } : {}), name, cells, page });
    });
    rows.push(...parts);
  }
  return rows;
}

function isAnchor(l: PlacedLine, columns: Column[]): boolean {
  return l.cells.some((c, k) => {
    if (!c) return false;
    const t = c.text.trim();
    if (columns[k]!.kind === 'number') return t !== '';
    return CODE.test(t) || CODE_THEN_NAME.test(t) || ORDINAL.test(t) || TOTAL_LABEL.test(t) || PLACEHOLDER.test(t);
  });
}

/** An amount as a plain decimal string; "-" for a dash; other text as printed; null for nothing. */
export function value(text: string): string | null {
  const t = text.replace(/\s+/g, '');
  if (t === '') return null;
  if (DASH.test(t)) return '-';
  if (!AMOUNT.test(t)) return t;
  const negative = /^[-−（(]/.test(t);
  const digits = t.replace(/[-−,（）()]/g, '');
  return negative ? `-${digits}` : digits;
}

function maxBy<T>(xs: T[], f: (x: T) => number): T | undefined {
  return xs.reduce<T | undefined>((m, x) => (m === undefined || f(x) > f(m) ? x : m), undefined);
}

function minBy<T>(xs: T[], f: (x: T) => number): T | undefined {
  return xs.reduce<T | undefined>((m, x) => (m === undefined || f(x) < f(m) ? x : m), undefined);
}


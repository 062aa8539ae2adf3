import { InputError, type Diagnostic } from '../model/diagnostics.js';
import { readPdfBytes } from '../io/read-pdf.js';
import { DRAW, OPS, loadPdfjs, openPdf, type PdfjsDocument, type PdfjsPage, type PdfjsTextItem } from './pdfjs.js';

/**
 * The text layer of a PDF with positions, page by page, as runs of text and as lines: what a
 * reader of a published report (import, check) starts from. Coordinates are PDF points with y
 * measured down from the top of the page, so lines sort as they are read.
 */

export interface TextItem {
  text: string;
  /** Left edge of the run. */
  x: number;
  /** Baseline, from the top of the page. */
  y: number;
  width: number;
  height: number;
  fontSize: number;
  /** The run as printed, blanks kept (one for a run of them): a typed blank that `text` drops. */
  raw: string;
  /** pdf.js's id of the run's font (its name: PageDrawing.fonts). */
  font: string;
}

/** Runs of a line with no large gap between them: a table cell, or a whole line of prose. */
export interface TextCell {
  text: string;
  x0: number;
  x1: number;
  fontSize: number;
  raw: string;
}

export interface TextLine {
  page: number;
  /** Baseline, from the top of the page. */
  y: number;
  x0: number;
  x1: number;
  /** The largest font size on the line. */
  fontSize: number;
  /** The cells' text joined with nothing between them. */
  text: string;
  cells: TextCell[];
  /** The fonts of its runs (pdf.js ids), once each. */
  fonts: string[];
}

export interface PageText {
  /** 1-based, as a reader counts the pages of the file. */
  number: number;
  width: number;
  height: number;
  items: TextItem[];
  lines: TextLine[];
}

export interface PdfText {
  file: string;
  pages: PageText[];
  /** Pages without a single character: warnings where other pages have text. */
  findings: Diagnostic[];
}

/** A published report is a few MB; a PDF far larger is not one. */

/** Runs on one baseline: within this share of the font size. */
const BASELINE_TOLERANCE = 0.35;
/** A gap wider than this share of the font size starts a new cell. */
const CELL_GAP = 0.6;

/** A ruled line (a table's border), horizontal or vertical, in the same coordinates as the text. */
export interface Rule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A tick (a stroked path with a slanted segment, as a ticked checkbox draws): its middle. */
export interface Tick {
  x: number;
  y: number;
}

/** What a page draws besides text: its ruled lines, ticks, and the names of its fonts by pdf.js id. */
export interface PageDrawing {
  rules: Rule[];
  ticks: Tick[];
  fonts: Map<string, string>;
}

/** An open PDF: its text, and the ruled lines of a page on demand (only table pages need them). */
export interface OpenPdfText {
  text: PdfText;
  rules(page: number): Promise<Rule[]>;
  /** Lines, ticks and font names of a page (the forms of 第四、六部分 need all three). */
  drawing(page: number): Promise<PageDrawing>;
  close(): Promise<void>;
}

/**
 * Reads the text layer of `file`. Refuses (InputError, exit 2, naming the file) a file that is
 * not a PDF, a PDF that needs a password, one that cannot be parsed, and one without any text
 * (a scan); pages without text in a PDF that has some are listed in `findings`.
 */
export async function readPdfText(file: string): Promise<PdfText> {
  const pdf = await openPdfText(file);
  await pdf.close();
  return pdf.text;
}

export async function openPdfText(file: string): Promise<OpenPdfText> {
  const bytes = readPdfBytes(file);
  const fail = (rule: string, message: string): never => {
    throw new InputError([{ severity: 'error', rule, message, file }], 2);
  };
  await loadPdfjs();
  let doc: PdfjsDocument;
  try {
    doc = await openPdf(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
  } catch (e) {
    if ((e as Error)?.name === 'PasswordException') return fail('encrypted-pdf', 'PDF 已加密，需要密码才能打开，无法读取');
    return fail('damaged-pdf', 'PDF 文件已损坏，无法读取其结构');
  }
  const pages: PageText[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
      const height = y1 - y0;
      const content = await page.getTextContent();
      const items = content.items.flatMap((it) => ('str' in it ? toItem(it, y1) : []));
      pages.push({ number: n, width: x1 - x0, height, items, lines: toLines(items, n) });
    }
  } catch {
    await doc.destroy();
    return fail('damaged-pdf', `PDF 文件已损坏：第${pages.length + 1}页无法读取`);
  }
  const close = () => doc.destroy();
  if (pages.length === 0) {
    await close();
    fail('damaged-pdf', 'PDF 文件没有页面');
  }
  const blank = pages.filter((p) => p.lines.length === 0);
  const scanned = (severity: 'error' | 'warning') =>
    blank.map((p): Diagnostic => ({ severity, rule: 'no-text-layer', message: `第${p.number}页无文字层（扫描件？）`, file }));
  if (blank.length === pages.length) {
    await close();
    throw new InputError(scanned('error'), 2);
  }
  const drawings = new Map<number, Promise<PageDrawing>>();
  const drawing = (n: number): Promise<PageDrawing> => {
    let d = drawings.get(n);
    if (!d) {
      d = (async () => {
        try {
          const page = await doc.getPage(n);
          const ticks: Tick[] = [];
          const rules = rulesOf(await page.getOperatorList(), page.view[3] ?? 0, ticks);
          const fonts = new Map<string, string>();
          for (const id of new Set(pages[n - 1]?.items.map((i) => i.font))) {
            try {
              fonts.set(id, String((page.commonObjs.get(id) as { name?: string } | undefined)?.name ?? ''));
            } catch {
              // A font pdf.js did not load: its runs count as regular text.
            }
          }
          return { rules, ticks, fonts };
        } catch {
          // Without its lines a table is rebuilt from the text alone.
          return { rules: [], ticks: [], fonts: new Map() };
        }
      })();
      drawings.set(n, d);
    }
    return d;
  };
  return {
    text: { file, pages, findings: scanned('warning') },
    rules: async (n) => (await drawing(n)).rules,
    drawing,
    close,
  };
}

type Matrix = [number, number, number, number, number, number];

/**
 * The straight lines a page draws: stroked segments and thin filled rectangles, horizontal or
 * vertical, in page coordinates measured down from the top.
 */
function rulesOf(ops: Awaited<ReturnType<PdfjsPage['getOperatorList']>>, pageTop: number, ticks: Tick[] = []): Rule[] {
  const rules: Rule[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const at = (x: number, y: number): [number, number] => [ctm[0] * x + ctm[2] * y + ctm[4], pageTop - (ctm[1] * x + ctm[3] * y + ctm[5])];
  ops.fnArray.forEach((fn, i) => {
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(args as Matrix, ctm);
    else if (fn === OPS.constructPath) {
      const [paint, paths] = args as [number, ArrayLike<number>[] | null];
      const data = paths?.[0];
      if (!data) return;
      const stroked = paint === OPS.stroke || paint === OPS.closeStroke || paint === OPS.fillStroke || paint === OPS.eoFillStroke || paint === OPS.closeFillStroke || paint === OPS.closeEOFillStroke;
      const filled = paint === OPS.fill || paint === OPS.eoFill;
      if (!stroked && !filled) return;
      const points: Array<[number, number]> = [];
      const flush = () => {
        if (stroked) for (let k = 1; k < points.length; k++) addRule(rules, points[k - 1]!, points[k]!);
        if (stroked && isTick(points)) ticks.push({ x: (Math.min(...points.map((p) => p[0])) + Math.max(...points.map((p) => p[0]))) / 2, y: (Math.min(...points.map((p) => p[1])) + Math.max(...points.map((p) => p[1]))) / 2 });
        else if (filled && points.length >= 4) addThinBox(rules, points);
        points.length = 0;
      };
      for (let k = 0; k < data.length; ) {
        const op = data[k]!;
        if (op === DRAW.moveTo) {
          flush();
          points.push(at(data[k + 1]!, data[k + 2]!));
          k += 3;
        } else if (op === DRAW.lineTo) {
          points.push(at(data[k + 1]!, data[k + 2]!));
          k += 3;
        } else if (op === DRAW.closePath) {
          if (points.length > 1) points.push(points[0]!);
          k += 1;
        } else {
          // A curve: not a table's border.
          flush();
          k += op === DRAW.curveTo ? 7 : 5;
        }
      }
      flush();
    }
  });
  return rules;
}

function multiply(m: Matrix, n: Matrix): Matrix {
  return [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]];
}

function addRule(rules: Rule[], [ax, ay]: [number, number], [bx, by]: [number, number]): void {
  if (Math.abs(ay - by) < 0.5 && Math.abs(ax - bx) > 2) rules.push({ x0: Math.min(ax, bx), x1: Math.max(ax, bx), y0: (ay + by) / 2, y1: (ay + by) / 2 });
  else if (Math.abs(ax - bx) < 0.5 && Math.abs(ay - by) > 2) rules.push({ x0: (ax + bx) / 2, x1: (ax + bx) / 2, y0: Math.min(ay, by), y1: Math.max(ay, by) });
}

/** Three points, two slanted segments, down then up: a tick as a checkbox draws it, a few points wide. */
function isTick(points: Array<[number, number]>): boolean {
  if (points.length !== 3) return false;
  const [a, b, c] = points as [[number, number], [number, number], [number, number]];
  return b[0] > a[0] && c[0] > b[0] && b[1] > a[1] && c[1] < b[1] && c[0] - a[0] < 20;
}

/** A filled rectangle thinner than 2 points is a line along its length. */
function addThinBox(rules: Rule[], points: Array<[number, number]>): void {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  if (y1 - y0 < 2 && x1 - x0 > 2) rules.push({ x0, x1, y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 });
  else if (x1 - x0 < 2 && y1 - y0 > 2) rules.push({ x0: (x0 + x1) / 2, x1: (x0 + x1) / 2, y0, y1 });
}


/** A run of pdf.js in top-down coordinates; runs of blanks only carry nothing (WPS gives them absurd widths). */
function toItem(it: PdfjsTextItem, pageTop: number): TextItem[] {
  const text = despace(it.str.replace(/\s+/g, ' '));
  if (text.trim() === '') return [];
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = it.transform;
  // Upright text only: tables and prose are; a rotated stamp or watermark is not read.
  if (Math.abs(b) > 1e-3 || Math.abs(c) > 1e-3 || a <= 0 || d <= 0) return [];
  const fontSize = Math.hypot(c, d);
  const trimmed = text.trimStart();
  // A leading blank moves the run's visible start right by its share of the width.
  const lead = ((text.length - trimmed.length) / text.length) * it.width;
  const body = trimmed.trimEnd();
  const width = ((it.width - lead) * body.length) / trimmed.length;
  const raw = it.str.replace(/\s+/g, ' ').trim();
  return [{ text: body, x: e + lead, y: pageTop - f, width, height: it.height || fontSize, fontSize, raw, font: it.fontName ?? '' }];
}

/** Chinese characters, kana and full-width punctuation: text that is written without blanks. */
const CJK = '\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef';
const BLANK_BY_CJK = new RegExp(`([${CJK}]) +(?=\\S)|([^\\s)\\]]) +(?=[${CJK}])`, 'g');

/**
 * Blanks taken out where Chinese is written without them: pdf.js reports a blank wherever glyphs
 * stand apart, as they do in a justified line ("1 . 一 般 公 共", "资金 912.46 万元"), and cannot
 * tell it from a typed one. A blank next to a Chinese character goes, and one before a stop or
 * a comma after a digit; blanks between Latin words, and after a closing bracket, stay.
 */
export function despace(text: string): string {
  const glyphs = text.replace(/ /g, '').length;
  const spread = glyphs > 3 && (text.match(/\S (?=\S)/g)?.length ?? 0) >= 0.6 * (glyphs - 1);
  const t = spread ? text.trim().replace(/(\S) (?=\S)/g, '$1') : text;
  return t.replace(BLANK_BY_CJK, '$1$2').replace(/(\d) +(?=[.,;:%)])/g, '$1');
}

/**
 * Groups runs into lines (the same baseline within a tolerance), each sorted left to right and
 * cut into cells where the gap between two runs is large. Exported for tests.
 */
export function toLines(items: readonly TextItem[], page: number): TextLine[] {
  const sorted = [...items].sort((p, q) => p.y - q.y || p.x - q.x);
  const groups: TextItem[][] = [];
  for (const it of sorted) {
    const last = groups.at(-1);
    const ref = last?.[0];
    if (last && ref && it.y - ref.y <= BASELINE_TOLERANCE * Math.min(ref.fontSize, it.fontSize)) last.push(it);
    else groups.push([it]);
  }
  return groups.map((group) => toLine(group, page));
}

function toLine(group: TextItem[], page: number): TextLine {
  const runs = [...group].sort((p, q) => p.x - q.x);
  const cells: TextCell[] = [];
  let cell: TextCell | undefined;
  for (const r of runs) {
    const gap = cell ? r.x - cell.x1 : Infinity;
    // An amount right-aligned in its column and a name starting the next one may stand closer than
    // a cell gap (Shanghai's 总表: "15,180.88 | 一、一般公共服务支出"); prose has no gap there.
    const amountThenWords = cell && gap > 0.25 * r.fontSize && /\d\.\d{1,2}$/.test(cell.text) && /^[\u4e00-\u9fff（(]/.test(r.text);
    if (cell && !amountThenWords && gap <= CELL_GAP * Math.max(cell.fontSize, r.fontSize)) {
      // A visible gap between two Latin letters or digits was a blank; CJK text has none.
      const blank = gap > 0.15 * r.fontSize && /[\x21-\x7e]$/.test(cell.text) && /^[\x21-\x7e]/.test(r.text) ? ' ' : '';
      cell.text += blank + r.text;
      cell.raw += blank + r.raw;
      cell.x1 = Math.max(cell.x1, r.x + r.width);
      cell.fontSize = Math.max(cell.fontSize, r.fontSize);
    } else {
      cell = { text: r.text, x0: r.x, x1: r.x + r.width, fontSize: r.fontSize, raw: r.raw };
      cells.push(cell);
    }
  }
  const ys = runs.map((r) => r.y).sort((p, q) => p - q);
  return {
    page,
    y: ys[ys.length >> 1]!,
    x0: cells[0]!.x0,
    x1: Math.max(...cells.map((c) => c.x1)),
    fontSize: Math.max(...runs.map((r) => r.fontSize)),
    text: cells.map((c) => c.text).join(''),
    cells,
    fonts: [...new Set(runs.map((r) => r.font))],
  };
}

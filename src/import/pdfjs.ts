import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * pdf.js (pdfjs-dist, legacy build for Node), loaded on first use: it is some 3 MB of code that
 * only the commands reading a published PDF need, so it stays out of the start-up bundle
 * (scripts/bundle.mjs lists it as external) and out of every other command's start.
 */

/** What juesuan uses of pdf.js: the text layer with positions, nothing drawn. */
export interface PdfjsTextItem {
  str: string;
  /** [a, b, c, d, e, f]: e, f the origin of the run in PDF space (from the bottom left). */
  transform: number[];
  width: number;
  height: number;
  hasEOL?: boolean;
  /** pdf.js's id of the font, resolved through the page's commonObjs once its operators are read. */
  fontName?: string;
}

export interface PdfjsPage {
  view: number[];
  getTextContent(options?: { disableNormalization?: boolean }): Promise<{ items: Array<PdfjsTextItem | { type: string }> }>;
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[] }>;
  cleanup(): boolean;
  commonObjs: { get(id: string): unknown };
}

/** The drawing operators juesuan follows (pdf.js's OPS numbers, stable across its versions). */
export const OPS = { save: 10, restore: 11, transform: 12, stroke: 20, closeStroke: 21, fill: 22, eoFill: 23, fillStroke: 24, eoFillStroke: 25, closeFillStroke: 26, closeEOFillStroke: 27, constructPath: 91 } as const;
/** Path commands in a constructPath's data. */
export const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;

export interface PdfjsDocument {
  numPages: number;
  getPage(n: number): Promise<PdfjsPage>;
  destroy(): Promise<void>;
}

interface Pdfjs {
  getDocument(options: Record<string, unknown>): { promise: Promise<PdfjsDocument>; destroy(): Promise<void> };
}

let loaded: Promise<{ pdfjs: Pdfjs; root: string }> | undefined;

function load(): Promise<{ pdfjs: Pdfjs; root: string }> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('pdfjs-dist/package.json'));
    // pdf.js is an ES module without top-level await: Node (≥ 20.19) requires it as it is. An
    // import() would not do inside the bundle, which runs as a vm.Script with no module loader.
    // The minified build parses faster at a cold start.
    const pdfjs = require('pdfjs-dist/legacy/build/pdf.min.mjs') as Pdfjs;
    // No worker thread in Node: pdf.js runs its parser in this thread ("fake worker"), and finds
    // it here instead of importing it itself.
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= require('pdfjs-dist/legacy/build/pdf.worker.min.mjs');
    return { pdfjs, root };
  })();
  return loaded;
}

/**
 * Opens a PDF from its bytes: no fonts installed into anything, no eval, no network, no system
 * fonts; the character maps of CJK fonts that do not embed them (Word's and WPS's often do not)
 * come from the package's own files.
 */
export async function openPdf(bytes: Uint8Array): Promise<PdfjsDocument> {
  const { pdfjs, root } = await load();
  return parsePdf(pdfjs, root, bytes);
}

/** The library itself is loaded apart (loadPdfjs): a missing install is not a damaged PDF. */
export const loadPdfjs = (): Promise<unknown> => load();

function parsePdf(pdfjs: Pdfjs, root: string, bytes: Uint8Array): Promise<PdfjsDocument> {
  const task = pdfjs.getDocument({
    data: bytes,
    cMapUrl: join(root, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(root, 'standard_fonts') + '/',
    disableFontFace: true,
    isEvalSupported: false,
    useSystemFonts: false,
    useWorkerFetch: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    stopAtErrors: false,
    verbosity: 0,
  });
  return task.promise;
}

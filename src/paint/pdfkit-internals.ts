
/**
 * The parts of pdfkit 0.20 that its typings omit, used by the painter. Kept in one place so a
 * pdfkit upgrade shows what to check.
 */
export interface EmbeddedFontLike {
  id: string;
  /** The font program it embeds (what registerFont was given). */
  font: unknown;
  /** The subset being embedded: maps an original glyph id to its id in the subset; encode() gives the font program. */
  subset: { includeGlyph(glyphId: number): number; encode(): Uint8Array };
  /** Advance widths (1000 units) and code points by subset glyph id, for the W array and ToUnicode. */
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}

export interface StructElementLike {
  add(child: unknown): StructElementLike;
  end(): void;
  dictionary: { data: Record<string, unknown> };
}

export interface OutlineLike {
  addItem(title: string, options?: Record<string, unknown>): OutlineLike;
  outlineData: Record<string, unknown>;
  options: Record<string, unknown>;
}

type Overridden =
  | 'struct' | 'addStructure' | 'markContent' | 'markStructureContent' | 'endMarkedContent' | 'file' | 'goTo'
  | 'addNamedDestination' | 'outline' | 'info' | 'page' | 'read' | 'addContent';

export type Doc = Omit<PDFKit.PDFDocument, Overridden> & {
  _font: EmbeddedFontLike | null;
  /** pdfkit's embedded fonts by registered name and by PostScript name; each is written out at the end. */
  _fontFamilies: Record<string, EmbeddedFontLike>;
  _root: { data: Record<string, unknown> };
  info: Record<string, unknown>;
  outline: OutlineLike;
  page: {
    height: number;
    width: number;
    dictionary: unknown;
    fonts: Record<string, unknown>;
    write(chunk: Uint8Array): void;
    /** The content stream: compressed by pdfkit on end unless `compress` is off. */
    content: { compress: boolean; data: Record<string, unknown>; write(chunk: Uint8Array): void };
  };
  addNamedDestination(name: string, ...args: unknown[]): Doc;
  goTo(x: number, y: number, w: number, h: number, name: string, options?: Record<string, unknown>): Doc;
  markContent(tag: string, options?: Record<string, unknown> | null): Doc;
  markStructureContent(tag: string, options?: Record<string, unknown>): unknown;
  endMarkedContent(): Doc;
  struct(type: string, options?: Record<string, unknown>, children?: unknown): StructElementLike;
  addStructure(el: StructElementLike): Doc;
  file(src: Uint8Array, options: Record<string, unknown>): unknown;
  appendXML(xml: string, newline?: boolean): void;
  _addInfo: () => void;
  read(): Buffer | null;
  addContent(data: string): Doc;
};


/**
 * A new embedded font for `program`, registered under `key`, never merged with another one.
 * pdfkit's font() hands back an already embedded font of the same PostScript name when its
 * isEqualFont finds them equal, which it decides from fontkit's private tables: for any other
 * program (juesuan's TrueType reader) two different fonts of the same name compare equal, and
 * the second font's glyph ids would be drawn from the first. The entry under that name is hidden
 * while pdfkit makes the font, then put back.
 */
export function embedFontProgram(doc: Doc, key: string, program: { postscriptName?: string | null }): EmbeddedFontLike {
  const families = doc._fontFamilies;
  const name = program.postscriptName;
  const namesake = name ? families[name] : undefined;
  if (name) delete families[name];
  try {
    doc.registerFont(key, program as unknown as string);
    doc.font(key);
  } finally {
    if (name && namesake) families[name] = namesake;
  }
  const font = doc._font!;
  if (font.font !== program) throw new Error(`pdfkit embedded another font program for ${key}`);
  return font;
}

/**
 * How pdfkit 0.20 writes the file (PDFDocument and PDFReference.finalize), which output.ts
 * takes over: every piece goes through `_write` (an object as `N 0 obj`, its dictionary, then
 * either `endobj` or `stream`, the data, `\nendstream`, `endobj`), `_offset` counts the bytes
 * written, `_offsets[N - 1]` is where object N starts, and `_finalize` writes the
 * cross-reference table and trailer once every object is written.
 */
export interface DocumentWriter {
  _write(data: string | Uint8Array): void;
  _offset: number;
  _offsets: (number | null)[];
  _finalize(): void;
  _root: { id: number; toString(): string };
  _info: { toString(): string };
  /** The file identifier (MD5 of the info dictionary), both halves of the trailer's /ID. */
  _id: Uint8Array;
  /** Present when the document is encrypted (this tool never asks pdfkit for that). */
  _security: unknown;
  push(chunk: Uint8Array | null): boolean;
}


/**
 * The parts of pdfkit 0.20 that its typings omit, used by the painter. Kept in one place so a
 * pdfkit upgrade shows what to check.
 */
export interface EmbeddedFontLike {
  id: string;
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


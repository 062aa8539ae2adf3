import type { FontFace, FontRole, FontSet } from '../fonts/index.js';
import type { TextItem } from '../layout/types.js';
import type { Doc, EmbeddedFontLike } from './pdfkit-internals.js';

/**
 * Text: one text-showing operation per run, positioned by its baseline, justified by
 * characterSpacing (Tc). pdfkit embeds and subsets the fonts; the glyphs are taken one to one
 * from the code points with the advance widths the layout measured (no shaping or kerning, which
 * CJK does not need) — so a justified line ends exactly at the measure — and written straight
 * into the page's content stream, which is much faster than pdfkit's text() for
 * thousands of runs. The fonts are registered as the shared, already opened font programs
 * (src/fonts: TrueType read from its raw tables, subset by copying glyphs; other outlines via fontkit).
 */
export class TextPainter {
  private font: EmbeddedFontLike | null = null;
  private face: FontFace | null = null;
  private role: FontRole | null = null;
  // Text state as last set in this page's content stream.
  private stateFont: string | null = null;
  private stateSize = -1;
  private stateSpacing = 0;
  private color = '';
  private readonly codes = new Map<EmbeddedFontLike, Map<number, string>>();
  /** pdfkit's name for each font file (by absolute path). */
  private readonly names = new Map<string, string>();

  constructor(
    private readonly doc: Doc,
    private readonly fonts: FontSet,
  ) {
    // One registration per font file, so roles sharing a file share one embedded subset without
    // pdfkit having to compare the fonts to find out.
    for (const role of fonts.roles) {
      const path = fonts.face(role).path;
      if (!this.names.has(path)) {
        this.names.set(path, `font${this.names.size + 1}`);
        doc.registerFont(this.names.get(path)!, fonts.face(role).file.font as unknown as string);
      }
    }
  }

  /** A new page starts with a fresh graphics state. */
  newPage(): void {
    this.stateFont = null;
    this.stateSize = -1;
    this.stateSpacing = 0;
    this.color = '';
  }

  draw(t: TextItem): void {
    const doc = this.doc;
    if (t.role !== this.role) {
      this.face = this.fonts.face(t.role);
      doc.font(this.names.get(this.face.path)!);
      this.role = t.role;
      this.font = doc._font!;
      if (!this.codes.has(this.font)) this.codes.set(this.font, new Map());
    }
    const font = this.font!;
    const fonts = doc.page.fonts;
    if (fonts[font.id] == null) fonts[font.id] = font.ref();
    const color = t.color ?? '#000000';
    if (color !== this.color) {
      doc.fillColor(color);
      this.color = color;
    }
    let ops = 'BT\n';
    if (this.stateFont !== font.id || this.stateSize !== t.size) {
      ops += `/${font.id} ${num(t.size)} Tf\n`;
      this.stateFont = font.id;
      this.stateSize = t.size;
    }
    if (this.stateSpacing !== t.characterSpacing) {
      ops += `${num(t.characterSpacing)} Tc\n`;
      this.stateSpacing = t.characterSpacing;
    }
    // The page's CTM is flipped (y down, pdfkit's convention): flip the text matrix back.
    ops += `1 0 0 -1 ${num(t.x)} ${num(t.y)} Tm\n<${this.encode(font, this.face!, t.text)}> Tj\nET`;
    doc.addContent(ops);
  }

  /** Subset glyph ids as hex, registering each glyph's width and Unicode for the font's embedding. */
  private encode(font: EmbeddedFontLike, face: FontFace, text: string): string {
    const map = this.codes.get(font)!;
    let hex = '';
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      let h = map.get(cp);
      if (h === undefined) {
        const g = face.glyph(cp);
        const gid = font.subset.includeGlyph(g.id);
        if (font.widths[gid] == null) font.widths[gid] = (g.advanceWidth * 1000) / face.file.unitsPerEm;
        if (font.unicode[gid] == null) font.unicode[gid] = [cp];
        h = gid.toString(16).padStart(4, '0');
        map.set(cp, h);
      }
      hex += h;
    }
    return hex;
  }
}

function num(n: number): string {
  return (Math.round(n * 1000) / 1000).toString();
}

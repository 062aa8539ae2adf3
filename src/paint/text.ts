import type { FontFace, FontRole, FontSet } from '../fonts/index.js';
import type { TextItem } from '../layout/types.js';
import { embedFontProgram, type Doc, type EmbeddedFontLike } from './pdfkit-internals.js';

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
  /**
   * One embedded font per font file (FontFile: one per distinct content), made on first use, so
   * roles sharing a file share one subset, and a glyph id is always written into the subset of the
   * font it was looked up in, whatever the fonts' PostScript names.
   */
  private readonly embedded = new Map<FontFace['file'], EmbeddedFontLike>();
  private readonly names = new Map<FontFace['file'], string>();

  constructor(
    private readonly doc: Doc,
    private readonly fonts: FontSet,
  ) {
    for (const role of fonts.roles) {
      const file = fonts.face(role).file;
      if (!this.names.has(file)) this.names.set(file, `font${this.names.size + 1}`);
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
      this.role = t.role;
      this.font = this.embeddedFont(this.face);
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

  private embeddedFont(face: FontFace): EmbeddedFontLike {
    let font = this.embedded.get(face.file);
    if (!font) {
      font = embedFontProgram(this.doc, this.names.get(face.file)!, face.file.font);
      // The subset is encoded when the document ends; a font found damaged then is named too.
      const subset = font.subset;
      const encode = subset.encode.bind(subset);
      subset.encode = () => {
        try {
          return encode();
        } catch (err) {
          throw face.damaged(err);
        }
      };
      this.embedded.set(face.file, font);
      this.codes.set(font, new Map());
    }
    return font;
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

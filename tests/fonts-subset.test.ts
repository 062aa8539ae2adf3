import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as fontkit from 'fontkit';
import { SfntTables } from '../src/fonts/sfnt.js';
import { TrueTypeSubset } from '../src/fonts/truetype-subset.js';
import { TrueTypeProgram } from '../src/fonts/truetype-program.js';
import { FontFile } from '../src/fonts/font-file.js';

/** The raw-table reader and the TrueType subsetter, checked against fontkit's reading of the same bytes. */

const ROOT = resolve(__dirname, '..');
const SERIF = resolve(ROOT, 'node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');

type FkGlyph = { id: number; advanceWidth: number; path: { toSVG(): string }; _getMetrics(): { leftBearing: number } };
type FkFont = { numGlyphs: number; unitsPerEm: number; getGlyph(id: number): FkGlyph; glyphForCodePoint(cp: number): FkGlyph; hasGlyphForCodePoint(cp: number): boolean };
const open = (bytes: Uint8Array) => fontkit.create(Buffer.from(bytes)) as unknown as FkFont;

describe('SfntTables', () => {
  const bytes = readFileSync(SERIF);
  const sfnt = new SfntTables(bytes);
  const fk = open(bytes);

  it('maps code points to the glyphs and advances fontkit finds', () => {
    const text = '２０２３年度武汉市江岸区住房保障和房屋管理局部门决算 一般公共预算财政拨款 11,314.64 万元（％）—…“”、。';
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const g = fk.glyphForCodePoint(cp);
      expect(sfnt.glyphId(cp), ch).toBe(g.id);
      expect(sfnt.advanceWidth(g.id), ch).toBe(g.advanceWidth);
      expect(sfnt.leftSideBearing(g.id), ch).toBe(g._getMetrics().leftBearing);
    }
  });

  it('answers 0 for a code point the font lacks, as fontkit does', () => {
    for (const cp of [0x0e01 /* Thai */, 0x1f600 /* emoji */, 0xe000 /* private use */]) {
      expect(sfnt.glyphId(cp) !== 0).toBe(fk.hasGlyphForCodePoint(cp));
      expect(sfnt.glyphId(cp)).toBe(0);
    }
  });

  it('leaves the bytes it was given untouched by a subset', () => {
    const before = Buffer.from(bytes.subarray(0, 4096)).toString('hex');
    const sub = new TrueTypeSubset(sfnt);
    sub.includeGlyph(sfnt.glyphId(0x51b3));
    sub.encode();
    expect(Buffer.from(bytes.subarray(0, 4096)).toString('hex')).toBe(before);
    expect(open(bytes).numGlyphs).toBe(fk.numGlyphs);
  });
});

describe('FontFile', () => {
  it('answers the same from the raw tables as through fontkit (the path of CFF fonts)', () => {
    const bytes = readFileSync(SERIF);
    const raw = new FontFile(SERIF, new TrueTypeProgram(new SfntTables(bytes)), new SfntTables(bytes));
    const viaFontkit = new FontFile(SERIF, fontkit.create(bytes) as fontkit.Font, null);
    for (const ch of [...'决算公开 11,314.64（％）—…', '\u0e01', '\u{1f600}']) {
      const cp = ch.codePointAt(0)!;
      expect(viaFontkit.hasGlyph(cp), ch).toBe(raw.hasGlyph(cp));
      expect(viaFontkit.glyph(cp), ch).toEqual(raw.glyph(cp));
      expect(viaFontkit.advance(cp), ch).toBe(raw.advance(cp));
    }
    expect([viaFontkit.ascent, viaFontkit.descent]).toEqual([raw.ascent, raw.descent]);
  });
});

describe('TrueTypeProgram', () => {
  const fonts = ['noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf', 'noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf', 'noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'];
  for (const name of fonts) {
    it(`gives pdfkit what fontkit would: ${name.split('/').pop()}`, () => {
      const bytes = readFileSync(resolve(ROOT, 'node_modules/@expo-google-fonts', name));
      const fk = fontkit.create(bytes) as unknown as Record<string, any>;
      const ours = new TrueTypeProgram(new SfntTables(bytes)) as unknown as Record<string, any>;
      for (const key of ['postscriptName', 'unitsPerEm', 'ascent', 'descent', 'lineGap', 'xHeight', 'capHeight', 'italicAngle']) {
        expect(ours[key], key).toBe(fk[key]);
      }
      for (const key of ['minX', 'minY', 'maxX', 'maxY', 'width', 'height']) expect(ours.bbox[key], key).toBe(fk.bbox[key]);
      for (const key of ['sFamilyClass', 'typoAscender', 'typoDescender', 'xHeight', 'capHeight']) expect(ours['OS/2'][key], key).toBe(fk['OS/2'][key]);
      expect(ours.post.isFixedPitch).toBe(fk.post.isFixedPitch);
      expect(ours.head.macStyle.italic).toBe(fk.head.macStyle.italic);
      expect(ours.getGlyph(0).advanceWidth).toBe(fk.getGlyph(0).advanceWidth);
      expect(typeof ours.layout).toBe('function');
    });
  }
});

describe('TrueTypeSubset', () => {
  it('keeps .notdef first, numbers glyphs by first use, and copies their outlines and metrics exactly', () => {
    const sfnt = new SfntTables(readFileSync(SERIF));
    const fk = open(readFileSync(SERIF));
    const sub = new TrueTypeSubset(sfnt);
    const chars = [...'决算 公开 ２０２３ 11,314.64 决'];
    const ids = chars.map((c) => sub.includeGlyph(sfnt.glyphId(c.codePointAt(0)!)));
    expect(ids[0]).toBe(1);
    expect(ids.at(-1)).toBe(ids[0]); // 决 again: same id
    const out = open(sub.encode());
    expect(out.numGlyphs).toBe(sub.glyphs.length);
    expect(out.unitsPerEm).toBe(fk.unitsPerEm);
    sub.glyphs.forEach((original, id) => {
      const a = fk.getGlyph(original);
      const b = out.getGlyph(id);
      expect(b.path.toSVG()).toBe(a.path.toSVG());
      expect(b.advanceWidth).toBe(a.advanceWidth);
      expect(b._getMetrics().leftBearing).toBe(a._getMetrics().leftBearing);
    });
  });

  it('writes a well-formed font file: sorted tables, 4-byte aligned, checksums right', () => {
    const sfnt = new SfntTables(readFileSync(SERIF));
    const sub = new TrueTypeSubset(sfnt);
    for (const c of '部门决算') sub.includeGlyph(sfnt.glyphId(c.codePointAt(0)!));
    const font = sub.encode();
    const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
    const n = v.getUint16(4);
    const tags: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = 12 + i * 16;
      const tag = String.fromCharCode(...font.subarray(r, r + 4));
      tags.push(tag);
      const offset = v.getUint32(r + 8);
      const length = v.getUint32(r + 12);
      expect(offset % 4, tag).toBe(0);
      let sum = 0;
      for (let k = 0; k < length; k += 4) {
        let word = 0;
        for (let b = 0; b < 4; b++) word = word * 256 + (k + b < length ? font[offset + k + b]! : 0);
        // The head table's checksum is taken with checkSumAdjustment (bytes 8–11) as zero.
        if (tag === 'head' && k === 8) word = 0;
        sum = (sum + word) % 2 ** 32;
      }
      expect(v.getUint32(r + 4), tag).toBe(sum);
    }
    expect(tags).toEqual([...tags].sort());
    expect(tags).toEqual(expect.arrayContaining(['glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp']));
    let whole = 0;
    for (let k = 0; k < font.length; k += 4) whole = (whole + v.getUint32(k)) % 2 ** 32;
    expect(whole).toBe(0xb1b0afba);
  });

  it('brings in the components of a composite glyph and renumbers them', () => {
    const font = syntheticFont();
    const sfnt = new SfntTables(font);
    const sub = new TrueTypeSubset(sfnt);
    expect(sub.includeGlyph(3)).toBe(1); // the composite: glyph 2 shifted, then glyph 1 scaled
    const out = open(sub.encode());
    expect(sub.glyphs).toEqual([0, 3, 2, 1]);
    const original = open(font);
    expect(out.getGlyph(1).path.toSVG()).toBe(original.getGlyph(3).path.toSVG());
    expect(out.getGlyph(1).path.toSVG()).not.toBe('');
  });
});

/**
 * A four-glyph TrueType font: .notdef (empty), a triangle, a square, and a composite of the
 * square (moved by word arguments) and the triangle (scaled), to test what real CJK fonts
 * rarely contain.
 */
function syntheticFont(): Uint8Array {
  const simple = (xs: number[], ys: number[]) => {
    const b: number[] = [];
    const w16 = (n: number) => b.push((n >> 8) & 255, n & 255);
    w16(1); // one contour
    w16(Math.min(...xs)); w16(Math.min(...ys)); w16(Math.max(...xs)); w16(Math.max(...ys));
    w16(xs.length - 1); // endPtsOfContours
    w16(0); // no instructions
    for (let i = 0; i < xs.length; i++) b.push(1); // on-curve, 16-bit deltas
    let x = 0;
    for (const nx of xs) { w16((nx - x) & 0xffff); x = nx; }
    let y = 0;
    for (const ny of ys) { w16((ny - y) & 0xffff); y = ny; }
    return b;
  };
  const triangle = simple([100, 500, 300], [0, 0, 400]);
  const square = simple([0, 200, 200, 0], [0, 0, 200, 200]);
  const composite: number[] = [];
  const c16 = (n: number) => composite.push((n >> 8) & 255, n & 255);
  c16(0xffff); c16(0); c16(0); c16(600); c16(700); // numberOfContours −1, bbox
  c16(0x0001 | 0x0002 | 0x0020); c16(2); c16(300); c16(300); // ARGS_ARE_WORDS | XY_VALUES | MORE: square at (300,300)
  c16(0x0002 | 0x0008); c16(1); composite.push(0, 0); c16(0x2000); // XY_VALUES | SCALE 0.5: triangle
  const glyphs = [[], triangle, square, composite].map((g) => (g.length % 2 ? [...g, 0] : g));

  const tables: Record<string, number[]> = {};
  const u16 = (a: number[], n: number) => a.push((n >> 8) & 255, n & 255);
  const u32 = (a: number[], n: number) => a.push((n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255);
  const head: number[] = [];
  u32(head, 0x00010000); u32(head, 0x00010000); u32(head, 0); u32(head, 0x5f0f3cf5);
  u16(head, 0); u16(head, 1000); for (let i = 0; i < 16; i++) head.push(0); // flags, unitsPerEm, dates
  u16(head, 0); u16(head, 0); u16(head, 600); u16(head, 700); u16(head, 0); u16(head, 8); u16(head, 2);
  u16(head, 1); u16(head, 0); // indexToLocFormat long, glyphDataFormat
  tables.head = head;
  const hhea: number[] = [];
  u32(hhea, 0x00010000); u16(hhea, 880); u16(hhea, 0xff88); u16(hhea, 0); u16(hhea, 1000);
  for (let i = 0; i < 11; i++) u16(hhea, 0);
  u16(hhea, 4);
  tables.hhea = hhea;
  const maxp: number[] = [];
  u32(maxp, 0x00010000); u16(maxp, 4); for (let i = 0; i < 13; i++) u16(maxp, i === 0 ? 4 : i === 1 ? 1 : 0);
  tables.maxp = maxp;
  const hmtx: number[] = [];
  for (let i = 0; i < 4; i++) { u16(hmtx, 1000); u16(hmtx, 0); }
  tables.hmtx = hmtx;
  const loca: number[] = [];
  const glyf: number[] = [];
  for (const g of glyphs) { u32(loca, glyf.length); glyf.push(...g); }
  u32(loca, glyf.length);
  tables.loca = loca;
  tables.glyf = glyf;
  const cmap: number[] = []; // format 12: 'A'..'C' → glyphs 1..3
  u16(cmap, 0); u16(cmap, 1); u16(cmap, 3); u16(cmap, 10); u32(cmap, 12);
  u16(cmap, 12); u16(cmap, 0); u32(cmap, 28); u32(cmap, 0); u32(cmap, 1);
  u32(cmap, 0x41); u32(cmap, 0x43); u32(cmap, 1);
  tables.cmap = cmap;
  const post: number[] = []; // version 3: no glyph names
  u32(post, 0x00030000); for (let i = 0; i < 7; i++) u32(post, 0);
  tables.post = post;

  const tags = Object.keys(tables).sort();
  const out: number[] = [];
  u32(out, 0x00010000); u16(out, tags.length); u16(out, 0); u16(out, 0); u16(out, 0);
  const offset = 12 + tags.length * 16;
  const body: number[] = [];
  for (const tag of tags) {
    const data = tables[tag]!;
    for (const ch of tag) out.push(ch.charCodeAt(0));
    u32(out, 0);
    u32(out, offset + body.length);
    u32(out, data.length);
    body.push(...data);
    while (body.length % 4) body.push(0);
  }
  return Uint8Array.from([...out, ...body]);
}

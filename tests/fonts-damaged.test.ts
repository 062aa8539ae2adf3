import { describe, it, expect, afterAll } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FontConfigError, loadFontSet, type FontRole } from '../src/fonts/index.js';
import { SfntTables } from '../src/fonts/sfnt.js';
import { layoutDocument } from '../src/layout/index.js';
import { paintPdf } from '../src/paint/index.js';
import { FONT, fontsYaml, removeScratch, scratch, SHIPPED, spawnTool, tableDirectory, toolWithFonts } from './font-forge.js';
import { pdftotext, SAMPLE } from './helpers.js';

/**
 * A font file that is cut short, overwritten or not a font at all is reported with the file, the
 * role and what is wrong, in Chinese: exit 2, no PDF, never 内部错误 and never a stack trace. The
 * raw-table reader never reads past a table or the file.
 */

const dir = scratch('juesuan-font-damage-');
afterAll(removeScratch);
const SERIF = readFileSync(FONT.serifRegular);
const serifTables = new SfntTables(SERIF);
const table = (tag: string) => tableDirectory(SERIF).find((t) => t.tag === tag)!;
const directoryEntry = (tag: string) => 12 + tableDirectory(SERIF).findIndex((t) => t.tag === tag) * 16;

/** A copy of the serif font changed by `edit`. */
function edited(edit: (font: Buffer) => void): Buffer {
  const copy = Buffer.from(SERIF);
  edit(copy);
  return copy;
}

/** Deterministic noise (no font format starts like this). */
function noise(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** Where the group of the 3/10 (format 12) cmap subtable that maps `cp` starts. */
function cmapGroupOf(font: Buffer, cp: number): number {
  const cmap = table('cmap').offset;
  for (let i = 0; i < font.readUInt16BE(cmap + 2); i++) {
    const at = cmap + 4 + i * 8;
    if (font.readUInt16BE(at) !== 3 || font.readUInt16BE(at + 2) !== 10) continue;
    const sub = cmap + font.readUInt32BE(at + 4);
    for (let g = 0; g < font.readUInt32BE(sub + 12); g++) {
      const group = sub + 16 + g * 12;
      if (font.readUInt32BE(group) <= cp && cp <= font.readUInt32BE(group + 4)) return group;
    }
  }
  throw new Error(`no 3/10 cmap group for ${cp}`);
}

const GLYPH_JUE = serifTables.glyphId(0x51b3); // 决
const locaAt = (gid: number) => table('loca').offset + gid * 4; // the serif font has 32-bit locations

interface Damage {
  name: string;
  bytes: Buffer;
  /** What the message must say about the file. */
  says: RegExp;
  /** Found when the file is opened (else when the damaged glyph is first used). */
  atOpen: boolean;
}

const damages: Damage[] = [
  { name: 'cut-in-half', bytes: SERIF.subarray(0, SERIF.length >> 1), says: /文件不完整：表 \S+ 应到第 \d+ 字节，而文件只有 7403818 字节/, atOpen: true },
  { name: 'cut-in-directory', bytes: SERIF.subarray(0, 100), says: /文件在表目录中间就结束了（100 字节）/, atOpen: true },
  { name: 'cut-in-header', bytes: SERIF.subarray(0, 8), says: /文件只有 8 字节/, atOpen: true },
  { name: 'empty', bytes: Buffer.alloc(0), says: /文件是空的/, atOpen: true },
  { name: 'noise', bytes: noise(5000, 7), says: /不是 TrueType 或 OpenType 字体/, atOpen: true },
  { name: 'text', bytes: Buffer.from('这不是字体，是一个说明文件。\nfont: SimSun\n'), says: /这是一个文本文件，不是字体文件（开头是“这不是字体，是一个说明文件。”）/, atOpen: true },
  {
    name: 'glyf-past-the-end',
    bytes: edited((f) => f.writeUInt32BE(f.length - 1000, directoryEntry('glyf') + 8)),
    says: /文件不完整：表 glyf 应到第 \d+ 字节/,
    atOpen: true,
  },
  {
    name: 'table-directory-noise',
    bytes: edited((f) => noise(16 * 6, 3).copy(f, 12 + 16 * 8)),
    says: /文件不完整|缺少 TrueType 字体必需的表/,
    atOpen: true,
  },
  {
    name: 'head-overwritten',
    bytes: edited((f) => noise(54, 11).copy(f, table('head').offset)),
    says: /表 head 的标识（magicNumber）不对/,
    atOpen: true,
  },
  {
    name: 'hhea-metrics-count',
    bytes: edited((f) => f.writeUInt16BE(0xffff, table('hhea').offset + 34)),
    says: /表 hhea 的 numberOfHMetrics 为 65535/,
    atOpen: true,
  },
  {
    name: 'name-strings-past-the-table',
    bytes: edited((f) => f.writeUInt16BE(0xfff0, table('name').offset + 4)),
    says: /表 name 的字符串超出该表/,
    atOpen: true,
  },
  {
    name: 'cmap-names-a-missing-glyph',
    // The Unicode cmap's group holding 决 starts at glyph 60000: found when 决 is looked up.
    bytes: edited((f) => f.writeUInt32BE(60000, cmapGroupOf(f, 0x51b3) + 8)),
    says: /表 cmap 指向不存在的字形 \d+（字体只有 30920 个字形）/,
    atOpen: false,
  },
  {
    name: 'glyph-location-past-glyf',
    bytes: edited((f) => f.writeUInt32BE(0x7fffffff, locaAt(GLYPH_JUE + 1))),
    says: new RegExp(`表 loca 中字形 ${GLYPH_JUE} 的位置（第 \\d+ 到 2147483647 字节）不在表 glyf（\\d+ 字节）之内`),
    atOpen: false,
  },
  {
    name: 'outline-overwritten',
    // 决 claims 30 000 contours: its end points alone would run past its bytes.
    bytes: edited((f) => f.writeInt16BE(30000, table('glyf').offset + f.readUInt32BE(locaAt(GLYPH_JUE)))),
    says: new RegExp(`字形 ${GLYPH_JUE} 的轮廓数据不完整或已损坏`),
    atOpen: false,
  },
  {
    name: 'composite-of-a-missing-glyph',
    bytes: edited((f) => {
      const at = table('glyf').offset + f.readUInt32BE(locaAt(GLYPH_JUE));
      f.writeInt16BE(-1, at); // composite
      f.writeUInt16BE(0, at + 10); // flags: byte arguments, last component
      f.writeUInt16BE(65000, at + 12); // a glyph the font does not have
    }),
    says: /字形 65000 不存在（字体只有 30920 个字形）/,
    atOpen: false,
  },
];

const save = (name: string, bytes: Buffer): string => {
  const path = join(dir, `${name}.ttf`);
  writeFileSync(path, bytes);
  return path;
};

const MARKUP = `<document title="t"><section numbering="arabic"><h1>第一部分 概况</h1><p>决算公开 11,314.64</p></section></document>`;

/** The FontConfigError of a font set whose `role` uses `file`: when opened or when laid out. */
function failure(role: FontRole, file: string): { error: unknown; atOpen: boolean } {
  const config = join(dir, `${role}-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(config, fontsYaml({ ...SHIPPED, [role]: file }));
  let fonts;
  try {
    fonts = loadFontSet(config, dir);
  } catch (error) {
    return { error, atOpen: true };
  }
  try {
    layoutDocument(MARKUP, fonts);
  } catch (error) {
    return { error, atOpen: false };
  }
  return { error: null, atOpen: false };
}

describe('a damaged font file is named with its role and what is wrong', () => {
  for (const d of damages) {
    it(d.name, () => {
      const file = save(d.name, d.bytes);
      const { error, atOpen } = failure('body', file);
      expect(error).toBeInstanceOf(FontConfigError);
      const message = (error as Error).message;
      expect(message).toMatch(d.says);
      expect(message).toContain(file);
      expect(message).toContain('角色“body”（正文）');
      expect(message).toMatch(/^字体文件(已损坏|无法使用)：/);
      expect(atOpen).toBe(d.atOpen);
    });
  }

  it('names the role whose font it is', () => {
    const file = save('heading-cut', SERIF.subarray(0, 1 << 20));
    const { error } = failure('heading', file);
    expect((error as Error).message).toContain('角色“heading”（各级标题）');
  });
});

describe('the raw-table reader stays inside the file', () => {
  it('rejects every cut of a font before its last table instead of reading past the end', () => {
    const end = Math.max(...tableDirectory(SERIF).map((t) => t.offset + t.length));
    for (const length of [0, 3, 11, 12, 27, 12 + 16 * 19 - 1, 4096, 1 << 20, SERIF.length >> 1, end - 1]) {
      expect(() => new SfntTables(SERIF.subarray(0, length)), `cut at ${length}`).toThrow();
    }
    expect(() => new SfntTables(SERIF.subarray(0, end))).not.toThrow();
  });

  it('keeps reading a sound font as before', () => {
    const sfnt = new SfntTables(SERIF);
    for (const ch of '决算公开11,314.64（％）') {
      const gid = sfnt.glyphId(ch.codePointAt(0)!);
      expect(gid).toBeGreaterThan(0);
      expect(() => sfnt.checkGlyph(gid)).not.toThrow();
    }
    expect(sfnt.glyphId(0x0e01)).toBe(0);
  });
});

describe('a font without a name table', () => {
  it('is laid out and embedded (the PDF names no font)', () => {
    const file = save('no-name-table', edited((f) => f.write('nam_', directoryEntry('name'), 'latin1')));
    const config = join(dir, 'no-name.yaml');
    writeFileSync(config, fontsYaml({ ...SHIPPED, body: file }));
    const fonts = loadFontSet(config, dir);
    const pdf = paintPdf(layoutDocument(MARKUP, fonts), fonts, {
      title: 't', author: '', subject: '', keywords: '', lang: 'zh-CN', date: new Date('2024-10-25T00:00:00+08:00'),
    });
    const out = join(dir, 'no-name.pdf');
    writeFileSync(out, pdf);
    expect(pdftotext(out)).toContain('决算公开 11,314.64');
  });
});

describe('juesuan render with a damaged font', () => {
  const cases: { role: FontRole; name: string; bytes: Buffer; says: RegExp }[] = [
    { role: 'body', name: 'cut-in-half', bytes: SERIF.subarray(0, SERIF.length >> 1), says: /文件不完整/ },
    { role: 'heading', name: 'text', bytes: Buffer.from('font placeholder\n'), says: /这是一个文本文件/ },
    { role: 'table', name: 'glyph-location', bytes: damages.find((d) => d.name === 'glyph-location-past-glyf')!.bytes, says: /表 loca 中字形/ },
    { role: 'title', name: 'glyf-past-the-end', bytes: damages.find((d) => d.name === 'glyf-past-the-end')!.bytes, says: /表 glyf 应到第/ },
  ];
  for (const c of cases) {
    it(`${c.role}: ${c.name}: exit 2, the file and role named, the earlier PDF kept`, () => {
      const file = save(`cli-${c.role}-${c.name}`, c.bytes);
      const tool = toolWithFonts({ ...SHIPPED, [c.role]: file });
      const out = join(dir, `cli-${c.role}.pdf`);
      writeFileSync(out, '%PDF-1.7 an earlier report');
      const r = spawnTool(tool, ['render', SAMPLE, '-o', out]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(c.says);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toContain(`角色“${c.role}”`);
      expect(r.stderr).not.toContain('内部错误');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(readFileSync(out, 'utf8')).toBe('%PDF-1.7 an earlier report');
      expect(existsSync(`${out}.tmp`)).toBe(false);
    });
  }
});

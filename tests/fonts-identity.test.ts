import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFontSet, type FontRole } from '../src/fonts/index.js';
import { layoutDocument } from '../src/layout/index.js';
import { paintPdf } from '../src/paint/index.js';
import {
  FONT, fontsYaml, removeScratch, ROOT, scratch, SHIPPED, spawnTool, toolWithFonts, withPostScriptName, type Roles,
} from './font-forge.js';
import { cli, pdftotext, SAMPLE } from './helpers.js';

/**
 * Fonts are told apart by their bytes, never by the PostScript name inside them: two roles whose
 * different files carry the same name each print with their own font, and every glyph is the one
 * measured in the role's font. Checked with pdffonts, pdftotext and by rendering the pages
 * (pdftoppm): a PDF whose fonts share a name must look exactly like the one whose names differ.
 */

const dir = scratch('juesuan-font-identity-');
afterAll(removeScratch);
const save = (name: string, bytes: Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
/** Sans fonts under the PostScript names of the serif fonts the other roles use. */
const SANS_BOLD_NAMED_SERIF_REGULAR = save('sans-bold.ttf', withPostScriptName(readFileSync(FONT.sansBold), 'NotoSerifSC-Regular'));
const SANS_REGULAR_NAMED_SERIF_REGULAR = save('sans-regular.ttf', withPostScriptName(readFileSync(FONT.sansRegular), 'NotoSerifSC-Regular'));
const SANS_BOLD_NAMED_SERIF_BOLD = save('sans-bold-2.ttf', withPostScriptName(readFileSync(FONT.sansBold), 'NotoSerifSC-Bold'));

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

interface PdfFont {
  name: string;
  embedded: boolean;
  object: string;
}

/** pdffonts' table: one row per font dictionary. */
function pdffonts(pdf: string): PdfFont[] {
  return run('pdffonts', [pdf])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name type… encoding emb sub uni object ID: the last five columns are fixed.
      return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes', object: cols.slice(-2).join(' ') };
    });
}

/** Each page rendered to greyscale pixels (PGM bytes). */
function pixels(pdf: string, pages: number[], dpi = 50): Buffer[] {
  return pages.map((p) => {
    const r = spawnSync('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(p), '-l', String(p), pdf], { maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(String(r.stderr));
    return r.stdout;
  });
}

const MARKUP = `<document title="字体">
<section numbering="arabic">
<h1>第一部分 部门概况（标题用黑体）</h1>
<p>正文宋体：2023年度收入合计11,314.64万元，比上年增加1,981.14万元，增长21.23%。<b>加粗：0123456789</b></p>
<table form="公开01表" title="收入支出决算总表" left="部门：测试单位" right="金额单位：万元" widths="4 1 2">
<thead><tr><td align="center">项目</td><td align="center">行次</td><td align="center">决算数</td></tr></thead>
<tbody>
<tr><td>一、一般公共预算财政拨款收入</td><td align="center">1</td><td align="right" nowrap="1">11,314.64</td></tr>
<tr><td>二、政府性基金预算财政拨款收入</td><td align="center">2</td><td align="right" nowrap="1">9,876.50</td></tr>
<tr><td>本年收入合计</td><td align="center">3</td><td align="right" nowrap="1">21,191.14</td></tr>
</tbody>
</table>
</section>
</document>`;

/** Lays out and paints MARKUP with the given fonts (an in-process render). */
function paintWith(name: string, roles: Roles): string {
  const config = join(dir, `${name}.yaml`);
  writeFileSync(config, fontsYaml(roles));
  const fonts = loadFontSet(config, dir);
  const pdf = paintPdf(layoutDocument(MARKUP, fonts), fonts, {
    title: '字体', author: '测试', subject: '', keywords: '', lang: 'zh-CN', date: new Date('2024-10-25T00:00:00+08:00'),
  });
  return save(`${name}.pdf`, pdf);
}

let shipped: string | undefined;
/** The sample rendered by the tool itself, with its shipped fonts. */
function shippedSample(): string {
  if (!shipped) {
    shipped = join(dir, 'shipped.pdf');
    const r = cli(['render', SAMPLE, '-o', shipped], ROOT, { JUESUAN_CACHE_DIR: 'off' });
    if (r.code !== 0) throw new Error(r.stderr);
  }
  return shipped;
}

const collisions: { name: string; role: FontRole; file: string; original: string; namesake: FontRole }[] = [
  { name: 'heading', role: 'heading', file: SANS_BOLD_NAMED_SERIF_REGULAR, original: FONT.sansBold, namesake: 'body' },
  { name: 'table', role: 'table', file: SANS_REGULAR_NAMED_SERIF_REGULAR, original: FONT.sansRegular, namesake: 'body' },
  { name: 'bold', role: 'bold', file: SANS_BOLD_NAMED_SERIF_BOLD, original: FONT.sansBold, namesake: 'title' },
];

describe('two roles whose different font files share a PostScript name', () => {
  for (const c of collisions) {
    describe(`${c.role} under the name of ${c.namesake}'s font`, () => {
      let clash: string;
      let reference: string;
      beforeAll(() => {
        clash = paintWith(`clash-${c.name}`, { ...SHIPPED, [c.role]: c.file });
        reference = paintWith(`reference-${c.name}`, { ...SHIPPED, [c.role]: c.original });
      });

      it('are two fonts in the set, each with its own file', () => {
        const config = join(dir, `clash-${c.name}.yaml`);
        const fonts = loadFontSet(config, dir);
        expect(fonts.face(c.role).file).not.toBe(fonts.face(c.namesake).file);
        expect(fonts.face(c.role).path).toBe(c.file);
      });

      it('embed one font per file: two fonts of the same name, two font programs', () => {
        const got = pdffonts(clash);
        expect(got.length).toBe(new Set(Object.values({ ...SHIPPED, [c.role]: c.file })).size);
        expect(got.every((f) => f.embedded)).toBe(true);
        expect(new Set(got.map((f) => f.object)).size).toBe(got.length);
        const sharedName = got.filter((f) => f.name.endsWith(`+${c.namesake === 'body' ? 'NotoSerifSC-Regular' : 'NotoSerifSC-Bold'}`));
        expect(sharedName.length).toBe(2);
      });

      it('extract to the same text as with distinct names', () => {
        const text = pdftotext(clash);
        expect(text).toBe(pdftotext(reference));
        expect(text).toContain('11,314.64');
        expect(text).toContain('第一部分 部门概况（标题用黑体）');
        expect(text).toContain('加粗：0123456789');
      });

      it('look exactly as with distinct names: every glyph is the one measured', () => {
        const [got] = pixels(clash, [1]);
        const [ref] = pixels(reference, [1]);
        expect(got!.equals(ref!)).toBe(true);
        // The comparison sees a font change: the namesake's font in that role looks different.
        const [other] = pixels(paintWith(`namesake-${c.name}`, { ...SHIPPED, [c.role]: SHIPPED[c.namesake] }), [1]);
        expect(other!.equals(ref!)).toBe(false);
      });
    });
  }
});

describe('one font for roles whose files have the same bytes', () => {
  it('shares the font of one file given for two roles (title and bold in the shipped set)', () => {
    const fonts = loadFontSet('fonts/fonts.yaml', ROOT);
    expect(fonts.face('title').file).toBe(fonts.face('bold').file);
    expect(fonts.face('body').file).toBe(fonts.face('table').file);
    expect(fonts.face('heading').file).not.toBe(fonts.face('body').file);
  });

  it('shares the font of a copy and of a symbolic link, each role still naming its own file', () => {
    const copy = join(dir, 'serif-copy.ttf');
    copyFileSync(FONT.serifRegular, copy);
    const link = join(dir, 'serif-bold-link.ttf');
    symlinkSync(FONT.serifBold, link);
    const config = join(dir, 'copies.yaml');
    writeFileSync(config, fontsYaml({ ...SHIPPED, table: copy, bold: link }));
    const fonts = loadFontSet(config, dir);
    expect(fonts.face('table').file).toBe(fonts.face('body').file);
    expect(fonts.face('bold').file).toBe(fonts.face('title').file);
    expect(fonts.face('table').path).toBe(copy);
    expect(fonts.face('body').path).toBe(FONT.serifRegular);
  });

  it('renders the sample with copies to the same bytes as with the shipped files', () => {
    const copy = join(dir, 'serif-copy-2.ttf');
    copyFileSync(FONT.serifRegular, copy);
    const link = join(dir, 'serif-bold-link-2.ttf');
    symlinkSync(FONT.serifBold, link);
    const tool = toolWithFonts({ ...SHIPPED, table: copy, bold: link });
    const out = join(dir, 'copies.pdf');
    const r = spawnTool(tool, ['render', SAMPLE, '-o', out]);
    const shipped = shippedSample();
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out).equals(readFileSync(shipped))).toBe(true);
    expect(pdffonts(shipped).length).toBe(3);
  });
});

describe('the sample with its heading font under the PostScript name of the body font', () => {
  it('prints every role in its own font (pdffonts, pdftotext, pixels of the cover, a heading and a table page)', () => {
    const tool = toolWithFonts({ ...SHIPPED, heading: SANS_BOLD_NAMED_SERIF_REGULAR });
    const out = join(dir, 'sample-clash.pdf');
    const r = spawnTool(tool, ['render', SAMPLE, '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const shipped = shippedSample();
    const fonts = pdffonts(out);
    expect(fonts.length).toBe(3);
    expect(fonts.filter((f) => f.name.endsWith('+NotoSerifSC-Regular')).length).toBe(2);
    expect(pdftotext(out)).toBe(pdftotext(shipped));
    // 1 cover (title), 4 第一部分 (heading + body), 7 公开01 (table).
    const pages = [1, 4, 7];
    const got = pixels(out, pages);
    const ref = pixels(shipped, pages);
    pages.forEach((p, i) => expect(got[i]!.equals(ref[i]!), `page ${p}`).toBe(true));
  });
});

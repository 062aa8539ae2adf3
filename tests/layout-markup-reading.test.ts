import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadFontSet } from '../src/fonts/index.js';
import { layoutDocument, MarkupError } from '../src/layout/index.js';

/**
 * The layout reads the templates' plain XML with its own scanner and hands anything else
 * (comments, CDATA, unquoted attributes, …) to htmlparser2. Both must give the same document.
 */

const ROOT = resolve(__dirname, '..');
const fonts = loadFontSet('fonts/fonts.yaml', ROOT);
const SAMPLE = readFileSync(resolve(ROOT, 'tests/fixtures/layout-sample.xml'), 'utf8');

/** The same markup with a comment in it, which the scanner leaves to htmlparser2. */
const viaHtmlparser2 = (markup: string): string => markup.replace(/<document\b/, '<!-- read by htmlparser2 --><document');

const body = (inner: string, attrs = ''): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<document title="t &amp; u"${attrs}>\n<section numbering="arabic">${inner}</section></document>`;

describe('reading the markup', () => {
  it('lays out the sample the same whichever reader reads it', () => {
    expect(layoutDocument(SAMPLE, fonts)).toEqual(layoutDocument(viaHtmlparser2(SAMPLE), fonts));
  });

  it('decodes entities and numeric references alike, in text and in attributes', () => {
    const markup = body(
      '<h1 toc="A &lt;B&gt; &amp; &quot;C&quot; &apos;D&apos;">一 &#x4E8C; &#19977;</h1>\n' +
        '<p align="left">a &amp; b &lt; c &gt; d，<b>粗 &#65;</b><br/><checkbox checked="1"/>选项</p>\n' +
        '<table title="表 &amp; 注" widths="1 2"><tbody><tr><td nowrap="1">1&#44;000.00</td><td>x</td></tr></tbody></table>',
      ' keywords="a, b" lang="zh-CN"',
    );
    const fast = layoutDocument(markup, fonts);
    expect(fast).toEqual(layoutDocument(viaHtmlparser2(markup), fonts));
    expect(fast.meta).toEqual({ title: 't & u', keywords: 'a, b', lang: 'zh-CN' });
    expect(fast.outline[0]!.title).toBe('A <B> & "C" \'D\'');
  });

  it('gives the same errors, with the same line', () => {
    const bad = body('\n<p>x</p>\n<para>y</para>');
    expect(() => layoutDocument(bad, fonts)).toThrow(MarkupError);
    const message = (m: string): string => {
      try {
        layoutDocument(m, fonts);
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    };
    expect(message(bad)).toMatch(/<para> \(line 5\)/);
    expect(message(viaHtmlparser2(bad))).toBe(message(bad));
  });

  it('gives the same document when laid out again after another one', () => {
    const other = body('<p>另一份文件，另一些字：甲乙丙丁。</p>');
    const first = layoutDocument(SAMPLE, fonts);
    layoutDocument(other, fonts);
    expect(layoutDocument(SAMPLE, fonts)).toEqual(first);
  });
});

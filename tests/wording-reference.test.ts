/**
 * The fixed wording of the Wuhan form set against the published report it reproduces: every
 * table title, every note under a table and every 第三部分 section heading of the reference
 * (tests/fixtures/reference-2023-jiangan.txt) is printed in the sample PDF, word for word.
 * (Shanghai's form set is held against its template by tests/shanghai-sample.test.ts.)
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, pdftotext, ROOT, SAMPLE } from './helpers.js';
import { loadProfile } from '../src/load/profile.js';

const reference = readFileSync(join(ROOT, 'tests/fixtures/reference-2023-jiangan.txt'), 'utf8').split('\n');
const squeeze = (s: string) => s.replace(/\*\*/g, '').replace(/\s+/g, '');
let printed: string;

beforeAll(() => {
  const pdf = join(mkdtempSync(join(tmpdir(), 'juesuan-wording-')), 'sample.pdf');
  const r = cli(['render', SAMPLE, '-o', pdf]);
  if (r.code !== 0) throw new Error(r.stderr);
  printed = squeeze(pdftotext(pdf));
});

describe('hubei-wuhan-2023 against the published report', () => {
  it('prints every table title of the profile, each one as the reference prints it', () => {
    const titles = loadProfile('hubei-wuhan-2023', { file: 'test' }).tables.map((t) => t.title);
    expect(titles).toHaveLength(9);
    const text = squeeze(reference.join('\n'));
    for (const title of titles) {
      expect(text, title).toContain(squeeze(title));
      expect(printed, title).toContain(squeeze(title));
    }
  });

  it('prints every note under a table word for word', () => {
    const notes = reference.filter((l) => l.startsWith('注：'));
    expect(notes.length).toBeGreaterThanOrEqual(8);
    // The reference cuts a long note at the page edge: what it has is a prefix of what prints.
    for (const note of notes) expect(printed, note).toContain(squeeze(note));
    expect(printed).toContain(squeeze('2. 本套报表金额单位转换时可能存在尾数误差。'));
  });

  it('prints every 第三部分 heading of the body, in the same order', () => {
    const start = reference.map((l, i) => (l.startsWith('第三部分 ') ? i : -1)).filter((i) => i >= 0).pop()!;
    const end = reference.findIndex((l, i) => i > start && l.startsWith('第四部分'));
    const headings = reference.slice(start, end).map((l) => l.replace(/\*\*/g, '').trim()).filter((l) => /^[一二三四五六七八九十]+、.{2,40}$/.test(l) && !/。$/.test(l));
    expect(headings).toHaveLength(13);
    const body = printed.slice(printed.lastIndexOf(squeeze(reference[start]!)));
    const at = headings.map((h) => body.indexOf(squeeze(h)));
    for (const [i, h] of headings.entries()) expect(at[i], h).toBeGreaterThanOrEqual(0);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });
});

/**
 * Every command over a corpus of damaged inputs: each must end with a message an officer can act
 * on (the file named, exit 1 or 2), write nothing, and never print "内部错误" or a stack trace.
 * An "internal error" is a bug; a new kind of damage belongs in this corpus.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { cli, SAMPLE, scratchData } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'juesuan-damaged-'));
const sampleText = readFileSync(SAMPLE, 'utf8');
const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
};
const replaceOnce = (from: RegExp, to: string) => {
  const out = sampleText.replace(from, to);
  if (out === sampleText) throw new Error(`corpus: ${from} not found in the sample`);
  return out;
};

/** Damaged department files: name → content. */
const YAML_CORPUS: Record<string, string | Buffer> = {
  'empty.yaml': '',
  'binary.yaml': Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x89, 0x50, 0x4e, 0x47]),
  'utf16le.yaml': utf16le(sampleText),
  'utf16be.yaml': utf16be(sampleText),
  'cr-only.yaml': sampleText.replace(/\n/g, '\r'),
  'truncated.yaml': sampleText.slice(0, Math.floor(sampleText.length / 2)),
  'scalar.yaml': '42\n',
  'list.yaml': '- a\n- b\n',
  'tab-indent.yaml': sampleText.replace(/\n {2}(\S)/, '\n\t$1'),
  'comma-amount.yaml': replaceOnce(/income: \{general_budget: 11314\.64\}/, 'income: {general_budget: 11,314.64}'),
  'impossible-date.yaml': replaceOnce(/date: "?\d{4}-\d{2}-\d{2}"?/, 'date: 2023-02-29'),
  'duplicate-key.yaml': replaceOnce(/\nyear: 2023\n/, '\nyear: 2023\nyear: 2024\n'),
  'deep-nesting.yaml': `${'['.repeat(5000)}${']'.repeat(5000)}\n`,
  'alias-bomb.yaml': [
    'a: &a ["x","x","x","x","x","x","x","x","x"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
    'h: [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
    '',
  ].join('\n'),
  'nul-in-text.yaml': replaceOnce(/\nyear: 2023\n/, '\nyear: 2023\u0000\n'),
  'amount-as-word.yaml': replaceOnce(/income_total: 11314\.64/, 'income_total: 一万'),
  'huge-amount.yaml': replaceOnce(/income_total: 11314\.64/, `income_total: ${'9'.repeat(400)}`),
};

/** Damaged PDFs for extract: name → bytes (filled in beforeAll from a real render). */
const PDF_CORPUS: Record<string, Buffer> = {};

function expectCleanFailure(r: { code: number | null; stdout: string; stderr: string }, input: string) {
  const said = `${r.stderr}\n${r.stdout}`;
  expect(said, said).not.toMatch(/内部错误/);
  expect(said, said).not.toMatch(/\n\s+at .+[:(]\d+:\d+/); // a stack frame
  expect(said, said).not.toMatch(/TypeError|RangeError|ReferenceError|SyntaxError: /);
  expect([1, 2], said).toContain(r.code);
  expect(said, said).toContain(basename(input));
}

let sourcePdf: Buffer;

beforeAll(() => {
  const out = join(work, 'good.pdf');
  const r = cli(['render', SAMPLE, '-o', out]);
  if (r.code !== 0) throw new Error(r.stderr);
  sourcePdf = readFileSync(out);
  const half = sourcePdf.subarray(0, Math.floor(sourcePdf.length / 2));
  const flipped = Buffer.from(sourcePdf);
  // damage the compressed bytes of the first embedded file (the YAML source or the trace)
  const embedded = flipped.indexOf('/Type /EmbeddedFile');
  const stream = flipped.indexOf('stream\n', embedded) + 'stream\n'.length;
  if (embedded < 0 || stream < embedded) throw new Error('corpus: no embedded file in the sample PDF');
  for (let i = stream + 16; i < stream + 48; i++) flipped[i] ^= 0x5a;
  Object.assign(PDF_CORPUS, {
    'empty.pdf': Buffer.alloc(0),
    'garbage.pdf': Buffer.from('%PDF-1.7\n这不是一个真正的 PDF\n%%EOF\n'),
    'truncated.pdf': half,
    'flipped.pdf': flipped,
    'yaml-named.pdf': Buffer.from(sampleText),
  });
  const encrypted = join(work, 'encrypted.pdf');
  execFileSync('qpdf', ['--encrypt', 'user', 'owner', '256', '--', out, encrypted]);
  PDF_CORPUS['encrypted.pdf'] = readFileSync(encrypted);
  const plain = join(work, 'no-attachment.pdf');
  execFileSync('qpdf', ['--empty', '--pages', out, '1-2', '--', plain]);
  PDF_CORPUS['no-attachment.pdf'] = readFileSync(plain);
});

describe('render and check over damaged department files', () => {
  for (const [name, content] of Object.entries(YAML_CORPUS)) {
    it(`${name}: a clear failure, no PDF`, () => {
      const dir = scratchData();
      const input = join(dir, 'data/2023', name);
      writeFileSync(input, content);
      const pdf = join(dir, 'out.pdf');
      expectCleanFailure(cli(['render', input, '-o', pdf], dir), input);
      expect(existsSync(pdf)).toBe(false);
      expectCleanFailure(cli(['check', input], dir), input);
      expectCleanFailure(cli(['check', input, '--format', 'json'], dir), input);
    });
  }

  it('a folder, a missing file: a clear failure', () => {
    const dir = scratchData();
    const folder = join(dir, 'data/2023/folder.yaml');
    mkdirSync(folder);
    expectCleanFailure(cli(['render', folder, '-o', join(dir, 'a.pdf')], dir), folder);
    expectCleanFailure(cli(['check', join(dir, 'missing.yaml')], dir), join(dir, 'missing.yaml'));
    expect(existsSync(join(dir, 'a.pdf'))).toBe(false);
  });
});

describe('extract over damaged PDFs', () => {
  it('each a clear failure, no YAML written', () => {
    for (const [name, bytes] of Object.entries(PDF_CORPUS)) {
      const dir = mkdtempSync(join(work, 'x-'));
      const input = join(dir, name);
      writeFileSync(input, bytes);
      const out = join(dir, 'out.yaml');
      const r = cli(['extract', input, '-o', out], dir);
      expect(r.code, `${name}: ${r.stderr}`).not.toBe(0);
      expectCleanFailure(r, input);
      expect(existsSync(out), name).toBe(false);
      expect(readdirSync(dir), name).toEqual([name]);
    }
  });
});

describe('import over the same damaged PDFs', () => {
  it('each a clear failure with exit 2 and nothing printed, but for a damaged attachment: import reads the pages', () => {
    for (const [name, bytes] of Object.entries(PDF_CORPUS)) {
      const dir = mkdtempSync(join(work, 'i-'));
      const input = join(dir, name);
      writeFileSync(input, bytes);
      const r = cli(['import', input, '--dump-json'], dir);
      if (name === 'flipped.pdf') {
        expect(r.code, r.stderr).toBe(0);
        continue;
      }
      expect(r.code, `${name}: ${r.stderr}`).toBe(2);
      expect(r.stdout, name).toBe('');
      expectCleanFailure(r, input);
      expect(readdirSync(dir), name).toEqual([name]);
    }
  });
});

describe('batch over a folder of damaged files', () => {
  it('renders what it can, reports each damaged file by name, and crashes on none', () => {
    const dir = scratchData();
    for (const [name, content] of Object.entries(YAML_CORPUS)) writeFileSync(join(dir, 'data/2023', name), content);
    writeFileSync(join(dir, 'data/2023/good.yaml'), sampleText);
    const r = cli(['batch', 'data/2023', '-o', 'out', '--jobs', '2'], dir);
    const said = `${r.stderr}\n${r.stdout}`;
    expect(said).not.toMatch(/内部错误/);
    expect(said).not.toMatch(/\n\s+at .+[:(]\d+:\d+/);
    expect(r.code).toBe(1);
    const manifest = JSON.parse(readFileSync(join(dir, 'out/manifest.json'), 'utf8'));
    const entries: { input: string; status: string; findings?: { message: string }[] }[] = manifest.reports ?? manifest.entries ?? manifest;
    const byName = new Map(entries.map((e) => [basename(e.input), e]));
    expect(byName.get('good.yaml')?.status).toMatch(/ok|rendered|warnings/);
    for (const name of Object.keys(YAML_CORPUS)) {
      const entry = byName.get(name);
      expect(entry, name).toBeDefined();
      expect(entry!.status, name).not.toMatch(/ok|rendered/);
      expect(JSON.stringify(entry), name).not.toMatch(/内部错误/);
    }
  });
});

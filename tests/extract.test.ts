import { describe, it, expect, beforeAll } from 'vitest';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, SAMPLE } from './helpers.js';
import { cliPeakMemory, editSource, handMadePdf, qpdf, zeroBomb } from './pdf-fixtures.js';

/**
 * `juesuan extract`: the embedded YAML back, exactly, from our PDF and from PDFs other tools
 * re-saved; anything else (altered, damaged, encrypted, a compression bomb, no source) refused
 * with exit 2, a message naming the file, and nothing written.
 */

const tmp = mkdtempSync(join(tmpdir(), 'juesuan-extract-'));
const yaml = readFileSync(SAMPLE);
let pdf: string;
let pdfBytes: Buffer;
let n = 0;

beforeAll(() => {
  pdf = join(tmp, 'sample.pdf');
  expect(cli(['render', SAMPLE, '-o', pdf]).code).toBe(0);
  pdfBytes = readFileSync(pdf);
});

/** A fresh folder holding only the given PDF, as p.pdf. */
function folderWith(bytes: Buffer): { dir: string; file: string } {
  const dir = join(tmp, `case-${++n}`);
  mkdirSync(dir);
  const file = join(dir, 'p.pdf');
  writeFileSync(file, bytes);
  return { dir, file };
}

/** Extracts with the folder as the current one; the outcome and what the folder then holds. */
function extractIn(dir: string, args: string[]) {
  const r = cli(['extract', ...args], dir);
  return { ...r, files: readdirSync(dir).sort() };
}

function expectRefused(r: { code: number | null; stderr: string; files: string[] }, rule: string, file = 'p.pdf') {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toContain(`${file}: error [${rule}]`);
  expect(r.stderr).not.toMatch(/内部错误|\n\s+at /);
  expect(r.files).toEqual([file]);
}

describe('a PDF re-saved by another tool gives back the same YAML', () => {
  const variants: [string, (src: string, dst: string) => void][] = [
    ['object streams and a cross-reference stream', (s, d) => qpdf(['--object-streams=generate', s, d])],
    ['indirect stream lengths after the stream, data uncompressed (QDF)', (s, d) => qpdf(['--qdf', s, d])],
    ['linearized', (s, d) => qpdf(['--linearize', s, d])],
    ['streams recompressed', (s, d) => qpdf(['--recompress-flate', '--compression-level=1', '--object-streams=generate', s, d])],
  ];
  for (const [what, make] of variants) {
    it(what, () => {
      const { dir, file } = folderWith(Buffer.alloc(0));
      make(pdf, file);
      const r = extractIn(dir, ['p.pdf']);
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(join(dir, 'p.yaml')).equals(yaml)).toBe(true);
    });
  }

  it('a checksum stored as the standard has it (16 bytes) is checked too', async () => {
    const md5 = createHash('md5').update(yaml).digest();
    const { dir } = folderWith(await editSource(pdfBytes, { checksum: md5 }));
    const r = extractIn(dir, ['p.pdf']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'p.yaml')).equals(yaml)).toBe(true);
  });

  it('without a stored checksum: written, with a warning that it could not be checked', async () => {
    const { dir } = folderWith(await editSource(pdfBytes, { checksum: null }));
    const r = extractIn(dir, ['p.pdf']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('p.pdf: warning [no-checksum]');
    expect(readFileSync(join(dir, 'p.yaml')).equals(yaml)).toBe(true);
  });
});

describe('an altered or damaged attachment is refused, nothing written', () => {
  const altered = Buffer.from(yaml.toString('utf8').replace('income_total: 11314.64', 'income_total: 11314.65'));

  it('edited in place with the same length (QDF text), checksum unchanged', () => {
    const { dir, file } = folderWith(Buffer.alloc(0));
    qpdf(['--qdf', pdf, file]);
    const text = readFileSync(file);
    const at = text.indexOf('income_total: 11314.64');
    expect(at).toBeGreaterThan(0);
    text.write('income_total: 11314.65', at, 'latin1');
    writeFileSync(file, text);
    const r = extractIn(dir, ['p.pdf']);
    expectRefused(r, 'checksum');
    expect(r.stderr).toContain('jiangan-housing.yaml');
  });

  it('content replaced, size and checksum recorded as before', async () => {
    const { dir } = folderWith(await editSource(pdfBytes, { content: Buffer.concat([altered, Buffer.from('# x\n')]) }));
    expectRefused(extractIn(dir, ['p.pdf']), 'size');
  });

  it('content replaced and its size recorded, the checksum not', async () => {
    const { dir } = folderWith(await editSource(pdfBytes, { content: altered, size: altered.length }));
    expectRefused(extractIn(dir, ['p.pdf']), 'checksum');
  });

  it('a recorded size shorter than the content', async () => {
    const { dir } = folderWith(await editSource(pdfBytes, { size: 1000 }));
    expectRefused(extractIn(dir, ['p.pdf']), 'size');
  });

  it('compressed bytes damaged', () => {
    const bytes = Buffer.from(pdfBytes);
    // Inside the source's deflated data (after its stream keyword), flip a run of bytes.
    const dict = bytes.indexOf('/application#2Fyaml');
    const data = bytes.indexOf('stream', dict) + 'stream\n'.length;
    for (let i = 2000; i < 2040; i++) bytes[data + i] ^= 0x5a;
    const { dir } = folderWith(bytes);
    const r = extractIn(dir, ['p.pdf']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/p\.pdf: error \[(damaged-pdf|checksum|size)\]/);
    expect(r.stderr).not.toMatch(/内部错误/);
    expect(r.files).toEqual(['p.pdf']);
  });
});

describe('compression bombs are refused within bounded memory', () => {
  it('an attachment of 5.4 GB of zeros (5 MB deflated), no size recorded', async () => {
    const { dir } = folderWith(await editSource(pdfBytes, { raw: zeroBomb(320), size: null, checksum: null }));
    const r = cliPeakMemory(['extract', 'p.pdf'], dir);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('p.pdf: error [too-large]');
    expect(r.stderr).toMatch(/64 MB/);
    expect(r.peakMB).toBeLessThan(400);
    expect(readdirSync(dir)).toEqual(['p.pdf']);
  });

  it('the same bomb under the true size of the YAML', async () => {
    const { dir } = folderWith(await editSource(pdfBytes, { raw: zeroBomb(320) }));
    const r = cliPeakMemory(['extract', 'p.pdf'], dir);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('p.pdf: error [size]');
    expect(r.peakMB).toBeLessThan(400);
  });

  it('an object stream of 2 GB of zeros', () => {
    const { dir } = folderWith(handMadePdf(Buffer.from('format: 1\n'), zeroBomb(128)));
    const r = cliPeakMemory(['extract', 'p.pdf'], dir);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('p.pdf: error [too-large]');
    expect(r.peakMB).toBeLessThan(400);
    expect(readdirSync(dir)).toEqual(['p.pdf']);
  });
});

describe('the default output name comes from the PDF file name, and nothing is overwritten', () => {
  it('p.pdf → p.yaml in the current folder, whatever name the PDF records', async () => {
    for (const recorded of ['package.json', '../escape.yaml', '/etc/evil.yaml']) {
      const { dir } = folderWith(await editSource(pdfBytes, { name: recorded }));
      const r = extractIn(dir, ['p.pdf']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.files).toEqual(['p.pdf', 'p.yaml']);
      expect(readFileSync(join(dir, 'p.yaml')).equals(yaml)).toBe(true);
      expect(existsSync(join(dir, '..', 'escape.yaml'))).toBe(false);
    }
  });

  it('a PDF in another folder: its name, in the current folder', () => {
    const { dir } = folderWith(pdfBytes);
    const cwd = join(dir, 'work');
    mkdirSync(cwd);
    expect(cli(['extract', '../p.pdf'], cwd).code).toBe(0);
    expect(readdirSync(cwd)).toEqual(['p.yaml']);
    writeFileSync(join(dir, 'Report.PDF'), pdfBytes);
    writeFileSync(join(dir, 'noext'), pdfBytes);
    expect(cli(['extract', '../Report.PDF'], cwd).code).toBe(0);
    expect(cli(['extract', '../noext'], cwd).code).toBe(0);
    expect(readdirSync(cwd).sort()).toEqual(['Report.yaml', 'noext.yaml', 'p.yaml']);
  });

  it('an existing file is kept unless --force', () => {
    for (const args of [['p.pdf'], ['p.pdf', '-o', 'mine.yaml']]) {
      const { dir } = folderWith(pdfBytes);
      const target = join(dir, args[2] ?? 'p.yaml');
      writeFileSync(target, 'my own work\n');
      const r = cli(['extract', ...args], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('error [output-exists]');
      expect(r.stderr).toContain('--force');
      expect(readFileSync(target, 'utf8')).toBe('my own work\n');
      expect(cli(['extract', ...args, '--force'], dir).code).toBe(0);
      expect(readFileSync(target).equals(yaml)).toBe(true);
    }
  });
});

describe('what is not a readable PDF of ours: exit 2, the file named, nothing written', () => {
  it('truncated', () => {
    const cuts = [0.1, 0.5, 0.9].map((fraction) => Math.floor(pdfBytes.length * fraction));
    // …and into the object streams written at the end, the first and the last
    cuts.push(pdfBytes.indexOf('/Type /ObjStm') + 100, pdfBytes.lastIndexOf('/Type /ObjStm') + 100);
    for (const cut of cuts) {
      const { dir } = folderWith(pdfBytes.subarray(0, cut));
      expectRefused(extractIn(dir, ['p.pdf']), 'damaged-pdf');
    }
  });

  it('the object stream that holds the file specifications damaged: a damaged file, not one without a source', () => {
    // Ours as written, and as qpdf packs it (the file specifications in another object stream).
    const packedByQpdf = folderWith(Buffer.alloc(0));
    qpdf(['--object-streams=generate', pdf, packedByQpdf.file]);
    for (const bytes of [pdfBytes, readFileSync(packedByQpdf.file)]) {
      const { dir, file } = folderWith(Buffer.from(bytes));
      const stream = objectStreamHolding(file, '/Filespec');
      const damaged = readFileSync(file);
      const data = damaged.indexOf('stream\n', damaged.indexOf(`\n${stream} 0 obj\n`)) + 'stream\n'.length;
      for (let i = 4; i < 40; i++) damaged[data + i] ^= 0x5a;
      writeFileSync(file, damaged);
      const r = extractIn(dir, ['p.pdf']);
      expectRefused(r, 'damaged-pdf');
      expect(r.stderr).not.toContain('不是本工具生成的');
    }
  });

  it('references to the attachments that lead to no object', () => {
    // Object 9 does not exist; the same length keeps the cross-reference offsets right.
    const broken = Buffer.from(handMadePdf(yaml).toString('latin1').replaceAll('3 0 R', '9 0 R'), 'latin1');
    const { dir } = folderWith(broken);
    expectRefused(extractIn(dir, ['p.pdf']), 'damaged-pdf');
  });

  it('truncated inside the attachment (the catalog first, as qpdf writes it)', () => {
    const { dir, file } = folderWith(Buffer.alloc(0));
    qpdf(['--qdf', pdf, file]);
    const text = readFileSync(file);
    writeFileSync(file, text.subarray(0, text.indexOf('format: 1') + 5000));
    expectRefused(extractIn(dir, ['p.pdf']), 'damaged-pdf');
  });

  it('garbage, empty, or not a PDF at all', () => {
    const garbage = Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 7919 + 13) % 251));
    const cases: [Buffer, string][] = [
      [Buffer.concat([Buffer.from('%PDF-1.7\n'), garbage]), 'damaged-pdf'],
      [garbage, 'not-pdf'],
      [Buffer.alloc(0), 'not-pdf'],
      [yaml, 'not-pdf'],
    ];
    for (const [bytes, rule] of cases) {
      const { dir } = folderWith(bytes);
      expectRefused(extractIn(dir, ['p.pdf']), rule);
    }
  });

  it('encrypted, with or without a password to open it', () => {
    for (const [user, ...key] of [['u', '256'], ['', '128', '--use-aes=y']]) {
      const { dir, file } = folderWith(Buffer.alloc(0));
      qpdf(['--encrypt', user!, 'owner', ...key, '--', pdf, file]);
      const r = extractIn(dir, ['p.pdf']);
      expectRefused(r, 'encrypted');
      expect(r.stderr).toContain('已加密');
    }
  });

  it('no embedded source', async () => {
    const onePage = folderWith(Buffer.alloc(0));
    qpdf(['--empty', '--pages', pdf, '1', '--', onePage.file]);
    expectRefused(extractIn(onePage.dir, ['p.pdf']), 'no-source');
    const otherKind = folderWith(await editSource(pdfBytes, { relationship: 'Data' }));
    const r = extractIn(otherKind.dir, ['p.pdf']);
    expectRefused(r, 'no-source');
    expect(r.stderr).toContain('calculation-trace.json');
  });

  it('a folder, or a file that does not exist', () => {
    const { dir } = folderWith(pdfBytes);
    mkdirSync(join(dir, 'sub.pdf'));
    let r = cli(['extract', 'sub.pdf'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sub.pdf: error [unreadable]');
    r = cli(['extract', 'nope.pdf'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.pdf: error \[unreadable\] .*不存在/);
    expect(readdirSync(dir).sort()).toEqual(['p.pdf', 'sub.pdf']);
  });
});

describe('a corpus of damaged copies: the exact YAML or a refusal, never an internal error', () => {
  it('bytes overwritten on the structure that leads to the source, and cut at odd places', () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const source = pdfBytes.indexOf('stream', pdfBytes.indexOf('/application#2Fyaml')) + 'stream\n'.length;
    // The catalog, the object streams that hold the name tree (the first) and the file
    // specifications (the last), the cross-reference stream, the source's parameters.
    const objectStreamData = (at: number) => pdfBytes.indexOf('stream\n', at) + 'stream\n'.length + 10;
    const spots = [
      ...['/Type /Catalog', '/Params', '/CheckSum', '/Type /XRef', 'startxref'].map((s) => pdfBytes.lastIndexOf(s)),
      objectStreamData(pdfBytes.indexOf('/Type /ObjStm')),
      objectStreamData(pdfBytes.lastIndexOf('/Type /ObjStm')),
      source - 40,
      source + 3,
      source + 10_000,
    ];
    expect(spots.every((at) => at > 0)).toBe(true);
    const copies: Buffer[] = [];
    for (const at of spots) {
      const bytes = Buffer.from(pdfBytes);
      for (let i = 0; i < 16; i++) bytes[at + i] = next() % 256;
      copies.push(bytes);
    }
    for (const cut of [9, 200, pdfBytes.length - 30]) copies.push(pdfBytes.subarray(0, cut));
    const outcomes: (number | null)[] = [];
    for (const bytes of copies) {
      const { dir } = folderWith(bytes);
      const r = extractIn(dir, ['p.pdf']);
      expect(r.stderr).not.toMatch(/内部错误|\n\s+at /);
      outcomes.push(r.code);
      if (r.code === 0) expect(readFileSync(join(dir, 'p.yaml')).equals(yaml)).toBe(true);
      else {
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toMatch(/^p\.pdf: error \[[a-z-]+\] /);
        expect(r.files).toEqual(['p.pdf']);
      }
    }
    // Most of these must be refused: the damage is where the source is found or verified.
    expect(outcomes.filter((c) => c === 2).length).toBeGreaterThan(copies.length / 2);
  });
});

/** The object stream (its object number) that holds the first object of the given /Type, as qpdf reads the file. */
function objectStreamHolding(file: string, type: string): number {
  const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=qpdf', '--json-stream-data=none', file], { encoding: 'utf8', maxBuffer: 1 << 26 })) as {
    qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>];
  };
  const key = Object.keys(json.qpdf[1]).find((k) => json.qpdf[1][k]!.value?.['/Type'] === type);
  if (!key) throw new Error(`no ${type} object in ${file}`);
  const id = /^obj:(\d+) /.exec(key)![1];
  const xref = execFileSync('qpdf', ['--show-xref', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const entry = new RegExp(`^${id}/0: compressed; stream = (\\d+),`, 'm').exec(xref);
  if (!entry) throw new Error(`object ${id} of ${file} is not in an object stream`);
  return Number(entry[1]);
}

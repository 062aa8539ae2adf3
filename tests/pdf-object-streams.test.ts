import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { cli, pdftotext, SAMPLE } from './helpers.js';
import { manyClassRows } from './stress-inputs.js';
import { objectStream, OBJECTS_PER_STREAM, xrefStream, type XrefEntry } from '../src/paint/object-streams.js';

/**
 * The PDF's small objects are packed into compressed object streams with a cross-reference
 * stream (src/paint/object-streams.ts, output.ts): smaller files that every reader still reads
 * as before, the same bytes every time, the attachments intact.
 */

const tmp = mkdtempSync(join(tmpdir(), 'juesuan-objstm-'));
const sample = join(tmp, 'sample.pdf');
const many = join(tmp, 'many.pdf');
let manyYaml: string;

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 27 });
}

function render(yaml: string, pdf: string, env: NodeJS.ProcessEnv = {}): Buffer {
  const r = cli(['render', yaml, '-o', pdf], undefined, env);
  if (r.code !== 0) throw new Error(r.stderr);
  return readFileSync(pdf);
}

/** qpdf's view of each object: its dictionary (or value) and whether it is a stream. */
function objects(pdf: string): Map<number, { value: Record<string, unknown>; stream: boolean }> {
  const json = JSON.parse(run('qpdf', ['--json', '--json-key=qpdf', '--json-stream-data=none', pdf])) as {
    qpdf: [unknown, Record<string, { value?: Record<string, unknown>; stream?: { dict: Record<string, unknown> } }>];
  };
  const out = new Map<number, { value: Record<string, unknown>; stream: boolean }>();
  for (const [key, o] of Object.entries(json.qpdf[1])) {
    const id = /^obj:(\d+) 0 R$/.exec(key);
    if (id) out.set(Number(id[1]), { value: (o.stream?.dict ?? o.value ?? {}) as Record<string, unknown>, stream: !!o.stream });
  }
  return out;
}

/** `qpdf --show-xref`: where each object is, by number. */
function xref(pdf: string): Map<number, { compressed: boolean; stream?: number; index?: number }> {
  const out = new Map<number, { compressed: boolean; stream?: number; index?: number }>();
  for (const line of run('qpdf', ['--show-xref', pdf]).trim().split('\n')) {
    const m = /^(\d+)\/0: (compressed; stream = (\d+), index = (\d+)|uncompressed; offset = \d+)$/.exec(line);
    if (!m) throw new Error(`qpdf --show-xref: unexpected line ${line}`);
    out.set(Number(m[1]), m[3] ? { compressed: true, stream: Number(m[3]), index: Number(m[4]) } : { compressed: false });
  }
  return out;
}

const classRows = (yaml: string) => (readFileSync(yaml, 'utf8').match(/^ {6}- \{code: /gm) ?? []).length;

beforeAll(() => {
  render(SAMPLE, sample);
  manyYaml = manyClassRows();
  render(manyYaml, many);
});

describe('size', () => {
  it('the sample is at most 600 KB, a department with five times its table rows at most 1 MB', () => {
    expect(classRows(manyYaml)).toBeGreaterThanOrEqual(5 * classRows(SAMPLE));
    const pages = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))![1]);
    expect(pages(many)).toBeGreaterThan(pages(sample) + 15);
    // in decimal units, the stricter reading of the limits
    expect(statSync(sample).size).toBeLessThanOrEqual(600_000);
    expect(statSync(many).size).toBeLessThanOrEqual(1_000_000);
  });

  it('the department with many rows checks clean, as a real one would', () => {
    const r = cli(['check', manyYaml]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/\b0 个错误/);
  });
});

describe.each([
  ['the sample', () => sample],
  ['five times the rows', () => many],
])('%s as written', (_, pdf) => {
  it('passes qpdf --check', () => {
    const r = spawnSync('qpdf', ['--check', pdf()], { encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('No syntax or stream encoding errors found');
    expect(r.stdout + r.stderr).not.toMatch(/WARNING|error:/i);
  });

  it('every object but the streams and the catalog is in an object stream of at most 200', () => {
    const all = objects(pdf());
    const where = xref(pdf());
    const catalog = [...all].find(([, o]) => o.value['/Type'] === '/Catalog')![0];
    const loose = [...where].filter(([, w]) => !w.compressed).map(([id]) => id);
    for (const id of loose) if (id !== catalog) expect(all.get(id)?.stream, `object ${id}`).toBe(true);
    expect(loose.filter((id) => all.get(id)!.value['/Type'] === '/XRef').length).toBe(1);
    const packed = [...where].filter(([, w]) => w.compressed);
    expect(packed.length).toBe([...all].filter(([id, o]) => !o.stream && id !== catalog).length);
    expect(packed.length).toBeGreaterThan(1000);
    const streams = [...all].filter(([, o]) => o.value['/Type'] === '/ObjStm');
    expect(streams.length).toBe(Math.ceil(packed.length / OBJECTS_PER_STREAM));
    for (const [id, s] of streams) {
      expect(s.value['/N']).toBe(packed.filter(([, w]) => w.stream === id).length);
      expect(s.value['/N'] as number).toBeLessThanOrEqual(200);
    }
  });

  it('ends with a cross-reference stream that carries the trailer, in a PDF 1.7 file', () => {
    const bytes = readFileSync(pdf());
    expect(bytes.subarray(0, 9).toString('latin1')).toBe('%PDF-1.7\n');
    const end = bytes.subarray(-40).toString('latin1');
    const at = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(end)![1]);
    const dict = bytes.subarray(at, bytes.indexOf('stream\n', at)).toString('latin1');
    expect(dict).toMatch(/^\d+ 0 obj\n<<\n\/Type \/XRef\n/);
    const size = Number(/\/Size (\d+)/.exec(dict)![1]);
    expect(dict).toContain(`/Index [0 ${size}]`);
    expect(dict).toMatch(/\/W \[1 \d \d\]/);
    expect(dict).toMatch(/\/Root \d+ 0 R\n\/Info \d+ 0 R\n\/ID \[<([0-9a-f]{32})> <\1>\]/);
    // no classic table or trailer left behind
    expect(bytes.includes('\nxref\n')).toBe(false);
    expect(bytes.includes('\ntrailer\n')).toBe(false);
    // …and it lists every object, 1 to /Size − 1, as qpdf reads it
    expect(xref(pdf()).size).toBe(size - 1);
  });

  it('gives back the embedded YAML, to pdfdetach and to juesuan extract', () => {
    const yaml = readFileSync(pdf() === sample ? SAMPLE : manyYaml);
    const dir = mkdtempSync(join(tmp, 'out-'));
    const detached = join(dir, 'detached.yaml');
    const list = run('pdfdetach', ['-list', pdf()]);
    const n = /(\d+): [\w-]+\.yaml/.exec(list)![1]!;
    run('pdfdetach', ['-save', n, '-o', detached, pdf()]);
    expect(readFileSync(detached).equals(yaml)).toBe(true);
    const extracted = join(dir, 'extracted.yaml');
    const r = cli(['extract', pdf(), '-o', extracted]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(extracted).equals(yaml)).toBe(true);
    expect(list).toContain('calculation-trace.json');
  });
});

describe('what readers see', () => {
  it('the same text and pixels as the same PDF with every object loose (qpdf --object-streams=disable)', () => {
    const loose = join(tmp, 'loose.pdf');
    run('qpdf', ['--object-streams=disable', sample, loose]);
    expect(xref(loose).size).toBeGreaterThan(1000);
    expect([...xref(loose).values()].every((w) => !w.compressed)).toBe(true);
    expect(pdftotext(sample)).toBe(pdftotext(loose));
    const page = (pdf: string, n: number) => execFileSync('pdftoppm', ['-r', '60', '-f', String(n), '-l', String(n), '-png', pdf], { maxBuffer: 1 << 26 });
    for (const n of [1, 8, 40]) expect(page(sample, n).equals(page(loose, n)), `page ${n}`).toBe(true);
  });

  it('declares PDF/A-3b as before: XMP identification and an sRGB output intent from the catalog', () => {
    const xmp = run('pdfinfo', ['-meta', sample]);
    expect(xmp).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    const all = objects(sample);
    const ref = (v: unknown) => Number(/^(\d+) 0 R$/.exec(String(v))![1]);
    const catalog = [...all.values()].find((o) => o.value['/Type'] === '/Catalog')!.value;
    expect(all.get(ref(catalog['/Metadata']))!.value['/Subtype']).toBe('/XML');
    const intents = catalog['/OutputIntents'] as unknown[];
    expect(intents.length).toBe(1);
    const intent = all.get(ref(intents[0]))!.value;
    expect(intent['/S']).toBe('/GTS_PDFA1');
    expect(all.get(ref(intent['/DestOutputProfile']))!.stream).toBe(true);
  });

  it('renders to the same bytes every time, from the bundle and from the compiled modules', () => {
    const first = readFileSync(sample);
    expect(render(SAMPLE, join(tmp, 'again.pdf')).equals(first)).toBe(true);
    expect(render(SAMPLE, join(tmp, 'modules.pdf'), { JUESUAN_NO_BUNDLE: '1' }).equals(first)).toBe(true);
    expect(render(manyYaml, join(tmp, 'many-again.pdf')).equals(readFileSync(many))).toBe(true);
  });
});

describe('the encoding', () => {
  it('an object stream: number and offset pairs, then the objects at those offsets from /First', () => {
    const members: [number, string][] = [[4, '<<\n/Type /Page\n>>'], [7, '(\xfe\xff\x00a)'], [12, '[1 0 R 2 0 R]']];
    const s = objectStream(members);
    expect(s.dictionary).toMatch(new RegExp(`^<<\\n/Type /ObjStm\\n/N 3\\n/First \\d+\\n/Filter /FlateDecode\\n/Length ${s.data.length}\\n>>$`));
    const first = Number(/\/First (\d+)/.exec(s.dictionary)![1]);
    const text = inflateSync(s.data).toString('latin1');
    const pairs = text.slice(0, first).trim().split(' ').map(Number);
    expect(pairs.filter((_, i) => i % 2 === 0)).toEqual([4, 7, 12]);
    members.forEach(([, body], i) => expect(text.slice(first + pairs[2 * i + 1]!, first + pairs[2 * i + 1]! + body.length)).toBe(body));
  });

  it('a cross-reference stream: fields as wide as their largest value, every entry read back', () => {
    const decode = (entries: XrefEntry[]) => {
      const s = xrefStream(entries, { root: '1 0 R', info: '2 0 R', id: new Uint8Array(16).fill(0xab) });
      const w = /\/W \[(\d+) (\d+) (\d+)\]/.exec(s.dictionary)!.slice(1).map(Number);
      const raw = inflateSync(s.data);
      const rows: number[][] = [];
      for (let at = 0; at < raw.length; ) rows.push(w.map((n) => ((at += n), raw.readUIntBE(at - n, n))));
      return { w, rows, dictionary: s.dictionary };
    };
    const small = decode([{ type: 0, next: 0, generation: 65535 }, { type: 1, offset: 15 }, { type: 2, stream: 3, index: 0 }, { type: 1, offset: 200 }]);
    expect(small.w).toEqual([1, 1, 2]);
    expect(small.rows).toEqual([[0, 0, 65535], [1, 15, 0], [2, 3, 0], [1, 200, 0]]);
    expect(small.dictionary).toContain('/Size 4\n/W [1 1 2]\n/Index [0 4]\n/Root 1 0 R\n/Info 2 0 R\n/ID [<abababababababababababababababab> <abababababababababababababababab>]');
    const large = decode([{ type: 0, next: 0, generation: 255 }, { type: 1, offset: 2 ** 24 }, { type: 2, stream: 1, index: 199 }]);
    expect(large.w).toEqual([1, 4, 1]);
    expect(large.rows).toEqual([[0, 0, 255], [1, 2 ** 24, 0], [2, 1, 199]]);
    expect(() => decode([{ type: 1, offset: -1 }])).toThrow(RangeError);
  });
});

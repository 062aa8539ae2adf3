import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers';
import { batchData, cliUnprivileged, cliWith, department, toolCopy, writableByAll } from './batch-support';

const IDS = ['a', 'b', 'c'];
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
type Entry = Record<string, any>;

describe('juesuan batch: a failed render never removes or replaces an earlier good PDF', () => {
  let dir: string;
  let bin: string;
  let fontsYaml: string;
  /** The PDFs of the first, good run. */
  const good = new Map<string, Buffer>();
  const out = () => join(dir, 'out');
  const pdf = (id: string) => join(out(), `2023/${id}.pdf`);
  const run = () => cliWith(bin, ['batch', join(dir, 'data'), '-o', out(), '--jobs', '2'], ROOT, { JUESUAN_CACHE_DIR: join(dir, 'cache') });
  const entries = () => Object.fromEntries((JSON.parse(readFileSync(join(out(), 'manifest.json'), 'utf8')).entries as Entry[]).map((e) => [e.input.replace(/^.*\/(\w+)\.yaml$/, '$1'), e]));
  const expectKept = (id: string, e: Entry) => {
    expect(readFileSync(pdf(id)).equals(good.get(id)!), `${id}.pdf changed`).toBe(true);
    expect(e).toMatchObject({ status: 'failed', sha256: null, output: `2023/${id}.pdf` });
    expect(e.previous).toMatchObject({ sha256: sha(good.get(id)!), bytes: good.get(id)!.length });
    expect(e.previous.pages).toBeGreaterThan(0);
  };

  beforeAll(() => {
    dir = batchData(IDS, 'juesuan-keep-');
    // A copy of the tool, so that its fonts.yaml can be broken.
    bin = toolCopy(join(dir, 'tool'));
    fontsYaml = readFileSync(join(dir, 'tool/fonts/fonts.yaml'), 'utf8');
    const first = run();
    expect(first.code, first.stderr).toBe(0);
    for (const id of IDS) good.set(id, readFileSync(pdf(id)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every PDF when fonts.yaml names a font file that is not there', () => {
    writeFileSync(join(dir, 'tool/fonts/fonts.yaml'), fontsYaml.replace(/^body: \S+/m, 'body: fonts/local/no-such-font.ttf'));
    const r = run();
    expect(r.code, r.stderr).toBe(1);
    const e = entries();
    for (const id of IDS) {
      expectKept(id, e[id]);
      expect(e[id].findings.map((f: Entry) => f.rule)).toContain('font-config');
    }
    expect(r.stderr).toContain('仍是上次生成的，已过时');
    expect(r.stderr).not.toContain('内部错误');
  });

  it('keeps every PDF when fonts.yaml is not YAML, and records the same earlier PDF again on a second failure', () => {
    writeFileSync(join(dir, 'tool/fonts/fonts.yaml'), 'body: [\n');
    const r = run();
    expect(r.code, r.stderr).toBe(1);
    const e = entries();
    for (const id of IDS) expectKept(id, e[id]);
    writeFileSync(join(dir, 'tool/fonts/fonts.yaml'), fontsYaml);
  });

  it('keeps the PDF of an input whose data now has errors, until it renders again', () => {
    const a = join(dir, 'data/2023/a.yaml');
    writeFileSync(a, department('a').replace('general_budget: 160.00', 'general_budget: 170.00'));
    for (let i = 0; i < 2; i++) {
      const r = run();
      expect(r.code, r.stderr).toBe(1);
      const e = entries();
      expectKept('a', e.a);
      expect(e.a.findings.map((f: Entry) => f.rule)).toContain('summary-income-total');
      for (const id of ['b', 'c']) expect(e[id]).toMatchObject({ status: 'ok', previous: null });
    }
    writeFileSync(a, department('a'));
    const fixed = run();
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(entries().a).toMatchObject({ status: 'ok', previous: null, sha256: sha(readFileSync(pdf('a'))) });
  });

  it('records no earlier PDF when the file at the output path is not the one it wrote', () => {
    writeFileSync(pdf('b'), 'edited by hand');
    writeFileSync(join(dir, 'data/2023/b.yaml'), 'format: [1\n');
    const r = run();
    expect(r.code, r.stderr).toBe(1);
    expect(entries().b).toMatchObject({ status: 'failed', previous: null });
    // Still not removed: it is not the batch's to remove.
    expect(readFileSync(pdf('b'), 'utf8')).toBe('edited by hand');
    writeFileSync(join(dir, 'data/2023/b.yaml'), department('b'));
  });
});

describe('juesuan batch: an input that cannot be read', () => {
  let dir: string;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails that report alone, with a clear message, and keeps its earlier PDF', () => {
    dir = batchData(['a', 'b', 'c'], 'juesuan-unreadable-');
    const out = writableByAll(join(dir, 'out'));
    const run = () => cliUnprivileged(['batch', join(dir, 'data'), '-o', out, '--jobs', '2']);
    const first = run();
    expect(first.code, first.stderr).toBe(0);
    const before = readFileSync(join(out, '2023/b.pdf'));

    chmodSync(join(dir, 'data/2023/b.yaml'), 0o000);
    const r = run();
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/data\/2023\/b\.yaml: error \[unreadable\] 无法读取输入文件：没有权限/);
    expect(r.stderr).not.toContain('内部错误');
    expect(readFileSync(join(out, '2023/b.pdf')).equals(before)).toBe(true);
    const e = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).entries as Entry[];
    expect(e.map((x) => [x.input, x.status])).toEqual([
      ['../data/2023/a.yaml', 'ok'],
      ['../data/2023/b.yaml', 'failed'],
      ['../data/2023/c.yaml', 'ok'],
    ]);
    expect(e[1].previous.sha256).toBe(sha(before));
    chmodSync(join(dir, 'data/2023/b.yaml'), 0o644);
  });

  it('nor does a catalog that cannot be read: every report fails, naming it, and keeps its PDF', () => {
    const out = join(dir, 'out');
    const run = () => cliUnprivileged(['batch', join(dir, 'data'), '-o', out, '--jobs', '2']);
    expect(run().code).toBe(0);
    const before = IDS.map((id) => readFileSync(join(out, `2023/${id}.pdf`)));
    const catalog = join(dir, 'data/catalog/2023.yaml');
    chmodSync(catalog, 0o000);
    try {
      const r = run();
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr.match(new RegExp(`${catalog}: error \\[unreadable\\] 无法读取文件：没有权限`, 'g'))).toHaveLength(3);
      expect(r.stderr).not.toContain('内部错误');
      IDS.forEach((id, i) => expect(readFileSync(join(out, `2023/${id}.pdf`)).equals(before[i]!)).toBe(true));
    } finally {
      chmodSync(catalog, 0o644);
    }
  });
});

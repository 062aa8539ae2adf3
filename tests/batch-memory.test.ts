import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, scratchData } from './helpers.js';
import { department } from './batch-support.js';
import { FileSource } from '../src/fonts/font-source.js';
import { SfntTables, OUTLINE_CACHE_BYTES } from '../src/fonts/sfnt.js';
import { TrueTypeSubset } from '../src/fonts/truetype-subset.js';
import { FontDamageError } from '../src/fonts/errors.js';
import { loadFontSet } from '../src/fonts/index.js';
// @ts-expect-error plain JavaScript module shared with scripts/bench.mjs
import { settledTrends, trend, workerTrends } from '../scripts/memory-trend.mjs';

/**
 * A batch worker holds what a report needs, not whole font files, and keeps no more from one
 * report to the next: its memory after the hundredth report is what it was after the tenth.
 */

interface Sample {
  thread: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  rss: number;
  live: { heap: number; external: number } | null;
}

const MB = 2 ** 20;
const REPORTS = 100;
const JOBS = 2;

describe('a batch worker’s memory', () => {
  let samples: Sample[];

  beforeAll(() => {
    const dir = scratchData();
    for (let i = 0; i < REPORTS; i++) {
      const id = `memory-${String(i).padStart(3, '0')}`;
      writeFileSync(join(dir, `data/2023/${id}.yaml`), department(id));
    }
    const stats = join(dir, 'stats.json');
    // --expose-gc: each worker collects fully before it measures (JUESUAN_BATCH_STATS), so what it
    // keeps is measured, not where its heap happened to be between collections.
    const r = spawnSync(process.execPath, ['--expose-gc', join(ROOT, 'bin/juesuan.js'), 'batch', join(dir, 'data'), '-o', join(dir, 'out'), '--jobs', String(JOBS)], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, JUESUAN_BATCH_STATS: stats, CI: '1' },
      timeout: 240_000,
    });
    if (r.status !== 0) throw new Error(`batch exited ${r.status}:\n${r.stderr.slice(-3000)}`);
    samples = (JSON.parse(readFileSync(stats, 'utf8')) as { memory: Sample[] }).memory;
  }, 300_000);

  it('is measured after every report, per worker, after a full collection', () => {
    expect(samples.length).toBe(REPORTS);
    const workers = new Set(samples.map((s) => s.thread));
    expect(workers.size).toBe(JOBS);
    for (const s of samples) {
      expect(s.live).not.toBeNull();
      expect(s.live!.heap).toBeGreaterThan(5 * MB);
      expect(s.live!.heap).toBeLessThanOrEqual(s.heapUsed);
    }
  });

  it('holds no font file: what it keeps outside its heap stays under 20 MB (the shipped fonts are 40 MB)', () => {
    for (const s of samples) expect(s.live!.external / MB).toBeLessThan(20);
  });

  it('stays flat: after warming up, what it keeps after its last 15 reports is within 2 MB of what it kept after its first 15', () => {
    // Each worker renders about 50 reports; the first 10 compile code and fill caches (some 4 MB).
    // A leak of 100 KB per report would add 2.4 MB between the two windows, whose middles are
    // 25 reports apart; measured after full collections the series moves by tenths of a megabyte.
    for (const t of workerTrends(samples, (s: Sample) => s.live!.heap + s.live!.external, 15, 10)) {
      expect(t.reports).toBeGreaterThanOrEqual(40);
      expect(t.growth / MB, `worker ${t.thread}: ${(t.first / MB).toFixed(1)} → ${(t.last / MB).toFixed(1)} MB`).toBeLessThan(2);
    }
  });

  it('the judgement finds a leak of 100 KB per report, and passes a flat series with saw-tooth noise', () => {
    const series = (leak: number) =>
      Array.from({ length: 40 }, (_, i) => ({ thread: 1, v: 28 * MB + ((i * 7919) % 13) * 0.1 * MB + i * leak }));
    const pick = (s: { v: number }) => s.v;
    expect(trend(series(100 * 1024), pick, 15).growth / MB).toBeGreaterThan(2);
    expect(Math.abs(trend(series(0), pick, 15).growth / MB)).toBeLessThan(0.5);
  });

  it('tells a form set’s one-time step from growth: a step at a worker’s first report of a second form set passes, a leak after it fails', () => {
    // A worker renders 70 reports of one form set, then 130 of another: its first report of the
    // second costs 2.5 MB once (that form set's code and catalog), as measured on the district.
    const worker = (leak: number) =>
      Array.from({ length: 200 }, (_, i) => ({
        thread: 1,
        form: i < 70 ? 'shanghai-2024' : 'hubei-wuhan-2023',
        v: 29 * MB + (i >= 70 ? 2.5 * MB : 0) + ((i * 7919) % 13) * 0.05 * MB + i * leak,
      }));
    const pick = (s: { v: number }) => s.v / MB;
    const form = (s: { form: string }) => s.form;
    const [flat] = settledTrends(worker(0), pick, 50, form);
    expect(flat.settledAt).toBe(70);
    expect(flat.step).toBeGreaterThan(2);
    expect(Math.abs(flat.growth)).toBeLessThan(0.5);
    expect(Math.abs(flat.slope * 1024)).toBeLessThan(2);
    // The same series read first 50 → last 50 shows the step as growth.
    expect(workerTrends(worker(0), pick, 50)[0].growth).toBeGreaterThan(2);
    const [leaking] = settledTrends(worker(30 * 1024), pick, 50, form);
    expect(leaking.growth).toBeGreaterThan(2);
    expect(leaking.slope * 1024).toBeGreaterThan(25);
    // A worker that meets one form set only is judged over all its reports.
    const [single] = settledTrends(worker(0).slice(0, 70), pick, 20, form);
    expect(single.settledAt).toBe(0);
    expect(single.growth).toBeLessThan(0.5);
  });
});

describe('a font file kept on disk', () => {
  const serif = join(ROOT, 'node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');

  /** A FileSource that counts the bytes read from it. */
  class Counted extends FileSource {
    bytesRead = 0;
    override read(offset: number, length: number): Uint8Array {
      this.bytesRead += length;
      return super.read(offset, length);
    }
  }

  it('is read where used: the tables for mapping and metrics, then only the outlines laid out', () => {
    const source = new Counted(serif);
    try {
      const sfnt = new SfntTables(source);
      const opened = source.bytesRead;
      expect(opened).toBeLessThan(600_000); // of 14.8 MB: directory, cmap, hmtx, loca, head …
      const text = readFileSync(join(ROOT, 'data/2023/jiangan-housing.yaml'), 'utf8');
      const used = new Set<number>();
      for (const ch of text) {
        const gid = sfnt.glyphId(ch.codePointAt(0)!);
        sfnt.checkGlyph(gid);
        used.add(gid);
      }
      expect(used.size).toBeGreaterThan(800);
      // Each outline once, however often its character occurs.
      const outlines = source.bytesRead - opened;
      expect(outlines).toBeGreaterThan(used.size * 50);
      expect(outlines).toBeLessThan(used.size * 2000);
      for (const gid of used) sfnt.glyphData(gid);
      expect(source.bytesRead - opened).toBe(outlines);
    } finally {
      source.close();
    }
  });

  /** The glyph ids of every character of the sample, in order of first use. */
  const sampleGlyphs = (sfnt: SfntTables): number[] => {
    const text = readFileSync(join(ROOT, 'data/2023/jiangan-housing.yaml'), 'utf8');
    return [...new Set([...text].map((ch) => sfnt.glyphId(ch.codePointAt(0)!)))];
  };

  it('keeps at most its stated bytes of outlines, and reads again, the same bytes, what it let go', () => {
    const small = new Counted(serif);
    const roomy = new Counted(serif);
    try {
      const cap = 64 * 1024;
      const capped = new SfntTables(small, { outlineCacheBytes: cap });
      const uncapped = new SfntTables(roomy);
      const used = sampleGlyphs(capped);
      let largest = 0;
      for (const gid of used) {
        capped.checkGlyph(gid);
        uncapped.checkGlyph(gid);
        expect(capped.keptOutlines.bytes).toBeLessThanOrEqual(cap);
        largest = Math.max(largest, capped.keptOutlines.bytes);
      }
      // The sample's outlines are several times the cap: it was reached and let go, more than once.
      expect(uncapped.keptOutlines.bytes).toBeGreaterThan(4 * cap);
      expect(largest).toBeGreaterThan(cap / 2);
      expect(uncapped.keptOutlines.glyphs).toBeGreaterThanOrEqual(used.length);
      // What was let go is read again (more bytes read), and the embedded subset is the same bytes.
      const readBefore = small.bytesRead;
      const subset = (font: SfntTables) => {
        const s = new TrueTypeSubset(font);
        for (const gid of used) s.includeGlyph(gid);
        return Buffer.from(s.encode());
      };
      expect(subset(capped).equals(subset(uncapped))).toBe(true);
      expect(small.bytesRead).toBeGreaterThan(readBefore);
    } finally {
      small.close();
      roomy.close();
    }
  });

  it('checks an outline again when it reads it again: a file damaged since is noticed, not embedded', () => {
    const bytes = new Uint8Array(readFileSync(serif));
    const sfnt = new SfntTables(bytes, { outlineCacheBytes: 1 });
    const gid = sfnt.glyphId('决'.codePointAt(0)!);
    sfnt.checkGlyph(gid);
    const outline = sfnt.glyphData(gid);
    expect(outline.length).toBeGreaterThan(10);
    sfnt.glyphData(sfnt.glyphId('算'.codePointAt(0)!)); // lets 决 go (a cap of one byte keeps one outline)
    // Damage 决's outline in place: its contour count now claims more end points than its bytes hold.
    const at = outline.byteOffset;
    bytes[at] = 0x7f;
    expect(() => sfnt.glyphData(gid)).toThrow(FontDamageError);
  });

  it('states a cap that holds a report’s glyphs: the sample’s outlines of one font fit several times over', () => {
    const source = new Counted(serif);
    try {
      const sfnt = new SfntTables(source);
      for (const gid of sampleGlyphs(sfnt)) sfnt.checkGlyph(gid);
      expect(sfnt.keptOutlines.bytes * 3).toBeLessThan(OUTLINE_CACHE_BYTES);
    } finally {
      source.close();
    }
  });

  it('is opened afresh when it is changed in place, not read half old, half new', () => {
    const dir = scratchData();
    const copy = join(dir, 'serif.ttf');
    writeFileSync(copy, readFileSync(serif));
    const config = join(dir, 'fonts.yaml');
    writeFileSync(config, ['title', 'heading', 'body', 'bold', 'table'].map((r) => `${r}: ${copy}`).join('\n'));
    const before = loadFontSet(config, dir).face('body').file;
    expect(loadFontSet(config, dir).face('body').file).toBe(before);
    // The same file (same inode), rewritten with other bytes: a cut copy, damaged.
    writeFileSync(copy, readFileSync(serif).subarray(0, 1 << 20));
    expect(() => loadFontSet(config, dir)).toThrow(/文件不完整：表 \S+ 应到第 \d+ 字节，而文件只有 1048576 字节/);
  });
});

import { describe, it, expect, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from './helpers';
import { batchData, cliAsync } from './batch-support';

const IDS = Array.from({ length: 8 }, (_, i) => `d${i}`);
type Entry = Record<string, any>;
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const entriesOf = (out: string) => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).entries as Entry[];
const temps = (dir: string) => (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.tmp')).sort();

/** A pid that was just used and is free now. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  return r.pid!;
}

describe('juesuan batch: temporary files left by killed runs', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("removes those whose process is gone, and never one a live process may still be writing", () => {
    const dir = batchData(['a'], 'juesuan-temps-');
    dirs.push(dir);
    const out = join(dir, 'out');
    mkdirSync(join(out, '2023'), { recursive: true });
    const dead = deadPid();
    // A live process that started after its pid's temp file was written: the pid was reused.
    const younger = spawn('sleep', ['60']);
    const old = new Date(Date.now() - 10 * 60_000);
    const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    const files: Record<string, [name: string, mtime: Date | null, kept: boolean]> = {
      deadPdf: [`2023/.a.pdf.${dead}.tmp`, old, false],
      deadOtherPdf: [`2023/.gone.pdf.${dead}.tmp`, old, false],
      deadManifest: [`.manifest.json.${dead}.tmp`, old, false],
      reusedPid: [`2023/.a.pdf.${younger.pid}.tmp`, old, false],
      // Within the grace period (it may be another host's live write on a shared folder).
      deadButFresh: [`2023/.b.pdf.${dead}.tmp`, null, true],
      // pid 1 runs since boot, before the file was written: it may be its writer.
      liveWriter: [`2023/.c.pdf.1.tmp`, uptime > 700 ? old : null, true],
      // Not a temporary file of a PDF or of the manifest: not the batch's.
      notOurs: [`.notes.txt.${dead}.tmp`, old, true],
      notATemp: [`2023/.a.pdf.${dead}.tmp.keep`, old, true],
    };
    for (const [name, mtime] of Object.values(files)) {
      writeFileSync(join(out, name), 'partial');
      if (mtime) utimesSync(join(out, name), mtime, mtime);
    }
    try {
      const r = cli(['batch', join(dir, 'data'), '-o', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('删除了 4 个被中断的运行遗留的临时文件');
    } finally {
      younger.kill();
    }
    for (const [key, [name, , kept]] of Object.entries(files)) expect(existsSync(join(out, name)), key).toBe(kept);
  });
});

describe('juesuan batch: SIGTERM and SIGINT finish the manifest with what was done', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  /** Starts a batch of eight and sends `signal` once the first report is done. */
  async function interrupted(signal: NodeJS.Signals, dir: string, out: string) {
    let sent = false;
    const { done } = cliAsync(['batch', join(dir, 'data'), '-o', out, '--jobs', '1'], {
      onStderr: (soFar, child) => {
        if (!sent && /^\[1\/8\]/m.test(soFar)) {
          sent = true;
          child.kill(signal);
        }
      },
    });
    const r = await done;
    expect(sent).toBe(true);
    return r;
  }

  for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
    it(`${signal}: exits ${code}, records the finished reports as done and the rest as interrupted`, async () => {
      const dir = batchData(IDS, 'juesuan-signal-');
      dirs.push(dir);
      const out = join(dir, 'out');
      const r = await interrupted(signal, dir, out);
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr).toContain(`收到 ${signal}`);
      const entries = entriesOf(out);
      expect(entries.map((e) => e.input)).toEqual(IDS.map((id) => `../data/2023/${id}.yaml`));
      const ok = entries.filter((e) => e.status === 'ok');
      const rest = entries.filter((e) => e.status === 'interrupted');
      expect(ok.length).toBeGreaterThan(0);
      expect(rest.length).toBeGreaterThan(0);
      expect(ok.length + rest.length).toBe(IDS.length);
      expect(r.stderr).toContain(`已中断，${rest.length} 份未完成`);
      for (const e of ok) expect(sha(join(out, e.output))).toBe(e.sha256);
      for (const e of rest) expect(e).toMatchObject({ sha256: null, previous: null, errors: 0 });
      expect(temps(out)).toEqual([]);

      // The next --changed run does exactly what was left.
      const again = cli(['batch', join(dir, 'data'), '-o', out, '--changed']);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toContain(`skipped ${ok.length}`);
      expect(entriesOf(out).every((e) => e.status === 'ok')).toBe(true);
    });
  }

  it('an interrupted report keeps its earlier PDF, and the manifest says so', async () => {
    const dir = batchData(IDS, 'juesuan-signal-kept-');
    dirs.push(dir);
    const out = join(dir, 'out');
    const first = cli(['batch', join(dir, 'data'), '-o', out]);
    expect(first.code, first.stderr).toBe(0);
    const before = Object.fromEntries(entriesOf(out).map((e) => [e.output, e.sha256]));

    const r = await interrupted('SIGTERM', dir, out);
    expect(r.code, r.stderr).toBe(143);
    const rest = entriesOf(out).filter((e) => e.status === 'interrupted');
    expect(rest.length).toBeGreaterThan(0);
    for (const e of rest) {
      expect(sha(join(out, e.output))).toBe(before[e.output]);
      expect(e.previous).toMatchObject({ sha256: before[e.output] });
    }
    expect(temps(out)).toEqual([]);
  });
});

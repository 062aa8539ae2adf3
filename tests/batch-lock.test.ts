import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { batchData, cliAsync } from './batch-support';

/**
 * A batch merges its manifest under `manifest.json.lock`. A lock nobody live holds must not make
 * it wait (the report used to wait two silent minutes behind an unrelated process's pid).
 */
describe('juesuan batch: the manifest lock', () => {
  let dir: string;
  const others: ChildProcess[] = [];
  const out = (name: string) => join(dir, name);
  const lockIn = (o: string) => join(o, 'manifest.json.lock');
  /** A live process that is not a juesuan batch. */
  const unrelated = () => {
    const p = spawn('sleep', ['120']);
    others.push(p);
    return p.pid!;
  };
  /** A live process whose command line is that of a juesuan batch. */
  const fakeBatch = () => {
    const p = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)', '/opt/juesuan/bin/juesuan.js', 'batch', 'data']);
    others.push(p);
    return p;
  };
  const batch = (o: string, onStderr?: Parameters<typeof cliAsync>[1]['onStderr']) =>
    cliAsync(['batch', join(dir, 'data'), '-o', o, '--jobs', '1'], { onStderr }).done;
  const withLock = (name: string, content: string, mtime?: Date) => {
    const o = out(name);
    mkdirSync(o, { recursive: true });
    writeFileSync(lockIn(o), content);
    if (mtime) utimesSync(lockIn(o), mtime, mtime);
    return o;
  };
  const expectDone = (o: string, r: { code: number | null; stderr: string }) => {
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(o, 'manifest.json'), 'utf8')).entries).toHaveLength(1);
    expect(existsSync(lockIn(o))).toBe(false);
  };

  beforeAll(() => {
    dir = batchData(['a'], 'juesuan-lock-');
  });
  afterAll(() => {
    for (const p of others) p.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes over at once a lock (old format) whose pid is a live process that is not a juesuan batch', async () => {
    const pid = unrelated();
    const o = withLock('old-format', `${hostname()} ${pid}`);
    const t0 = Date.now();
    const r = await batch(o);
    expect(Date.now() - t0).toBeLessThan(30_000);
    expectDone(o, r);
    expect(r.stderr).toContain(`接管清单锁 ${lockIn(o)}：进程 ${pid}（sleep 120）不是 juesuan batch`);
  });

  it('takes over at once a lock whose pid now belongs to another process (start time differs)', async () => {
    const fake = fakeBatch();
    const o = withLock('reused', JSON.stringify({ tool: 'juesuan batch', host: hostname(), pid: fake.pid, startTicks: '1', token: 'x' }));
    const r = await batch(o);
    expectDone(o, r);
    expect(r.stderr).toContain(`进程号 ${fake.pid} 现属另一个进程`);
  });

  it('takes over at once the lock of a process that is gone, and one from another host after two minutes', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    const o1 = withLock('gone', JSON.stringify({ host: hostname(), pid: gone }));
    const r1 = await batch(o1);
    expectDone(o1, r1);
    expect(r1.stderr).toContain(`进程 ${gone} 已不在运行`);

    const o2 = withLock('foreign', 'other-host 4242', new Date(Date.now() - 3 * 60_000));
    const r2 = await batch(o2);
    expectDone(o2, r2);
    expect(r2.stderr).toContain('主机 other-host 上的进程 4242');
  });

  it('waits for a live juesuan batch, saying on stderr whose lock it waits for, and goes on once it is gone', async () => {
    const holder = fakeBatch();
    const o = withLock('live', JSON.stringify({ tool: 'juesuan batch', host: hostname(), pid: holder.pid }));
    let said = '';
    const r = await batch(o, (soFar) => {
      if (!said && soFar.includes('等待清单锁')) {
        said = soFar;
        holder.kill();
      }
    });
    expect(said).toContain(`等待清单锁 ${lockIn(o)}：由本机进程 ${holder.pid}（juesuan batch）持有`);
    expectDone(o, r);
  });

  it('waits for a fresh lock from another host, saying so, until it is released', async () => {
    const o = withLock('foreign-fresh', JSON.stringify({ tool: 'juesuan batch', host: 'node-7', pid: 99 }));
    let said = '';
    const r = await batch(o, (soFar) => {
      if (!said && soFar.includes('等待清单锁')) {
        said = soFar;
        rmSync(lockIn(o));
      }
    });
    expect(said).toContain('由主机 node-7 上的进程 99（本机无法核实）持有');
    expectDone(o, r);
  });

  it('refuses a lock that is a folder, naming it', async () => {
    const o = out('lock-folder');
    mkdirSync(lockIn(o), { recursive: true });
    const r = await batch(o);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`锁文件 ${lockIn(o)} 是一个文件夹`);
    // Said before anything was rendered.
    expect(r.stderr).not.toMatch(/^\[1\/1\]/m);
    expect(existsSync(join(o, '2023/a.pdf'))).toBe(false);
    expect(r.stderr).not.toContain('内部错误');
  });
});

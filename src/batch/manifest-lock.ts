import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { bootId, isJuesuanBatch, ownIdentity, processInfo } from '../io/process-identity.js';

/** What a lock file holds (JSON). Older versions wrote "host pid"; both are read. */
interface LockRecord {
  tool?: string;
  host: string;
  pid: number;
  /** Clock ticks since boot at the holder's start (/proc/<pid>/stat), with the boot's id: the pid's identity. */
  startTicks?: string;
  bootId?: string;
  /** Ours alone: a lock is released only by the process whose token it still holds. */
  token?: string;
}

export interface LockOptions {
  /** Where the waiting and the take-overs are said (stderr). */
  notify?: (line: string) => void;
  /** Give up after this long (default 5 minutes). */
  timeoutMs?: number;
}

export class LockError extends Error {
  override name = 'LockError';
}

/** A lock held by a process we cannot check (another host, or no /proc) is trusted this long after it was taken. */
const UNVERIFIABLE_STALE_MS = 120_000;
/** The holder writes its record right after creating the file: an unreadable record this old is debris. */
const UNREADABLE_STALE_MS = 10_000;
/** Quiet for brief waits: shards sharing a folder hold the lock for milliseconds. */
const SAY_WAITING_AFTER_MS = 1_000;

/**
 * Takes the exclusive lock file `path` and returns its release. A lock that no live juesuan batch
 * can be holding — its pid gone, taken by a process that started after it, not a juesuan batch
 * (Linux: /proc/<pid>/cmdline), from an earlier boot — is taken over at once, and said so; one
 * that may be live is waited for, saying on stderr whose lock it is and what to do.
 */
export async function takeLock(path: string, options: LockOptions = {}): Promise<() => void> {
  const notify = options.notify ?? ((line: string) => process.stderr.write(`${line}\n`));
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 5 * 60_000);
  const token = randomBytes(12).toString('hex');
  const record: LockRecord = { tool: 'juesuan batch', host: hostname(), ...ownIdentity(), token };
  let saidWaiting = false;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, JSON.stringify(record));
      } finally {
        closeSync(fd);
      }
      return () => release(path, token);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        // The output folder does not exist yet.
        mkdirSync(dirname(path), { recursive: true });
        continue;
      }
      if (code !== 'EEXIST') throw e;
    }
    const held = judge(path);
    if (held.kind === 'gone') continue;
    if (held.kind === 'stale') {
      if (removeIfUnchanged(path, held.text)) notify(`juesuan: 接管清单锁 ${path}：${held.why}`);
      continue;
    }
    if (Date.now() > deadline) {
      throw new LockError(
        `无法锁定清单：锁文件 ${path} 由${held.who}持有，已等待 ${Math.round((Date.now() - started) / 1000)} 秒。` +
          `若确认没有 juesuan batch 在写这个清单，可删除该文件后重新运行`,
      );
    }
    if (!saidWaiting && Date.now() - started > SAY_WAITING_AFTER_MS) {
      saidWaiting = true;
      notify(`juesuan: 等待清单锁 ${path}：由${held.who}持有（另一个 juesuan batch 正在写清单？最多等 ${Math.round((deadline - started) / 60_000)} 分钟；若确认无人在写，可删除该文件）`);
    }
    await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
  }
}

type Verdict = { kind: 'gone' } | { kind: 'stale'; text: string; why: string } | { kind: 'held'; who: string };

function judge(path: string): Verdict {
  let text: string;
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'gone' };
    if (code === 'EISDIR') throw new LockError(`锁文件 ${path} 是一个文件夹，不是文件；请移走它后重新运行`);
    throw new LockError(`无法读取锁文件 ${path}：${(e as Error).message}`);
  }
  const age = Date.now() - mtimeMs;
  const rec = parseRecord(text);
  if (!rec) {
    return age > UNREADABLE_STALE_MS ? { kind: 'stale', text, why: '锁文件内容无法识别，且已过时' } : { kind: 'held', who: '一个刚开始写锁的进程' };
  }
  if (rec.host !== hostname()) {
    const who = `主机 ${rec.host} 上的进程 ${rec.pid}（本机无法核实）`;
    return age > UNVERIFIABLE_STALE_MS ? { kind: 'stale', text, why: `${who}的锁已 ${Math.round(age / 1000)} 秒未释放` } : { kind: 'held', who };
  }
  const mine = bootId();
  if (rec.bootId && mine && rec.bootId !== mine) return { kind: 'stale', text, why: `进程 ${rec.pid} 的锁留自本机上次开机之前` };
  const p = processInfo(rec.pid);
  if (!p.alive) return { kind: 'stale', text, why: `进程 ${rec.pid} 已不在运行` };
  if (rec.startTicks && p.startTicks && rec.startTicks !== p.startTicks) {
    return { kind: 'stale', text, why: `进程号 ${rec.pid} 现属另一个进程（写锁的进程已结束）` };
  }
  // Whole-second boot time: allow two seconds before calling the process younger than its lock.
  if (!rec.startTicks && p.startMs !== undefined && p.startMs > mtimeMs + 2000) {
    return { kind: 'stale', text, why: `进程号 ${rec.pid} 现属一个在锁之后才启动的进程（写锁的进程已结束）` };
  }
  if (p.cmdline && !isJuesuanBatch(p.cmdline)) {
    return { kind: 'stale', text, why: `进程 ${rec.pid}（${brief(p.cmdline)}）不是 juesuan batch` };
  }
  if (!p.cmdline && !p.startTicks) {
    // Nothing to check the pid against (no /proc): trust it for a while, as a lock from another host.
    const who = `本机进程 ${rec.pid}（无法核实是否为 juesuan batch）`;
    return age > UNVERIFIABLE_STALE_MS ? { kind: 'stale', text, why: `${who}的锁已 ${Math.round(age / 1000)} 秒未释放` } : { kind: 'held', who };
  }
  return { kind: 'held', who: `本机进程 ${rec.pid}（juesuan batch）` };
}

function parseRecord(text: string): LockRecord | undefined {
  try {
    const r = JSON.parse(text) as LockRecord;
    if (r && typeof r.host === 'string' && Number.isSafeInteger(r.pid)) return r;
  } catch {
    const m = /^(\S+) (\d+)$/.exec(text.trim());
    if (m) return { host: m[1]!, pid: Number(m[2]) };
  }
  return undefined;
}

/** Takes a stale lock away unless it changed since it was judged (another process took it over first). */
function removeIfUnchanged(path: string, judged: string): boolean {
  try {
    if (readFileSync(path, 'utf8') !== judged) return false;
    rmSync(path, { force: true });
    return true;
  } catch {
    return false;
  }
}

function release(path: string, token: string): void {
  try {
    if (parseRecord(readFileSync(path, 'utf8'))?.token === token) rmSync(path, { force: true });
  } catch {
    /* gone already */
  }
}

function brief(argv: string[]): string {
  const s = argv.join(' ');
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * What can be known on this host about a process id: whether something runs under it, and (on
 * Linux, from /proc) which process that is — its start and its command line. A pid alone is a
 * weak identity: pids are reused, so a lock or a temporary file naming a pid is only trusted when
 * the process under that pid could be the one that wrote it.
 */
export interface ProcessInfo {
  alive: boolean;
  /** Start time in clock ticks since boot (/proc/<pid>/stat field 22): with `bootId`, exact. */
  startTicks?: string;
  /** Wall-clock start (ms since the epoch), to within a second or so (boot time is in whole seconds). */
  startMs?: number;
  /** argv, when readable. */
  cmdline?: string[];
}

export function processInfo(pid: number): ProcessInfo {
  if (!Number.isSafeInteger(pid) || pid <= 0) return { alive: false };
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: it runs, as another user.
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return { alive: false };
  }
  const stat = procStat(pid);
  // A zombie has finished; only its exit status waits to be collected.
  if (stat && (stat.state === 'Z' || stat.state === 'X')) return { alive: false };
  const info: ProcessInfo = { alive: true };
  const ticks = stat?.startTicks;
  if (ticks !== undefined) {
    info.startTicks = ticks;
    const boot = bootTimeMs();
    if (boot !== undefined) info.startMs = boot + (Number(ticks) * 1000) / CLOCK_TICKS;
  }
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (argv.at(-1) === '') argv.pop();
    if (argv.length > 0) info.cmdline = argv;
  } catch {
    /* not Linux, or hidden from us */
  }
  return info;
}

/** This process's identity, as a lock records it. */
export function ownIdentity(): { pid: number; startTicks?: string; bootId?: string } {
  return { pid: process.pid, startTicks: procStat(process.pid)?.startTicks, bootId: bootId() };
}

/** Linux's boot id: start ticks are only comparable within one boot. */
export function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a command line is a `juesuan batch`: the program is juesuan (bin/juesuan.js, or the
 * `juesuan` link npm makes) and `batch` is its command.
 */
export function isJuesuanBatch(argv: string[]): boolean {
  const at = argv.findIndex((a) => /^juesuan(\.c?js)?$/.test(basename(a)));
  return at >= 0 && argv.slice(at + 1).includes('batch');
}

// USER_HZ: 100 on every Linux architecture Node runs on (it is the ABI, not the kernel's HZ).
const CLOCK_TICKS = 100;

/** State and start (clock ticks since boot) from /proc/<pid>/stat. */
function procStat(pid: number): { state: string; startTicks?: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = fields[19]; // field 22 overall; fields[0] is field 3, the state
    return { state: fields[0] ?? '', startTicks: ticks && /^\d+$/.test(ticks) ? ticks : undefined };
  } catch {
    return undefined;
  }
}

let bootMs: number | undefined | null = null;
function bootTimeMs(): number | undefined {
  if (bootMs === null) {
    try {
      const m = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
      bootMs = m ? Number(m[1]) * 1000 : undefined;
    } catch {
      bootMs = undefined;
    }
  }
  return bootMs;
}

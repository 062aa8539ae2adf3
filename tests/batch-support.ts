import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers';

/** Small inputs for batch tests: the checker's all-clean fixture and its catalog, under other ids. */
export const CLEAN = readFileSync(join(ROOT, 'tests/fixtures/check/clean.yaml'), 'utf8');
const CATALOG = readFileSync(join(ROOT, 'tests/fixtures/check/catalog/2023.yaml'), 'utf8');
export const department = (id: string) => CLEAN.replace(/^(  id: )test-dept$/m, `$1${id}`);

/** <dir>/data/{catalog/2023.yaml, 2023/<id>.yaml...} in a fresh temporary folder (readable by everyone). */
export function batchData(ids: string[], prefix = 'juesuan-batch-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'data/catalog'), { recursive: true });
  mkdirSync(join(dir, 'data/2023'), { recursive: true });
  writeFileSync(join(dir, 'data/catalog/2023.yaml'), CATALOG);
  for (const id of ids) writeFileSync(join(dir, `data/2023/${id}.yaml`), department(id));
  return dir;
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI without waiting: `onStderr` sees stderr as it comes (to act when a line
 * appears). `bin` lets a test run a copy of the tool (see toolCopy).
 */
export function cliAsync(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; bin?: string; onStderr?: (soFar: string, child: ChildProcess) => void } = {},
): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, [options.bin ?? join(ROOT, 'bin/juesuan.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => {
    stderr += s;
    options.onStderr?.(stderr, child);
  });
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

/** Runs a CLI with the given bin synchronously (as helpers.cli, for a copy of the tool). */
export function cliWith(bin: string, args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A copy of the built tool (bin, dist, templates, fonts, package.json; node_modules linked) whose
 * own files a test may break without touching the worktree. Returns its bin/juesuan.js.
 */
export function toolCopy(into: string): string {
  for (const part of ['bin', 'dist', 'templates', 'profiles', 'fonts', 'package.json']) cpSync(join(ROOT, part), join(into, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(into, 'node_modules'));
  return join(into, 'bin/juesuan.js');
}

/**
 * Runs the CLI as a user without root's right to read anything (uid 65534 when the tests run as
 * root, else as is), so that file permissions mean what they mean for an officer.
 */
export function cliUnprivileged(args: string[], cwd = ROOT) {
  const root = process.getuid?.() === 0;
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/juesuan.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, JUESUAN_CACHE_DIR: 'off' },
    ...(root ? { uid: 65534, gid: 65534 } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A folder the unprivileged user of cliUnprivileged may write into. */
export function writableByAll(dir: string): string {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o777);
  return dir;
}

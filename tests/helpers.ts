import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..');
export const SAMPLE = join(ROOT, 'data/2023/jiangan-housing.yaml');

/** Runs the built CLI as a user would. */
export function cli(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/juesuan.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A scratch data folder with the catalog, for inputs the tests write. */
export function scratchData(): string {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-'));
  mkdirSync(join(dir, 'data/2023'), { recursive: true });
  cpSync(join(ROOT, 'data/catalog'), join(dir, 'data/catalog'), { recursive: true });
  return dir;
}

export function write(path: string, content: string | Buffer): string {
  writeFileSync(path, content);
  return path;
}

export function pdftotext(pdf: string, layout = false): string {
  const r = spawnSync('pdftotext', [...(layout ? ['-layout'] : []), pdf, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

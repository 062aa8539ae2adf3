import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './helpers';

export const DISTRICT_SCRIPT = join(ROOT, 'scripts/district.mjs');

/** Runs `npm run district`'s script as a user would (node scripts/district.mjs …). */
export function district(args: string[]) {
  const r = spawnSync(process.execPath, [DISTRICT_SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A generated district in a fresh temporary folder: <tmp>/district/{catalog/, <id>.yaml…}. */
export function generatedDistrict(count: number, seed: string | number, options: { plant?: boolean; prefix?: string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), options.prefix ?? 'juesuan-district-'));
  chmodSync(dir, 0o755);
  const data = join(dir, 'district');
  const r = district(['--count', String(count), '--seed', String(seed), '-o', data, ...(options.plant ? ['--plant-errors'] : [])]);
  if (r.code !== 0) throw new Error(`district generator exited ${r.code}: ${r.stderr}`);
  return { dir, data };
}

/** The department files of a generated district, read back as YAML documents. */
export function districtFiles(data: string): { file: string; text: string; doc: any }[] {
  return readdirSync(data)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(data, file), 'utf8');
      return { file, text, doc: parse(text) };
    });
}

export interface Planted {
  department: string;
  file: string;
  rule: string;
  what: string;
}

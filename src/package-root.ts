import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The tool's own folder (templates/, fonts/, package.json), found by walking up from this code
 * to juesuan's package.json, because the code runs from three places: src/ under the tests,
 * dist/ as compiled, and dist/bundle/ as the command line loads it.
 */
export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'juesuan') return dir;
    if (dirname(dir) === dir) throw new Error(`juesuan: no package.json of juesuan above ${from}`);
  }
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * A render or extract killed between writing and renaming leaves `.<name>.<pid>.tmp`; the next
 * successful write of the same file removes it, but never a fresh one (its writer may be alive:
 * tests/batch-interrupt.test.ts holds the live-writer case) nor another file's.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, SAMPLE } from './helpers.js';

/** A pid no process has: above the kernel's pid_max. */
const DEAD_PID = 4_194_399;

function debris(dir: string, target: string) {
  const dead = join(dir, `.${target}.${DEAD_PID}.tmp`);
  const fresh = join(dir, `.${target}.${DEAD_PID + 1}.tmp`); // dead, but written a moment ago
  const other = join(dir, `.other.pdf.${DEAD_PID}.tmp`); // another target's
  for (const f of [dead, fresh, other]) writeFileSync(f, 'half a file');
  const old = Date.now() / 1000 - 3600;
  for (const f of [dead, other]) utimesSync(f, old, old);
  return { dead, fresh, other };
}

describe('temporary files of killed writers', () => {
  it('render removes those of its own PDF whose writer is gone, and nothing else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-temps-'));
    const t = debris(dir, 'x.pdf');
    expect(cli(['render', SAMPLE, '-o', join(dir, 'x.pdf')]).code).toBe(0);
    expect(existsSync(t.dead)).toBe(false);
    expect([t.fresh, t.other].map(existsSync)).toEqual([true, true]);
  });

  it('extract does the same for its YAML', () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-temps-'));
    expect(cli(['render', SAMPLE, '-o', join(dir, 'x.pdf')]).code).toBe(0);
    const t = debris(dir, 'x.yaml');
    expect(cli(['extract', join(dir, 'x.pdf'), '-o', join(dir, 'x.yaml')]).code).toBe(0);
    expect(existsSync(t.dead)).toBe(false);
    expect([t.fresh, t.other].map(existsSync)).toEqual([true, true]);
  });

  it('a failed render removes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-temps-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'format: 1\n');
    const t = debris(dir, 'x.pdf');
    expect(cli(['render', bad, '-o', join(dir, 'x.pdf')]).code).not.toBe(0);
    expect([t.dead, t.fresh, t.other].map(existsSync)).toEqual([true, true, true]);
  });
});

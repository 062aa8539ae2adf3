import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadDepartment } from '../src/load/index.js';
import { InputError, type Diagnostic } from '../src/model/diagnostics.js';
import { CLEAN, FIXTURE_DIR } from './fixtures/check/harness.js';

/** Department files written for one test file each: bad input the loader must refuse. */
export function inputCases(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let n = 0;
  const clean = readFileSync(CLEAN, 'utf8');

  function file(content: string | Buffer): string {
    const f = join(dir, `case-${++n}.yaml`);
    writeFileSync(f, content);
    return f;
  }

  /** Loads and returns the InputError it must throw. */
  function refuse(path: string): InputError {
    try {
      loadDepartment(path, { dataDir: FIXTURE_DIR });
    } catch (e) {
      if (e instanceof InputError) return e;
      throw new Error(`expected InputError, got ${String(e)}`);
    }
    throw new Error('expected InputError, the file loaded');
  }

  /** The clean fixture with one piece of text replaced (the replacement must hit exactly once). */
  function variant(from: string, to: string): { path: string; text: string; line: number; column: number } {
    const at = clean.indexOf(from);
    expect(at, `fixture text not found: ${from}`).toBeGreaterThanOrEqual(0);
    expect(clean.indexOf(from, at + 1), `fixture text not unique: ${from}`).toBe(-1);
    const text = clean.slice(0, at) + to + clean.slice(at + from.length);
    const before = text.slice(0, at).split('\n');
    return { path: file(text), text, line: before.length, column: before[before.length - 1]!.length + 1 };
  }

  const only = (e: InputError): Diagnostic => {
    expect(e.diagnostics, e.message).toHaveLength(1);
    return e.diagnostics[0]!;
  };

  return { dir, clean, file, refuse, variant, only };
}

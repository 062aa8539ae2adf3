import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFast } from '../src/load/yaml-fast.js';
import { readFull } from '../src/load/yaml-full.js';
import { parseYaml } from '../src/load/parse-yaml.js';
import type { ParsedSource } from '../src/load/parsed.js';
import { InputError } from '../src/model/diagnostics.js';
import { ROOT } from './helpers.js';

/**
 * The fast reader must read exactly what the yaml package reads, or give up: these compare the
 * two on every file in the repository and on mutated copies, value by value and position by
 * position.
 */

const FILES = [
  'data/2023/jiangan-housing.yaml',
  'data/catalog/2023.yaml',
  'tests/fixtures/check/clean.yaml',
  'tests/fixtures/check/catalog/2023.yaml',
  'tests/fixtures/mini/2024/mini.yaml',
  'tests/fixtures/mini/catalog/2024.yaml',
];
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');

/** A difference between two readings (values, prototypes, key order), or undefined. */
function diffValue(a: unknown, b: unknown, at = '$'): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${at}: ${String(a)} ≠ ${String(b)}`;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${at}: prototypes differ`;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.join('\0') !== kb.join('\0')) return `${at}: keys ${ka.join(',')} ≠ ${kb.join(',')}`;
  for (const k of ka) {
    const d = diffValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
    if (d) return d;
  }
  return undefined;
}

/** Every path into the data, each also followed by keys that are not there. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(prefix);
  for (const extra of ['not-there', 0, '0', 9, -1, 1.5, '__proto__', 'constructor', 'length']) out.push([...prefix, extra]);
  if (v && typeof v === 'object' && (Array.isArray(v) || Object.getPrototypeOf(v) === null)) {
    for (const [k, x] of Object.entries(v)) paths(x, [...prefix, Array.isArray(v) ? Number(k) : k], out);
  }
  return out;
}

function diffReading(fast: ParsedSource, full: ParsedSource): string | undefined {
  const d = diffValue(fast.data, full.data);
  if (d) return d;
  for (const p of paths(full.data)) {
    const a = JSON.stringify(fast.locator.locate(p));
    const b = JSON.stringify(full.locator.locate(p));
    if (a !== b) return `locate ${JSON.stringify(p)}: ${a} ≠ ${b}`;
  }
  return undefined;
}

/** The fast reading, checked against the yaml package's: undefined when the fast reader gave up. */
function compare(text: string): { fast: boolean; problem?: string } {
  const fast = readFast(text, 'f.yaml');
  let full: ParsedSource;
  try {
    full = readFull(text, 'f.yaml');
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return fast ? { fast: true, problem: `accepted what the yaml package refuses: ${e.diagnostics[0].message}` } : { fast: false };
  }
  return fast ? { fast: true, problem: diffReading(fast, full) } : { fast: false };
}

describe('the fast YAML reader', () => {
  it.each(FILES)('reads %s itself, exactly as the yaml package does', (f) => {
    expect(compare(read(f))).toEqual({ fast: true, problem: undefined });
  });

  it.each([
    ['empty values', 'a:\nb:   # note\nc:   \nd:\n  - \n  -\n  - x\n'],
    ['anchored scalars and aliases', 'a: &n 12.50\nb: *n\nc: [1, 2]\nd: &s text here\ne: *s  # again\nf:\n  - *n\n'],
    ['quotes', `a: "x: y # z"\nb: 'it''s'\n"c d": ''\n'e': ""\nf: {"1": 2, 'g': 'h'}\n`],
    ['core schema types', 'a: ~\nb: Null\nc: TRUE\nd: false\ne: 0x1F\nf: 0o17\ng: .inf\nh: -.INF\ni: .NaN\nj: 1e3\nk: +1.\nl: .5\nm: 007\nn: 2024-10-25\no: 1_000\n'],
    ['comments anywhere', '# top\na:\n    # deeper\n  b: 1 # after\n# margin\n  c: [x, y]   # after flow\n\n\nd: e#f\n'],
    ['compact mappings in sequences', 'a:\n  -   b: 1\n      c:\n        - d\n  - e: {f: [g, {h: i}]}\n  -\n    j: k\n'],
    ['odd plain text', 'a: x:y\nb: -1\nc: -x\nd: a [b] {c}, d\ne: 　全角　\nf: "a" \n'],
  ])('agrees with the yaml package on %s', (_name, text) => {
    expect(compare(text)).toEqual({ fast: true, problem: undefined });
  });

  it.each([
    ['a sequence at its key’s indentation', 'a:\n- x\n'],
    ['a block scalar', 'a: |\n  x\n'],
    ['a multi-line plain scalar', 'a: x\n  y\n'],
    ['a multi-line flow collection', 'a: [x,\n  y]\n'],
    ['a tag', 'a: !!str 1\n'],
    ['an escape', 'a: "x\\ty"\n'],
    ['a tab', 'a:\tx\n'],
    ['a CRLF line end', 'a: x\r\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a numeric key', '1: x\n'],
    ['a key that reads as null', '~: x\n'],
    ['a flow key that reads as a boolean', 'a: {True: x}\n'],
    ['an anchored mapping', 'a: &m\n  b: 1\nc: *m\n'],
    ['an unknown alias', 'a: *m\n'],
    ['a document marker', '---\na: 1\n'],
    ['a nested compact mapping', 'a: b: c\n'],
    ['a top-level sequence', '- a\n'],
  ])('leaves %s to the yaml package', (_name, text) => {
    expect(readFast(text, 'f.yaml')).toBeUndefined();
  });

  it('leaves too many aliases to the yaml package, which refuses them', () => {
    const text = `a: &x 1\nb:\n${'  - *x\n'.repeat(51)}`;
    expect(readFast(text, 'f.yaml')).toBeUndefined();
    expect(() => parseYaml(text, 'f.yaml')).toThrow(/别名/);
    expect(readFast(`a: &x 1\nb:\n${'  - *x\n'.repeat(50)}`, 'f.yaml')).toBeDefined();
  });

  it('agrees with the yaml package on mutated copies of the fixtures, or gives up', () => {
    let seed = 20231;
    // mulberry32: small, and deterministic, so a failure can be replayed.
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    const inserts = [...':-#&*!|>\'"[]{},?%@\\ .0e~\n\t', ': ', ' #', '- ', '\n  ', '&a ', '*a', 'null', 'true', '0x1F', '-0.5'];
    const sources = [read('tests/fixtures/mini/2024/mini.yaml'), read('tests/fixtures/mini/catalog/2024.yaml')];
    let accepted = 0;
    for (let n = 0; n < 300; n++) {
      let text = pick(sources);
      for (let k = 0; k < 1 + Math.floor(random() * 2); k++) {
        const i = Math.floor(random() * text.length);
        const lines = text.split('\n');
        const l = Math.floor(random() * lines.length);
        const r = random();
        if (r < 0.45) text = text.slice(0, i) + pick(inserts) + text.slice(i);
        else if (r < 0.65) text = text.slice(0, i) + text.slice(i + 1 + Math.floor(random() * 3));
        else if (r < 0.85) text = [...lines.slice(0, l), ` ${lines[l]}`, ...lines.slice(l + 1)].join('\n');
        else text = [...lines.slice(0, l), lines[l].replace(/^ /, ''), ...lines.slice(l + 1)].join('\n');
      }
      const result = compare(text);
      if (result.problem) expect.fail(`${result.problem}\n--- input ---\n${text}`);
      if (result.fast) accepted++;
    }
    // The mutations must leave enough files inside the subset for this to test anything.
    expect(accepted).toBeGreaterThan(50);
  });
});

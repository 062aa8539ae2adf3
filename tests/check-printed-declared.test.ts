import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadDepartment } from '../src/load/index.js';
import { calculate, type Calculated } from '../src/calculate/index.js';
import { allRules, checkBeforeLayout, runChecks, sortDiagnostics, type Rule } from '../src/check/index.js';
import { CheckContext } from '../src/check/context.js';
import { entries } from '../src/check/printed-words.js';
import { layoutFindings } from '../src/render.js';
import { InputError, type Diagnostic } from '../src/model/diagnostics.js';
import type { PrintedText } from '../src/model/printed-text.js';
import { cli, ROOT, SAMPLE, scratchData } from './helpers.js';
import { generatedDistrict } from './district-support.js';
import { undeclaredReaders } from './printed-readers.js';
import { checkYaml } from './fixtures/check/harness.js';

/**
 * render, check, batch and the studio run every rule before layout, then only the rules that
 * declare `readsPrinted` again with the words as laid out. That is sound only if no other rule
 * reads ctx.printed: each rule is run here with a context that records the read, over the two
 * samples and a district with planted errors (and by the check harness on every case of
 * tests/check-rules.test.ts, one per rule); and the two passes are compared with every rule run
 * with the words, as the checker did before it skipped the others.
 */

const SHANGHAI = join(ROOT, 'data/2024/pujiang-chengguan.yaml');

interface Case {
  name: string;
  calc: Calculated;
  printed: readonly PrintedText[];
}

/** What the checker found before it ran only the declared rules again: every rule with the words. */
function everyRuleWithWords(calc: Calculated, printed: readonly PrintedText[] | undefined, archive = false): Diagnostic[] {
  const ctx = new CheckContext(calc, { printed, archive });
  return sortDiagnostics(allRules().flatMap((r) => r.run(ctx)));
}

/** The printed words with one entry's text edited, so that the printed-word rules find something. */
function damaged(words: readonly PrintedText[]): PrintedText[] {
  const edits: [RegExp, string][] = [
    [/万元/, ''], // a figure without its unit
    [/住房保障和房屋管理局/, '住房保障与房屋管理局'], // the department's name one character off
    [/年金/, '年金。。'], // residue in the templates' words
    [/基本支出/, '基夲支出'],
    [/增加/, '减少'],
  ];
  const out = [...words];
  for (const [re, to] of edits) {
    const i = out.findIndex((e) => e.kind === 'paragraph' && re.test(e.text));
    if (i >= 0) out[i] = { ...out[i]!, text: out[i]!.text.replace(re, to) };
  }
  return out;
}

const cases: Case[] = [];

beforeAll(async () => {
  const wuhan = calculate(loadDepartment(SAMPLE));
  const wuhanWords = (await layoutFindings(wuhan)).printed!;
  cases.push({ name: 'wuhan', calc: wuhan, printed: wuhanWords });
  cases.push({ name: 'wuhan, words damaged', calc: wuhan, printed: damaged(wuhanWords) });
  const shanghai = calculate(loadDepartment(SHANGHAI));
  cases.push({ name: 'shanghai', calc: shanghai, printed: (await layoutFindings(shanghai)).printed! });
  const { data } = generatedDistrict(20, 2, { plant: true, prefix: 'juesuan-declared-' });
  for (const file of readdirSync(data).filter((f) => f.endsWith('.yaml')).sort()) {
    let calc: Calculated;
    try {
      calc = calculate(loadDepartment(join(data, file)));
    } catch (e) {
      if (e instanceof InputError) continue;
      throw e;
    }
    const errors = runChecks(calc).some((d) => d.severity === 'error');
    const { printed } = await layoutFindings(calc, { dataHasErrors: errors });
    // A report its errors keep from layout is read with the sample's words: every rule still runs.
    cases.push({ name: file, calc, printed: printed ?? damaged(wuhanWords) });
  }
  // next year's draft: its to-do marks, named by the page where they print
  const draftDir = scratchData();
  const draft = join(draftDir, 'data/2023/draft-2024.yaml');
  const made = cli(['new', '--from', SAMPLE, '--year', '2024', '-o', draft]);
  if (made.code !== 0) throw new Error(made.stderr);
  const draftCalc = calculate(loadDepartment(draft));
  cases.push({ name: 'draft 2024', calc: draftCalc, printed: (await layoutFindings(draftCalc, { dataHasErrors: true })).printed ?? damaged(wuhanWords) });
}, 180_000);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a rule reads printed words only when it declares readsPrinted', () => {
  it('no rule reads ctx.printed undeclared, over the samples and a planted district', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    const rules = allRules();
    for (const c of cases) {
      expect({ case: c.name, undeclared: undeclaredReaders(c.calc, { printed: c.printed }, rules) }).toEqual({ case: c.name, undeclared: [] });
      expect({ case: c.name, undeclared: undeclaredReaders(c.calc, { printed: c.printed, archive: true }, rules) }).toEqual({ case: c.name, undeclared: [] });
    }
  });

  it('every rule that declares readsPrinted reads the words (else it would run again for nothing)', () => {
    const readers = new Set<string>();
    for (const c of cases) {
      for (const rule of allRules()) {
        const ctx = new Proxy(new CheckContext(c.calc, { printed: c.printed }), {
          get(target, prop) {
            if (prop === 'printed') readers.add(rule.id);
            return Reflect.get(target, prop, target);
          },
        });
        rule.run(ctx);
      }
    }
    expect([...readers].sort()).toEqual(allRules().filter((r) => r.readsPrinted).map((r) => r.id).sort());
  });

  it('the detector catches a rule that reads the words undeclared, directly or through a helper', () => {
    const c = cases[0]!;
    const direct: Rule = { id: 'x-direct', description: '', run: (ctx) => (ctx.printed?.length ? [] : []) };
    const helper: Rule = { id: 'x-helper', description: '', run: (ctx) => (entries(ctx, 'paragraph').length > 0 ? [] : []) };
    const declared: Rule = { id: 'x-declared', description: '', readsPrinted: true, run: (ctx) => (ctx.printed ? [] : []) };
    const silent: Rule = { id: 'x-silent', description: '', run: (ctx) => (ctx.archive ? [] : []) };
    expect(undeclaredReaders(c.calc, { printed: c.printed }, [direct, helper, declared, silent])).toEqual(['x-direct', 'x-helper']);
    // without words too: the read is what counts
    expect(undeclaredReaders(c.calc, {}, [direct, helper, declared, silent])).toEqual(['x-direct', 'x-helper']);
  });

  it('the check harness fails a case whose rule reads the words undeclared', () => {
    const shares = allRules().find((r) => r.id === 'narrative-shares')!;
    expect(shares.readsPrinted).toBeUndefined();
    const run = shares.run.bind(shares);
    vi.spyOn(shares, 'run').mockImplementation((ctx) => (ctx.printed === undefined ? run(ctx) : run(ctx)));
    expect(() => checkYaml()).toThrow('rules read ctx.printed without declaring readsPrinted: narrative-shares');
    vi.restoreAllMocks();
    expect(() => checkYaml()).not.toThrow();
  });

  it('an undeclared rule gets no printed words from the checker, whatever the caller has', () => {
    const c = cases[0]!;
    const seen: (readonly PrintedText[] | undefined)[] = [];
    const rules = allRules();
    const spy = vi.spyOn(rules[0]!, 'run').mockImplementation((ctx) => {
      seen.push(ctx.printed);
      return [];
    });
    expect(rules[0]!.readsPrinted).toBeUndefined();
    runChecks(c.calc, { printed: c.printed });
    checkBeforeLayout(c.calc).afterLayout(c.printed);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(seen).toEqual([undefined, undefined]);
  });
});

describe('the two passes find what every rule run with the words found', () => {
  it('same findings, same order, none lost or doubled; the first pass is the pass without words', () => {
    for (const archive of [false, true]) {
      for (const c of cases) {
        const first = checkBeforeLayout(c.calc, { archive });
        expect(first.findings).toEqual(everyRuleWithWords(c.calc, undefined, archive));
        const after = first.afterLayout(c.printed);
        expect(after).toEqual(everyRuleWithWords(c.calc, c.printed, archive));
        expect(after).toEqual(runChecks(c.calc, { archive, printed: c.printed }));
      }
    }
  });

  it('the words change the findings of the declared rules in the corpus (the comparison can fail)', () => {
    const changed = cases.filter((c) => JSON.stringify(checkBeforeLayout(c.calc).findings) !== JSON.stringify(everyRuleWithWords(c.calc, c.printed)));
    expect(changed.map((c) => c.name)).toContain('wuhan');
    expect(changed.map((c) => c.name)).toContain('wuhan, words damaged');
  });

  it('after layout only the rules that declare readsPrinted run again, each once', () => {
    const c = cases[1]!;
    const first = checkBeforeLayout(c.calc);
    const calls = new Map<string, number>();
    for (const rule of allRules()) {
      const run = rule.run.bind(rule);
      vi.spyOn(rule, 'run').mockImplementation((ctx) => {
        calls.set(rule.id, (calls.get(rule.id) ?? 0) + 1);
        return run(ctx);
      });
    }
    first.afterLayout(c.printed);
    const declared = allRules().filter((r) => r.readsPrinted).map((r) => r.id);
    expect(declared.length).toBeGreaterThanOrEqual(10);
    expect(Object.fromEntries(calls)).toEqual(Object.fromEntries(declared.map((id) => [id, 1])));
  });
});

import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDepartment } from '../src/load/index.js';
import { calculate } from '../src/calculate/index.js';
import { runChecks } from '../src/check/index.js';
import { SAMPLE, scratchData } from './helpers.js';

function findings(edit: (s: string) => string) {
  const dir = scratchData();
  const file = join(dir, 'data/2023/t.yaml');
  writeFileSync(file, edit(readFileSync(SAMPLE, 'utf8')));
  return { file, list: runChecks(calculate(loadDepartment(file))) };
}

describe('text rules', () => {
  it('finds the reference’s traditional characters 職業 and names their line', () => {
    const { file, list } = findings((s) => s);
    const t = list.filter((d) => d.rule === 'text-traditional');
    expect(t.length).toBe(1);
    expect(t[0].message).toContain('職→职、業→业');
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('職業年金')) + 1;
    expect(t[0].line).toBe(line);
  });

  it('names the page where the traditional characters print, when the printed words are known', () => {
    const dir = scratchData();
    const file = join(dir, 'data/2023/t.yaml');
    writeFileSync(file, readFileSync(SAMPLE, 'utf8'));
    const calc = calculate(loadDepartment(file));
    const line = calc.loaded.sourceText.split('\n').find((l) => l.includes('職業年金'))!;
    const words = line.slice(line.indexOf('職業年金') - 10, line.indexOf('職業年金') + 8);
    const t = runChecks(calc, { printed: [{ text: `……${words}……`, kind: 'paragraph', page: 77, section: '第五部分 名词解释' }] }).filter((d) => d.rule === 'text-traditional');
    // the page and the heading it prints under, and the words around: never the YAML path
    expect(t.map((d) => d.message)).toEqual([expect.stringMatching(/^第 77 页 第五部分 名词解释：简体文本中有繁体字 職→职、業→业：“[^”]*職業年金[^”]*”$/)]);
    // without the printed words: the part of the report the text belongs to
    const bare = runChecks(calc).filter((d) => d.rule === 'text-traditional');
    expect(bare.map((d) => d.message)).toEqual([expect.stringMatching(/^名词解释：简体文本中有繁体字 職→职、業→业：“[^”]*職業年金[^”]*”$/)]);
  });

  it('does not flag standard simplified characters that converters map (显著)', () => {
    const { list } = findings((s) => s.replace('職業年金', '职业年金'));
    expect(list.filter((d) => d.rule === 'text-traditional')).toEqual([]);
  });

  it('reports template residue: unchosen alternatives, doubled punctuation, placeholders', () => {
    const { list } = findings((s) =>
      s
        .replace('（十四）完成上级交办的其他工作任务。', '（十四）完成上级交办的其他工作任务，比上年下降（增长）5%。。')
        .replace('（十二）指导全区房屋物业管理协会的工作。', '（十二）指导XX局的工作。'),
    );
    const r = list.filter((d) => d.rule === 'text-residue').map((d) => d.actual);
    expect(r).toEqual(expect.arrayContaining(['下降（增长）', '。。', 'XX']));
  });

  it('an unfilled template is an error for publication and a warning in an archive; doubled punctuation a warning in both', () => {
    const residue = (purpose: string) =>
      findings((s) =>
        s
          .replace(/^purpose: archive.*$/m, purpose)
          .replace('（十四）完成上级交办的其他工作任务。', '（十四）完成上级交办的其他工作任务，比上年下降（增长）5%。。')
          .replace('（十二）指导全区房屋物业管理协会的工作。', '（十二）指导XX局的工作。'),
      )
        .list.filter((d) => d.rule === 'text-residue' && ['下降（增长）', '。。', 'XX'].includes(d.actual ?? ''))
        .map((d) => `${d.actual} ${d.severity}`)
        .sort();
    expect(residue('purpose: publication')).toEqual(['XX error', '。。 warning', '下降（增长） error']);
    expect(residue('purpose: archive')).toEqual(['XX warning', '。。 warning', '下降（增长） warning']);
  });
});

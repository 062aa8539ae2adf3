import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, readFileSync, readdirSync, mkdtempSync, writeFileSync, statSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { cli, ROOT, SAMPLE, pdftotext, scratchData } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'juesuan-cli-'));
const pdf = join(tmp, 'sample.pdf');
let first: { code: number | null; stderr: string };

beforeAll(() => {
  first = cli(['render', SAMPLE, '-o', pdf]);
});

describe('juesuan render (the sample report)', () => {
  it('writes the PDF with every part in reading order', () => {
    expect(first.stderr).not.toMatch(/内部错误|at .*\.js:\d+/);
    expect(first.code).toBe(0);
    const text = pdftotext(pdf).replace(/\s+/g, '');
    const parts = ['第一部分', '第二部分', '第三部分', '第四部分', '第五部分', '第六部分'].map((p) => {
      // the body heading (after the 目录's own mention)
      const at = text.indexOf(p, text.indexOf('第六部分附件') + 1);
      return at;
    });
    for (const at of parts) expect(at).toBeGreaterThan(0);
    expect([...parts].sort((a, b) => a - b)).toEqual(parts);
    expect(pdftotext(pdf)).toContain('11,314.64');
    expect(text).toContain('2023年度武汉市江岸区住房保障和房屋管理局部门决算');
  });

  it('embeds every font as a subset', () => {
    const out = spawnSync('pdffonts', [pdf], { encoding: 'utf8' }).stdout.trim().split('\n').slice(2);
    expect(out.length).toBeGreaterThan(0);
    for (const line of out) {
      const cols = line.trim().split(/\s+/);
      // name type encoding emb sub uni …: the font name carries the subset tag ABCDEF+
      expect(line).toMatch(/^[A-Z]{6}\+/);
      expect(cols.slice(-5, -2)).toEqual(['yes', 'yes', 'yes']);
    }
  });

  it('gives the same bytes for the same input', () => {
    const again = join(tmp, 'again.pdf');
    expect(cli(['render', SAMPLE, '-o', again]).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(pdf))).toBe(true);
  });

  it('mirrors data/ under output/ by default', () => {
    const dir = scratchData();
    writeFileSync(join(dir, 'data/2023/x.yaml'), readFileSync(SAMPLE));
    const r = cli(['render', 'data/2023/x.yaml'], dir);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'output/2023/x.pdf'))).toBe(true);
  });
});

describe('juesuan extract', () => {
  it('writes back the embedded YAML, which renders to the same bytes', () => {
    const yaml = join(tmp, 'extracted.yaml');
    expect(cli(['extract', pdf, '-o', yaml]).code).toBe(0);
    expect(readFileSync(yaml, 'utf8')).toBe(readFileSync(SAMPLE, 'utf8'));
    const dir = scratchData();
    const copy = join(dir, 'data/2023/jiangan-housing.yaml');
    writeFileSync(copy, readFileSync(yaml));
    const again = join(tmp, 'roundtrip.pdf');
    expect(cli(['render', copy, '-o', again]).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(pdf))).toBe(true);
  });
});

describe('juesuan check', () => {
  it('passes the sample with warnings only', () => {
    const r = cli(['check', SAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/0 个错误/);
  });

  it('prints JSON findings with the documented fields', () => {
    const r = cli(['check', SAMPLE, '--format', 'json']);
    const findings = JSON.parse(r.stdout);
    expect(Array.isArray(findings)).toBe(true);
    for (const f of findings) expect(Object.keys(f).sort()).toEqual(['actual', 'column', 'expected', 'file', 'line', 'message', 'rule', 'severity']);
  });
});

describe('bad input never gets through', () => {
  const cases: [string, string | Buffer, number, RegExp][] = [
    ['empty.yaml', '', 2, /文件为空/],
    ['binary.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]), 2, /二进制/],
    ['gbk.yaml', Buffer.from([0xb2, 0xbf, 0xc3, 0xc5, 0x0a]), 2, /UTF-8/],
    ['syntax.yaml', 'format: 1\nyear: [2023\n', 1, /syntax.yaml:\d+:\d+: error \[yaml-syntax\]/],
  ];
  for (const [name, content, code, message] of cases) {
    it(`${name}: exit ${code}, a message naming the file, no PDF, no stack trace`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'juesuan-bad-'));
      const file = join(dir, name);
      writeFileSync(file, content);
      const out = join(dir, 'out.pdf');
      const r = cli(['render', file, '-o', out]);
      expect(r.code).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain(name);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(dir)).toEqual([name]);
    });
  }

  it('a missing file: exit 2', () => {
    const r = cli(['render', join(tmp, 'nope.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.yaml: error \[unreadable\] .*不存在/);
  });

  it('usage errors: exit 2', () => {
    expect(cli(['frobnicate']).code).toBe(2);
    expect(cli(['render']).code).toBe(2);
    expect(cli(['check', SAMPLE, '--format', 'xml']).code).toBe(2);
  });

  it('a wrong amount names the line and field, exit 1, no PDF', () => {
    const dir = scratchData();
    const src = readFileSync(SAMPLE, 'utf8').replace(/income_total: 11314\.64/, 'income_total: "1,2,3"');
    const file = join(dir, 'data/2023/bad.yaml');
    writeFileSync(file, src);
    const r = cli(['render', file]);
    expect(r.code).toBe(1);
    const line = src.split('\n').findIndex((l) => l.includes('"1,2,3"')) + 1;
    expect(r.stderr).toContain(`bad.yaml:${line}:`);
    expect(r.stderr).toContain('tables.summary.income_total');
    expect(existsSync(join(dir, 'output'))).toBe(false);
  });

  it('a render killed midway leaves no file under the output name', async () => {
    const out = join(tmp, 'killed.pdf');
    for (const delay of [50, 150, 300]) {
      const child = spawn(process.execPath, [join(ROOT, 'bin/juesuan.js'), 'render', SAMPLE, '-o', out], { cwd: ROOT });
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
      // Either nothing, or the complete file (the kill came after the rename): never a partial one.
      if (existsSync(out)) expect(statSync(out).size).toBe(statSync(pdf).size);
    }
  });
});

describe('what the fonts cannot print', () => {
  it('a character missing from the font is an error naming it and its line, and no PDF', () => {
    const dir = scratchData();
    const src = readFileSync(SAMPLE, 'utf8').replace('（十二）指导全区房屋物业管理协会的工作。', '（十二）指导全区房屋物业管理协会的工作𠀀。');
    const file = join(dir, 'data/2023/glyph.yaml');
    writeFileSync(file, src);
    const r = cli(['render', file]);
    expect(r.code).toBe(1);
    const line = src.split('\n').findIndex((l) => l.includes('𠀀')) + 1;
    expect(r.stderr).toContain(`glyph.yaml:${line}:`);
    expect(r.stderr).toContain('[missing-glyph]');
    expect(r.stderr).toContain('U+20000');
    expect(existsSync(join(dir, 'output'))).toBe(false);
  });
});

describe('output into a pipe the reader closes early (juesuan check x.yaml | head -1)', () => {
  it('no stack trace, and the exit code the command would give', async () => {
    const closed = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string; lines: number }>((resolveRun) => {
        const child = spawn(process.execPath, [join(ROOT, 'bin/juesuan.js'), ...args], { cwd: ROOT });
        let stderr = '';
        let lines = 0;
        child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
        child.stdout.once('data', (b: Buffer) => {
          lines = b.toString().split('\n').length;
          child.stdout.destroy();
        });
        child.on('close', (code) => resolveRun({ code, stderr, lines }));
      });
    const whole = cli(['check', SAMPLE]);
    expect(whole.stdout.split('\n').length).toBeGreaterThan(20);
    const cut = await closed(['check', SAMPLE]);
    expect(cut.lines).toBeGreaterThan(0);
    expect(cut.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(cut.code).toBe(whole.code);
    // for publication, the sample's pins beyond 尾数误差 are errors: exit 1, cut or not
    const publication = join(scratchData(), 'data/2023/publication.yaml');
    writeFileSync(publication, readFileSync(SAMPLE, 'utf8').replace(/^purpose: archive.*\n/m, ''));
    const withErrors = await closed(['check', publication]);
    expect(withErrors.stderr).not.toMatch(/EPIPE|Error/);
    expect(withErrors.code).toBe(1);
  }, 60_000);
});

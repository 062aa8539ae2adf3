import { describe, it, expect, beforeAll } from 'vitest';
import { chmodSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { cli, SAMPLE, scratchData } from './helpers.js';
import { cliUnprivileged } from './pdf-fixtures.js';

/**
 * What render and extract write: never onto their input (however the path is spelt), never onto
 * a folder, a device or somebody's file, and a refusal or a failed write is exit 2 with the file
 * named and nothing written.
 */

const tmp = mkdtempSync(join(tmpdir(), 'juesuan-out-'));
const yaml = readFileSync(SAMPLE);
let pdfBytes: Buffer;
let n = 0;

beforeAll(() => {
  const pdf = join(tmp, 'sample.pdf');
  expect(cli(['render', SAMPLE, '-o', pdf]).code).toBe(0);
  pdfBytes = readFileSync(pdf);
});

/** A fresh folder under a data/ tree (render needs the catalog) with x.yaml and p.pdf. */
function workspace(): string {
  const root = scratchData();
  const dir = join(root, 'data/2023', `w${++n}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'x.yaml'), yaml);
  writeFileSync(join(dir, 'p.pdf'), pdfBytes);
  return dir;
}

function expectUntouched(dir: string, extra: string[] = []) {
  expect(readdirSync(dir).sort()).toEqual(['p.pdf', 'x.yaml', ...extra].sort());
  expect(readFileSync(join(dir, 'x.yaml')).equals(yaml)).toBe(true);
  expect(readFileSync(join(dir, 'p.pdf')).equals(pdfBytes)).toBe(true);
}

function expectClean(r: { code: number | null; stderr: string }, rule: string, file: string) {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toContain(`${file}: error [${rule}]`);
  expect(r.stderr).not.toMatch(/内部错误|\n\s+at /);
}

describe('no output replaces the input, however its path is spelt', () => {
  /** Spellings of the input's path as seen from its folder; some make a link in it first. */
  const spellings: [string, (dir: string, input: string) => string][] = [
    ['the same name', (_d, input) => input],
    ['through ..', (_d, input) => join('..', relative(join(_d, '..'), join(_d, input)))],
    ['an absolute path', (d, input) => join(d, input)],
    ['a symlink to it', (d, input) => (symlinkSync(input, join(d, 'link')), 'link')],
    ['a hard link to it', (d, input) => (linkSync(join(d, input), join(d, 'hard')), 'hard')],
  ];

  for (const [how, spell] of spellings) {
    it(`render -o <the YAML> by ${how}`, () => {
      const dir = workspace();
      const out = spell(dir, 'x.yaml');
      const r = cli(['render', 'x.yaml', '-o', out, '--force'], dir);
      expectClean(r, 'output-is-input', out);
      expect(r.stderr).toContain('x.yaml');
      expectUntouched(dir, ['link', 'hard'].filter((f) => out === f));
    });

    it(`extract -o <the PDF> by ${how}, even with --force`, () => {
      const dir = workspace();
      const out = spell(dir, 'p.pdf');
      const r = cli(['extract', 'p.pdf', '-o', out, '--force'], dir);
      expectClean(r, 'output-is-input', out);
      expect(r.stderr).toContain('p.pdf');
      expectUntouched(dir, ['link', 'hard'].filter((f) => out === f));
    });
  }

  it('the message says how two paths are one file', () => {
    const dir = workspace();
    symlinkSync('x.yaml', join(dir, 'link'));
    linkSync(join(dir, 'p.pdf'), join(dir, 'hard'));
    expect(cli(['render', 'x.yaml', '-o', 'link'], dir).stderr).toContain('link 是指向它的链接');
    expect(cli(['extract', 'p.pdf', '-o', 'hard', '--force'], dir).stderr).toContain('硬链接');
  });
});

describe('render replaces an earlier PDF, never another kind of file', () => {
  it('a PDF from an earlier render is replaced', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'old.pdf'), '%PDF-1.7 an earlier render');
    const r = cli(['render', 'x.yaml', '-o', 'old.pdf'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'old.pdf')).equals(pdfBytes)).toBe(true);
  });

  it("another department's YAML, or any text, is kept", () => {
    for (const [name, content] of [['y.yaml', yaml], ['notes.txt', Buffer.from('年度工作记录\n')]] as const) {
      const dir = workspace();
      writeFileSync(join(dir, name), content);
      const r = cli(['render', 'x.yaml', '-o', name], dir);
      expectClean(r, 'output-not-pdf', name);
      expect(readFileSync(join(dir, name)).equals(content)).toBe(true);
      expectUntouched(dir, [name]);
    }
  });
});

describe('-o that cannot be a file: exit 2 before any work, nothing written', () => {
  for (const command of ['render', 'extract'] as const) {
    const input = command === 'render' ? 'x.yaml' : 'p.pdf';

    it(`${command} -o ''`, () => {
      const dir = workspace();
      const r = cli([command, input, '-o', ''], dir);
      expectClean(r, 'output-empty', 'juesuan');
      expectUntouched(dir);
    });

    it(`${command} -o <an existing folder>`, () => {
      const dir = workspace();
      mkdirSync(join(dir, 'out'));
      for (const out of ['out', 'out/', '.']) {
        const r = cli([command, input, '-o', out, '--force'], dir);
        expectClean(r, 'output-is-folder', out);
      }
      expect(readdirSync(join(dir, 'out'))).toEqual([]);
      expectUntouched(dir, ['out']);
    });

    it(`${command} -o <inside a plain file>`, () => {
      const dir = workspace();
      const r = cli([command, input, '-o', 'x.yaml/out.file'], dir);
      expectClean(r, 'output-unwritable', 'x.yaml/out.file');
      expect(r.stderr).toContain('不是文件夹');
      expectUntouched(dir);
    });

    it(`${command} -o <a named pipe, or a link to one>`, () => {
      // Never a system device such as /dev/null: code without this guard, run as root, would
      // rename a file over it.
      const dir = workspace();
      execFileSync('mkfifo', [join(dir, 'pipe')]);
      symlinkSync('pipe', join(dir, 'to-pipe'));
      for (const out of ['pipe', 'to-pipe']) {
        const r = cli([command, input, '-o', out, '--force'], dir);
        expectClean(r, 'output-not-file', out);
        expect(lstatSync(join(dir, 'pipe')).isFIFO()).toBe(true);
      }
      expectUntouched(dir, ['pipe', 'to-pipe']);
    });

    it(`${command} -o <into a read-only folder>`, (ctx) => {
      const dir = workspace();
      const ro = join(dir, 'ro');
      mkdirSync(ro);
      chmodSync(ro, 0o555);
      const deep = join(dir, 'ro2');
      mkdirSync(deep);
      chmodSync(deep, 0o555);
      // The unprivileged user must reach the inputs.
      for (let d = dir; d !== tmpdir() && d !== '/'; d = join(d, '..')) chmodSync(d, 0o755);
      const first = cliUnprivileged([command, input, '-o', 'ro/out.file'], dir);
      if (!first) return ctx.skip();
      expectClean(first, 'output-unwritable', 'ro/out.file');
      expect(first.stderr).toContain('没有权限');
      const second = cliUnprivileged([command, input, '-o', 'ro2/new/out.file'], dir);
      expectClean(second!, 'output-unwritable', 'ro2/new/out.file');
      expect(readdirSync(ro)).toEqual([]);
      expect(readdirSync(deep)).toEqual([]);
    });
  }
});

describe('an unreadable input: exit 2, the file named, in words', () => {
  for (const command of ['render', 'check', 'extract'] as const) {
    const input = command === 'extract' ? 'p.pdf' : 'x.yaml';

    it(`${command}: a file without read permission`, (ctx) => {
      const dir = workspace();
      for (let d = dir; d !== tmpdir() && d !== '/'; d = join(d, '..')) chmodSync(d, 0o777);
      chmodSync(join(dir, input), 0o000);
      const r = cliUnprivileged([command, input, '-o', 'out.file'].slice(0, command === 'check' ? 2 : 4), dir);
      if (!r) return ctx.skip();
      expectClean(r, 'unreadable', input);
      expect(r.stderr).toContain('没有权限');
      expect(readdirSync(dir).sort()).toEqual(['p.pdf', 'x.yaml']);
    });

    it(`${command}: a folder given as the input`, () => {
      const dir = workspace();
      mkdirSync(join(dir, 'folder.in'));
      const r = cli([command, 'folder.in'], dir);
      expectClean(r, 'unreadable', 'folder.in');
      expect(readdirSync(join(dir, 'folder.in'))).toEqual([]);
    });
  }
});

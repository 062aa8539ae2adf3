import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chmodSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cli } from './helpers';
import { batchData, cliUnprivileged, writableByAll } from './batch-support';

/**
 * What stops a batch is said before anything is rendered, with exit 2, naming the file; nothing
 * the user has is overwritten.
 */
describe('juesuan batch: refusals before rendering', () => {
  let dir: string;
  const data = () => join(dir, 'data');
  const batch = (out: string, ...extra: string[]) => cli(['batch', data(), '-o', out, '--jobs', '2', ...extra]);
  /** Exit 2, the message, no 内部错误, and nothing rendered. */
  const expectRefused = (r: ReturnType<typeof cli>, ...said: (string | RegExp)[]) => {
    expect(r.code, r.stderr).toBe(2);
    for (const s of said) expect(r.stderr).toMatch(s);
    expect(r.stderr).not.toContain('内部错误');
    expect(r.stderr).not.toMatch(/^\[\d+\/\d+\]/m);
  };
  const pdfsUnder = (d: string) => (existsSync(d) ? (readdirSync(d, { recursive: true }) as string[]).filter((f) => f.endsWith('.pdf')) : []);

  beforeAll(() => {
    dir = batchData(['a', 'b'], 'juesuan-refuse-');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('a manifest.json it cannot use is refused, never overwritten', () => {
    const cases: [name: string, make: (path: string) => void, said: RegExp][] = [
      ['a folder', (p) => mkdirSync(p), /manifest\.json 无法使用：是一个文件夹，不是文件/],
      ['empty', (p) => writeFileSync(p, ''), /无法使用：文件为空/],
      ['not JSON', (p) => writeFileSync(p, '{\n  "format": 2,\n  "entries": [\n    {"input": "x" \n  ]\n}\n'), /无法使用：不是有效的 JSON（第 5 行第 3 列）/],
      ['not a manifest', (p) => writeFileSync(p, '[1, 2]'), /无法使用：不是 JSON 对象/],
      ['another format', (p) => writeFileSync(p, '{"format": 3, "generator": "x", "entries": []}'), /无法使用：format 应为 2（或旧版的 1），而不是 3/],
      ['an entry of the wrong type', (p) => writeFileSync(p, '{"format": 2, "generator": "x", "entries": [{"input": 3}]}'), /无法使用：entries\[0\]\.input 应为非空字符串，而不是 3/],
    ];
    for (const [name, make, said] of cases) {
      it(name, () => {
        const out = join(dir, `manifest-${name.replace(/\W+/g, '-')}`);
        mkdirSync(out);
        make(join(out, 'manifest.json'));
        const before = existsSync(join(out, 'manifest.json', '.')) ? null : readFileSync(join(out, 'manifest.json'));
        const r = batch(out);
        expectRefused(r, said, /本次未生成任何 PDF/, new RegExp(`${out}/manifest\\.json`));
        expect(pdfsUnder(out)).toEqual([]);
        if (before) expect(readFileSync(join(out, 'manifest.json')).equals(before)).toBe(true);
        // --dry-run says the same: nothing is planned over a manifest it cannot read.
        expect(batch(out, '--dry-run').code).toBe(2);
      });
    }

    it('an entry of the wrong shape deep inside, by its path', () => {
      const out = join(dir, 'manifest-deep');
      expect(batch(out).code).toBe(0);
      const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      m.entries[1].findings[0].line = 'x';
      writeFileSync(join(out, 'manifest.json'), JSON.stringify(m));
      const r = batch(out);
      expectRefused(r, /无法使用：entries\[1\]\.findings\[0\]\.line 应为正整数或 null，而不是 "x"/);
      m.entries[1].findings[0].line = 1;
      m.entries[0].status = 'done';
      writeFileSync(join(out, 'manifest.json'), JSON.stringify(m));
      expectRefused(batch(out), /entries\[0\]\.status 应为 ok、checked、failed、interrupted 之一，而不是 "done"/);
    });
  });

  describe('-o that is not a folder it can write', () => {
    it('a plain file', () => {
      const file = join(dir, 'out-file');
      writeFileSync(file, 'mine');
      expectRefused(batch(file), `输出文件夹 ${file} 是一个文件，不是文件夹`);
      // Named as the user typed it, from the working folder.
      expectRefused(cli(['batch', 'data', '-o', 'out-file'], dir), '输出文件夹 out-file 是一个文件，不是文件夹');
      expect(readFileSync(file, 'utf8')).toBe('mine');
    });

    it('a folder below a plain file', () => {
      const file = join(dir, 'out-file2');
      writeFileSync(file, 'mine');
      expectRefused(batch(join(file, 'sub')), `无法建立输出文件夹 ${join(file, 'sub')}：${file} 是一个文件，不是文件夹`);
    });

    it('an empty name', () => {
      const r = cli(['batch', data(), '-o', '']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('-o 后应为输出文件夹');
    });

    it('a folder it may not write into', () => {
      const out = join(dir, 'read-only');
      mkdirSync(out);
      chmodSync(out, 0o555);
      const r = cliUnprivileged(['batch', data(), '-o', out]);
      expectRefused(r, `无法写入输出文件夹 ${out}：没有权限`);
      expect(pdfsUnder(out)).toEqual([]);
    });
  });

  describe('an output that is one of its inputs', () => {
    // A PDF path ends in .pdf and an input in .yaml: only another name of the same file can be both.
    it('a hard link', () => {
      const out = join(dir, 'onto-hard');
      mkdirSync(join(out, '2023'), { recursive: true });
      linkSync(join(data(), '2023/a.yaml'), join(out, '2023/a.pdf'));
      const before = readFileSync(join(data(), '2023/a.yaml'));
      expectRefused(batch(out), '输出会覆盖输入', `${out}/2023/a.pdf 就是输入文件 ${data()}/2023/a.yaml`);
      expect(readFileSync(join(data(), '2023/a.yaml')).equals(before)).toBe(true);
    });

    it('a symbolic link, relative', () => {
      const out = join(dir, 'onto-symlink');
      mkdirSync(join(out, '2023'), { recursive: true });
      symlinkSync(relative(join(out, '2023'), join(data(), '2023/b.yaml')), join(out, '2023/b.pdf'));
      expectRefused(batch(out), `${out}/2023/b.pdf 就是输入文件 ${data()}/2023/b.yaml`);
    });

    it('the manifest', () => {
      const out = join(dir, 'onto-manifest');
      mkdirSync(out);
      symlinkSync(join(data(), '2023/a.yaml'), join(out, 'manifest.json'));
      // It reads as a bad manifest first — either way, refused, and the input is untouched.
      const r = batch(out);
      expect(r.code).toBe(2);
      expect(readFileSync(join(data(), '2023/a.yaml'), 'utf8')).toContain('id: a');
    });

    it('is fine with -o inside the data folder, beside the inputs', () => {
      const r = cli(['batch', join(data(), '2023/a.yaml'), '-o', data()]);
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(join(data(), '2023/a.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
      expect(readFileSync(join(data(), '2023/a.yaml'), 'utf8')).toContain('id: a');
      rmSync(join(data(), '2023/a.pdf'));
      rmSync(join(data(), 'manifest.json'));
    });
  });
});

describe('juesuan batch: a manifest of the earlier format', () => {
  let dir: string;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is read with its paths relative to the folder it was written from, and rewritten', () => {
    dir = batchData(['a', 'b'], 'juesuan-format1-');
    const out = writableByAll(join(dir, 'out'));
    expect(cli(['batch', 'data', '-o', 'out'], dir).code).toBe(0);
    // As the earlier version wrote it: format 1, paths relative to the working folder, no `previous`.
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    const cwdRelative = (p: string) => relative(dir, join(out, p));
    m.format = 1;
    for (const e of m.entries) {
      e.input = cwdRelative(e.input);
      e.output = cwdRelative(e.output);
      delete e.previous;
      for (const f of e.findings) f.file = cwdRelative(f.file);
    }
    expect(m.entries[0].input).toBe('data/2023/a.yaml');
    writeFileSync(join(out, 'manifest.json'), JSON.stringify(m));

    const r = cli(['batch', 'data', '-o', 'out', '--changed'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('skipped 2');
    const after = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(after.format).toBe(2);
    expect(after.entries.map((e: { input: string }) => e.input)).toEqual(['../data/2023/a.yaml', '../data/2023/b.yaml']);
  });
});

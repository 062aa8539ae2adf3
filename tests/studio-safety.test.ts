import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { history, http, startStudio, studioData, type Studio } from './studio-support.js';
import { cli } from './helpers.js';

/**
 * juesuan studio's safety rules (issue 16): a request without the token, with a foreign Host or
 * Origin, with a path leading out of the data folder (`..`, absolute, a symlink), or with a body
 * past the limit is refused, and nothing is written.
 */
describe('juesuan studio refuses what it must', () => {
  let studio: Studio;
  let data: ReturnType<typeof studioData>;
  let outside: string;
  const REL = '2023/jiangan-housing.yaml';
  let original: string;
  let version: string;

  const cookie = () => ({ cookie: `juesuan_studio=${studio.token}` });
  const json = (body: unknown) => ({ method: 'POST', headers: { ...cookie(), 'content-type': 'application/json' }, body: JSON.stringify(body) });
  /** Every file under the test's folder with its bytes: what "nothing written" compares. */
  const snapshot = () => {
    const out: Record<string, string> = {};
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isSymbolicLink()) out[p] = 'link';
        else if (e.isDirectory()) walk(p);
        else out[p] = readFileSync(p, 'latin1');
      }
    };
    walk(data.root);
    return out;
  };

  beforeAll(async () => {
    data = studioData();
    original = readFileSync(data.sample, 'utf8');
    outside = join(data.root, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.yaml'), 'secret: 不应被读出\n');
    symlinkSync(join(outside, 'secret.yaml'), join(data.dir, '2023/link.yaml'));
    symlinkSync(outside, join(data.dir, 'elsewhere'));
    studio = await startStudio(data.dir);
    const opened = await http(studio.port, `/api/open?path=${encodeURIComponent(REL)}`, { headers: cookie() });
    expect(opened.status).toBe(200);
    version = JSON.parse(opened.body).version;
  });
  afterAll(async () => {
    await studio?.stop();
  });

  it('listens on 127.0.0.1 and prints a URL with a random token of at least 16 characters', async () => {
    expect(studio.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(studio.token.length).toBeGreaterThanOrEqual(16);
    const other = await startStudio(data.dir);
    try {
      expect(other.token).not.toBe(studio.token);
    } finally {
      await other.stop();
    }
  });

  it('moves the token from the URL into an HttpOnly, SameSite=Strict cookie', async () => {
    const r = await http(studio.port, `/?token=${studio.token}`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/');
    const set = String(r.headers['set-cookie']);
    expect(set).toContain(`juesuan_studio=${studio.token}`);
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Strict');
    const page = await http(studio.port, '/', { headers: cookie() });
    expect(page.status).toBe(200);
    expect(page.body).toContain('决算工作台');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('refuses requests without the token or with a wrong one, and saves nothing', async () => {
    const before = snapshot();
    for (const [path, headers] of [
      ['/', {}],
      ['/studio.js', {}],
      ['/api/departments', {}],
      [`/api/open?path=${REL}`, {}],
      ['/api/departments', { cookie: 'juesuan_studio=wrong-token-wrong-token-wrong' }],
      ['/?token=wrong-token-wrong-token-wrong', {}],
      [`/?token=${studio.token.slice(0, -1)}`, {}],
    ] as [string, Record<string, string>][]) {
      const r = await http(studio.port, path, { headers });
      expect(r.status, path).toBe(403);
      expect(r.body).not.toContain('jiangan');
    }
    const save = await http(studio.port, '/api/save', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: REL, text: 'x: 1\n', version }) });
    expect(save.status).toBe(403);
    expect(JSON.parse(save.body).message).toContain('口令');
    expect(snapshot()).toEqual(before);
  });

  it('refuses a foreign Host header or Origin, even with the token, and saves nothing', async () => {
    const before = snapshot();
    for (const host of ['evil.example', `evil.example:${studio.port}`, `127.0.0.1:${studio.port + 1}`, `192.168.1.5:${studio.port}`, `127.0.0.1.evil.example:${studio.port}`]) {
      const r = await http(studio.port, '/api/departments', { headers: { ...cookie(), host } });
      expect(r.status, host).toBe(403);
      const s = await http(studio.port, '/api/save', { ...json({ path: REL, text: 'x: 1\n', version }), headers: { ...cookie(), 'content-type': 'application/json', host } });
      expect(s.status, host).toBe(403);
    }
    const fromElsewhere = await http(studio.port, '/api/save', { ...json({ path: REL, text: 'x: 1\n', version }), headers: { ...cookie(), 'content-type': 'application/json', origin: 'http://evil.example' } });
    expect(fromElsewhere.status).toBe(403);
    const form = await http(studio.port, '/api/save', { method: 'POST', headers: { ...cookie(), 'content-type': 'text/plain' }, body: JSON.stringify({ path: REL, text: 'x: 1\n', version }) });
    expect(form.status).toBe(415);
    expect(snapshot()).toEqual(before);
    // localhost by name is the same machine.
    expect((await http(studio.port, '/api/departments', { headers: { ...cookie(), host: `localhost:${studio.port}` } })).status).toBe(200);
  });

  it('refuses paths with .., absolute paths and symlinks leading out of the data folder, and writes nothing', async () => {
    const before = snapshot();
    const bad = ['../outside/secret.yaml', '2023/../../outside/secret.yaml', join(data.root, 'outside/secret.yaml'), '/etc/passwd', '2023/link.yaml', 'elsewhere/secret.yaml', '2023\\..\\..\\outside\\secret.yaml', './2023/jiangan-housing.yaml', '2023/jiangan-housing.yaml.bak', ''];
    for (const path of bad) {
      const open = await http(studio.port, `/api/open?path=${encodeURIComponent(path)}`, { headers: cookie() });
      expect(open.status, path).toBe(400);
      expect(open.body).not.toContain('不应被读出');
      expect(JSON.parse(open.body).message).toMatch(/[\u4e00-\u9fff]/);
      const save = await http(studio.port, '/api/save', json({ path, text: 'secret: 被改写\n', version }));
      expect(save.status, path).toBe(400);
      const preview = await http(studio.port, '/api/preview', json({ path, text: original }));
      expect(preview.status, path).toBe(400);
      const pdf = await http(studio.port, `/api/pdf?path=${encodeURIComponent(path)}`, { headers: cookie() });
      expect(pdf.status, path).toBe(400);
    }
    expect(readFileSync(join(outside, 'secret.yaml'), 'utf8')).toBe('secret: 不应被读出\n');
    expect(snapshot()).toEqual(before);
    const list = JSON.parse((await http(studio.port, '/api/departments', { headers: cookie() })).body);
    expect(list.departments.map((d: { path: string }) => d.path)).toEqual([REL]);
  });

  it('refuses an upload or a request body past its limit, and writes nothing', async () => {
    const before = snapshot();
    // Declared too large: refused before a byte is read.
    const declared = await http(studio.port, '/api/import', {
      method: 'POST',
      headers: { ...cookie(), 'content-type': 'application/octet-stream', 'x-file-name': 'report.pdf', 'content-length': 65 * 1024 * 1024 },
      body: Buffer.alloc(1024),
    });
    expect([413, 0]).toContain(declared.status);
    if (declared.status) expect(JSON.parse(declared.body).message).toContain('过大');
    // Sent without a length, in pieces: refused once past the limit (a save of 9 MB against 8 MB).
    const big = Buffer.from(JSON.stringify({ path: REL, text: 'x'.repeat(9 * 1024 * 1024), version }));
    const chunks = Array.from({ length: Math.ceil(big.length / (1 << 20)) }, (_, i) => big.subarray(i << 20, (i + 1) << 20));
    const streamed = await http(studio.port, '/api/save', { method: 'POST', headers: { ...cookie(), 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, chunks });
    expect([413, 0]).toContain(streamed.status);
    expect(snapshot()).toEqual(before);
    // Within the limit, a dropped PDF that cannot be read is answered in words, under its own name.
    const small = await http(studio.port, '/api/import', { method: 'POST', headers: { ...cookie(), 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent('报告.pdf') }, body: Buffer.from('%PDF-1.7\n') });
    expect(small.status).toBe(422);
    expect(JSON.parse(small.body).message).toMatch(/^不能导入“报告\.pdf”：.*未写入任何文件。$/s);
    expect(JSON.parse(small.body).message).not.toContain('juesuan-upload-');
    expect(snapshot()).toEqual(before);
  });

  it('tells a save from an older version (another tab) with 409 and keeps the file', async () => {
    const first = await http(studio.port, '/api/save', json({ path: REL, text: original.replace('last_year: 63.20', 'last_year: 63.2'), version }));
    expect(first.status).toBe(200);
    const saved = readFileSync(data.sample, 'utf8');
    expect(history(data.dir)).toEqual([original]);
    const stale = await http(studio.port, '/api/save', json({ path: REL, text: 'department: {}\n', version }));
    expect(stale.status).toBe(409);
    expect(JSON.parse(stale.body).message).toContain('另一个窗口');
    expect(readFileSync(data.sample, 'utf8')).toBe(saved);
    expect(history(data.dir)).toEqual([original]);
    expect(existsSync(join(data.dir, '2023/x.yaml'))).toBe(false);
    // The kept versions are no departments.
    const list = JSON.parse((await http(studio.port, '/api/departments', { headers: cookie() })).body);
    expect(list.departments.map((d: { path: string }) => d.path)).toEqual([REL]);
  });

  it('refuses a data folder that is not there or a port that is no port: exit 2, a message, no server', () => {
    for (const [args, said] of [
      [['studio', join(data.root, 'no-such-folder')], '数据文件夹不存在'],
      [['studio', data.sample], '数据文件夹不存在'],
      [['studio', data.dir, '--port', 'abc'], '--port 应为 0–65535 的整数'],
      [['studio', data.dir, '--port', '70000'], '--port 应为 0–65535 的整数'],
      [['studio', data.dir, data.dir], '只接受一个数据文件夹'],
      [['studio', data.dir, '--port', String(studio.port)], `端口 ${studio.port} 已被占用`],
    ] as [string[], string][]) {
      const r = cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(said);
      expect(r.stdout).not.toContain('token=');
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    }
  });
});

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { http, startStudio, studioData, type Studio } from './studio-support.js';
import { cli, SAMPLE } from './helpers.js';

// A published report or a workbook dropped on the studio's page becomes a department file of the
// data folder, through the same readers as `juesuan import`; beside existing files, never over them.
describe('juesuan studio: a dropped PDF or workbook', () => {
  let studio: Studio;
  let data: ReturnType<typeof studioData>;
  let work: string;
  const cookie = () => ({ cookie: `juesuan_studio=${studio.token}` });
  const upload = (name: string, body: Buffer) =>
    http(studio.port, '/api/import', { method: 'POST', headers: { ...cookie(), 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) }, body });

  beforeAll(async () => {
    data = studioData();
    work = mkdtempSync(join(tmpdir(), 'juesuan-studio-import-'));
    expect(cli(['render', SAMPLE, '-o', join(work, 'report.pdf')]).code).toBe(0);
    expect(cli(['export', SAMPLE, '--xlsx', '-o', join(work, 'book.xlsx')]).code).toBe(0);
    studio = await startStudio(data.dir);
  }, 120_000);
  afterAll(async () => {
    await studio?.stop();
    rmSync(work, { recursive: true, force: true });
    rmSync(data.root, { recursive: true, force: true });
  });

  it('a published PDF becomes <year>/<name>.yaml with the tables it prints; a second drop goes beside it', async () => {
    const pdf = readFileSync(join(work, 'report.pdf'));
    const first = await upload('江岸区 2023 决算.pdf', pdf);
    expect(first.status, first.body).toBe(200);
    expect(JSON.parse(first.body).path).toBe('2023/江岸区-2023-决算.yaml');
    const made = parse(readFileSync(join(data.dir, '2023/江岸区-2023-决算.yaml'), 'utf8'));
    expect(made.purpose).toBe('archive');
    expect(made.tables.summary).toEqual(parse(readFileSync(SAMPLE, 'utf8')).tables.summary);
    const second = await upload('江岸区 2023 决算.pdf', pdf);
    expect(JSON.parse(second.body).path).toBe('2023/江岸区-2023-决算-2.yaml');
    const list = JSON.parse((await http(studio.port, '/api/departments', { headers: cookie() })).body);
    expect(list.departments.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['2023/江岸区-2023-决算.yaml', '2023/江岸区-2023-决算-2.yaml']));
  }, 120_000);

  it('a workbook becomes a file of its tables', async () => {
    const r = await upload('tables.xlsx', readFileSync(join(work, 'book.xlsx')));
    expect(r.status, r.body).toBe(200);
    const made = parse(readFileSync(join(data.dir, JSON.parse(r.body).path), 'utf8'));
    expect(made.tables).toEqual(parse(readFileSync(SAMPLE, 'utf8')).tables);
  }, 60_000);

  it('refuses what is neither, and a workbook that is not one, writing nothing', async () => {
    const before = readdirSync(data.dir, { recursive: true }).sort();
    const other = await upload('notes.docx', Buffer.from('PK\x03\x04'));
    expect(other.status).toBe(422);
    expect(JSON.parse(other.body).message).toContain('只能导入已公开的决算 PDF 或 Excel');
    const broken = await upload('坏表.xlsx', Buffer.from('PK\x03\x04 not a zip'));
    expect(broken.status).toBe(422);
    expect(JSON.parse(broken.body).message).toMatch(/^不能导入“坏表\.xlsx”：.*未写入任何文件。$/s);
    expect(readdirSync(data.dir, { recursive: true }).sort()).toEqual(before);
    expect(existsSync(join(data.dir, 'imported'))).toBe(false);
  });
});

import { describe, it, expect, afterAll, afterEach } from 'vitest';
import { readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { classifyFailure } from '../src/failure/classify.js';
import { UsageError } from '../src/failure/usage-error.js';
import { InputError } from '../src/model/diagnostics.js';
import { OutputError } from '../src/io/output-guard.js';
import { LayoutError, TableTooTallError, TableTooWideError } from '../src/layout/index.js';
import { FontConfigError, FontDamageError, MissingGlyphError, UnsupportedFontError } from '../src/fonts/errors.js';
import { ROOT } from './helpers.js';
import { batchData, cliWith, toolCopy } from './batch-support.js';

/**
 * One classification of thrown values (src/failure/classify.ts), by class: what `juesuan render`
 * prints and what the batch records in its manifest are the same findings and exit codes.
 */

const fsError = (code: string, syscall: string, path?: string) => Object.assign(new Error(`${code}: ${syscall}`), { code, syscall, errno: -1, path });

describe('classifyFailure', () => {
  const debug = process.env.JUESUAN_DEBUG;
  afterEach(() => {
    if (debug === undefined) delete process.env.JUESUAN_DEBUG;
    else process.env.JUESUAN_DEBUG = debug;
  });

  it('takes the diagnostics and exit code an InputError or OutputError carries', () => {
    const d = { severity: 'error' as const, rule: 'schema', message: '缺少字段', file: 'x.yaml', line: 3 };
    expect(classifyFailure(new InputError([d], 1), 'juesuan')).toEqual({ kind: 'input', exitCode: 1, diagnostics: [d] });
    expect(classifyFailure(new InputError([d], 2), 'juesuan')).toMatchObject({ kind: 'input', exitCode: 2 });
    const o = { severity: 'error' as const, rule: 'output-is-input', message: '输出文件就是输入文件', file: 'x.pdf' };
    expect(classifyFailure(new OutputError(o), 'juesuan')).toEqual({ kind: 'output', exitCode: 2, diagnostics: [o] });
  });

  it('names `where` for errors that name no file', () => {
    expect(classifyFailure(new UsageError('缺少命令'), 'juesuan')).toMatchObject({
      kind: 'usage',
      exitCode: 2,
      diagnostics: [{ severity: 'error', rule: 'usage', message: '缺少命令', file: 'juesuan' }],
    });
    const glyph = new MissingGlyphError('㐀', 'body', '/fonts/x.ttf', '…㐀…');
    expect(classifyFailure(glyph, 'data/2023/a.yaml')).toEqual({
      kind: 'missing-glyph',
      exitCode: 1,
      diagnostics: [{ severity: 'error', rule: 'missing-glyph', message: glyph.message, file: 'data/2023/a.yaml' }],
    });
  });

  it('takes every LayoutError, the table ones included, as a layout finding (exit 1)', () => {
    for (const e of [new LayoutError('封面标题过长'), new TableTooWideError('表格过宽'), new TableTooTallError('表头过高')]) {
      expect(classifyFailure(e, 'a.yaml')).toEqual({ kind: 'layout', exitCode: 1, diagnostics: [{ severity: 'error', rule: 'layout', message: e.message, file: 'a.yaml' }] });
    }
  });

  it('takes a font configuration error and a damaged or unsupported font as font-config (exit 2)', () => {
    for (const e of [new FontConfigError('字体配置有误'), new FontDamageError('文件被截短'), new UnsupportedFontError('cmap 格式不支持')]) {
      expect(classifyFailure(e, 'a.yaml')).toMatchObject({ kind: 'font-config', exitCode: 2, diagnostics: [{ rule: 'font-config', message: e.message }] });
    }
  });

  it('tells a file that cannot be read from one that cannot be written (exit 2)', () => {
    expect(classifyFailure(fsError('ENOENT', 'open', '/t/document.hbs'), 'a.yaml')).toEqual({
      kind: 'file-system',
      exitCode: 2,
      diagnostics: [{ severity: 'error', rule: 'unreadable', message: '无法读取 /t/document.hbs：文件不存在（运行中被移走或删除？）', file: 'a.yaml' }],
    });
    expect(classifyFailure(fsError('ENOSPC', 'write'), 'a.yaml')).toMatchObject({
      kind: 'file-system',
      exitCode: 2,
      diagnostics: [{ rule: 'write', message: '无法写入文件：磁盘已满' }],
    });
  });

  it('classifies by class, not by name: an error merely named like a known one is a bug', () => {
    for (const name of ['MissingGlyphError', 'TableTooWideError', 'FontConfigError', 'InputError']) {
      const impostor = Object.assign(new Error('奇怪的错误'), { name });
      expect(classifyFailure(impostor, 'a.yaml')).toMatchObject({ kind: 'internal', exitCode: 1, diagnostics: [{ rule: 'internal', message: '内部错误：奇怪的错误' }] });
    }
  });

  it('keeps anything else an internal error, with the stack only under JUESUAN_DEBUG', () => {
    delete process.env.JUESUAN_DEBUG;
    expect(classifyFailure(new TypeError('x is undefined'), 'a.yaml')).toEqual({
      kind: 'internal',
      exitCode: 1,
      diagnostics: [{ severity: 'error', rule: 'internal', message: '内部错误：x is undefined', file: 'a.yaml' }],
      stack: undefined,
    });
    expect(classifyFailure('a thrown string', 'a.yaml').diagnostics[0]!.message).toBe('内部错误：a thrown string');
    process.env.JUESUAN_DEBUG = '1';
    const e = new RangeError('deep');
    expect(classifyFailure(e, 'a.yaml').stack).toBe(e.stack);
  });
});

describe('render and batch report a failure alike', () => {
  const dir = batchData(['a'], 'juesuan-failure-');
  // A copy of the tool whose template file points nowhere: a file the tool cannot read.
  const bin = toolCopy(join(dir, 'tool'));
  rmSync(join(dir, 'tool/templates/document.hbs'));
  symlinkSync(join(dir, 'no-such-file.hbs'), join(dir, 'tool/templates/document.hbs'));
  const env = { JUESUAN_CACHE_DIR: 'off' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('render: a file the tool cannot read is exit 2 naming it, not an internal error', () => {
    const r = cliWith(bin, ['render', join(dir, 'data/2023/a.yaml'), '-o', join(dir, 'a.pdf')], ROOT, env);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`juesuan: error [unreadable] 无法读取 ${join(dir, 'tool/templates/document.hbs')}：文件不存在`);
    expect(r.stderr).not.toContain('内部错误');
  });

  it('batch: the same finding in the manifest', () => {
    const out = join(dir, 'out');
    const r = cliWith(bin, ['batch', join(dir, 'data'), '-o', out, '--jobs', '1'], ROOT, env);
    expect(r.code, r.stderr).toBe(1);
    const [entry] = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).entries;
    expect(entry.status).toBe('failed');
    expect(entry.findings).toMatchObject([{ severity: 'error', rule: 'unreadable', message: expect.stringContaining(`无法读取 ${join(dir, 'tool/templates/document.hbs')}：文件不存在`) }]);
    expect(r.stderr).not.toContain('内部错误');
  });
});

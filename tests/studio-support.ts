import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, SAMPLE } from './helpers.js';

/** A data folder of its own: the catalogs and the Wuhan sample, as `data/` has them. */
export function studioData(): { root: string; dir: string; sample: string } {
  const root = mkdtempSync(join(tmpdir(), 'juesuan-studio-'));
  const dir = join(root, 'data');
  mkdirSync(join(dir, '2023'), { recursive: true });
  cpSync(join(ROOT, 'data/catalog'), join(dir, 'catalog'), { recursive: true });
  const sample = join(dir, '2023/jiangan-housing.yaml');
  cpSync(SAMPLE, sample);
  return { root, dir, sample };
}

export interface Studio {
  proc: ChildProcess;
  url: string;
  port: number;
  token: string;
  stop(): Promise<void>;
}

/** `juesuan studio <dir>` as the officer starts it, on a port of its own choosing; its URL read from what it prints. */
export function startStudio(dir: string, args: string[] = []): Promise<Studio> {
  const proc = spawn(process.execPath, [join(ROOT, 'bin/juesuan.js'), 'studio', dir, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`studio did not start:\n${out}\n${err}`)), 30_000);
    proc.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    proc.on('exit', (code) => reject(new Error(`studio exited ${code}:\n${out}\n${err}`)));
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        proc,
        url: m[0],
        port: Number(m[1]),
        token: m[2]!,
        stop: () =>
          new Promise((done) => {
            if (proc.exitCode !== null) return done();
            proc.once('exit', () => done());
            proc.kill('SIGTERM');
          }),
      });
    });
  });
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request (node:http sets any Host header, which fetch does not). */
export function http(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string | number>; body?: string | Buffer; chunks?: Buffer[] } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    // The server may answer and close before a refused body is all sent.
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? resolve({ status: 0, headers: {}, body: e.code }) : reject(e)));
    if (options.chunks) {
      for (const c of options.chunks) req.write(c);
      req.end();
    } else req.end(options.body);
  });
}

/** The versions the studio kept of the sample before its saves, oldest first. */
export function history(dir: string): string[] {
  const folder = join(dir, '.juesuan-history/2023/jiangan-housing');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .sort()
    .map((f) => readFileSync(join(folder, f), 'utf8'));
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import { EditRefused } from './yaml-edit.js';
import { allowedHosts, cookieToken, newToken, PathRefused, sameSecret, tokenCookie } from './safety.js';
import { NoPdf, SaveConflict, Workspace } from './workspace.js';
import { importUpload, ImportRefused } from './import-upload.js';
import type { ApiFailure, DepartmentList, EditedPreview, Imported, OpenedFile, Preview, Saved } from './api-types.js';

/** JSON bodies carry one department file (at most 4 MB, src/load/read-source.ts) and a little more. */
export const MAX_JSON_BYTES = 8 * 1024 * 1024;
/** A dropped PDF or xlsx: published reports run to a few megabytes. */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

/**
 * Scripts and styles only from the studio itself; no inline script, no frames, no plug-ins, no
 * form posts elsewhere; pdf.js runs in a worker of the same origin and draws on canvases.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  // CodeMirror and pdf.js set style attributes and sheets of their own; scripts stay strict.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The page's files, built into dist/studio-page by scripts/bundle.mjs. */
const ASSETS: Record<string, string> = {
  '/': 'index.html',
  '/studio.js': 'studio.js',
  '/studio.css': 'studio.css',
  '/pdf.worker.mjs': 'pdf.worker.mjs',
  '/schema.json': 'department.schema.json',
};
const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', mjs: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', json: 'application/json; charset=utf-8' };

export interface StudioOptions {
  dir: string;
  host?: string;
  port?: number;
  /** Fixed by tests; otherwise a fresh random one. */
  token?: string;
}

export interface RunningStudio {
  server: Server;
  url: string;
  port: number;
  token: string;
  workspace: Workspace;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startStudio(options: StudioOptions): Promise<RunningStudio> {
  const workspace = new Workspace(options.dir);
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  let hosts = new Set<string>();
  const assetDir = join(PACKAGE_ROOT, 'dist/studio-page');

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof HttpError) return send<ApiFailure>(res, e.status, { message: e.message });
      if (e instanceof PathRefused || e instanceof EditRefused) return send<ApiFailure>(res, 400, { message: e.message });
      if (e instanceof SaveConflict) return send<ApiFailure>(res, 409, { message: e.message, version: e.current });
      if (e instanceof NoPdf) return send<ApiFailure>(res, 422, { message: e.message });
      if (e instanceof ImportRefused) return send<ApiFailure>(res, 422, { message: e.message });
      if (process.env.JUESUAN_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
      send<ApiFailure>(res, 500, { message: `处理请求时出错：${(e as Error).message}` });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Before anything is read or done: the local address, and the secret.
    if (!hosts.has(req.headers.host ?? '')) throw new HttpError(403, '拒绝：请求的主机名不是本机的决算工作台');
    const url = new URL(req.url ?? '/', 'http://local');
    const given = url.searchParams.get('token');
    if (given !== null) {
      if (!sameSecret(given, token)) throw new HttpError(403, '拒绝：链接中的口令不对，请使用启动时显示的链接');
      // The secret moves into a cookie other sites' pages cannot send, and out of the address bar.
      res.writeHead(303, { 'Set-Cookie': tokenCookie(token), Location: url.pathname, 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    if (!sameSecret(cookieToken(req), token)) throw new HttpError(403, '拒绝：没有口令。请使用启动时显示的链接（含 ?token=…）打开决算工作台');
    const origin = req.headers.origin;
    if (origin !== undefined && !hosts.has(origin.replace(/^https?:\/\//, ''))) throw new HttpError(403, '拒绝：请求来自别的网页');

    if (req.method === 'GET' && ASSETS[url.pathname]) return asset(res, ASSETS[url.pathname]!);
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case 'GET /api/departments':
        return send<DepartmentList>(res, 200, { root: workspace.root, departments: await workspace.list() });
      case 'GET /api/open':
        return send<OpenedFile>(res, 200, workspace.open(url.searchParams.get('path') ?? ''));
      case 'POST /api/preview': {
        const body = await readJson(req);
        return send<Preview>(res, 200, workspace.preview(String(body.path), text(body.text)));
      }
      case 'POST /api/edit': {
        const body = await readJson(req);
        const field = body.field as unknown;
        if (!Array.isArray(field) || !field.every((p) => typeof p === 'string' || Number.isInteger(p))) throw new HttpError(400, '字段路径不合规');
        const t0 = performance.now();
        const edited = workspace.edit(text(body.text), field, text(body.value), body.kind === 'number' ? 'number' : 'text');
        const preview = workspace.preview(String(body.path), edited);
        // The time of the whole edit: the text changed and read back, then checked and laid out.
        return send<EditedPreview>(res, 200, { text: edited, ...preview, ms: Math.round(performance.now() - t0) });
      }
      case 'POST /api/save': {
        const body = await readJson(req);
        return send<Saved>(res, 200, workspace.save(String(body.path), text(body.text), String(body.version)));
      }
      case 'GET /api/page': {
        const pdf = workspace.page(Number(url.searchParams.get('rev')), Number(url.searchParams.get('n')));
        if (!pdf) throw new HttpError(404, '该页已过期，请稍候');
        res.writeHead(200, { ...headers(), 'Content-Type': 'application/pdf' });
        res.end(pdf);
        return;
      }
      case 'GET /api/pdf': {
        const { pdf, name } = workspace.pdf(url.searchParams.get('path') ?? '');
        res.writeHead(200, {
          ...headers(),
          'Content-Type': 'application/pdf',
          'Content-Disposition': `attachment; filename="report.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
        });
        res.end(pdf);
        return;
      }
      case 'POST /api/import': {
        const bytes = await readBody(req, MAX_UPLOAD_BYTES);
        const name = decodeURIComponent(String(req.headers['x-file-name'] ?? ''));
        return send<Imported>(res, 200, await importUpload(workspace.root, name, bytes));
      }
      default:
        throw new HttpError(404, '没有这个页面');
    }
  }

  function asset(res: ServerResponse, name: string): void {
    let body: Buffer;
    try {
      body = readFileSync(join(assetDir, name));
    } catch {
      throw new HttpError(500, '工作台的页面文件缺失：请先运行 npm run build');
    }
    res.writeHead(200, { ...headers(), 'Content-Type': TYPES[name.split('.').pop()!] ?? 'application/octet-stream' });
    res.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  hosts = allowedHosts(host, port);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    server,
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    workspace,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function headers(): Record<string, string> {
  return {
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

/** JSON of the type the page reads it as (src/studio/api-types.ts): name it at each call. */
function send<T extends object>(res: ServerResponse, status: number, body: T): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { ...headers(), 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function text(v: unknown): string {
  if (typeof v !== 'string') throw new HttpError(400, '请求缺少文本');
  return v;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  // A page elsewhere cannot send JSON here without asking first (CORS), and that is not answered.
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new HttpError(415, '请求格式不对（应为 JSON）');
  const body = await readBody(req, MAX_JSON_BYTES);
  try {
    const value = JSON.parse(body.toString('utf8')) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // below
  }
  throw new HttpError(400, '请求内容不是有效的 JSON');
}

/** The body, refused (413) past `limit` bytes: by its declared length before reading, else as it comes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => new HttpError(413, `上传的内容过大：上限 ${Math.round(limit / 1024 / 1024)} MB`);
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.destroy();
        reject(tooLarge());
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

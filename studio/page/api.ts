/** The studio's server, as the page calls it: JSON in and out, the message in Chinese on failure. */

// The server's own types (one module in both compilation units; erased from the bundle).
export type {
  ApiFailure,
  DepartmentEntry,
  DepartmentList,
  EditedPreview,
  Field,
  Imported,
  OpenedFile,
  Preview,
  Saved,
  StudioFinding,
  YamlPath,
} from '../../src/studio/api-types.js';
import type { ApiFailure } from '../../src/studio/api-types.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function answer<T>(r: Response): Promise<T> {
  const body = (await r.json().catch(() => ({ message: `服务器无响应（${r.status}）` }))) as T & Partial<ApiFailure>;
  if (!r.ok) throw new ApiError(r.status, body.message ?? `出错了（${r.status}）`);
  return body;
}

export async function get<T>(url: string): Promise<T> {
  return answer<T>(await fetch(url, { credentials: 'same-origin' }));
}

export async function post<T>(url: string, body: unknown): Promise<T> {
  return answer<T>(await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }));
}

export async function upload<T>(url: string, file: File): Promise<T> {
  return answer<T>(await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'X-File-Name': encodeURIComponent(file.name), 'Content-Type': 'application/octet-stream' }, body: file }));
}

export async function download(url: string): Promise<{ blob: Blob; name: string }> {
  const r = await fetch(url, { credentials: 'same-origin' });
  if (!r.ok) await answer(r);
  const disposition = r.headers.get('Content-Disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  return { blob: await r.blob(), name: m ? decodeURIComponent(m[1]!) : 'report.pdf' };
}

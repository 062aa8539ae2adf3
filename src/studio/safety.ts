import { randomBytes, timingSafeEqual } from 'node:crypto';
import { lstatSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { IncomingMessage } from 'node:http';

/**
 * What keeps other web pages and other users of the machine away from the studio: a secret in
 * the URL it prints (then in a cookie), the Host header of a local address (a page elsewhere that
 * rebinds its own name to 127.0.0.1 sends its own name), and paths that stay inside the data folder.
 */

export const COOKIE = 'juesuan_studio';

/** 32 URL-safe characters from the system's random source. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The Host headers the studio answers: its own address, by number or as localhost. */
export function allowedHosts(host: string, port: number): Set<string> {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  if (host !== '127.0.0.1' && host !== 'localhost') hosts.add(`${host.includes(':') ? `[${host}]` : host}:${port}`);
  return hosts;
}

export function sameSecret(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function tokenCookie(token: string): string {
  return `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** A path the studio refuses: the message says why, in the officer's words. */
export class PathRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PathRefused';
  }
}

/**
 * A department file named relative to the data folder → its absolute path, provided it stays
 * inside: no absolute path, no `..`, no symlink (of the file or a folder on the way) leading out.
 * `mustExist` false allows a new file, whose folder must then exist inside.
 */
export function resolveInside(root: string, rel: unknown, { mustExist = true } = {}): string {
  if (typeof rel !== 'string' || rel === '') throw new PathRefused('没有给出文件名');
  if (rel.includes('\0') || rel.includes('\\')) throw new PathRefused(`文件名不合规：${rel}`);
  if (isAbsolute(rel) || /^[a-zA-Z]:/.test(rel)) throw new PathRefused(`只能打开数据文件夹内的文件，不能用绝对路径：${rel}`);
  const parts = rel.split('/');
  if (parts.some((p) => p === '..' || p === '.' || p === '')) throw new PathRefused(`只能打开数据文件夹内的文件（路径中不能有“..”）：${rel}`);
  if (!/\.ya?ml$/i.test(rel)) throw new PathRefused(`只能打开 YAML 数据文件：${rel}`);
  const realRoot = realpathSync(root);
  const abs = join(realRoot, ...parts);
  let real: string;
  try {
    real = realpathSync(mustExist ? abs : join(abs, '..'));
  } catch {
    throw new PathRefused(`文件不存在：${rel}`);
  }
  if (!within(realRoot, real)) throw new PathRefused(`该文件经链接指向数据文件夹之外，不予打开或写入：${rel}`);
  if (mustExist) {
    if (!lstatSync(real).isFile()) throw new PathRefused(`不是文件：${rel}`);
    return real;
  }
  // A new file: its name must not already be a link leading elsewhere.
  try {
    if (lstatSync(abs).isSymbolicLink()) throw new PathRefused(`该文件是指向别处的链接，不予写入：${rel}`);
  } catch (e) {
    if (e instanceof PathRefused) throw e;
  }
  return join(real, parts[parts.length - 1]!);
}

export function within(root: string, path: string): boolean {
  const r = relative(root, path);
  return r !== '' && !r.startsWith(`..${sep}`) && r !== '..' && !isAbsolute(r);
}

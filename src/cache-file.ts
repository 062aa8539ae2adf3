import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

/**
 * One file of the cache folder: a header, then the payload.
 *
 *   magic (16 bytes) | sha256 of the key (32) | sha256 of (key digest, payload) (32) | payload
 *
 * What is cached gets run (V8's compiled code, template functions), and V8 does not check the
 * bytes of a code cache it is given: a damaged one crashed every later run. So a payload is
 * used only when it is complete, was made for the key the caller asks for (the code, the
 * templates, the versions) and its bytes are the ones written. Anything else is a miss, and the
 * caller compiles and writes a new file over it.
 */
const MAGIC = Buffer.from('juesuan-cache-1\n', 'latin1');
const DIGEST = 32;
const HEADER = MAGIC.length + 2 * DIGEST;
/** Far above any real cache (the largest, V8's code for `render`, is under 2 MB). */
const MAX_BYTES = 64 * 1024 * 1024;

// Never follow a link out of the cache folder, and never wait on a pipe put in a file's place.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** The payload of `dir/name` when it verifies against `key`, else null (and one debug line). */
export function readCacheFile(dir: string, name: string, key: string): Buffer | null {
  const file = join(dir, name);
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') debug(`cache ${file} not used: ${code ?? (e as Error).message}`);
    return null;
  }
  const problem = verify(bytes, keyDigest(key));
  if (problem) {
    debug(`cache ${file} not used: ${problem}`);
    return null;
  }
  return bytes.subarray(HEADER);
}

/**
 * Writes `dir/name` for `key` through a temporary file and a rename, so that a reader sees the
 * old file or the new one, never half of one. No fsync: a file torn by a crash fails its
 * checksum and is rewritten. A folder that cannot be written only costs speed: false.
 */
export function writeCacheFile(dir: string, name: string, key: string, payload: Uint8Array): boolean {
  const file = join(dir, name);
  const tmp = `${file}.${process.pid}-${threadId}.tmp`; // batch workers share a pid
  try {
    const kd = keyDigest(key);
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeAll(fd, MAGIC);
      writeAll(fd, kd);
      writeAll(fd, checksum(kd, payload));
      writeAll(fd, payload);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    return true;
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // the folder refused the file in the first place
    }
    debug(`cache ${file} not written: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return false;
  }
}

/** Why `bytes` is not a good cache file for the key digest `kd`, or null when it is. */
function verify(bytes: Buffer, kd: Buffer): string | null {
  if (bytes.length < HEADER) return `${bytes.length} bytes, shorter than a header`;
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) return 'not a cache file of this format';
  if (!bytes.subarray(MAGIC.length, MAGIC.length + DIGEST).equals(kd)) return 'made for other code, templates or versions';
  const stored = bytes.subarray(MAGIC.length + DIGEST, HEADER);
  if (!stored.equals(checksum(kd, bytes.subarray(HEADER)))) return 'checksum does not match (damaged or edited)';
  return null;
}

function readRegularFile(file: string): Buffer {
  const fd = openSync(file, READ_FLAGS);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new Error('not a regular file');
    if (st.size > MAX_BYTES) throw new Error(`${st.size} bytes, more than a cache file can be`);
    const bytes = Buffer.allocUnsafe(st.size);
    let at = 0;
    while (at < bytes.length) {
      const n = readSync(fd, bytes, at, bytes.length - at, at);
      if (n === 0) break; // shrunk while reading: fails the checksum
      at += n;
    }
    return bytes.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}

function keyDigest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

function checksum(kd: Buffer, payload: Uint8Array): Buffer {
  return createHash('sha256').update(kd).update(payload).digest();
}

/** Caches only change speed, so what happens to them is said only when JUESUAN_DEBUG is set. */
function debug(line: string): void {
  if (process.env.JUESUAN_DEBUG) process.stderr.write(`juesuan: debug: ${line}\n`);
}

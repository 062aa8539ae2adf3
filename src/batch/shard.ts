import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based. */
  k: number;
  n: number;
}

/** "2/3" → {k: 2, n: 3}; undefined when malformed (1 ≤ k ≤ n). */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const k = Number(m[1]);
  const n = Number(m[2]);
  if (!Number.isSafeInteger(k) || !Number.isSafeInteger(n) || n < 1 || k < 1 || k > n) return undefined;
  return { k, n };
}

/**
 * The slice (1…n) an input belongs to: a stable hash of its '/'-separated path relative to the
 * batch root. It depends on nothing else — not on the other inputs, the machine, the OS or the
 * order of discovery — so n machines given the same arguments split the batch with nothing done
 * twice, and a file added on one machine only cannot shift the others' slices.
 */
export function shardOf(rel: string, n: number): number {
  const h = createHash('sha256').update(rel, 'utf8').digest();
  // 48 bits of the hash, modulo n: uniform enough for any n a job array uses.
  return (h.readUIntBE(0, 6) % n) + 1;
}

export function inShard(rel: string, shard: Shard | undefined): boolean {
  return !shard || shardOf(rel, shard.n) === shard.k;
}

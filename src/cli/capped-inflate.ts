import { inflateSync } from 'node:zlib';

/** Compressed data that would inflate past the limit (a compression bomb, or a lie about its size). */
export class OverLimitError extends Error {
  constructor(readonly limit: number) {
    super(`inflates past ${limit} bytes`);
    this.name = 'OverLimitError';
  }
}

/**
 * FlateDecode within a limit: zlib stops as soon as the output would pass it, so a few
 * kilobytes that inflate to gigabytes cost no more than the limit in memory.
 */
export function inflateWithin(data: Uint8Array, limit: number): Buffer {
  try {
    return inflateSync(data, { maxOutputLength: Math.max(limit, 1) });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new OverLimitError(limit);
    throw e;
  }
}

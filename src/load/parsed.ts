/**
 * What reading a YAML source hands on, whichever reader did the reading (yaml-fast.ts for the
 * plain files people write, yaml-full.ts for everything else): the two must agree exactly.
 */

/** A number as written in the source: amounts are read from this text, never from a JS float. */
export class NumLit {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly column: number,
  ) {}
  toString(): string {
    return this.source;
  }
}

/** Where a value sits in the source, for messages that name the line. */
export interface Locator {
  file: string;
  locate(path: readonly (string | number)[]): { line: number; column: number } | undefined;
  /** The path as the file spells it, when the loader renamed keys (old table keys). */
  written?(path: readonly (string | number)[]): readonly (string | number)[];
}

export interface ParsedSource {
  data: unknown;
  locator: Locator;
}

/** Aliases are legal YAML but a department file has no need for many: this caps "billion laughs". */
export const MAX_ALIASES = 50;

import type { Locator } from './parsed.js';

/**
 * Where the fast reader found each node, as offsets into the text: a number for a scalar or an
 * alias, these two for collections. Offsets turn into line and column only when a message asks.
 */
export class PosMap {
  constructor(
    readonly offset: number,
    /** Made with Object.create(null), so that a path through "constructor" finds nothing. */
    readonly keys: Record<string, PosNode>,
  ) {}
}

export class PosSeq {
  constructor(
    readonly offset: number,
    readonly items: PosNode[],
  ) {}
}

export type PosNode = number | PosMap | PosSeq;

/**
 * The same answers as the yaml package's locator (yaml-full.ts): the node at the path, else the
 * deepest node the path reaches.
 */
export function positionLocator(file: string, text: string, root: PosNode): Locator {
  let lineStarts: number[] | undefined;
  return {
    file,
    locate(path) {
      let node = root;
      for (const key of path) {
        let next: PosNode | undefined;
        if (node instanceof PosMap) next = node.keys[String(key)];
        else if (node instanceof PosSeq && typeof key === 'number') next = node.items[key];
        if (next === undefined) break;
        node = next;
      }
      lineStarts ??= startsOfLines(text);
      return lineAndColumn(lineStarts, typeof node === 'number' ? node : node.offset);
    },
  };
}

function startsOfLines(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column (in UTF-16 units, as the yaml package counts) of an offset. */
function lineAndColumn(starts: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - starts[low] + 1 };
}

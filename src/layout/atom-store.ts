/**
 * Where the atoms of a document live: one column per field, in typed arrays shared by the whole
 * layout run. A report has some 50 000 atoms; an object (and a one-character string) for each
 * of them made the layout spend more time collecting garbage than laying out.
 *
 * An atom list (inline-atoms.ts) is a range of indices into these columns. The columns are
 * emptied when a document begins, so a list is only good during the layoutDocument call that
 * made it; and they may be reallocated when they grow, so a function that keeps a column in a
 * local variable reads it again after anything that adds atoms.
 */
/** Atoms whose columns outlive their document: the sample has some 50 000. */
const KEEP_ATOMS = 1 << 16;

class AtomStore {
  /** AtomKind. */
  kind = new Uint8Array(0);
  /** AtomFlag bits. */
  flags = new Uint8Array(0);
  /** UTF-16 offset of the atom's text in its list's text. */
  offset = new Uint32Array(0);
  /** Natural width in points. */
  width = new Float64Array(0);
  /** Slots in use. */
  length = 0;

  /** Makes room for n more atoms after `length`. */
  reserve(n: number): void {
    const need = this.length + n;
    if (need <= this.kind.length) return;
    let cap = Math.max(this.kind.length, 1 << 14);
    while (cap < need) cap *= 2;
    this.kind = grown(this.kind, new Uint8Array(cap));
    this.flags = grown(this.flags, new Uint8Array(cap));
    this.offset = grown(this.offset, new Uint32Array(cap));
    this.width = grown(this.width, new Float64Array(cap));
  }

  /**
   * Forgets every atom. Columns of a usual report's size are kept for the next document; larger
   * ones are let go, so that a batch worker does not keep its largest report's columns (a few MB)
   * for the rest of the batch.
   */
  clear(): void {
    this.length = 0;
    if (this.kind.length > KEEP_ATOMS) {
      this.kind = new Uint8Array(0);
      this.flags = new Uint8Array(0);
      this.offset = new Uint32Array(0);
      this.width = new Float64Array(0);
    }
  }
}

function grown<T extends Uint8Array | Uint32Array | Float64Array>(old: T, to: T): T {
  to.set(old);
  return to;
}

/** The atoms of the document being laid out (one per thread: layout is synchronous). */
export const store = new AtomStore();

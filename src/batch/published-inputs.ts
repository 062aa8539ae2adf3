import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { outputPath, type FoundInput } from './discovery.js';
import { fromManifestRef, type ManifestEntry } from './manifest-shape.js';

/**
 * What `--changed` compares for a published PDF: its bytes. The catalogs it is read against ship
 * with the tool, and the tool's version is in the environment hash already.
 */
export function publishedHash(abs: string): string {
  // An unreadable input throws: the caller fails that report, naming the file and why.
  return createHash('sha256').update('published\0').update(readFileSync(abs)).digest('hex');
}

/**
 * The PDFs a folder argument found, less the batch's own products: a PDF this run renders from a
 * department file (`-o` inside the data folder puts them beside the inputs), or one an earlier
 * run rendered and recorded in the output folder's manifest (`juesuan batch .` finds output/).
 * Those are outputs, not published reports; a PDF named by a file argument or a glob is kept, and
 * then refused as an output onto an input if this run would write over it.
 */
export function withoutOwnPdfs<T extends FoundInput>(inputs: T[], rendered: ReadonlySet<string>): T[] {
  return inputs.filter((i) => !(i.published && i.inFolder && rendered.has(i.abs)));
}

/** The PDFs batches render into `outDir`: this run's, and those its manifest records. */
export function renderedPdfs(inputs: FoundInput[], outDir: string, recorded: ManifestEntry[]): Set<string> {
  return new Set([
    ...inputs.filter((f) => !f.published).map((f) => outputPath(outDir, f.rel)),
    ...recorded.filter((e) => e.output !== e.input).map((e) => fromManifestRef(e.output, outDir)),
  ]);
}

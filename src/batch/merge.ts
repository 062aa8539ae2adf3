import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fromManifestRef, manifestRef, readManifest, type Manifest, type ManifestEntry } from './manifest.js';

/** One manifest given to `juesuan batch merge`, read and checked. */
export interface MergeSource {
  /** Absolute path of the manifest file. */
  path: string;
  manifest: Manifest;
  /** Of the file: which of two entries for one input is newer. */
  mtimeMs: number;
  /** The batch root it records, absolute. */
  root: string;
}

/** Reads one manifest for merging, or says why it cannot be merged (in the user's words). */
export function readMergeSource(path: string, cwd: string): MergeSource | string {
  const read = readManifest(path, cwd);
  if (read.kind === 'absent') return '不存在';
  if (read.kind === 'bad') return `无法使用：${read.problem}`;
  // checkManifest reads format 1 as format 2; a merge needs what the file itself says.
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { format: unknown };
  if (raw.format !== 2) return `是旧格式（format ${String(raw.format)}）的清单，没有记录数据根目录；请用本版本重新运行该分片`;
  if (read.manifest.root === undefined) return '没有记录数据根目录（由较早的版本写出）；请用本版本重新运行该分片';
  return { path, manifest: read.manifest, mtimeMs: statSync(path).mtimeMs, root: resolve(dirname(path), read.manifest.root) };
}

/** Why the sources cannot be merged into one (different batches or tool versions), or undefined. */
export function mergeProblem(sources: MergeSource[], show: (p: string) => string): string | undefined {
  const [first, ...rest] = sources;
  if (!first) return undefined;
  for (const s of rest) {
    if (s.manifest.generator !== first.manifest.generator) {
      return `清单的版本不同：${show(first.path)} 由 ${first.manifest.generator} 写出，${show(s.path)} 由 ${s.manifest.generator} 写出；请用同一版本重新运行各分片后再合并`;
    }
    if (s.root !== first.root) {
      return `清单的数据根目录不同：${show(first.path)} 是 ${show(first.root)}，${show(s.path)} 是 ${show(s.root)}；只能合并同一批输入的分片`;
    }
  }
  return undefined;
}

export interface Merged {
  entries: ManifestEntry[];
  /** Inputs found in more than one manifest: the manifest whose entry was kept, and the others. */
  overlaps: { input: string; kept: string; dropped: string[] }[];
}

/** An entry as a manifest in `outDir` names its files. */
function rebase(e: ManifestEntry, fromDir: string, outDir: string): ManifestEntry {
  const move = (ref: string) => manifestRef(fromManifestRef(ref, fromDir), outDir);
  return { ...e, input: move(e.input), output: move(e.output), findings: e.findings.map((f) => ({ ...f, file: move(f.file) })) };
}

/**
 * Joins the sources' entries, each rebased to `outDir`. An input in several manifests keeps the
 * entry of the newest manifest file (the later one on the command line when two are as new).
 */
export function mergeEntries(sources: MergeSource[], outDir: string): Merged {
  const chosen = new Map<string, { entry: ManifestEntry; source: MergeSource; others: MergeSource[] }>();
  for (const source of sources) {
    for (const e of source.manifest.entries) {
      const entry = rebase(e, dirname(source.path), outDir);
      const had = chosen.get(entry.input);
      if (!had) chosen.set(entry.input, { entry, source, others: [] });
      else if (source.mtimeMs >= had.source.mtimeMs) chosen.set(entry.input, { entry, source, others: [...had.others, had.source] });
      else had.others.push(source);
    }
  }
  const inputs = [...chosen.keys()].sort();
  return {
    entries: inputs.map((i) => chosen.get(i)!.entry),
    overlaps: inputs
      .filter((i) => chosen.get(i)!.others.length > 0)
      .map((i) => ({ input: i, kept: chosen.get(i)!.source.path, dropped: chosen.get(i)!.others.map((s) => s.path) })),
  };
}

// Whether a batch worker's memory grows from report to report: shared by scripts/bench.mjs and
// tests/batch-memory.test.ts. Input: the `memory` series of a JUESUAN_BATCH_STATS file (one
// sample per report, in the order reports finished, each naming its worker thread).

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The samples of each worker thread, in order. */
export function byWorker(samples) {
  const out = new Map();
  for (const s of samples) {
    if (!out.has(s.thread)) out.set(s.thread, []);
    out.get(s.thread).push(s);
  }
  return out;
}

/**
 * The median of `pick` over a series' first `window` samples and over its last `window`, and
 * the growth between them. Medians, not single samples: a heap measured between collections
 * saw-tooths by tens of megabytes, and a leak shows as the whole tail standing higher.
 */
export function trend(series, pick, window) {
  const w = Math.max(1, Math.min(window, Math.floor(series.length / 2)));
  const first = series.slice(0, w).map(pick);
  const last = series.slice(-w).map(pick);
  return {
    window: w,
    first: median(first),
    last: median(last),
    growth: median(last) - median(first),
    range: { first: [Math.min(...first), Math.max(...first)], last: [Math.min(...last), Math.max(...last)] },
  };
}

/** Per worker: the trend of `pick` over its reports, after its first `skip` (warming up: code compiled, caches filled). */
export function workerTrends(samples, pick, window, skip = 0) {
  return [...byWorker(samples)].map(([thread, series]) => ({ thread, reports: series.length, ...trend(series.slice(skip), pick, window) }));
}

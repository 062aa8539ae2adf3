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

/**
 * Per worker: the trend of `pick` from the worker's first report of the last group it meets
 * (`groupOf`: a report's form set), so that the first window is not taken before a one-time
 * cost the last window includes (a worker's first report of a form set compiles that form set's
 * templates and code paths and reads its catalog, once). `settledAt` is that report's index in
 * the worker's series (0 for a worker that meets one group); `step` the median of `pick` over the
 * `window` reports from there less the median over the `window` before (the one-time cost, with
 * the warming up of those reports). Also the least-squares `slope` per report of the settled
 * series after its first window (the code of that form set still warming up): a leak shows as a
 * slope, a one-time cost does not.
 */
export function settledTrends(samples, pick, window, groupOf) {
  return [...byWorker(samples)].map(([thread, series]) => {
    const seen = new Set();
    let settledAt = 0;
    series.forEach((s, i) => {
      const g = groupOf(s);
      if (!seen.has(g)) {
        seen.add(g);
        settledAt = i;
      }
    });
    const settled = series.slice(settledAt);
    const before = series.slice(Math.max(0, settledAt - window), settledAt).map(pick);
    const after = settled.slice(0, window).map(pick);
    return {
      thread,
      reports: series.length,
      settledAt,
      step: before.length && after.length ? median(after) - median(before) : 0,
      slope: slope(settled.slice(window).map(pick)),
      ...trend(settled, pick, window),
    };
  });
}

/** Least-squares slope of ys against their index (0 for fewer than two). */
export function slope(ys) {
  const n = ys.length;
  if (n < 2) return 0;
  const mx = (n - 1) / 2;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - mx) * (ys[i] - my);
    sxx += (i - mx) ** 2;
  }
  return sxy / sxx;
}

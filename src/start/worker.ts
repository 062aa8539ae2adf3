import { parentPort } from 'node:worker_threads';
import { loadBundle } from './bundle.js';

type Serve = typeof import('../batch/worker.js').serve;

/**
 * A batch worker thread: the worker code from its bundle with the code cache (see bundle.ts),
 * else the modules. The cache is stored after the worker's first report, whose functions it holds.
 */
if (parentPort) {
  const bundle = loadBundle<{ serve: Serve }>('worker', 'worker');
  if (bundle) bundle.exports.serve(parentPort, () => bundle.saveCodeCache());
  else ((await import('../batch/worker.js')) as { serve: Serve }).serve(parentPort);
}

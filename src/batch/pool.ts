import { Worker, type ResourceLimits } from 'node:worker_threads';

interface Pending<T, R> {
  task: T;
  resolve: (r: R) => void;
  reject: (e: Error) => void;
}

interface Slot<T, R> {
  worker: Worker;
  current?: Pending<T, R> & { id: number };
}

/**
 * A fixed-size pool of worker threads, each running `file` (a compiled .js module that answers
 * every `{id, …task}` message with one `{id, result}` message). Workers live for the whole pool,
 * so whatever a worker caches (parsed fonts, compiled templates) serves all its tasks. A worker
 * that dies (out of memory, a crash in native code) fails only the task it was running and is
 * replaced; the queue goes on.
 */
export class WorkerPool<T extends object, R> {
  private readonly slots = new Set<Slot<T, R>>();
  private readonly queue: Pending<T, R>[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly file: URL,
    private readonly size: number,
    private readonly resourceLimits?: ResourceLimits,
  ) {
    if (!(size >= 1)) throw new RangeError(`pool size must be ≥ 1, not ${size}`);
  }

  run(task: T): Promise<R> {
    if (this.closed) return Promise.reject(new Error('pool is closed'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.dispatch();
    });
  }

  /** Threads started so far (including replacements). */
  started = 0;

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = [...this.slots].find((s) => !s.current);
      if (!slot) {
        if (this.slots.size >= this.size) return;
        slot = this.spawn();
      }
      const pending = this.queue.shift()!;
      const id = this.nextId++;
      slot.current = { ...pending, id };
      slot.worker.postMessage({ ...pending.task, id });
    }
  }

  private spawn(): Slot<T, R> {
    const worker = new Worker(this.file, { resourceLimits: this.resourceLimits });
    this.started++;
    const slot: Slot<T, R> = { worker };
    this.slots.add(slot);
    worker.on('message', (msg: { id: number; result: R }) => {
      const cur = slot.current;
      if (!cur || cur.id !== msg.id) return;
      slot.current = undefined;
      cur.resolve(msg.result);
      this.dispatch();
    });
    let failure: Error | undefined;
    worker.on('error', (e) => {
      failure = e;
    });
    worker.on('exit', (code) => {
      this.slots.delete(slot);
      const cur = slot.current;
      slot.current = undefined;
      if (cur) {
        const why = failure?.message ?? `worker exited with code ${code}`;
        cur.reject(Object.assign(new Error(why), { code: (failure as NodeJS.ErrnoException | undefined)?.code }));
      }
      if (!this.closed) this.dispatch();
    });
    return slot;
  }

  /** Stops every worker; tasks still queued or running are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('pool closed'));
    await Promise.all([...this.slots].map((s) => s.worker.terminate()));
  }
}

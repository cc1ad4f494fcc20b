/**
 * Spreads batches over several cores: worker_threads in Node, module Web Workers in browsers. Each
 * worker restores its own verifier from the signed lists in force; chunks go out as one transferred
 * buffer each, and the results come back in input order.
 */
import type { Verification } from '../verifier.js';
import { packInputs, type WorkerInit, type WorkerReply, type WorkerRequest } from './protocol.js';

/** The little of a worker the pool needs (both worker_threads and Web Workers fit). */
export interface PoolWorker {
  postMessage(message: WorkerRequest, transfer?: Transferable[]): void;
  onReply(listener: (reply: WorkerReply) => void): void;
  terminate(): void | Promise<number>;
}

export type SpawnWorker = () => Promise<PoolWorker>;

const isNode = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node !== undefined
  && typeof (globalThis as { window?: unknown }).window === 'undefined';

/**
 * The default spawner. The worker module is verifierWorker.js next to this file; when the SDK runs
 * from its TypeScript sources (its own tests), the compiled copy in dist/ is used (npm run build).
 */
export const defaultSpawn: SpawnWorker = async () => {
  if (isNode) {
    const { Worker } = await import('node:worker_threads');
    const { existsSync } = await import('node:fs');
    const { fileURLToPath } = await import('node:url');
    let url = new URL('./verifierWorker.js', import.meta.url);
    if (!existsSync(fileURLToPath(url))) url = new URL('../../dist/sdk/worker/verifierWorker.js', import.meta.url);
    const w = new Worker(url);
    w.unref();
    return {
      postMessage: (m, transfer) => w.postMessage(m, transfer as never),
      onReply: (l) => { w.on('message', l); },
      terminate: () => w.terminate(),
    };
  }
  const w = new Worker(new URL('./verifierWorker.js', import.meta.url), { type: 'module' });
  return {
    postMessage: (m, transfer) => w.postMessage(m, transfer ?? []),
    onReply: (l) => w.addEventListener('message', (e: MessageEvent<WorkerReply>) => l(e.data)),
    terminate: () => w.terminate(),
  };
};

/** Presentations per message: small enough to balance, large enough that messaging stays cheap. */
const CHUNK = 128;

/** Resolves on the next turn of the event loop (after pending messages), without timer clamping. */
function nextTask(): Promise<void> {
  const setImmediateFn = (globalThis as { setImmediate?: (f: () => void) => void }).setImmediate;
  if (setImmediateFn) return new Promise((resolve) => setImmediateFn(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { channel.port1.close(); resolve(); };
    channel.port2.postMessage(null);
  });
}

interface Pending {
  resolve(results: Verification[]): void;
  reject(error: Error): void;
}

export class WorkerPool {
  private workers: PoolWorker[] = [];
  private readonly pending = new Map<number, Pending>();
  private ready: Promise<void> = Promise.resolve();
  private nextId = 1;
  private generation = 0;

  private constructor(private readonly size: number, private readonly spawn: SpawnWorker) {}

  static async start(size: number, spawn: SpawnWorker = defaultSpawn): Promise<WorkerPool> {
    const pool = new WorkerPool(size, spawn);
    pool.workers = await Promise.all(Array.from({ length: size }, () => spawn()));
    for (const w of pool.workers) w.onReply((r) => pool.onReply(r));
    return pool;
  }

  private readyWaiters: ((generation: number) => void)[] = [];

  private readonly destroyWaiters = new Map<number, () => void>();

  private onReply(reply: WorkerReply): void {
    if (reply.type === 'ready') { for (const w of this.readyWaiters) w(reply.generation); return; }
    if (reply.type === 'destroyed') { this.destroyWaiters.get(reply.id)?.(); this.destroyWaiters.delete(reply.id); return; }
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if (reply.type === 'results') p.resolve(reply.results);
    else p.reject(new Error(`worker: ${reply.message}`));
  }

  /** Sends the lists in force to every worker (after each change); chunks wait until all are ready. */
  load(state: Omit<WorkerInit, 'type' | 'generation'>): void {
    const generation = ++this.generation;
    let remaining = this.workers.length;
    this.ready = new Promise<void>((resolve) => {
      const waiter = (g: number): void => {
        if (g !== generation) return;
        if (--remaining === 0) {
          this.readyWaiters = this.readyWaiters.filter((w) => w !== waiter);
          resolve();
        }
      };
      this.readyWaiters.push(waiter);
    });
    for (const w of this.workers) w.postMessage({ type: 'init', generation, ...state });
  }

  get workerCount(): number {
    return this.size;
  }

  /**
   * Verifies inputs in chunks shared between the workers and the calling thread (which runs `local` on
   * its chunks): workers are kept two chunks ahead, and the calling thread takes the next chunk whenever
   * it is free, so the work balances itself whatever each thread's speed. Results in input order.
   */
  async verify(
    inputs: readonly (string | Uint8Array)[],
    options: { now: number; venue?: string; nonce?: Uint8Array; skew?: number },
    local: (share: readonly (string | Uint8Array)[]) => Verification[],
  ): Promise<Verification[]> {
    await this.ready;
    const chunks = Math.ceil(inputs.length / CHUNK);
    const results: Verification[][] = new Array<Verification[]>(chunks);
    let next = 0;
    let failure: Error | undefined;
    const inFlight = new Set<Promise<void>>();
    const dispatch = (w: PoolWorker): void => {
      if (next >= chunks || failure) return;
      const index = next++;
      const part = inputs.slice(index * CHUNK, (index + 1) * CHUNK);
      const done = new Promise<void>((resolve) => {
        const id = this.nextId++;
        this.pending.set(id, {
          resolve: (r) => { results[index] = r; inFlight.delete(done); dispatch(w); resolve(); },
          reject: (e) => { failure ??= e; inFlight.delete(done); resolve(); },
        });
        const packed = packInputs(part);
        w.postMessage({ type: 'verify', id, generation: this.generation, packed, options }, [packed]);
      });
      inFlight.add(done);
    };
    for (const w of this.workers) { dispatch(w); dispatch(w); }
    while (next < chunks && !failure) {
      const index = next++;
      results[index] = local(inputs.slice(index * CHUNK, (index + 1) * CHUNK));
      await nextTask(); // lets the workers' replies in, and so their next chunks out
    }
    while (inFlight.size > 0) await Promise.all([...inFlight]);
    if (failure) throw failure;
    return results.flat();
  }

  /** Has every worker destroy its verifier (zeroising its core), then terminates them. */
  async close(): Promise<void> {
    for (const p of this.pending.values()) p.reject(new Error('worker pool closed'));
    this.pending.clear();
    await Promise.all(this.workers.map((w) => new Promise<void>((resolve) => {
      const id = this.nextId++;
      const timer = setTimeout(resolve, 2000); // a worker that does not answer is terminated anyway
      this.destroyWaiters.set(id, () => { clearTimeout(timer); resolve(); });
      w.postMessage({ type: 'destroy', id });
    })));
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers = [];
  }
}

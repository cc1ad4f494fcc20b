/**
 * Spreads batches over several cores: worker_threads in Node, module Web Workers in browsers. Each
 * worker restores its own verifier from the signed lists in force; chunks go out as one transferred
 * buffer each, and the results come back in input order.
 */
import type { CoreOutputs } from '../core/verifierCore.js';
import { unpackResults } from './resultPacking.js';
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

/** Presentations per message: small enough to balance at the end, large enough that messaging stays cheap. */
const MIN_CHUNK = 16;
const MAX_CHUNK = 256;

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
  resolve(results: CoreOutputs[]): void;
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
    if (reply.type === 'results') p.resolve(unpackResults(reply.packed));
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
   * its chunks). Chunks shrink as the work runs out (guided scheduling), workers are kept two chunks
   * ahead, and the calling thread takes the next chunk whenever it is free: the work balances itself
   * whatever each thread's speed, and nobody waits long at the end. Results in input order.
   */
  async verify<T>(
    inputs: readonly (string | Uint8Array)[],
    options: { now: number; venue?: string; nonce?: Uint8Array; skew?: number },
    local: (share: readonly (string | Uint8Array)[]) => T[],
    fromWorker: (out: CoreOutputs) => T,
  ): Promise<T[]> {
    await this.ready;
    const threads = this.workers.length + 1;
    const results: T[][] = [];
    let taken = 0;
    let failure: Error | undefined;
    const inFlight = new Set<Promise<void>>();
    /** The next chunk: a share of what is left, between MIN_CHUNK and MAX_CHUNK presentations. */
    const take = (): { index: number; part: readonly (string | Uint8Array)[] } | null => {
      if (taken >= inputs.length || failure) return null;
      const size = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, Math.ceil((inputs.length - taken) / (3 * threads))));
      const part = inputs.slice(taken, taken + size);
      taken += part.length;
      results.push([]);
      return { index: results.length - 1, part };
    };
    const dispatch = (w: PoolWorker): void => {
      const chunk = take();
      if (!chunk) return;
      const done = new Promise<void>((resolve) => {
        const id = this.nextId++;
        this.pending.set(id, {
          resolve: (r) => { results[chunk.index] = r.map(fromWorker); inFlight.delete(done); dispatch(w); resolve(); },
          reject: (e) => { failure ??= e; inFlight.delete(done); resolve(); },
        });
        const packed = packInputs(chunk.part);
        w.postMessage({ type: 'verify', id, generation: this.generation, packed, options }, [packed]);
      });
      inFlight.add(done);
    };
    for (const w of this.workers) { dispatch(w); dispatch(w); }
    for (let chunk = take(); chunk; chunk = take()) {
      results[chunk.index] = local(chunk.part);
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

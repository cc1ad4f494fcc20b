/**
 * Spreads batches over several cores: worker_threads in Node, module Web Workers in browsers. Each
 * worker restores its own verifier from the lists in force; chunks go out as one transferred buffer
 * each, and the results come back in input order.
 *
 * A pool that always answers: a worker that is lost (crash, exit, unreadable reply, silence past the
 * stall time) or answers a chunk with an error has its chunks redone on the calling thread, and is
 * replaced; one that cannot restore the lists takes no chunk until the next update. Every verify()
 * settles, with exactly the results of the calling thread alone, and nothing is left to reject
 * unhandled. close() stops the workers and timers (the calling thread finishes any batch in flight).
 */
import type { PoolInput } from './batchEntries.js';
import type { CoreOutputs } from '../core/verifierCore.js';
import { unpackResults } from '../core/resultPacking.js';
import { packInputs, type VerifyChunkOptions, type WorkerInit, type WorkerReply, type WorkerRequest } from './protocol.js';
import { BatchRun, type Chunk } from './batchRun.js';
// Chosen by condition (package.json `imports`): worker_threads under `node`, a Web Worker elsewhere.
import { defaultSpawn } from '#default-spawn';
import type { PoolWorker, SpawnWorker } from './poolWorker.js';

export type { PoolWorker, SpawnWorker } from './poolWorker.js';
export { defaultSpawn } from '#default-spawn';
export { nodePoolWorker, webPoolWorker } from './poolWorkers.js';

/** Options of a verifier's worker pool (Verifier.startWorkers). */
export interface WorkerPoolOptions {
  /** A worker with chunks in flight that sends nothing for this long is taken as lost (30 s). */
  readonly stallMs?: number;
  /** Losses in a row (no chunk finished in between) after which a worker's place is not filled again (3). */
  readonly maxLosses?: number;
}

/**
 * Chunks a worker is kept ahead by: one running, two waiting, so that it still has work when the
 * calling thread reads its reply late (it reads replies only between its own chunks).
 */
const AHEAD = 3;
/** How long close() waits for a worker to zeroise its core before terminating it anyway. */
const DESTROY_WAIT_MS = 2000;

/** Why a worker's place is empty, for diagnostics. */
type SlotState = 'starting' | 'running' | 'retired';

/** One place in the pool: the worker in it now (replacements take the same place). */
interface Slot {
  worker: PoolWorker | null;
  state: SlotState;
  /** The generation of the lists the worker holds (-1: none). */
  readyGeneration: number;
  readonly inFlight: Map<number, { readonly run: BatchRun<unknown>; readonly chunk: Chunk }>;
  /** Losses since the worker in this place last finished a chunk. */
  losses: number;
  stallTimer: ReturnType<typeof setTimeout> | undefined;
  /** Why the last worker here was lost or could not restore the lists. */
  problem: string | undefined;
}

/** Terminates a worker without waiting, whatever its terminate() does (throws, rejects). */
function terminateQuietly(worker: PoolWorker): void {
  try {
    void Promise.resolve(worker.terminate()).catch(() => undefined);
  } catch {
    // already gone
  }
}

function unrefTimer(timer: ReturnType<typeof setTimeout>): void {
  (timer as { unref?: () => void }).unref?.();
}

/**
 * @internal The pool behind VerifierOptions.workers: exported for compatibility, used by the verifier
 * alone (an application sets `workers` and never handles the pool).
 */
export class WorkerPool {
  private readonly slots: Slot[];
  private readonly runs = new Set<BatchRun<unknown>>();
  private state: Omit<WorkerInit, 'type' | 'generation'> | null = null;
  private generation = 0;
  private nextId = 1;
  private closing: Promise<void> | null = null;
  private readonly stallMs: number;
  private readonly maxLosses: number;
  private readonly destroyWaiters = new Map<number, () => void>();

  private constructor(size: number, private readonly spawn: SpawnWorker, options: WorkerPoolOptions) {
    this.stallMs = options.stallMs ?? 30_000;
    this.maxLosses = options.maxLosses ?? 3;
    this.slots = Array.from({ length: size }, () => ({
      worker: null, state: 'starting', readyGeneration: -1, inFlight: new Map(), losses: 0, stallTimer: undefined, problem: undefined,
    }));
  }

  /** Spawns `size` workers; a spawner that fails now is a setup error, and rejects (nothing is left running). */
  static async start(size: number, spawn: SpawnWorker = defaultSpawn, options: WorkerPoolOptions = {}): Promise<WorkerPool> {
    const pool = new WorkerPool(size, spawn, options);
    const spawned = await Promise.allSettled(pool.slots.map(() => spawn()));
    const failure = spawned.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) {
      for (const s of spawned) if (s.status === 'fulfilled') terminateQuietly(s.value);
      throw failure.reason;
    }
    spawned.forEach((s, i) => pool.attach(pool.slots[i]!, (s as PromiseFulfilledResult<PoolWorker>).value));
    return pool;
  }

  get workerCount(): number {
    return this.slots.length;
  }

  /** Workers that hold the lists in force now and take chunks. */
  get readyWorkers(): number {
    return this.slots.filter((s) => this.usable(s)).length;
  }

  /** Why workers were lost or could not restore the lists (the latest per place), for diagnostics. */
  get problems(): string[] {
    return this.slots.flatMap((s) => (s.problem === undefined ? [] : [s.problem]));
  }

  private usable(slot: Slot): boolean {
    return this.closing === null && slot.worker !== null && slot.readyGeneration === this.generation;
  }

  private attach(slot: Slot, worker: PoolWorker): void {
    slot.worker = worker;
    slot.state = 'running';
    slot.readyGeneration = -1;
    worker.onReply((reply) => {
      // Nothing thrown here may reach the worker's message event: it would end the process, out of every caller's reach.
      try {
        this.onReply(slot, worker, reply);
      } catch (e) {
        this.lost(slot, worker, `a reply could not be handled: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
    if (typeof worker.onLost === 'function') worker.onLost((reason) => this.lost(slot, worker, reason));
    if (this.state) this.post(slot, worker, { type: 'init', generation: this.generation, ...this.state });
  }

  /** Sends to the worker in a place; a send that throws loses the worker. */
  private post(slot: Slot, worker: PoolWorker, message: WorkerRequest, transfer?: Transferable[]): void {
    try {
      worker.postMessage(message, transfer);
    } catch (e) {
      this.lost(slot, worker, `a request could not be sent: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private onReply(slot: Slot, worker: PoolWorker, reply: WorkerReply): void {
    if (reply.type === 'destroyed') {
      this.destroyWaiters.get(reply.id)?.();
      return;
    }
    if (slot.worker !== worker) return; // a worker already lost or closed
    switch (reply.type) {
      case 'ready':
        if (reply.generation !== this.generation) return;
        slot.readyGeneration = reply.generation;
        this.feed(slot);
        return;
      case 'initFailed':
        if (reply.generation !== this.generation) return;
        // Deterministic (the same lists fail again): no respawn, no chunk until the next update.
        slot.readyGeneration = -1;
        slot.problem = `could not restore the lists: ${reply.message}`;
        return;
      case 'results':
      case 'error': {
        const entry = slot.inFlight.get(reply.id);
        if (!entry) return;
        slot.inFlight.delete(reply.id);
        this.armStall(slot, worker);
        let outputs: CoreOutputs[] | null = null;
        if (reply.type === 'results') {
          try {
            outputs = unpackResults(reply.packed);
          } catch {
            outputs = null; // unreadable: the calling thread redoes the chunk
          }
        }
        if (outputs && outputs.length === entry.chunk.part.length) {
          slot.losses = 0;
          entry.run.delivered(entry.chunk, outputs);
        } else {
          entry.run.returned(entry.chunk);
        }
        this.feed(slot);
        return;
      }
    }
  }

  /** The worker in this place is gone: its chunks are redone on the calling thread, and it is replaced. */
  private lost(slot: Slot, worker: PoolWorker, reason: string): void {
    if (slot.worker !== worker) return;
    slot.worker = null;
    slot.readyGeneration = -1;
    slot.problem = reason;
    this.giveBack(slot);
    worker.hold?.(false);
    terminateQuietly(worker);
    if (this.closing) return;
    slot.losses++;
    if (slot.losses >= this.maxLosses) {
      slot.state = 'retired';
      return;
    }
    slot.state = 'starting';
    void this.spawn().then(
      (next) => {
        if (this.closing) terminateQuietly(next);
        else this.attach(slot, next);
      },
      (e: unknown) => {
        slot.state = 'retired';
        slot.problem = `no replacement could be spawned: ${e instanceof Error ? e.message : String(e)}`;
      },
    );
  }

  /** Hands every chunk in flight in this place back to its run. */
  private giveBack(slot: Slot): void {
    if (slot.stallTimer !== undefined) clearTimeout(slot.stallTimer);
    slot.stallTimer = undefined;
    const entries = [...slot.inFlight.values()];
    slot.inFlight.clear();
    for (const { run, chunk } of entries) run.returned(chunk);
  }

  /** Restarts the stall watchdog while the worker has chunks in flight; stops it when it has none. */
  private armStall(slot: Slot, worker: PoolWorker): void {
    if (slot.stallTimer !== undefined) clearTimeout(slot.stallTimer);
    slot.stallTimer = undefined;
    if (slot.inFlight.size === 0) {
      worker.hold?.(false);
      return;
    }
    worker.hold?.(true);
    slot.stallTimer = setTimeout(() => this.lost(slot, worker, `no reply for ${this.stallMs} ms`), this.stallMs);
    unrefTimer(slot.stallTimer);
  }

  /** Keeps a ready worker up to AHEAD chunks ahead, from the batches in progress. */
  private feed(slot: Slot): void {
    while (this.usable(slot) && slot.inFlight.size < AHEAD) {
      let next: { run: BatchRun<unknown>; chunk: Chunk } | null = null;
      for (const run of this.runs) {
        const chunk = run.takeNew();
        if (chunk) { next = { run, chunk }; break; }
      }
      if (!next) return;
      const worker = slot.worker!;
      const id = this.nextId++;
      slot.inFlight.set(id, next);
      next.run.sent();
      if (slot.inFlight.size === 1) this.armStall(slot, worker);
      const packed = packInputs(next.chunk.part);
      this.post(slot, worker, { type: 'verify', id, generation: this.generation, packed, options: next.run.options }, [packed]);
    }
  }

  /**
   * Sends the lists in force to every worker (after each change). A worker takes chunks again once it
   * has restored them; until then the others and the calling thread share the work.
   */
  load(state: Omit<WorkerInit, 'type' | 'generation'>): void {
    this.state = state;
    const generation = ++this.generation;
    for (const slot of this.slots) {
      if (slot.worker) this.post(slot, slot.worker, { type: 'init', generation, ...state });
    }
  }

  /**
   * Verifies inputs in chunks shared between the ready workers and the calling thread (which runs
   * `local` on its chunks, and on any chunk a worker gives back). Results in input order.
   */
  async verify<T>(
    inputs: readonly PoolInput[],
    options: VerifyChunkOptions,
    local: (share: readonly PoolInput[]) => T[],
    fromWorker: (out: CoreOutputs) => T,
  ): Promise<T[]> {
    const run = new BatchRun<T>(inputs, options, local, fromWorker, () => this.readyWorkers + 1);
    this.runs.add(run as BatchRun<unknown>);
    try {
      for (const slot of this.slots) this.feed(slot);
      return await run.run();
    } finally {
      this.runs.delete(run as BatchRun<unknown>);
    }
  }

  /**
   * Stops every worker (each zeroises its core first) and every timer; the calling thread finishes the
   * batches in flight. Stored data is not touched. Safe to call more than once.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const workers: PoolWorker[] = [];
      for (const slot of this.slots) {
        this.giveBack(slot);
        if (slot.worker) workers.push(slot.worker);
        slot.worker = null;
        slot.state = 'retired';
      }
      await Promise.all(workers.map((w) => this.destroyWorker(w)));
    })();
    return this.closing;
  }

  private async destroyWorker(worker: PoolWorker): Promise<void> {
    const id = this.nextId++;
    worker.hold?.(true); // the host waits for the worker's answer (an awaited close() must not end the process early)
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, DESTROY_WAIT_MS); // a worker that does not answer is terminated anyway
      unrefTimer(timer);
      const done = (): void => { clearTimeout(timer); resolve(); };
      this.destroyWaiters.set(id, done);
      worker.onLost?.(done);
      try {
        worker.postMessage({ type: 'destroy', id });
      } catch {
        done();
      }
    });
    this.destroyWaiters.delete(id);
    try {
      await worker.terminate();
    } catch {
      // already gone
    }
  }
}

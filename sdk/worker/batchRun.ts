/**
 * One verifyBatch spread over the pool: its inputs cut into chunks that the workers and the calling
 * thread take in turn. Chunks shrink as the work runs out (guided scheduling), so nobody waits long at
 * the end. A chunk a worker could not finish (lost, or it answered with an error) comes back and is
 * redone on the calling thread, which gives exactly the results verify() gives: the run always ends
 * with every result, or with the calling thread's own error.
 */
import type { CoreOutputs } from '../core/verifierCore.js';
import type { VerifyChunkOptions } from './protocol.js';
import type { PoolInput } from './batchEntries.js';

/** Presentations per chunk: small enough to balance at the end, large enough that messaging stays cheap. */
const MIN_CHUNK = 16;
const MAX_CHUNK = 256;
/**
 * The calling thread's own chunks are at most one core batch (64): it reads the workers' replies, and
 * sends them their next chunks, only between its chunks, so a long one of its own leaves them idle.
 */
const LOCAL_CHUNK = 64;

export interface Chunk {
  readonly index: number;
  readonly part: readonly PoolInput[];
}

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

export class BatchRun<T> {
  private readonly results: T[][] = [];
  private taken = 0;
  /** Chunks given back by workers: only the calling thread redoes them (a chunk that crashed one worker is not handed to the next). */
  private readonly redo: Chunk[] = [];
  /** Chunks out with workers. */
  private outstanding = 0;
  private wake: (() => void) | null = null;

  constructor(
    private readonly inputs: readonly PoolInput[],
    readonly options: VerifyChunkOptions,
    private readonly local: (share: readonly PoolInput[]) => T[],
    private readonly fromWorker: (out: CoreOutputs) => T,
    /** Threads sharing the work now (workers ready + this one), for the chunk size. */
    private readonly threads: () => number,
  ) {}

  /** A chunk not handed out before (at most `max` presentations), or null when every input has been. */
  takeNew(max = MAX_CHUNK): Chunk | null {
    const left = this.inputs.length - this.taken;
    if (left <= 0) return null;
    const size = Math.min(max, MAX_CHUNK, Math.max(MIN_CHUNK, Math.ceil(left / (3 * this.threads()))));
    const part = this.inputs.slice(this.taken, this.taken + size);
    this.taken += part.length;
    this.results.push([]);
    return { index: this.results.length - 1, part };
  }

  /** A worker took the chunk. */
  sent(): void {
    this.outstanding++;
  }

  /** A worker's results for the chunk. */
  delivered(chunk: Chunk, outputs: readonly CoreOutputs[]): void {
    this.results[chunk.index] = outputs.map(this.fromWorker);
    this.settled();
  }

  /** The worker could not finish the chunk: the calling thread redoes it. */
  returned(chunk: Chunk): void {
    this.redo.push(chunk);
    this.settled();
  }

  private settled(): void {
    this.outstanding--;
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /**
   * The calling thread's part: it takes chunks (given back ones first) until none is left, then waits
   * for the workers' last ones. Results in input order.
   */
  async run(): Promise<T[]> {
    for (;;) {
      const chunk = this.redo.shift() ?? this.takeNew(LOCAL_CHUNK);
      if (chunk) {
        this.results[chunk.index] = this.local(chunk.part);
        await nextTask(); // lets the workers' replies in, and so their next chunks out
        continue;
      }
      if (this.outstanding === 0) return this.results.flat();
      await new Promise<void>((resolve) => { this.wake = resolve; });
    }
  }
}

/**
 * The little of a worker the pool needs: worker_threads and Web Workers both fit (defaultSpawn.ts
 * adapts them), and so does anything an application spawns itself (a bundler's worker, a test double).
 */
import type { WorkerReply, WorkerRequest } from './protocol.js';

/**
 * A worker as the pool sees it: {@link nodePoolWorker} and {@link webPoolWorker} adapt the platforms'
 * workers; a bundler's or a test's own worker fits if it runs the SDK's pool worker
 * (`passgate/verifier-worker` in browsers).
 */
export interface PoolWorker {
  /**
   * Sends a request; the packed buffers in `transfer` are moved, not copied.
   *
   * @param message - The request, passed on as it is.
   * @param transfer - Buffers to transfer with it.
   */
  postMessage(message: WorkerRequest, transfer?: Transferable[]): void;
  /**
   * Subscribes to the worker's replies.
   *
   * @param listener - Given every reply the worker sends.
   */
  onReply(listener: (reply: WorkerReply) => void): void;
  /**
   * Subscribes to the worker's loss: it crashed or exited (worker_threads `error`, `exit`), threw
   * (Web Worker `error`) or sent a reply that could not be read (`messageerror`). The pool then redoes
   * that worker's chunks on the calling thread and spawns a replacement. Calling the listener more than
   * once is harmless. Without it, a lost worker is noticed only when it has sent nothing for the pool's
   * stall time (30 s by default).
   *
   * @param listener - Given why the worker was lost.
   */
  onLost?(listener: (reason: string) => void): void;
  /**
   * Told whether the worker has work in flight: a Node worker keeps the process alive only while it
   * has (ref / unref), so a process whose verifier has workers exits once its work is done.
   *
   * @param busy - Whether work is in flight.
   */
  hold?(busy: boolean): void;
  /** Ends the worker (after it answered destroy, or when it is lost). */
  terminate(): void | Promise<number>;
}

/**
 * Makes one pool worker (VerifierOptions.workers.spawn): for bundlers that place workers themselves.
 * A spawner that throws or rejects at start makes createVerifier reject; later, the place stays empty.
 */
export type SpawnWorker = () => Promise<PoolWorker>;

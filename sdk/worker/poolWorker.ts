/**
 * The little of a worker the pool needs: worker_threads and Web Workers both fit (defaultSpawn.ts
 * adapts them), and so does anything an application spawns itself (a bundler's worker, a test double).
 */
import type { WorkerReply, WorkerRequest } from './protocol.js';

export interface PoolWorker {
  /** Sends a request; the packed buffers in `transfer` are moved, not copied. */
  postMessage(message: WorkerRequest, transfer?: Transferable[]): void;
  /** Subscribes to the worker's replies. */
  onReply(listener: (reply: WorkerReply) => void): void;
  /**
   * Subscribes to the worker's loss: it crashed or exited (worker_threads `error`, `exit`), threw
   * (Web Worker `error`) or sent a reply that could not be read (`messageerror`). The pool then redoes
   * that worker's chunks on the calling thread and spawns a replacement. Calling the listener more than
   * once is harmless. Without it, a lost worker is noticed only when it has sent nothing for the pool's
   * stall time (30 s by default).
   */
  onLost?(listener: (reason: string) => void): void;
  /**
   * Told whether the worker has work in flight: a Node worker keeps the process alive only while it
   * has (ref / unref), so a process whose verifier has workers exits once its work is done.
   */
  hold?(busy: boolean): void;
  terminate(): void | Promise<number>;
}

export type SpawnWorker = () => Promise<PoolWorker>;

/**
 * worker_threads and Web Workers as PoolWorkers (for the default spawners, and for spawners an
 * application writes). No runtime import of Node modules: this is part of every bundle.
 */
import type { Worker as NodeWorker } from 'node:worker_threads';
import type { WorkerReply } from './protocol.js';
import type { PoolWorker } from './poolWorker.js';

/**
 * A worker_threads Worker as a PoolWorker (for custom spawners in Node too).
 *
 * @param w - A Worker running the SDK's Node pool worker, as the default spawner makes under Node (a custom
 *   spawner in Node usually wraps that one).
 */
export function nodePoolWorker(w: NodeWorker): PoolWorker {
  let busy = false;
  // Adding a 'message' listener refs the worker again: every subscription re-applies the state.
  const settle = (): void => { if (busy) w.ref(); else w.unref(); };
  settle();
  return {
    postMessage: (m, transfer) => w.postMessage(m, transfer as never),
    onReply: (l) => { w.on('message', l); settle(); },
    onLost: (l) => {
      w.on('error', (e: Error) => l(`worker error: ${e.message}`));
      w.on('exit', (code: number) => l(`worker exited (code ${code})`));
      w.on('messageerror', (e: Error) => l(`a reply could not be read: ${e.message}`));
      settle();
    },
    hold: (b) => { busy = b; settle(); },
    terminate: () => w.terminate(),
  };
}

/**
 * A module Web Worker as a PoolWorker.
 *
 * @param w - A module Worker running `passgate/verifier-worker`.
 */
export function webPoolWorker(w: Worker): PoolWorker {
  return {
    postMessage: (m, transfer) => w.postMessage(m, transfer ?? []),
    onReply: (l) => w.addEventListener('message', (e: MessageEvent<WorkerReply>) => l(e.data)),
    onLost: (l) => {
      w.addEventListener('error', (e: ErrorEvent) => { e.preventDefault(); l(`worker error: ${e.message}`); });
      w.addEventListener('messageerror', () => l('a reply could not be read'));
    },
    terminate: () => w.terminate(),
  };
}

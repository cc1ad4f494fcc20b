/**
 * The default spawner: the worker module verifierWorker.js next to this file, as a worker_threads
 * Worker in Node and a module Web Worker in browsers. When the SDK runs from its TypeScript sources
 * (its own tests), the compiled copy in dist/ is used (npm run build).
 */
import type { Worker as NodeWorker } from 'node:worker_threads';
import type { WorkerReply } from './protocol.js';
import type { PoolWorker, SpawnWorker } from './poolWorker.js';

const isNode = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node !== undefined
  && typeof (globalThis as { window?: unknown }).window === 'undefined';

/** A worker_threads Worker as a PoolWorker (for custom spawners in Node too). */
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

/** A module Web Worker as a PoolWorker. */
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

export const defaultSpawn: SpawnWorker = async () => {
  if (isNode) {
    const { Worker } = await import('node:worker_threads');
    const { existsSync } = await import('node:fs');
    const { fileURLToPath } = await import('node:url');
    let url = new URL('./verifierWorker.js', import.meta.url);
    if (!existsSync(fileURLToPath(url))) url = new URL('../../dist/sdk/worker/verifierWorker.js', import.meta.url);
    return nodePoolWorker(new Worker(url));
  }
  return webPoolWorker(new Worker(new URL('./verifierWorker.js', import.meta.url), { type: 'module' }));
};

/**
 * What a pool worker does with the pool's messages, whatever carries them (worker_threads in Node, a
 * module Web Worker in browsers: verifierWorker.ts and nodeVerifierWorker.ts only wire this up).
 */
import { ChunkVerifier } from './chunkVerifier.js';
import type { WorkerReply, WorkerRequest } from './protocol.js';

export interface Port {
  postMessage(message: WorkerReply, transfer?: ArrayBuffer[]): void;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

let verifier: ChunkVerifier | null = null;
let generation = -1;
let queue: Promise<void> = Promise.resolve();

async function handle(port: Port, request: WorkerRequest): Promise<void> {
  if (request.type === 'destroy') {
    verifier?.destroy(); // the worker is terminated next either way
    verifier = null;
    port.postMessage({ type: 'destroyed', id: request.id });
    return;
  }
  if (request.type === 'init') {
    // Whatever happens, the lists of the last generation are gone: no chunk is verified against them.
    verifier?.destroy();
    verifier = null;
    generation = -1;
    try {
      verifier = await ChunkVerifier.open(request);
      generation = request.generation;
      port.postMessage({ type: 'ready', generation });
    } catch (e) {
      // Reported, not thrown: the pool does this worker's share elsewhere.
      port.postMessage({ type: 'initFailed', generation: request.generation, message: message(e) });
    }
    return;
  }
  try {
    if (!verifier || generation !== request.generation) throw new Error('worker is not initialised with the current lists');
    const packed = verifier.verifyPacked(request.packed, request.options);
    port.postMessage({ type: 'results', id: request.id, packed }, [packed]);
  } catch (e) {
    port.postMessage({ type: 'error', id: request.id, message: message(e) });
  }
}

/**
 * Handles messages one at a time, in order (an init is complete before the next chunk). A failure the
 * handlers did not catch is logged, never left to end the worker with a rejection.
 */
export function serve(port: Port, subscribe: (listener: (m: WorkerRequest) => void) => void): void {
  subscribe((m) => { queue = queue.then(() => handle(port, m)).catch((e: unknown) => { console.error('passgate worker:', e); }); });
}

/**
 * A pool worker (worker_threads in Node, a module Web Worker in browsers): holds its own core and a
 * verifier restored from the lists the main verifier sent, and verifies the chunks it is given.
 */
import { createVerifier, type Verifier } from '../verifier.js';
import { unpackInputs, type WorkerReply, type WorkerRequest } from './protocol.js';

interface Port {
  postMessage(message: WorkerReply, transfer?: ArrayBuffer[]): void;
}

let verifier: Verifier | null = null;
let generation = -1;
let queue: Promise<void> = Promise.resolve();

async function handle(port: Port, message: WorkerRequest): Promise<void> {
  if (message.type === 'destroy') {
    const last = verifier;
    verifier = null;
    await last?.destroy().catch(() => undefined); // the worker is terminated next either way
    port.postMessage({ type: 'destroyed', id: message.id });
    return;
  }
  if (message.type === 'init') {
    // Whatever happens, the lists of the last generation are gone: no chunk is verified against them.
    const previous = verifier;
    verifier = null;
    generation = -1;
    await previous?.destroy().catch(() => undefined);
    let next: Verifier | null = null;
    try {
      // The main verifier acts on the sunset (it destroys the data and the workers with it).
      next = await createVerifier({ roots: [...message.roots], storage: null, skew: message.skew, staleGrace: message.staleGrace, destroyAtSunset: false });
      // A state that does not verify in full would give other results than the main verifier's.
      const problems = next.adopt(message.snapshot);
      if (problems.length > 0) throw new Error(problems.map((p) => `${p.list}: ${p.reason}`).join('; '));
      verifier = next;
      generation = message.generation;
      port.postMessage({ type: 'ready', generation });
    } catch (e) {
      await next?.destroy().catch(() => undefined);
      // Reported, not thrown: the pool does this worker's share elsewhere.
      port.postMessage({ type: 'initFailed', generation: message.generation, message: e instanceof Error ? e.message : String(e) });
    }
    return;
  }
  try {
    if (!verifier || generation !== message.generation) throw new Error('worker is not initialised with the current lists');
    const inputs = unpackInputs(message.packed);
    const { now, venue, nonce, skew } = message.options;
    const packed = verifier.verifyEncodedBatchPacked(inputs, { now, ...(venue === undefined ? {} : { venue }), ...(nonce ? { nonce } : {}), ...(skew === undefined ? {} : { skew }) });
    new Uint8Array(message.packed).fill(0);
    port.postMessage({ type: 'results', id: message.id, packed }, [packed]);
  } catch (e) {
    port.postMessage({ type: 'error', id: message.id, message: e instanceof Error ? e.message : String(e) });
  }
}

function serve(port: Port, subscribe: (listener: (m: WorkerRequest) => void) => void): void {
  // Messages are handled one at a time, in order (an init is complete before the next chunk).
  // A failure the handlers did not catch is logged, never left to end the worker with a rejection.
  subscribe((m) => { queue = queue.then(() => handle(port, m)).catch((e: unknown) => { console.error('passgate worker:', e); }); });
}

const nodeProcess = (globalThis as { process?: { versions?: { node?: string } } }).process;
if (nodeProcess?.versions?.node !== undefined && typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === 'undefined') {
  const { parentPort } = await import('node:worker_threads');
  if (parentPort) serve(parentPort as unknown as Port, (l) => parentPort.on('message', l));
} else {
  const scope = globalThis as unknown as { postMessage(m: WorkerReply, transfer: ArrayBuffer[]): void; addEventListener(t: 'message', l: (e: MessageEvent<WorkerRequest>) => void): void };
  serve({ postMessage: (m, transfer) => scope.postMessage(m, transfer ?? []) }, (l) => scope.addEventListener('message', (e) => l(e.data)));
}

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
    await verifier?.destroy();
    verifier = null;
    port.postMessage({ type: 'destroyed', id: message.id });
    return;
  }
  if (message.type === 'init') {
    // The main verifier acts on the sunset (it destroys the data and the workers with it).
    const next = await createVerifier({ roots: [...message.roots], storage: null, skew: message.skew, staleGrace: message.staleGrace, destroyAtSunset: false });
    await verifier?.destroy();
    next.adopt(message.snapshot);
    verifier = next;
    generation = message.generation;
    port.postMessage({ type: 'ready', generation });
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
  subscribe((m) => { queue = queue.then(() => handle(port, m)); });
}

const nodeProcess = (globalThis as { process?: { versions?: { node?: string } } }).process;
if (nodeProcess?.versions?.node !== undefined && typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === 'undefined') {
  const { parentPort } = await import('node:worker_threads');
  if (parentPort) serve(parentPort as unknown as Port, (l) => parentPort.on('message', l));
} else {
  const scope = globalThis as unknown as { postMessage(m: WorkerReply, transfer: ArrayBuffer[]): void; addEventListener(t: 'message', l: (e: MessageEvent<WorkerRequest>) => void): void };
  serve({ postMessage: (m, transfer) => scope.postMessage(m, transfer ?? []) }, (l) => scope.addEventListener('message', (e) => l(e.data)));
}

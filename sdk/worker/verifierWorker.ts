/**
 * A pool worker in browsers (a module Web Worker, spawned by webSpawn.ts). It imports no Node module
 * and not the embedded core: the page hands it the compiled core in each init.
 */
import { serve } from './workerService.js';
import type { WorkerReply, WorkerRequest } from './protocol.js';

const scope = globalThis as unknown as {
  postMessage(m: WorkerReply, transfer: ArrayBuffer[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<WorkerRequest>) => void): void;
};
serve({ postMessage: (m, transfer) => scope.postMessage(m, transfer ?? []) }, (l) => scope.addEventListener('message', (e) => l(e.data)));

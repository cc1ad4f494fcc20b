/** A pool worker in Node (a worker_threads Worker, spawned by nodeSpawn.ts). */
import { parentPort } from 'node:worker_threads';
import { serve, type Port } from './workerService.js';

if (parentPort) {
  const port = parentPort;
  serve(port as unknown as Port, (l) => port.on('message', l));
}

/**
 * The default spawner in Node (package.json `imports` "#default-spawn", condition `node`): a
 * worker_threads Worker running nodeVerifierWorker.js. Only this module and that worker import
 * Node's modules, so no browser bundle reaches them.
 */
import { Worker } from 'node:worker_threads';
import { nodePoolWorker } from './poolWorkers.js';
import type { SpawnWorker } from './poolWorker.js';

export const defaultSpawn: SpawnWorker = async () =>
  nodePoolWorker(new Worker(new URL('./nodeVerifierWorker.js', import.meta.url)));

/**
 * The default spawner in browsers (package.json `imports` "#default-spawn", every condition but
 * `node`): a module Web Worker. The URL is written literally so that bundlers (Vite, webpack) find
 * the worker, bundle it and emit it next to the app's own files.
 */
import { webPoolWorker } from './poolWorkers.js';
import type { SpawnWorker } from './poolWorker.js';

/**
 * The spawner used when VerifierOptions.workers gives none: worker_threads under Node, a module Web Worker elsewhere.
 *
 * @internal
 */
export const defaultSpawn: SpawnWorker = async () =>
  webPoolWorker(new Worker(new URL('./verifierWorker.js', import.meta.url), { type: 'module' }));

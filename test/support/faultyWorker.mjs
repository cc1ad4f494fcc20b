// A pool worker for fault tests: the real one (dist/sdk/worker/nodeVerifierWorker.js), which on its
// `at`-th chunk either exits (process.exit inside the worker) or throws from a message listener
// (an uncaught exception), before the real worker can answer.
import { parentPort, workerData } from 'node:worker_threads';

await import(new URL('../../dist/sdk/worker/nodeVerifierWorker.js', import.meta.url).href);
let chunks = 0;
parentPort.on('message', (m) => {
  if (m.type !== 'verify' || ++chunks !== workerData.at) return;
  if (workerData.fault === 'exit') process.exit(3);
  throw new Error('fault injected into the worker');
});

// How much two threads can get out of this machine right now: the same fixed piece of pure
// JavaScript on one worker, then on two workers at once. Interleaved with the worker-pool rounds,
// its ratio is the ceiling the pool's speedup could reach in the same conditions (on a shared
// machine, other processes take their share of the 2 cores).
import { Worker } from 'node:worker_threads';

const JOB = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (n) => {
  let x = 0;
  for (let i = 0; i < n; i++) x = (x * 31 + i) % 1000003;
  parentPort.postMessage(x >= 0 ? 1 : 0);
});`;
const ITERATIONS = 20_000_000; // about 0.1 s on one core

export function startParallelProbe() {
  const workers = [new Worker(JOB, { eval: true }), new Worker(JOB, { eval: true })];
  const run = (w) => new Promise((resolve) => { w.once('message', resolve); w.postMessage(ITERATIONS); });
  return {
    entries: [
      { key: 'cpu/one_thread', pass: () => run(workers[0]), operations: 1 },
      { key: 'cpu/two_threads', pass: async () => (await Promise.all(workers.map(run))).reduce((a, b) => a + b, 0), operations: 2 },
    ],
    stop: () => Promise.all(workers.map((w) => w.terminate())),
  };
}

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

// The same for the core's own kind of work: Ed25519 verifications (64-bit multiplications) under a
// prepared key. On a VM whose 2 vCPUs share one physical core's multipliers, this ceiling is lower
// than the pure-JavaScript one, and it is the one the pool is held to.
const WASM_JOB = `
import { parentPort } from 'node:worker_threads';
import { loadCrypto } from ${JSON.stringify(new URL('../dist/sdk/core/crypto.js', import.meta.url).href)};
import { generateKeyPairSync, sign } from 'node:crypto';
const c = await loadCrypto();
const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const key = c.prepareKey(new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(12)));
const msg = new Uint8Array(197);
const sig = new Uint8Array(sign(null, msg, privateKey));
parentPort.on('message', (n) => {
  let ok = 0;
  for (let i = 0; i < n; i++) ok += key.verify(sig, msg) ? 1 : 0;
  parentPort.postMessage(ok === n ? 1 : 0);
});
parentPort.postMessage('ready');`;
const WASM_VERIFICATIONS = 2_000; // about 0.1 s on one core

export async function startWasmParallelProbe() {
  const start = () => new Promise((resolve) => { const w = new Worker(WASM_JOB, { eval: true, type: 'module' }); w.once('message', () => resolve(w)); });
  const workers = [await start(), await start()];
  const run = (w) => new Promise((resolve) => { w.once('message', resolve); w.postMessage(WASM_VERIFICATIONS); });
  return {
    entries: [
      { key: 'wasm/one_thread', pass: () => run(workers[0]), operations: 1 },
      { key: 'wasm/two_threads', pass: async () => (await Promise.all(workers.map(run))).reduce((a, b) => a + b, 0), operations: 2 },
    ],
    stop: () => Promise.all(workers.map((w) => w.terminate())),
  };
}

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

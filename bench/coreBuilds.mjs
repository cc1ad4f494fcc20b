// The Ed25519 part of the benchmark for the core's two builds side by side (docs/core.md §6): the SIMD
// build (what the SDK loads wherever WebAssembly SIMD validates) and the scalar build, one after
// another in every round with node:crypto, on bench/workloads.mjs's 1,000 distinct keys; plus batches of
// 64 plain keys. Ratios are per round against node:crypto in the same round: median and lowest.
//   node --expose-gc bench/coreBuilds.mjs [rounds]
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { PassgateCrypto } from '../dist/sdk/core/crypto.js';
import { instantiateModule } from '../dist/sdk/core/coreInstance.js';
import { wasmDeflatedBase64 } from '../dist/sdk/core/wasmBinary.js';
import { scalarWasmDeflatedBase64 } from '../dist/sdk/core/scalarWasmBinary.js';
import { makeEd25519Workloads } from './workloads.mjs';
import { makeCheckedPass } from './checkedPass.mjs';
import { runInterleaved, summarize, median, medianRatio, lowestRatio } from './measure.mjs';

const ROUNDS = Number(process.argv[2] ?? 9);

async function cryptoOf(deflatedBase64) {
  const module = await WebAssembly.compile(inflateRawSync(Buffer.from(deflatedBase64, 'base64')));
  return new PassgateCrypto(await instantiateModule(module));
}

const [workload] = makeEd25519Workloads();
const builds = { simd: await cryptoOf(wasmDeflatedBase64), scalar: await cryptoOf(scalarWasmDeflatedBase64) };
const nodeKeys = workload.publicKeys.map((raw) => createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' }));
const withFlippedBit = (m) => { const c = Uint8Array.from(m); c[0] ^= 1; return c; };
const bad = [{ label: 'one bit flipped in the message', item: { ...workload.items[0], message: withFlippedBit(workload.items[0].message) } }];

const contenders = [
  { id: 'node_crypto', verify: (it) => nodeVerify(null, it.message, nodeKeys[it.keyIndex], it.signature) },
  ...Object.entries(builds).map(([id, core]) => ({ id: `core_${id}`, verify: (it) => core.ed25519Verify(it.signature, it.message, it.publicKey) })),
  ...Object.entries(builds).map(([id, core]) => ({
    id: `core_${id}_batch64_plain_keys`,
    verifyAll: (items) => core.verifyBatch(items.map((it) => ({ signature: it.signature, message: it.message, key: it.publicKey }))),
  })),
];
// CPU time of each pass beside its wall time: on a machine shared with other work, the CPU time per
// verification says what a verification costs when the wall time also counts waiting for a core.
const cpu = new Map(contenders.map((c) => [c.id, []]));
const timedCpu = (id, pass) => () => {
  const before = process.cpuUsage();
  const result = pass();
  const used = process.cpuUsage(before);
  cpu.get(id).push((used.user + used.system) / workload.items.length);
  return result;
};
const entries = contenders.map((c) => ({ key: c.id, pass: timedCpu(c.id, makeCheckedPass({ name: c.id, ...c }, workload.items, bad)), operations: workload.items.length }));
const samples = await runInterleaved(entries, { rounds: ROUNDS, warmupRounds: 2, onRound: (r) => console.error(`round ${r + 1}/${ROUNDS}`) });
const baseline = samples.get('node_crypto');
console.log(`${workload.label}, ${ROUNDS} rounds; ops/s median (min–max); ratio to node:crypto per round: median, lowest; CPU µs per verification: median, lowest`);
const cpuBaseline = cpu.get('node_crypto').slice(-ROUNDS);
for (const c of contenders) {
  const v = samples.get(c.id), s = summarize(v);
  const own = cpu.get(c.id).slice(-ROUNDS);
  const cpuRatio = medianRatio(cpuBaseline, own);
  console.log(`${c.id.padEnd(32)} ${Math.round(s.median).toString().padStart(7)} (${Math.round(s.min)}–${Math.round(s.max)})  ×${medianRatio(v, baseline).toFixed(2)}  lowest ×${lowestRatio(v, baseline).toFixed(2)}  CPU ${median(own).toFixed(1)} µs, lowest ${Math.min(...own).toFixed(1)} µs (×${cpuRatio.toFixed(2)} node:crypto's)`);
}

// `npm run bench` (node --expose-gc bench/run.mjs): Ed25519 verification throughput of the Passgate
// core against node:crypto, libsodium and noble, plus the core's size, cold start and heap growth.
// Writes bench/results.json and bench/results.svg (committed, for the README).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { renderRatioChart } from './chart.mjs';
import { medianRatio, runInterleaved, summarize } from './measure.mjs';
import { makeEd25519Workloads, MESSAGE_BYTES, SIGNATURE_COUNT } from './workloads.mjs';

const ROUNDS = 9;
const WARMUP_ROUNDS = 2;
const COLD_START_RUNS = 7;
const HEAP_VERIFICATIONS = 100_000;
const BASELINE = 'node_crypto';

// Every field results.json promises; null until the feature and its contender exist.
const ED25519_FIELDS = ['core', 'core_precomputed', 'core_batch64', 'node_crypto', 'libsodium_wasm', 'noble'];
const PRESENTATION_FIELDS = [
  'passgate', 'passgate_bound', 'passgate_batch64',
  'node_crypto_pipeline', 'node_crypto_pipeline_bound', 'noble_pipeline',
];

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

if (typeof globalThis.gc !== 'function') {
  console.error('run with `npm run bench` (node --expose-gc bench/run.mjs): the heap figures need gc()');
  process.exit(1);
}
if (!existsSync(here('../dist/sdk/crypto.js'))) {
  console.error('no built SDK: run `npm run build` first');
  process.exit(1);
}
// Imported only now, because they load the built SDK.
const { loadEd25519Contenders, makeVerifyPass } = await import('./ed25519Contenders.mjs');
const { builtWasmBytes, measureColdStart, measureHeapGrowth } = await import('./coreFootprint.mjs');

const packageVersion = (name) => JSON.parse(readFileSync(here(`../node_modules/${name}/package.json`), 'utf8')).version;
const fill = (fields, values) => Object.fromEntries(fields.map((f) => [f, values[f] ?? null]));
const round = (value, digits) => Number(value.toFixed(digits));
const formatInt = (value) => Math.round(value).toLocaleString('en-US');

const started = performance.now();
const loadAverageAtStart = os.loadavg();
const wasmBytes = builtWasmBytes();

console.error(`generating ${SIGNATURE_COUNT} signatures per workload…`);
const workloads = makeEd25519Workloads();
const contenders = await loadEd25519Contenders();
const entries = workloads.flatMap((workload) =>
  contenders.map((contender) => ({
    key: `${workload.id}/${contender.id}`,
    pass: makeVerifyPass(contender, workload),
    operations: workload.items.length,
  })),
);

const samples = runInterleaved(entries, {
  rounds: ROUNDS,
  warmupRounds: WARMUP_ROUNDS,
  onRound: (r) => console.error(r < 0 ? `warm-up round ${r + WARMUP_ROUNDS + 1}/${WARMUP_ROUNDS}` : `round ${r + 1}/${ROUNDS}`),
});

const figures = Object.fromEntries(
  workloads.map((workload) => {
    const baseline = samples.get(`${workload.id}/${BASELINE}`);
    const byContender = Object.fromEntries(
      contenders.map((c) => {
        const values = samples.get(`${workload.id}/${c.id}`);
        return [c.id, { ...summarize(values), ratio: medianRatio(values, baseline) }];
      }),
    );
    return [workload.id, byContender];
  }),
);

console.error(`cold start: ${COLD_START_RUNS} fresh processes…`);
const coldStart = measureColdStart(COLD_START_RUNS);
console.error(`heap: ${HEAP_VERIFICATIONS.toLocaleString('en-US')} core verifications…`);
const heap = await measureHeapGrowth(workloads[0].items, HEAP_VERIFICATIONS);

// ---- table ----
console.log(`\nEd25519 verification, single thread: ${SIGNATURE_COUNT} signatures over ${MESSAGE_BYTES}-byte messages,`);
console.log(`${ROUNDS} interleaved rounds after ${WARMUP_ROUNDS} warm-up rounds; ratio = median of per-round ratios to node:crypto\n`);
const header = ['workload', 'contender', 'ops/s (median)', 'min–max', '× node:crypto'];
const rows = workloads.flatMap((w) =>
  contenders.map((c) => {
    const f = figures[w.id][c.id];
    return [w.label, c.name, formatInt(f.median), `${formatInt(f.min)}–${formatInt(f.max)}`, f.ratio.toFixed(2)];
  }),
);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
rows.forEach((r) => console.log(line(r)));
console.log(`\ncore .wasm (build/passgate.wasm): ${formatInt(wasmBytes)} bytes`);
console.log(
  `cold start, loadCrypto() in a fresh process: median ${coldStart.median_ms.toFixed(1)} ms ` +
    `(${coldStart.min_ms.toFixed(1)}–${coldStart.max_ms.toFixed(1)}, ${COLD_START_RUNS} runs); ` +
    `first verification after it: ${coldStart.first_verify_median_ms.toFixed(1)} ms`,
);
console.log(
  `JS heap growth: ${formatInt(heap.bytes_per_1m_verifications)} bytes per 1M core verifications ` +
    `(over ${formatInt(HEAP_VERIFICATIONS)}); wasm memory ${formatInt(heap.wasm_memory_before_bytes)} → ` +
    `${formatInt(heap.wasm_memory_after_bytes)} bytes`,
);

// ---- results.json ----
const headline = figures[workloads[0].id];
const workloadMeta = (w) => ({
  label: w.label,
  distinct_keys: w.publicKeys.length,
  ops_per_s: Object.fromEntries(contenders.map((c) => [c.id, round(figures[w.id][c.id].median, 0)])),
  min_ops_per_s: Object.fromEntries(contenders.map((c) => [c.id, round(figures[w.id][c.id].min, 0)])),
  max_ops_per_s: Object.fromEntries(contenders.map((c) => [c.id, round(figures[w.id][c.id].max, 0)])),
  ratio_to_node_crypto: Object.fromEntries(contenders.map((c) => [c.id, round(figures[w.id][c.id].ratio, 3)])),
});
const results = {
  ed25519_verify_ops_per_s: fill(
    ED25519_FIELDS,
    Object.fromEntries(contenders.map((c) => [c.id, round(headline[c.id].median, 0)])),
  ),
  presentation_verify_ops_per_s: fill(PRESENTATION_FIELDS, {}),
  worker_pool_speedup: null,
  wasm_bytes: wasmBytes,
  cold_start_ms: round(coldStart.median_ms, 2),
  heap_growth_bytes_per_1m_verifications: heap.bytes_per_1m_verifications,
  meta: {
    date: new Date().toISOString(),
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cpu_count: os.cpus().length,
    load_average_at_start: loadAverageAtStart.map((l) => round(l, 2)),
    rounds: ROUNDS,
    warmup_rounds: WARMUP_ROUNDS,
    signatures: SIGNATURE_COUNT,
    message_bytes: MESSAGE_BYTES,
    ed25519_verify_ops_per_s_workload: workloads[0].id,
    ratio_method: 'median over rounds of (contender ops/s ÷ node:crypto ops/s in the same round)',
    versions: {
      'libsodium-wrappers': packageVersion('libsodium-wrappers'),
      '@noble/ed25519': packageVersion('@noble/ed25519'),
      '@noble/hashes': packageVersion('@noble/hashes'),
    },
    workloads: Object.fromEntries(workloads.map((w) => [w.id, workloadMeta(w)])),
    cold_start: {
      runs: coldStart.runs,
      median_ms: round(coldStart.median_ms, 2),
      min_ms: round(coldStart.min_ms, 2),
      max_ms: round(coldStart.max_ms, 2),
      first_verify_median_ms: round(coldStart.first_verify_median_ms, 2),
    },
    heap,
    runtime_s: round((performance.now() - started) / 1000, 1),
  },
};
writeFileSync(here('results.json'), JSON.stringify(results, null, 2) + '\n');

writeFileSync(
  here('results.svg'),
  renderRatioChart({
    title: 'Ed25519 verification throughput relative to node:crypto',
    subtitle: `${SIGNATURE_COUNT} signatures, ${MESSAGE_BYTES}-byte messages · Node ${process.version} · ${results.meta.cpu} · ${results.meta.date.slice(0, 10)}`,
    workloads,
    contenders: contenders.map((c) => ({ name: c.name, ratios: workloads.map((w) => figures[w.id][c.id].ratio) })),
  }),
);
console.log(`\nwrote bench/results.json and bench/results.svg in ${results.meta.runtime_s} s`);

// `npm run bench` (node --expose-gc bench/run.mjs): Ed25519 and whole-presentation verification
// throughput of Passgate against node:crypto, libsodium, noble and the pipelines a developer would
// build from them, the worker pool's speedup, and the core's size, cold start and heap growth.
// Writes bench/results.json and bench/results.svg (committed, for the README).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { renderResultsChart } from './resultsChart.mjs';
import { lowestRatio, medianRatio, runInterleaved, summarize } from './measure.mjs';
import { updateReadme } from './readme.mjs';
import { makeEd25519Workloads, MESSAGE_BYTES, SIGNATURE_COUNT } from './workloads.mjs';

const ROUNDS = 9;
const WARMUP_ROUNDS = 2;
const COLD_START_RUNS = 7;
const HEAP_VERIFICATIONS = 100_000;
const HEAP_PRESENTATIONS = 50_000;
const POOL_WORKERS = Math.max(1, os.availableParallelism() - 1); // the calling thread takes a share too
// Each worker has its own V8 isolate, which must tier its own code up: 5 untimed rounds give each
// of them 10,000 verifications first (the main thread has done far more by then).
const POOL_WARMUP_ROUNDS = 5;
const HEAP_NOISE_BYTES = 100_000; // per 1M: V8 moving a few kilobytes of its own data (README)

// Every field results.json promises; null if a contender could not be measured.
const ED25519_FIELDS = ['core', 'core_precomputed', 'core_batch64', 'node_crypto', 'libsodium_wasm', 'noble'];
const PRESENTATION_FIELDS = [
  'passgate', 'passgate_bound', 'passgate_batch64',
  'node_crypto_pipeline', 'node_crypto_pipeline_bound', 'noble_pipeline',
];
// The workload each Ed25519 field is taken from: the per-issuer features only make sense for issuers.
const ED25519_FIELD_WORKLOAD = {
  core: 'distinct_keys', node_crypto: 'distinct_keys', libsodium_wasm: 'distinct_keys', noble: 'distinct_keys',
  core_precomputed: 'issuers_8', core_batch64: 'issuers_8',
};

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

if (typeof globalThis.gc !== 'function') {
  console.error('run with `npm run bench` (node --expose-gc bench/run.mjs): the heap figures need gc()');
  process.exit(1);
}
if (!existsSync(here('../dist/sdk/core/crypto.js'))) {
  console.error('no built SDK: run `npm run build` first');
  process.exit(1);
}
// Imported only now, because they load the built SDK.
const { loadEd25519Contenders, makeVerifyPass, runsOn } = await import('./ed25519Contenders.mjs');
const { builtWasmBytes, measureColdStart, measureHeapGrowth, measurePresentationHeapGrowth } = await import('./coreFootprint.mjs');
const { makePresentationWorkloads, PRESENTATION_COUNT, POOL_PRESENTATION_COUNT, PRESENTATION_ISSUERS, DECOYS } = await import('./presentationWorkloads.mjs');
const { loadPresentationContenders, loadPoolContenders, PRESENTATION_BASELINES, POOL_BURST } = await import('./presentationContenders.mjs');
const { makeCheckedPass } = await import('./checkedPass.mjs');
const { startParallelProbe, startWasmParallelProbe } = await import('./parallelProbe.mjs');
const { makeBatchUnderAttack, runInterleavedCpu, batchUnderAttackFigures, ATTACK_PRESENTATIONS } = await import('./batchUnderAttack.mjs');
const { measureRevocation, revocationSummary } = await import('./revocation.mjs');

const packageVersion = (name) => JSON.parse(readFileSync(here(`../node_modules/${name}/package.json`), 'utf8')).version;
const fill = (fields, values) => Object.fromEntries(fields.map((f) => [f, values[f] ?? null]));
const round = (value, digits) => (value === null || value === undefined ? null : Number(value.toFixed(digits)));
const formatInt = (value) => Math.round(value).toLocaleString('en-US');
const toHex = (bytes) => Buffer.from(bytes).toString('hex');
const progress = (label, rounds, warmupRounds = WARMUP_ROUNDS) => (r) =>
  console.error(r < 0 ? `${label}: warm-up round ${r + warmupRounds + 1}/${warmupRounds}` : `${label}: round ${r + 1}/${rounds}`);

const started = performance.now();
const loadAverageAtStart = os.loadavg();
const wasmBytes = builtWasmBytes();

// ---- set-up: every input is generated before anything is timed ----
console.error(`generating ${SIGNATURE_COUNT} signatures per Ed25519 workload…`);
const workloads = makeEd25519Workloads();
console.error(`issuing ${POOL_PRESENTATION_COUNT} + ${PRESENTATION_COUNT} presentations…`);
const fixture = makePresentationWorkloads();
const contenders = await loadEd25519Contenders();
const presentation = await loadPresentationContenders(fixture);
const pool = await loadPoolContenders(fixture, POOL_WORKERS);
const parallelProbe = startParallelProbe();
const wasmParallelProbe = await startWasmParallelProbe();

/** Medians, ranges and per-round ratios to `baselineKey` for the entries of one workload. */
function figuresFor(samples, keys, baselineKey) {
  const baseline = samples.get(baselineKey);
  return Object.fromEntries(keys.map(([id, key]) => {
    const values = samples.get(key);
    return [id, { ...summarize(values), ratio: medianRatio(values, baseline), lowest: lowestRatio(values, baseline) }];
  }));
}

// ---- Ed25519, single thread ----
const ed25519Entries = workloads.flatMap((workload) =>
  contenders.filter((c) => runsOn(c, workload)).map((contender) => ({
    key: `${workload.id}/${contender.id}`,
    pass: makeVerifyPass(contender, workload),
    operations: workload.items.length,
  })),
);
const ed25519Samples = await runInterleaved(ed25519Entries, { rounds: ROUNDS, warmupRounds: WARMUP_ROUNDS, onRound: progress('Ed25519', ROUNDS) });
const ed25519 = Object.fromEntries(workloads.map((w) => [
  w.id,
  figuresFor(ed25519Samples, contenders.filter((c) => runsOn(c, w)).map((c) => [c.id, `${w.id}/${c.id}`]), `${w.id}/node_crypto`),
]));

// ---- whole presentations, single thread ----
const presentationEntries = presentation.contenders.map((c) => {
  const workload = fixture.workloads.find((w) => w.id === c.workload);
  return {
    key: `${c.workload}/${c.id}`,
    pass: makeCheckedPass(c, workload.texts, workload.rejects.map((r) => ({ label: r.label, item: r.text }))),
    operations: workload.texts.length,
  };
});
const presentationSamples = await runInterleaved(presentationEntries, { rounds: ROUNDS, warmupRounds: WARMUP_ROUNDS, onRound: progress('presentations', ROUNDS) });
const presentations = Object.fromEntries(fixture.workloads.map((w) => [
  w.id,
  figuresFor(
    presentationSamples,
    presentation.contenders.filter((c) => c.workload === w.id).map((c) => [c.id, `${w.id}/${c.id}`]),
    `${w.id}/${PRESENTATION_BASELINES[w.id]}`,
  ),
]));
const presentationFigure = (id) => presentations[presentation.contenders.find((c) => c.id === id).workload][id];
const passgateOverNoble = medianRatio(presentationSamples.get('plain/passgate'), presentationSamples.get('plain/noble_pipeline'));
const passgateOverNobleLowest = lowestRatio(presentationSamples.get('plain/passgate'), presentationSamples.get('plain/noble_pipeline'));

// ---- worker pool: verifyBatch over cores - 1 workers (+ this thread) vs verifyBatchLocal, same verifier, same inputs ----
const poolSamples = await runInterleaved([...pool.entries, ...parallelProbe.entries, ...wasmParallelProbe.entries], { rounds: ROUNDS, warmupRounds: POOL_WARMUP_ROUNDS, onRound: progress('worker pool', ROUNDS, POOL_WARMUP_ROUNDS) });
await parallelProbe.stop();
await wasmParallelProbe.stop();
const poolLocal = summarize(poolSamples.get('pool/local'));
const poolWorkers = summarize(poolSamples.get('pool/workers'));
const poolSpeedup = medianRatio(poolSamples.get('pool/workers'), poolSamples.get('pool/local'));
const poolSpeedupLowest = lowestRatio(poolSamples.get('pool/workers'), poolSamples.get('pool/local'));
const machineParallelSpeedup = medianRatio(poolSamples.get('cpu/two_threads'), poolSamples.get('cpu/one_thread'));
const wasmParallelSpeedup = medianRatio(poolSamples.get('wasm/two_threads'), poolSamples.get('wasm/one_thread'));
await pool.verifier.destroy();

// ---- batches under attack: verifyBatchLocal ÷ verify() per presentation at 0 %, 10 %, 100 % bad signatures ----
// Timed in CPU time: these are ratios of two paths of this thread, and other processes on a shared
// machine would otherwise decide them.
console.error('batches under attack…');
const attack = await makeBatchUnderAttack();
const attackSamples = await runInterleavedCpu(attack.entries, { rounds: ROUNDS, warmupRounds: WARMUP_ROUNDS });
await attack.stop();
const batchUnderAttack = batchUnderAttackFigures(attackSamples);

// ---- footprint ----
console.error(`cold start: ${COLD_START_RUNS} pairs of fresh processes…`);
const [firstPlain] = fixture.workloads[0].texts;
const coldStart = measureColdStart(COLD_START_RUNS, { root: toHex(fixture.rootPublicKey), trustList: toHex(fixture.trustList), text: firstPlain, now: fixture.now });
console.error(`heap: ${HEAP_VERIFICATIONS.toLocaleString('en-US')} core verifications, ${HEAP_PRESENTATIONS.toLocaleString('en-US')} presentations…`);
const heap = await measureHeapGrowth(workloads[0].items, HEAP_VERIFICATIONS);
const presentationHeap = measurePresentationHeapGrowth(presentation.verifier, fixture.workloads[0].texts, HEAP_PRESENTATIONS);
await presentation.verifier.destroy();
// Revocation filters (PG1 §7.3): sizes against the bound, the 10^8 build (bench/revocation.mjs).
const { revocation } = await measureRevocation();
const loadAverageAtEnd = os.loadavg();

// ---- results ----
const ed25519Field = (id) => ed25519[ED25519_FIELD_WORKLOAD[id]][id];
const ratios = {
  ed25519_verify_ops_per_s: Object.fromEntries(ED25519_FIELDS.map((id) => [id, round(ed25519Field(id).ratio, 3)])),
  presentation_verify_ops_per_s: Object.fromEntries(PRESENTATION_FIELDS.map((id) => [id, round(presentationFigure(id).ratio, 3)])),
};
// The least favourable round of each ratio: what the README gives beside the median.
const lowestRatios = {
  ed25519_verify_ops_per_s: Object.fromEntries(ED25519_FIELDS.map((id) => [id, round(ed25519Field(id).lowest, 3)])),
  presentation_verify_ops_per_s: Object.fromEntries(PRESENTATION_FIELDS.map((id) => [id, round(presentationFigure(id).lowest, 3)])),
};
const targets = [
  { field: 'ed25519_verify_ops_per_s.core', measure: 'core ÷ node_crypto (1,000 distinct keys)', value: ratios.ed25519_verify_ops_per_s.core, target: '≥ 1.0', met: ed25519Field('core').ratio >= 1.0 },
  { field: 'ed25519_verify_ops_per_s.core_precomputed', measure: 'core_precomputed ÷ node_crypto (8 issuer keys)', value: ratios.ed25519_verify_ops_per_s.core_precomputed, target: '≥ 2.2', met: ed25519Field('core_precomputed').ratio >= 2.2 },
  { field: 'ed25519_verify_ops_per_s.core_batch64', measure: 'core_batch64 ÷ node_crypto (8 issuer keys)', value: ratios.ed25519_verify_ops_per_s.core_batch64, target: '≥ 3.0', met: ed25519Field('core_batch64').ratio >= 3.0 },
  { field: 'presentation_verify_ops_per_s.passgate', measure: 'passgate ÷ node_crypto_pipeline', value: ratios.presentation_verify_ops_per_s.passgate, target: '≥ 2.5', met: presentationFigure('passgate').ratio >= 2.5 },
  { field: 'presentation_verify_ops_per_s.passgate_bound', measure: 'passgate_bound ÷ node_crypto_pipeline_bound', value: ratios.presentation_verify_ops_per_s.passgate_bound, target: '≥ 1.5', met: presentationFigure('passgate_bound').ratio >= 1.5 },
  { field: 'presentation_verify_ops_per_s.passgate', measure: 'passgate ÷ noble_pipeline', value: round(passgateOverNoble, 2), target: '≥ 25', met: passgateOverNoble >= 25 },
  { field: 'worker_pool_speedup', measure: `verifyBatch over ${POOL_WORKERS} workers ÷ verifyBatchLocal, ${os.cpus().length} cores`, value: round(poolSpeedup, 3), target: '≥ 1.8', met: poolSpeedup >= 1.8 },
  { field: 'batch_under_attack.bad_100pct', measure: 'verifyBatchLocal ÷ verify() per presentation, 100 % bad signatures (CPU time)', value: batchUnderAttack.bad_100pct.batch_over_single, target: '≤ 1.2', met: batchUnderAttack.bad_100pct.batch_over_single <= 1.2 },
  { field: 'batch_under_attack.bad_10pct', measure: 'verifyBatchLocal ÷ verify() per presentation, 10 % bad signatures (CPU time)', value: batchUnderAttack.bad_10pct.batch_over_single, target: '≤ 1.0', met: batchUnderAttack.bad_10pct.batch_over_single <= 1.0 },
  { field: 'heap_growth_bytes_per_1m_verifications', measure: 'JS heap retained per 1M core verifications', value: heap.bytes_per_1m_verifications, target: `≈ 0 (within ±${formatInt(HEAP_NOISE_BYTES)})`, met: Math.abs(heap.bytes_per_1m_verifications) <= HEAP_NOISE_BYTES },
  { field: 'meta.heap.presentations', measure: 'JS heap retained per 1M presentation verifications', value: presentationHeap.bytes_per_1m_verifications, target: `≈ 0 (within ±${formatInt(HEAP_NOISE_BYTES)})`, met: Math.abs(presentationHeap.bytes_per_1m_verifications) <= HEAP_NOISE_BYTES },
  { field: 'wasm_bytes', measure: 'build/passgate.wasm', value: wasmBytes, target: '≤ 65,536 (64 KB)', met: wasmBytes <= 65_536 },
  { field: 'cold_start_ms', measure: 'loadCrypto() in a fresh process, median', value: round(coldStart.median_ms, 2), target: '≤ 5 ms', met: coldStart.median_ms <= 5 },
];

const workloadMeta = (label, extra, figures) => ({
  label,
  ...extra,
  ops_per_s: Object.fromEntries(Object.entries(figures).map(([id, f]) => [id, round(f.median, 0)])),
  min_ops_per_s: Object.fromEntries(Object.entries(figures).map(([id, f]) => [id, round(f.min, 0)])),
  max_ops_per_s: Object.fromEntries(Object.entries(figures).map(([id, f]) => [id, round(f.max, 0)])),
  ratio_to_baseline: Object.fromEntries(Object.entries(figures).map(([id, f]) => [id, round(f.ratio, 3)])),
  lowest_ratio_to_baseline: Object.fromEntries(Object.entries(figures).map(([id, f]) => [id, round(f.lowest, 3)])),
});
const meanLength = (texts) => Math.round(texts.reduce((n, t) => n + t.length, 0) / texts.length);

const results = {
  ed25519_verify_ops_per_s: fill(ED25519_FIELDS, Object.fromEntries(ED25519_FIELDS.map((id) => [id, round(ed25519Field(id).median, 0)]))),
  presentation_verify_ops_per_s: fill(PRESENTATION_FIELDS, Object.fromEntries(PRESENTATION_FIELDS.map((id) => [id, round(presentationFigure(id).median, 0)]))),
  worker_pool_speedup: round(poolSpeedup, 3),
  wasm_bytes: wasmBytes,
  cold_start_ms: round(coldStart.median_ms, 2),
  heap_growth_bytes_per_1m_verifications: heap.bytes_per_1m_verifications,
  batch_under_attack: batchUnderAttack,
  revocation,
  meta: {
    date: new Date().toISOString(),
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cpu_count: os.cpus().length,
    load_average_at_start: loadAverageAtStart.map((l) => round(l, 2)),
    load_average_at_end: loadAverageAtEnd.map((l) => round(l, 2)),
    rounds: ROUNDS,
    warmup_rounds: WARMUP_ROUNDS,
    ratio_method: 'median over rounds of (contender ops/s ÷ baseline ops/s in the same round); lowest_*: the least favourable round',
    interleave_order: 'each round runs every entry of its group once; the order rotates by one entry each round',
    ratios_to_node_crypto: ratios,
    lowest_ratios_to_node_crypto: lowestRatios,
    ratio_baselines: {
      ed25519_verify_ops_per_s: 'node_crypto on the same workload (see ed25519_field_workloads)',
      presentation_verify_ops_per_s: 'node_crypto_pipeline for passgate, passgate_batch64 and noble_pipeline; node_crypto_pipeline_bound for passgate_bound',
      worker_pool_speedup: 'is itself a ratio: verifyBatch over the pool ÷ verifyBatchLocal',
    },
    targets,
    targets_met: targets.filter((t) => t.met).length,
    targets_missed: targets.filter((t) => !t.met).map((t) => t.measure),
    versions: {
      'libsodium-wrappers': packageVersion('libsodium-wrappers'),
      '@noble/ed25519': packageVersion('@noble/ed25519'),
      '@noble/hashes': packageVersion('@noble/hashes'),
      'cbor-x': packageVersion('cbor-x'),
    },
    ed25519: {
      signatures: SIGNATURE_COUNT,
      message_bytes: MESSAGE_BYTES,
      ed25519_field_workloads: ED25519_FIELD_WORKLOAD,
      workloads: Object.fromEntries(workloads.map((w) => [w.id, workloadMeta(w.label, { distinct_keys: w.publicKeys.length, baseline: 'node_crypto' }, ed25519[w.id])])),
    },
    presentations: {
      presentations: PRESENTATION_COUNT,
      issuers: PRESENTATION_ISSUERS,
      disclosures: 3,
      decoys: DECOYS,
      input: 'PG1: + base45 text',
      passgate_over_noble_pipeline: round(passgateOverNoble, 2),
      passgate_over_noble_pipeline_lowest: round(passgateOverNobleLowest, 2),
      claims_read: 'every contender builds or reads the claims of each presentation: the pipelines build them, Passgate\'s results are read (.claims)',
      workloads: Object.fromEntries(fixture.workloads.map((w) => [w.id, workloadMeta(w.label, {
        mean_text_chars: meanLength(w.texts),
        baseline: PRESENTATION_BASELINES[w.id],
        rejected_before_timing: w.rejects.map((r) => r.label),
      }, presentations[w.id])])),
    },
    worker_pool: {
      workers: POOL_WORKERS,
      warmup_rounds: POOL_WARMUP_ROUNDS,
      presentations: POOL_PRESENTATION_COUNT,
      batches_per_pass: POOL_BURST,
      pass_note: 'each timed pass verifies the presentations in POOL_BURST batches back to back (a sustained burst); the harness forces a full collection before every pass, after which the pool\'s first batch takes about 15 ms longer than the next ones (64 vs 50 ms measured), which a pass of one batch would count against the pool',
      verify_batch_local_ops_per_s: round(poolLocal.median, 0),
      verify_batch_pool_ops_per_s: round(poolWorkers.median, 0),
      lowest_speedup: round(poolSpeedupLowest, 3),
      min_max_local: [round(poolLocal.min, 0), round(poolLocal.max, 0)],
      min_max_pool: [round(poolWorkers.min, 0), round(poolWorkers.max, 0)],
      machine_parallel_speedup: round(machineParallelSpeedup, 3),
      wasm_parallel_speedup: round(wasmParallelSpeedup, 3),
      wasm_parallel_speedup_note: 'Ed25519 verifications under a prepared key on 2 worker threads at once ÷ on 1, interleaved with the pool rounds: the ceiling for the core\'s own kind of work',
      machine_parallel_speedup_note: 'the same pure-JS job on 2 worker threads at once ÷ on 1, interleaved with the pool rounds: the ceiling the pool could reach on this machine at that time',
    },
    batch_under_attack: {
      presentations: ATTACK_PRESENTATIONS,
      timing: 'CPU time of this process (process.cpuUsage), interleaved rounds; batch_over_single is the median over rounds of the per-round ratio',
      bad_signatures: 'well-formed signatures by the right issuer over another token (they reach the batch equation)',
      state: 'one verifier per share, warmed up on its workload: the steady state of a sustained burst',
    },
    cold_start: {
      runs: coldStart.runs,
      median_ms: round(coldStart.median_ms, 2),
      min_ms: round(coldStart.min_ms, 2),
      max_ms: round(coldStart.max_ms, 2),
      first_verify_median_ms: round(coldStart.first_verify_median_ms, 2),
      verifier: {
        ready_median_ms: round(coldStart.verifier.ready.median_ms, 2),
        ready_min_ms: round(coldStart.verifier.ready.min_ms, 2),
        ready_max_ms: round(coldStart.verifier.ready.max_ms, 2),
        create_verifier_median_ms: round(coldStart.verifier.create_verifier_median_ms, 2),
        apply_trust_list_median_ms: round(coldStart.verifier.apply_trust_list_median_ms, 2),
        first_verify_median_ms: round(coldStart.verifier.first_verify_median_ms, 2),
        sdk_import_median_ms: round(coldStart.verifier.sdk_import_median_ms, 2),
        import_to_first_verify_median_ms: round(coldStart.verifier.import_to_first_verify.median_ms, 2),
        import_to_first_verify_min_ms: round(coldStart.verifier.import_to_first_verify.min_ms, 2),
        import_to_first_verify_max_ms: round(coldStart.verifier.import_to_first_verify.max_ms, 2),
        note: `ready = createVerifier({ roots, storage: null }) + applyTrustList() of a list with ${PRESENTATION_ISSUERS} issuers (comb tables come later, from each key's 2nd verified use), the SDK import not included; import_to_first_verify = from the SDK's import to the first presentation verified (claims read), in a fresh process`,
      },
    },
    heap: { ...heap, presentations: presentationHeap },
    runtime_s: round((performance.now() - started) / 1000, 1),
  },
};
// Fields this run does not measure (the browser benchmark's `browser`, others' additions) are kept.
const previous = existsSync(here('results.json')) ? JSON.parse(readFileSync(here('results.json'), 'utf8')) : {};
const written = { ...previous, ...results };
writeFileSync(here('results.json'), JSON.stringify(written, null, 2) + '\n');

// ---- table ----
function printTable(title, header, rows) {
  console.log(`\n${title}\n`);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach((r) => console.log(line(r)));
}
const figureRow = (label, name, f) => [label, name, formatInt(f.median), `${formatInt(f.min)}–${formatInt(f.max)}`, f.ratio.toFixed(2), f.lowest.toFixed(2)];
printTable(
  `Ed25519 verification, single thread: ${SIGNATURE_COUNT} signatures over ${MESSAGE_BYTES}-byte messages, ${ROUNDS} interleaved rounds after ${WARMUP_ROUNDS} warm-up rounds`,
  ['workload', 'contender', 'ops/s (median)', 'min–max', '× node:crypto', 'lowest ×'],
  workloads.flatMap((w) => contenders.filter((c) => runsOn(c, w)).map((c) => figureRow(w.label, `${c.name} [${c.id}]`, ed25519[w.id][c.id]))),
);
printTable(
  `Whole presentations (PG1: text, 3 disclosures, ${DECOYS} decoys, ${PRESENTATION_ISSUERS} issuers), single thread`,
  ['workload', 'contender', 'ops/s (median)', 'min–max', '× pipeline', 'lowest ×'],
  fixture.workloads.flatMap((w) => presentation.contenders.filter((c) => c.workload === w.id).map((c) => figureRow(w.label, `${c.name} [${c.id}]`, presentations[w.id][c.id]))),
);
console.log(`\npassgate ÷ noble_pipeline: ${passgateOverNoble.toFixed(1)}× (lowest round ${passgateOverNobleLowest.toFixed(1)}×)`);
console.log(
  `worker pool (${POOL_BURST} × ${POOL_PRESENTATION_COUNT} presentations a pass, ${POOL_WORKERS} workers): verifyBatch ${formatInt(poolWorkers.median)} ops/s vs ` +
    `verifyBatchLocal ${formatInt(poolLocal.median)} ops/s: speedup ${poolSpeedup.toFixed(2)}× (lowest round ${poolSpeedupLowest.toFixed(2)}×) ` +
    `(two threads of pure JS on this machine meanwhile: ${machineParallelSpeedup.toFixed(2)}×; of the core's Ed25519: ${wasmParallelSpeedup.toFixed(2)}×)`,
);
console.log(
  `batches under attack (${ATTACK_PRESENTATIONS} presentations, CPU time), verifyBatchLocal ÷ verify() per presentation: ` +
    Object.entries(batchUnderAttack).map(([share, f]) => `${share} ${f.batch_over_single.toFixed(2)}× (${f.batch_us} vs ${f.single_us} µs)`).join(', '),
);
console.log(`core .wasm (build/passgate.wasm): ${formatInt(wasmBytes)} bytes`);
console.log(
  `cold start, loadCrypto() in a fresh process: median ${coldStart.median_ms.toFixed(1)} ms ` +
    `(${coldStart.min_ms.toFixed(1)}–${coldStart.max_ms.toFixed(1)}, ${COLD_START_RUNS} runs); ` +
    `first verification after it: ${coldStart.first_verify_median_ms.toFixed(1)} ms`,
);
console.log(
  `cold start, first verifier ready (createVerifier + trust list of ${PRESENTATION_ISSUERS} issuers): median ` +
    `${coldStart.verifier.ready.median_ms.toFixed(1)} ms (${coldStart.verifier.ready.min_ms.toFixed(1)}–${coldStart.verifier.ready.max_ms.toFixed(1)}; ` +
    `createVerifier ${coldStart.verifier.create_verifier_median_ms.toFixed(1)} ms + applyTrustList ${coldStart.verifier.apply_trust_list_median_ms.toFixed(1)} ms); ` +
    `first presentation: ${coldStart.verifier.first_verify_median_ms.toFixed(1)} ms; SDK import: ${coldStart.verifier.sdk_import_median_ms.toFixed(1)} ms`,
);
console.log(
  `cold start, from the SDK import to the first verified presentation (fresh process): median ` +
    `${coldStart.verifier.import_to_first_verify.median_ms.toFixed(1)} ms (${coldStart.verifier.import_to_first_verify.min_ms.toFixed(1)}–${coldStart.verifier.import_to_first_verify.max_ms.toFixed(1)})`,
);
console.log(
  `JS heap growth, median of ${heap.window_growth_bytes.length} windows: ${formatInt(heap.bytes_per_1m_verifications)} bytes per 1M core verifications ` +
    `(windows ${heap.window_growth_bytes.map(formatInt).join(', ')} bytes over ${formatInt(heap.verifications)}); wasm memory ` +
    `${formatInt(heap.wasm_memory_before_bytes)} → ${formatInt(heap.wasm_memory_after_bytes)} bytes; ` +
    `${formatInt(presentationHeap.bytes_per_1m_verifications)} bytes per 1M presentation verifications ` +
    `(windows ${presentationHeap.window_growth_bytes.map(formatInt).join(', ')} bytes over ${formatInt(presentationHeap.verifications)})`,
);
printTable('Targets', ['measure', 'value', 'target', 'met'], targets.map((t) => [t.measure, String(t.value), t.target, t.met ? 'yes' : 'MISSED']));
console.log(revocationSummary(revocation));

// ---- chart: every section, the browser's included, from what results.json now holds ----
writeFileSync(here('results.svg'), renderResultsChart(written));
updateReadme(written);
console.log(`\nwrote bench/results.json, bench/results.svg and the README's figures in ${results.meta.runtime_s} s`);

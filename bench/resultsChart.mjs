// The chart of bench/results.svg, drawn from bench/results.json alone, so that each benchmark
// (`npm run bench` in Node, `npm run bench:browser` in Chromium) redraws the whole chart after
// writing its own part: the Node sections from the top-level fields and `meta`, the revocation
// filters' from `revocation`, the browser section from `browser` when they are there.
import { renderRatioChart } from './chart.mjs';

const row = (name, ratio, target) => ({ name, ratio: ratio ?? null, ...(target === undefined ? {} : { target }) });
const formatInt = (value) => Math.round(value).toLocaleString('en-US');

function nodeSections(results) {
  const meta = results.meta;
  if (!meta?.ed25519 || !meta.presentations) return [];
  const ed = (workload, id) => meta.ed25519.workloads[workload]?.ratio_to_baseline[id];
  const pres = (workload, id) => meta.presentations.workloads[workload]?.ratio_to_baseline[id];
  return [
    {
      title: `Ed25519, single thread (÷ node:crypto, same keys; ${formatInt(meta.ed25519.signatures)} signatures)`,
      rows: [
        row('core, 1,000 distinct keys', ed('distinct_keys', 'core'), 1.0),
        row('core, 8 issuer keys', ed('issuers_8', 'core')),
        row('core_precomputed, 8 prepared issuer keys', ed('issuers_8', 'core_precomputed'), 2.2),
        row('core_batch64, 8 prepared issuer keys', ed('issuers_8', 'core_batch64'), 3.0),
        row('batch of 64, plain keys, 8 issuer keys', ed('issuers_8', 'core_batch64_plain_keys')),
        row('batch of 64, plain keys, 1,000 distinct keys', ed('distinct_keys', 'core_batch64_plain_keys')),
        row('libsodium-wrappers, 1,000 distinct keys', ed('distinct_keys', 'libsodium_wasm')),
        row('@noble/ed25519, 1,000 distinct keys', ed('distinct_keys', 'noble')),
      ],
    },
    {
      title: `Presentations, PG1: text, single thread (÷ the node:crypto pipeline on the same ${formatInt(meta.presentations.presentations)})`,
      rows: [
        row('passgate: verify()', pres('plain', 'passgate'), 2.0),
        row('passgate_batch64: verifyBatchLocal()', pres('plain', 'passgate_batch64')),
        row('noble_pipeline', pres('plain', 'noble_pipeline')),
        row('passgate_bound: verify(), holder-bound', pres('bound', 'passgate_bound'), 1.5),
        row('verifyBatchLocal(), holder-bound', pres('bound', 'passgate_bound_batch64')),
      ],
    },
    {
      title: 'Other ratios',
      rows: [
        row('passgate ÷ noble_pipeline', meta.presentations.passgate_over_noble_pipeline, 25),
        row(`worker pool: ${meta.worker_pool.workers} workers ÷ verifyBatchLocal`, results.worker_pool_speedup, 1.8),
        row('two JS threads ÷ one on this machine (ceiling)', meta.worker_pool.machine_parallel_speedup),
        row('two threads of core Ed25519 ÷ one on this machine (ceiling)', meta.worker_pool.wasm_parallel_speedup),
        // Throughput of verifyBatchLocal ÷ verify() (the inverse of batch_under_attack's cost ratios).
        ...(results.batch_under_attack ? [
          row('batches, 0 % bad signatures ÷ verify() (CPU time)', 1 / results.batch_under_attack.bad_0pct.batch_over_single),
          row('batches, 10 % bad signatures ÷ verify() (CPU time)', 1 / results.batch_under_attack.bad_10pct.batch_over_single, 1.0),
          row('batches, 100 % bad signatures ÷ verify() (CPU time)', 1 / results.batch_under_attack.bad_100pct.batch_over_single, 1 / 1.2),
        ] : []),
      ],
    },
  ];
}

function browserSection(browser) {
  if (!browser) return [];
  const ed = browser.ed25519_vs_webcrypto;
  const pres = browser.presentation_vs_webcrypto_pipeline;
  const qr = browser.qr_decode_ms?.v19?.noisy;
  const scan = browser.scan_to_decision_ms;
  return [
    {
      title: `Chromium ${browser.meta.chromium} (÷ WebCrypto, same inputs, its faster way each round; a budget ÷ p95 ≥ 1 is within it)`,
      rows: [
        row('Ed25519 core, 1,000 distinct keys ÷ WebCrypto', ed.core),
        row('Ed25519 prepared, 8 issuer keys ÷ WebCrypto', ed.core_precomputed),
        row('Ed25519 batch of 64, 8 issuer keys ÷ WebCrypto', ed.core_batch64),
        row('presentations: verify() ÷ WebCrypto pipeline', pres.verify, 1.5),
        row('presentations: verifyBatch() ÷ WebCrypto pipeline', pres.verify_batch, 2.5),
        row('QR v19 noisy: 10 ms ÷ p95 of the shipped reader', qr ? 10 / qr.zxing_wasm.p95 : null, 1),
        row('QR v19 noisy: 10 ms ÷ p95 of each frame\'s best', qr?.zxing_wasm.best_of_rounds_p95 ? 10 / qr.zxing_wasm.best_of_rounds_p95 : null, 1),
        row('QR v19 noisy: jsQR p95 ÷ shipped reader p95', qr ? qr.jsqr.p95 / qr.zxing_wasm.p95 : null),
        row('scan to decision: 30 ms ÷ p95', scan ? 30 / scan.p95 : null, 1),
      ],
    },
  ];
}

/** Revocation filters (bench/revocation.mjs): sizes and resources over their bound or budget, where lower is better. */
function revocationSection(revocation) {
  if (!revocation) return [];
  const lower = (name, ratio, target) => ({ name, ratio: ratio ?? null, target, lowerIsBetter: true });
  const ids = Object.keys(revocation.filter_vs_bound);
  const target = (id) => Number(String(revocation.meta.targets[id].filter_vs_bound).replace(/[^0-9.]/g, ''));
  const build = revocation.filter_build_keys_per_s;
  return [
    {
      title: 'Revocation filters (PG1 §7.3): size ÷ bound, resources ÷ budget (lower is better); list ÷ filter',
      rows: [
        ...ids.map((id) => lower(`filter ÷ log2 C(N, R) / 8, N/R = ${id}`, revocation.filter_vs_bound[id], target(id))),
        ...ids.map((id) => row(`§7.1 list ÷ filter, ${id}`, revocation.list_vs_filter[id])),
        row(`build of 10^8 keys: ${revocation.meta.threads} threads ÷ 1 (keys/s)`, build.all_threads / build.one_thread),
        lower('build of 10^8 keys: peak RSS ÷ 1,024 MB', revocation.filter_build_peak_rss_mb / 1024, 1),
        lower('core lookup in the 10^8 filter ÷ 200 ns', revocation.filter_lookup_ns === null ? null : revocation.filter_lookup_ns / 200, 1),
      ],
    },
  ];
}

/** The SVG of every ratio in `results` (the parsed bench/results.json). */
export function renderResultsChart(results) {
  const meta = results.meta ?? {};
  const load = meta.load_average_at_start?.[0];
  return renderRatioChart({
    title: 'Passgate throughput relative to the baselines',
    subtitle: `Node ${meta.node} · ${meta.cpu} × ${meta.cpu_count} · ${String(meta.date ?? '').slice(0, 10)}${load === undefined ? '' : ` · load ${load.toFixed(1)} at start`}` +
      (results.browser ? ` · browser ${String(results.browser.meta.date).slice(0, 10)}, load ${results.browser.meta.load_average_at_start[0].toFixed(1)}` : ''),
    sections: [...nodeSections(results), ...revocationSection(results.revocation), ...browserSection(results.browser)],
  });
}

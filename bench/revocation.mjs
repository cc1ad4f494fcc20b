// Revocation filters (PG1 §7.3) at national scale: their size against the information-theoretic
// bound log2 C(N, R) / 8 and against a §7.1 list, the build's speed and peak memory. Run by
// bench/run.mjs (`npm run bench`), or alone: `node bench/revocation.mjs` prints its results.
//
// - (10^6, 10^4) and (10^7, 10^5): built in this process by the streaming builder, on all threads.
// - (10^8, 7 * 10^5): built by `passgate revocations filter` from an 800 MB .bin universe under
//   /tmp (deleted afterwards), once on one thread and once on all, under /usr/bin/time -v: the
//   keys/s and the peak RSS of the process (its worker threads included) come from there.
// - (1.4 * 10^9, 10^7): the builder would make 2^s shards (s from its own rule); SAMPLED_SHARDS of
//   them are built for real with the builder's stage functions, each from its N / 2^s universe keys
//   and R / 2^s revoked keys, and the filter's size is extrapolated: a one-shard filter's envelope,
//   plus the sampled shards' mean size times 2^s.
// Keys are random 8-byte strings (AES-CTR keystream), as H(cti)[0..8] is; the revoked keys are
// the first R of the universe's.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { encode } from '../dist/sdk/cbor/deterministicEncoder.js';
import { instantiateCore } from '../dist/sdk/core/loadCore.js';
import { VerifierCore } from '../dist/sdk/core/verifierCore.js';
import { parseRevocationFilter } from '../dist/sdk/pg1/revocationFilter.js';
import { createVerifier, MemoryStorage } from '../dist/sdk/index.js';
import { decodeValue } from '../dist/sdk/cbor/valueDecoder.js';
import { buildRevocationFilterStreaming, buildRevocationList, generateKeyPair, log2Binomial } from '../dist/sdk/issuer/index.js';
import { shardItem } from '../dist/sdk/issuer/filter/filterEncoding.js';
import { KeyBuffer, keyWords, sortUnique } from '../dist/sdk/issuer/filter/keyArray.js';
import { parseKeyChunk } from '../dist/sdk/issuer/filter/keyRecords.js';
import { chooseShardBits } from '../dist/sdk/issuer/filter/shardPlan.js';
import { buildStage1, buildStage2 } from '../dist/sdk/issuer/filter/shardStages.js';
import { screenData, Stage1Screen } from '../dist/sdk/issuer/filter/stage1Screen.js';
import { chooseWidth } from '../dist/sdk/issuer/filter/widthChoice.js';
import { median } from './measure.mjs';
import { generatedSource, streamKeys, writeKeyFile } from './revocationWorkloads.mjs';

const BIN = fileURLToPath(new URL('../bin/passgate.js', import.meta.url));
const THREADS = os.availableParallelism();
const SAMPLED_SHARDS = 2;
const RSS_BUDGET_MB = 1024;
const TARGETS = { '1e6/1e4': 1.35, '1e7/1e5': 1.3, '1e8/7e5': 1.25, '1.4e9/1e7': 1.25 };
const SIZES = { '1e6/1e4': [1e6, 1e4], '1e7/1e5': [1e7, 1e5], '1e8/7e5': [1e8, 7e5], '1.4e9/1e7': [1.4e9, 1e7] };
const ENVELOPE = { version: 1, issuedAt: 1_750_000_000, expires: 1_750_086_400, covers: 1_749_999_000 };

const round = (v, digits) => (v === null ? null : Number(v.toFixed(digits)));
const boundBytes = (n, r) => log2Binomial(n, r) / 8;

/** The bytes of the §7.1 list of R revoked keys: built for real up to 16 MiB, else its envelope plus 8 R. */
function listBytes(rootSecret, revoked) {
  const keys = (count) => {
    const bytes = streamKeys(1, 0, count);
    return Array.from({ length: count }, (_, i) => bytes.subarray(8 * i, 8 * i + 8));
  };
  const real = (count) => buildRevocationList({ rootSecret, ...ENVELOPE, revoked: keys(count) }).length;
  if (revoked * 8 <= 8 * 1024 * 1024) return real(revoked);
  // Same byte-string head (5 bytes) for every length from 2^16 to 2^32: the envelope is the same.
  return real(100_000) + 8 * (revoked - 100_000);
}

/** One filter built in this process by the streaming builder, on all threads. */
async function buildInProcess(rootSecret, n, r, stream) {
  const started = performance.now();
  const result = await buildRevocationFilterStreaming({
    rootSecret, ...ENVELOPE, threads: THREADS, seed: 1n,
    universe: generatedSource('universe', n, stream), revoked: generatedSource('revoked', r, stream),
  });
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

/**
 * One shard of a larger filter, built with the builder's own stage functions on this thread: the
 * shard's n universe keys (top bits pinned to `shard`) screened once through stage 1, whose r is the
 * builder's choice for these exact counts (its counting pass has nothing else to find here).
 */
async function buildShard(n, r, shardBits, shard, stream) {
  const started = performance.now();
  const keysOf = async (count) => {
    const parts = [];
    for await (const chunk of generatedSource('keys', count, stream, { shardBits, shard }).chunks()) parts.push(parseKeyChunk('bin', chunk));
    return parts;
  };
  const revoked = sortUnique(BigUint64Array.from((await keysOf(r)).flatMap((p) => [...p])));
  const width = chooseWidth(n, revoked.length);
  const stage1 = buildStage1(revoked, width, 1n, shard);
  const screen = new Stage1Screen(screenData(0, [stage1], false));
  const passing = new KeyBuffer();
  for await (const chunk of generatedSource('universe', n, stream, { shardBits, shard }).chunks()) {
    const keys = parseKeyChunk('bin', chunk);
    screen.collect(keyWords(keys), keys.length, passing);
  }
  const stage2 = buildStage2(passing.toArray(), revoked, 1n, shard);
  return { bytes: encode(shardItem({ stage1, stage2 })).length, r: width, stage2_keys: stage2.keys, seconds: round((performance.now() - started) / 1000, 1) };
}

/** The CBOR size of shard i of a signed filter, and of the rest (the envelope). */
function shardSizes(bytes) {
  const sign1 = decodeValue(bytes).value;
  const payload = decodeValue(sign1[2]);
  const shards = payload.get(9);
  const items = shards.map((s) => encode(s).length);
  return { items, envelope: bytes.length - items.reduce((a, b) => a + b, 0) };
}

function parseTime(stderr) {
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(stderr);
  if (rss === null || wall === null) throw new Error(`no /usr/bin/time -v report:\n${stderr}`);
  return { rssMb: Number(rss[1]) / 1024, seconds: Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) };
}

/** `passgate revocations filter` on .bin files under /usr/bin/time -v. */
function cliBuild(dir, threads) {
  const out = join(dir, `filter-${threads}.cbor`);
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, BIN, 'revocations', 'filter', '--root-key', join(dir, 'root.json'),
    '--version', '1', '--issued-at', String(ENVELOPE.issuedAt), '--expires', String(ENVELOPE.expires), '--covers', String(ENVELOPE.covers),
    '--universe', join(dir, 'universe.bin'), '--revoked', join(dir, 'revoked.bin'), '--threads', String(threads), '--seed', '1', '--out', out],
    { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`passgate revocations filter failed (${r.status}):\n${r.stderr}`);
  return { summary: JSON.parse(r.stdout), ...parseTime(r.stderr) };
}

const LOOKUP_KEYS = 100_000;
// Many short rounds: on a shared machine a round that loses the core shows up as an outlier, not in the median.
const LOOKUP_ROUNDS = 201;
/** Prefixes placed at once in the core's 64 KiB I/O area. */
const LOOKUP_BATCH = 4096;

/**
 * The core's lookup, `revocationsLookup(prefix at, iat)` (assembly/pg1/revocationFilter.ts), on the
 * filter loaded into a fresh core through VerifierCore.loadRevocations. First every revoked key and
 * LOOKUP_KEYS random members of U must get their answer (through VerifierCore.isRevoked); then
 * LOOKUP_ROUNDS rounds each time the core's lookups of the next LOOKUP_BATCH of those members,
 * revoked or not, from the I/O area (placing them is not timed). The median
 * round, per lookup.
 */
export async function measureLookup(filterBytes, universeStream, n, r) {
  const sign1 = decodeValue(filterBytes).value;
  const filter = parseRevocationFilter(decodeValue(sign1[2]));
  const exports = await instantiateCore();
  const core = new VerifierCore(exports);
  core.loadRevocations({ expires: filter.expires, prefixes: new Uint8Array(0), filter: { covers: filter.covers, shards: filter.shards } });
  const iat = BigInt(filter.covers);
  const revoked = streamKeys(universeStream, 0, r);
  for (let i = 0; i < r; i++) if (!core.isRevoked(revoked.subarray(8 * i, 8 * i + 8), iat)) throw new Error(`revoked key ${i} not revoked by the core`);
  // Members of U from windows of LOOKUP_BATCH keys at random places in it (the keys themselves are random).
  const members = new Uint8Array(8 * LOOKUP_KEYS);
  for (let first = 0; first < LOOKUP_KEYS; first += LOOKUP_BATCH) {
    const count = Math.min(LOOKUP_BATCH, LOOKUP_KEYS - first);
    const at = Math.floor(Math.random() * (n - count));
    members.set(streamKeys(universeStream, at, count), 8 * first);
    for (let i = 0; i < count; i++) {
      if (core.isRevoked(members.subarray(8 * (first + i), 8 * (first + i + 1)), iat) !== at + i < r) throw new Error(`universe key ${at + i}: the core answers ${at + i >= r}`);
    }
  }
  const io = exports.ioBuffer();
  const perLookup = [];
  for (let round = 0; round < LOOKUP_ROUNDS; round++) {
    const first = (round * LOOKUP_BATCH) % LOOKUP_KEYS;
    const count = Math.min(LOOKUP_BATCH, LOOKUP_KEYS - first);
    new Uint8Array(exports.memory.buffer).set(members.subarray(8 * first, 8 * (first + count)), io);
    const started = performance.now();
    for (let i = 0; i < count; i++) exports.revocationsLookup(io + 8 * i, iat);
    perLookup.push(((performance.now() - started) * 1e6) / count);
  }
  return { median_ns: median(perLookup), min_ns: Math.min(...perLookup), max_ns: Math.max(...perLookup), checked: r + LOOKUP_KEYS };
}

const APPLY_RUNS = 5;

/**
 * applyRevocations(filter) on a fresh verifier (createVerifier with the root, storage in memory),
 * APPLY_RUNS times: the signature, the §7.3 checks, the core taking the tables, the sealed record
 * stored. The median, in ms; createVerifier itself is not timed.
 */
export async function measureApply(filterBytes, rootPublicKey, now) {
  const times = [];
  for (let i = 0; i < APPLY_RUNS; i++) {
    const verifier = await createVerifier({ roots: [rootPublicKey], storage: new MemoryStorage(), now: () => now });
    const started = performance.now();
    await verifier.applyRevocations(filterBytes);
    times.push(performance.now() - started);
    await verifier.destroy();
  }
  return { median_ms: median(times), min_ms: Math.min(...times), max_ms: Math.max(...times), runs: APPLY_RUNS };
}

export async function measureRevocation(log = (m) => console.error(m)) {
  const started = performance.now();
  const root = generateKeyPair();
  const filterBytes = {};
  const buildSeconds = {};

  let envelopeBytes = 0;
  for (const id of ['1e6/1e4', '1e7/1e5']) {
    const [n, r] = SIZES[id];
    log(`revocation filter ${id}: building in process on ${THREADS} threads…`);
    const built = await buildInProcess(root.secretKey, n, r, 11);
    filterBytes[id] = built.bytes.length;
    buildSeconds[id] = built.seconds;
    envelopeBytes = shardSizes(built.bytes).envelope;
  }

  const [n8, r8] = SIZES['1e8/7e5'];
  const dir = mkdtempSync(join(os.tmpdir(), 'passgate-bench-filter-'));
  let cli;
  let lookup;
  let apply;
  try {
    log(`revocation filter 1e8/7e5: writing ${(n8 * 8) / 1e6} MB of universe keys under ${dir}…`);
    await writeKeyFile(join(dir, 'universe.bin'), n8, 12);
    await writeKeyFile(join(dir, 'revoked.bin'), r8, 12);
    writeFileSync(join(dir, 'root.json'), execFileSync(process.execPath, [BIN, 'keygen'], { encoding: 'utf8' }));
    log('revocation filter 1e8/7e5: passgate revocations filter, one thread…');
    const one = cliBuild(dir, 1);
    log(`revocation filter 1e8/7e5: passgate revocations filter, ${THREADS} threads…`);
    const all = cliBuild(dir, THREADS);
    cli = { one, all };
    filterBytes['1e8/7e5'] = all.summary.bytes;
    buildSeconds['1e8/7e5'] = all.seconds;
    log('revocation filter 1e8/7e5: the core\'s lookup…');
    const filter8 = new Uint8Array(readFileSync(join(dir, `filter-${THREADS}.cbor`)));
    lookup = await measureLookup(filter8, 12, n8, r8);
    log('revocation filter 1e8/7e5: applying it to fresh verifiers…');
    apply = await measureApply(filter8, JSON.parse(readFileSync(join(dir, 'root.json'), 'utf8')).publicKey, ENVELOPE.issuedAt);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const [nBig, rBig] = SIZES['1.4e9/1e7'];
  const shardBits = chooseShardBits(nBig, rBig, THREADS);
  const shards = 2 ** shardBits;
  const sampled = [];
  for (let j = 0; j < SAMPLED_SHARDS; j++) {
    const shard = Math.floor((j * shards) / SAMPLED_SHARDS);
    log(`revocation filter 1.4e9/1e7: shard ${shard} of ${shards} (${nBig / shards} universe keys)…`);
    sampled.push({ shard, ...(await buildShard(nBig / shards, rBig / shards, shardBits, shard, 20 + j)) });
  }
  const meanShard = sampled.reduce((a, s) => a + s.bytes, 0) / sampled.length;
  // A one-shard filter's envelope (the 10^7 build's), its shard array head grown from 1 item to 2^s.
  const arrayHead = (count) => (count < 24 ? 1 : count < 256 ? 2 : 3);
  filterBytes['1.4e9/1e7'] = Math.round(envelopeBytes - arrayHead(1) + arrayHead(shards) + meanShard * shards);
  buildSeconds['1.4e9/1e7'] = null;

  // Issuer tables within the default budget (issue 9 §2): a 10,000-key trust list in a fresh process.
  log('trust list of 10,000 issuer keys, applied in a fresh process…');
  const trust10k = JSON.parse(execFileSync(process.execPath, [fileURLToPath(new URL('./trust10k.mjs', import.meta.url))], { encoding: 'utf8' }).trim().split('\n').pop());

  const ids = Object.keys(SIZES);
  const vsBound = Object.fromEntries(ids.map((id) => [id, filterBytes[id] / boundBytes(...SIZES[id])]));
  const revocation = {
    filter_vs_bound: Object.fromEntries(ids.map((id) => [id, round(vsBound[id], 4)])),
    filter_bits_per_revoked: Object.fromEntries(ids.map((id) => [id, round((filterBytes[id] * 8) / SIZES[id][1], 3)])),
    list_vs_filter: Object.fromEntries(ids.map((id) => [id, round(listBytes(root.secretKey, SIZES[id][1]) / filterBytes[id], 2)])),
    filter_lookup_ns: round(lookup.median_ns, 1),
    filter_apply_ms: round(apply.median_ms, 1),
    filter_build_keys_per_s: {
      one_thread: Math.round(n8 / cli.one.seconds),
      all_threads: Math.round(n8 / cli.all.seconds),
    },
    filter_build_peak_rss_mb: round(Math.max(cli.one.rssMb, cli.all.rssMb), 1),
    trust_10k_apply_ms: round(trust10k.applyMs, 1),
    trust_10k_rss_mb: round(trust10k.rssMb, 1),
    meta: {
      filter_bytes: filterBytes,
      bound_bytes: Object.fromEntries(ids.map((id) => [id, Math.round(boundBytes(...SIZES[id]))])),
      targets: {
        ...Object.fromEntries(ids.map((id) => [id, { filter_vs_bound: `≤ ${TARGETS[id]}`, met: vsBound[id] <= TARGETS[id] }])),
        filter_lookup_ns: { target: '≤ 200', met: lookup.median_ns <= 200 },
        filter_build_peak_rss_mb: { target: `≤ ${RSS_BUDGET_MB}`, met: Math.max(cli.one.rssMb, cli.all.rssMb) <= RSS_BUDGET_MB },
        trust_10k_apply_ms: { target: '≤ 1000', met: trust10k.applyMs <= 1000 },
        trust_10k_rss_mb: { target: '≤ 300', met: trust10k.rssMb <= 300 },
      },
      trust_10k: {
        ...Object.fromEntries(Object.entries(trust10k).map(([k, v]) => [k, Number.isInteger(v) ? v : round(v, 1)])),
        how: 'bench/trust10k.mjs: a signed list of 10,000 issuer keys applied with applyTrustList() to a fresh verifier (MemoryStorage) in a fresh Node process under the default precompute budget (16 MiB); applyMs is wall time, applyCpuMs the process CPU time, rssMb the resident memory after the apply; then 200 tokens of keys spread over the list verify',
      },
      build_seconds: Object.fromEntries(ids.map((id) => [id, round(buildSeconds[id], 1)])),
      threads: THREADS,
      build_1e8: {
        how: '`passgate revocations filter` on a 10^8-key .bin universe (800 MB, page cache warm) and 7 * 10^5 revoked keys, under /usr/bin/time -v; keys/s = 10^8 / wall time of the process',
        one_thread: { seconds: round(cli.one.seconds, 1), peak_rss_mb: round(cli.one.rssMb, 1), bytes: cli.one.summary.bytes },
        all_threads: { seconds: round(cli.all.seconds, 1), peak_rss_mb: round(cli.all.rssMb, 1), bytes: cli.all.summary.bytes, shards: cli.all.summary.shards, r: cli.all.summary.shardsByR },
        rss_target_mb: `≤ ${RSS_BUDGET_MB}`,
      },
      sample_1_4e9: {
        shards: shards,
        sampled_shards: sampled,
        how: `the builder's own rule gives ${shards} shards; ${SAMPLED_SHARDS} of them were built for real with the builder's stage functions (each from ${nBig / shards} universe keys, ${rBig / shards} revoked, screened once through stage 1) and the filter is their mean CBOR size × ${shards} plus a one-shard filter's envelope`,
      },
      runtime_s: round((performance.now() - started) / 1000, 1),
      load_average: os.loadavg().map((l) => round(l, 2)),
      lookup: {
        ...Object.fromEntries(Object.entries(lookup).map(([k, v]) => [k, typeof v === 'number' && !Number.isInteger(v) ? round(v, 1) : v])),
        how: `the 10^8 filter loaded into a fresh core (VerifierCore.loadRevocations); every revoked key and ${LOOKUP_KEYS.toLocaleString('en-US')} random members of U checked first (VerifierCore.isRevoked), then ${LOOKUP_ROUNDS} rounds of the core's revocationsLookup(prefix, iat = covers), each over the next ${LOOKUP_BATCH} of those members placed in the I/O area; median round, per lookup (the JS-to-wasm call included)`,
        target_ns: '≤ 200',
      },
      apply: {
        ...Object.fromEntries(Object.entries(apply).map(([k, v]) => [k, Number.isInteger(v) ? v : round(v, 1)])),
        how: `applyRevocations() of the 10^8 filter (7 * 10^5 revoked) on ${APPLY_RUNS} fresh verifiers (createVerifier with the root, MemoryStorage; not timed): signature, §7.3 checks, the core taking the tables, the sealed record stored; median`,
      },
    },
  };
  return { revocation };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { revocation } = await measureRevocation();
  console.log(JSON.stringify(revocation, null, 2));
}

/** The revocation figures as lines for the console. */
export function revocationSummary(revocation) {
  const lines = ['', 'Revocation filters (PG1 §7.3), bytes ÷ the bound log2 C(N, R) / 8:', ''];
  for (const id of Object.keys(revocation.filter_vs_bound)) {
    lines.push(`  N/R = ${id.padEnd(10)} ${String(revocation.meta.filter_bytes[id]).padStart(10)} bytes  ${revocation.filter_vs_bound[id].toFixed(3)} × bound (target ${revocation.meta.targets[id].filter_vs_bound})  ` +
      `${revocation.filter_bits_per_revoked[id].toFixed(2)} bits per revoked key  list ÷ filter ${revocation.list_vs_filter[id]}`);
  }
  const b = revocation.meta.build_1e8;
  lines.push('', `  10^8-key build (passgate revocations filter): ${revocation.filter_build_keys_per_s.one_thread.toLocaleString('en-US')} keys/s on 1 thread (${b.one_thread.seconds} s), ` +
    `${revocation.filter_build_keys_per_s.all_threads.toLocaleString('en-US')} on ${revocation.meta.threads} (${b.all_threads.seconds} s); peak RSS ${revocation.filter_build_peak_rss_mb} MB (target ${b.rss_target_mb})`);
  lines.push(`  1.4e9/1e7: ${revocation.meta.sample_1_4e9.how}`);
  lines.push(`  the core's lookup on the 10^8 filter: ${revocation.filter_lookup_ns} ns (median of ${LOOKUP_ROUNDS} rounds; target ${revocation.meta.lookup.target_ns})`);
  lines.push(`  applying the 10^8 filter to a fresh verifier: ${revocation.filter_apply_ms} ms (median of ${APPLY_RUNS})`);
  lines.push(`  a 10,000-key trust list in a fresh process: applied in ${revocation.trust_10k_apply_ms} ms (target ≤ 1000), RSS ${revocation.trust_10k_rss_mb} MB (target ≤ 300); ${revocation.meta.trust_10k.verifyOk}/${revocation.meta.trust_10k.verified} sampled tokens OK`);
  return lines.join('\n');
}

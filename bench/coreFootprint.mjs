// What the core costs besides verification time: binary size, cold start and memory growth.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { PassgateCrypto } from '../dist/sdk/core/crypto.js';
import { instantiateCore } from '../dist/sdk/core/loadCore.js';
import { wasmDeflatedBase64 } from '../dist/sdk/core/wasmBinary.js';
import { median } from './measure.mjs';

const WASM_PATH = fileURLToPath(new URL('../build/passgate.wasm', import.meta.url));
const WARMUP_VERIFICATIONS = 10_000;
const PROBE_PATH = fileURLToPath(new URL('./coldStartProbe.mjs', import.meta.url));
const VERIFIER_PROBE_PATH = fileURLToPath(new URL('./coldStartVerifierProbe.mjs', import.meta.url));
// The SDK's JS path (decoders, result objects) keeps tiering up for longer than the bare core call:
// its retained size only settles after some 30,000 calls, a fixed cost that is not per call.
const WARMUP_PRESENTATIONS = 30_000;

/**
 * Size of build/passgate.wasm. The SDK in dist/ embeds its own copy of the core, so refuse to go on
 * when the two differ: the figures would describe a binary other than the one measured.
 */
export function builtWasmBytes() {
  const built = readFileSync(WASM_PATH);
  if (!built.equals(inflateRawSync(Buffer.from(wasmDeflatedBase64, 'base64')))) {
    throw new Error('dist/ embeds a different core than build/passgate.wasm; run `npm run build`');
  }
  return built.length;
}

const spread = (values) => ({ median_ms: median(values), min_ms: Math.min(...values), max_ms: Math.max(...values) });

/**
 * Cold start in `runs` pairs of fresh processes, one after another so that they do not compete for
 * the 2 cores, alternating the two probes so that both see the same load:
 * - loadCrypto(): decode, compile and instantiate the embedded core (then one verification);
 * - the first verifier ready: createVerifier() then applyTrustList() of `fixture` (8 issuers), then
 *   one presentation verified. The SDK import is timed separately and not included in `ready`;
 *   `import_to_first_verify` is the whole: from the SDK's import to the first verified presentation.
 * fixture: { root, trustList, text, now } with the byte strings in hex.
 */
export function measureColdStart(runs, fixture) {
  const crypto = [];
  const verifier = [];
  for (let i = 0; i < runs; i++) {
    crypto.push(JSON.parse(execFileSync(process.execPath, [PROBE_PATH], { encoding: 'utf8' })));
    verifier.push(JSON.parse(execFileSync(process.execPath, [VERIFIER_PROBE_PATH], { encoding: 'utf8', input: JSON.stringify(fixture) })));
  }
  return {
    runs,
    ...spread(crypto.map((p) => p.loadMs)),
    first_verify_median_ms: median(crypto.map((p) => p.firstVerifyMs)),
    verifier: {
      ready: spread(verifier.map((p) => p.createMs + p.applyMs)),
      create_verifier_median_ms: median(verifier.map((p) => p.createMs)),
      apply_trust_list_median_ms: median(verifier.map((p) => p.applyMs)),
      first_verify_median_ms: median(verifier.map((p) => p.firstVerifyMs)),
      sdk_import_median_ms: median(verifier.map((p) => p.importMs)),
      import_to_first_verify: spread(verifier.map((p) => p.importToFirstVerifyMs)),
    },
  };
}

// A second collection frees what the first one only finalised, so the baseline stops moving.
function fullGc() {
  globalThis.gc();
  globalThis.gc();
}

const HEAP_WINDOWS = 5;

/**
 * The JS heap retained by `count` calls of verifyOne(i), after `warmup` calls: `HEAP_WINDOWS`
 * consecutive windows, each measured as heapUsed after a full GC on both sides. A leak retains
 * about the same amount in every window; V8 now and then keeps a few kilobytes (up to ~180 KB seen)
 * of its own data once, in a single window. So the figure is the median window, scaled to one
 * million calls; the windows and their total are kept too.
 */
function retainedHeap(verifyOne, count, warmup) {
  const run = (n) => {
    let ok = 0;
    for (let i = 0; i < n; i++) if (verifyOne(i)) ok++;
    if (ok !== n) throw new Error(`heap run: ${ok} of ${n} verifications succeeded`);
  };
  // Optimised code and type feedback live on the heap too and are not growth per verification.
  run(warmup);
  const perWindow = Math.ceil(count / HEAP_WINDOWS);
  const windows = [];
  fullGc();
  const heapBefore = process.memoryUsage().heapUsed;
  let last = heapBefore;
  for (let w = 0; w < HEAP_WINDOWS; w++) {
    run(perWindow);
    fullGc();
    const now = process.memoryUsage().heapUsed;
    windows.push(now - last);
    last = now;
  }
  return {
    verifications: perWindow * HEAP_WINDOWS,
    warmup_verifications: warmup,
    window_growth_bytes: windows,
    heap_used_before_bytes: heapBefore,
    heap_used_after_bytes: last,
    bytes_per_1m_verifications: Math.round((median(windows) * 1e6) / perWindow),
    total_bytes_per_1m_verifications: Math.round(((last - heapBefore) * 1e6) / (perWindow * HEAP_WINDOWS)),
  };
}

/**
 * JS heap retained by core verifications (see retainedHeap); a leak of even one byte per call would
 * show. The core is instantiated directly, as loadCrypto() does, so that its WebAssembly memory can
 * be read too.
 */
export async function measureHeapGrowth(items, verifications) {
  const core = await instantiateCore();
  const crypto = new PassgateCrypto(core);
  const wasmMemoryBefore = core.memory.buffer.byteLength;
  const heap = retainedHeap((i) => {
    const it = items[i % items.length];
    return crypto.ed25519Verify(it.signature, it.message, it.publicKey);
  }, verifications, WARMUP_VERIFICATIONS);
  return { ...heap, wasm_memory_before_bytes: wasmMemoryBefore, wasm_memory_after_bytes: core.memory.buffer.byteLength };
}

/**
 * The same for whole presentations: Verifier.verify() on `PG1:` text, the results dropped as a
 * caller would drop them.
 */
export function measurePresentationHeapGrowth(verifier, texts, count) {
  return retainedHeap((i) => verifier.verify(texts[i % texts.length]).result === 'OK', count, WARMUP_PRESENTATIONS);
}

// What the core costs besides verification time: binary size, cold start and memory growth.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PassgateCrypto } from '../dist/sdk/crypto.js';
import { instantiateCore } from '../dist/sdk/core/loadCore.js';
import { wasmBase64 } from '../dist/sdk/core/wasmBinary.js';
import { median } from './measure.mjs';

const WASM_PATH = fileURLToPath(new URL('../build/passgate.wasm', import.meta.url));
const WARMUP_VERIFICATIONS = 10_000;
const PROBE_PATH = fileURLToPath(new URL('./coldStartProbe.mjs', import.meta.url));

/**
 * Size of build/passgate.wasm. The SDK in dist/ embeds its own copy of the core, so refuse to go on
 * when the two differ: the figures would describe a binary other than the one measured.
 */
export function builtWasmBytes() {
  const built = readFileSync(WASM_PATH);
  if (!built.equals(Buffer.from(wasmBase64, 'base64'))) {
    throw new Error('dist/ embeds a different core than build/passgate.wasm; run `npm run build`');
  }
  return built.length;
}

/** loadCrypto() in `runs` fresh processes, one after another so they do not compete for the 2 cores. */
export function measureColdStart(runs) {
  const probes = Array.from({ length: runs }, () =>
    JSON.parse(execFileSync(process.execPath, [PROBE_PATH], { encoding: 'utf8' })),
  );
  const loadMs = probes.map((p) => p.loadMs);
  return {
    runs,
    median_ms: median(loadMs),
    min_ms: Math.min(...loadMs),
    max_ms: Math.max(...loadMs),
    first_verify_median_ms: median(probes.map((p) => p.firstVerifyMs)),
  };
}

// A second collection frees what the first one only finalised, so the baseline stops moving.
function fullGc() {
  globalThis.gc();
  globalThis.gc();
}

/**
 * JS heap retained by `verifications` core verifications (after a full GC on both sides), scaled to
 * one million; a leak of even one byte per call would show. The core is instantiated directly, as
 * loadCrypto() does, so that its WebAssembly memory can be read too.
 */
export async function measureHeapGrowth(items, verifications) {
  const core = await instantiateCore();
  const crypto = new PassgateCrypto(core);
  const wasmMemoryBefore = core.memory.buffer.byteLength;
  const verifyAll = (count) => {
    let valid = 0;
    for (let i = 0; i < count; i++) {
      const it = items[i % items.length];
      if (crypto.ed25519Verify(it.signature, it.message, it.publicKey)) valid++;
    }
    if (valid !== count) throw new Error(`heap run: ${valid} of ${count} signatures verified`);
  };
  // Warm up long enough for V8 to finish optimising this loop and the SDK call path: optimised code
  // lives on the heap too and is not growth per verification.
  verifyAll(WARMUP_VERIFICATIONS);
  fullGc();
  const heapBefore = process.memoryUsage().heapUsed;
  verifyAll(verifications);
  fullGc();
  const heapAfter = process.memoryUsage().heapUsed;
  return {
    verifications,
    heap_used_before_bytes: heapBefore,
    heap_used_after_bytes: heapAfter,
    bytes_per_1m_verifications: Math.round(((heapAfter - heapBefore) * 1e6) / verifications),
    wasm_memory_before_bytes: wasmMemoryBefore,
    wasm_memory_after_bytes: core.memory.buffer.byteLength,
  };
}

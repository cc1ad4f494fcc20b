/**
 * The core's binary as the SDK embeds it (scripts/embedWasm.mjs: deflated, in base64), compiled once
 * per JavaScript realm. Only the page (or Node's main thread) decodes it: pool workers are handed the
 * compiled module.
 *
 * Two builds are embedded: one using WebAssembly SIMD (two field multiplications per instruction on
 * the variable-base path, docs/core.md §6), chosen wherever the runtime validates SIMD code, and a
 * scalar one for the others, imported only there (scalarWasmBinary.ts: a bundler's separate chunk, which
no current browser fetches). Both verify exactly the same signatures. Setting the environment variable
 * `PASSGATE_CORE=scalar` (Node) selects the scalar build, for tests and comparisons.
 */
import { wasmByteLength, wasmDeflatedBase64 } from './wasmBinary.js';
import { inflateBase64 } from '#inflate-core';

let compiled: Promise<WebAssembly.Module> | undefined;

// The smallest module with a SIMD instruction: (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt).
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

/** Which build this realm loads: 'simd' where the runtime has WebAssembly SIMD, else 'scalar'. */
export function coreBuild(): 'simd' | 'scalar' {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  if (env?.['PASSGATE_CORE'] === 'scalar') return 'scalar';
  return WebAssembly.validate(SIMD_PROBE) ? 'simd' : 'scalar';
}

/** The module's bytes, inflated by the platform (browsers, workers and Node alike). */
async function wasmBytes(): Promise<ArrayBuffer> {
  const simd = coreBuild() === 'simd';
  const scalar = simd ? undefined : await import('./scalarWasmBinary.js');
  const bytes = await inflateBase64(scalar ? scalar.scalarWasmDeflatedBase64 : wasmDeflatedBase64);
  const expected = scalar ? scalar.scalarWasmByteLength : wasmByteLength;
  if (bytes.byteLength !== expected) throw new Error(`the embedded core inflated to ${bytes.byteLength} bytes, not ${expected}`);
  return bytes;
}

/** Compiles the core once per JavaScript realm; every instance shares the compiled module. */
export function compileCore(): Promise<WebAssembly.Module> {
  compiled ??= wasmBytes().then((bytes) => WebAssembly.compile(bytes));
  return compiled;
}

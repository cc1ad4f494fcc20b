/**
 * The core's binary as the SDK embeds it (scripts/embedWasm.mjs: deflated, in base64), compiled once
 * per JavaScript realm. Only the page (or Node's main thread) decodes it: pool workers are handed the
 * compiled module.
 */
import { wasmByteLength, wasmDeflatedBase64 } from './wasmBinary.js';
import { inflateBase64 } from '#inflate-core';

let compiled: Promise<WebAssembly.Module> | undefined;

/** The module's bytes, inflated by the platform (browsers, workers and Node alike). */
async function wasmBytes(): Promise<ArrayBuffer> {
  const bytes = await inflateBase64(wasmDeflatedBase64);
  if (bytes.byteLength !== wasmByteLength) throw new Error(`the embedded core inflated to ${bytes.byteLength} bytes, not ${wasmByteLength}`);
  return bytes;
}

/** Compiles the core once per JavaScript realm; every instance shares the compiled module. */
export function compileCore(): Promise<WebAssembly.Module> {
  compiled ??= wasmBytes().then((bytes) => WebAssembly.compile(bytes));
  return compiled;
}

/**
 * The core's binary as the SDK embeds it (scripts/embedWasm.mjs: deflated, in base64), compiled once
 * per JavaScript realm. Only the page (or Node's main thread) decodes it: pool workers are handed the
 * compiled module.
 */
import { wasmByteLength, wasmDeflatedBase64 } from './wasmBinary.js';
import { PassgateError } from '../errors.js';

let compiled: Promise<WebAssembly.Module> | undefined;

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const lookup = new Uint8Array(128);
  for (let i = 0; i < 64; i++) lookup[BASE64.charCodeAt(i)] = i;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const n = (lookup[text.charCodeAt(i)]! << 18) | (lookup[text.charCodeAt(i + 1)]! << 12)
      | (lookup[text.charCodeAt(i + 2)]! << 6) | lookup[text.charCodeAt(i + 3)]!;
    if (o < out.length) out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 0xff;
    if (o < out.length) out[o++] = n & 0xff;
  }
  return out;
}

/** The module's bytes, inflated by the platform (browsers, workers and Node alike). */
async function wasmBytes(): Promise<ArrayBuffer> {
  if (typeof DecompressionStream === 'undefined') {
    throw new PassgateError('UNSUPPORTED_PLATFORM', 'this platform has no DecompressionStream (Node 18+ and current browsers have it): the core cannot be loaded');
  }
  const stream = new Blob([fromBase64(wasmDeflatedBase64)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const bytes = await new Response(stream).arrayBuffer();
  if (bytes.byteLength !== wasmByteLength) throw new Error(`the embedded core inflated to ${bytes.byteLength} bytes, not ${wasmByteLength}`);
  return bytes;
}

/** Compiles the core once per JavaScript realm; every instance shares the compiled module. */
export function compileCore(): Promise<WebAssembly.Module> {
  compiled ??= wasmBytes().then((bytes) => WebAssembly.compile(bytes));
  return compiled;
}

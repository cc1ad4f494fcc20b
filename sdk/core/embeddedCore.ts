/**
 * The core's binary as the SDK embeds it (scripts/embedWasm.mjs), compiled once per JavaScript realm.
 * Only the page (or Node's main thread) decodes it: pool workers are handed the compiled module.
 */
import { wasmBase64 } from './wasmBinary.js';

let compiled: Promise<WebAssembly.Module> | undefined;

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

interface NodeBuffer { from(text: string, encoding: 'base64'): Uint8Array }

/** Decodes the embedded module: natively in Node (Buffer), by table lookup elsewhere. */
function wasmBytes(): Uint8Array<ArrayBuffer> {
  const nodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;
  if (nodeBuffer) return new Uint8Array(nodeBuffer.from(wasmBase64, 'base64'));
  const lookup = new Uint8Array(128);
  for (let i = 0; i < 64; i++) lookup[BASE64.charCodeAt(i)] = i;
  const text = wasmBase64;
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

/** Compiles the core once per JavaScript realm; every instance shares the compiled module. */
export function compileCore(): Promise<WebAssembly.Module> {
  compiled ??= WebAssembly.compile(wasmBytes());
  return compiled;
}

import type { CoreExports } from './coreExports.js';
import { wasmBase64 } from './wasmBinary.js';
import { PassgateError } from '../errors.js';

export type { CoreExports } from './coreExports.js';

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

export interface CoreInstanceOptions {
  /** A cap on the instance's linear memory, in 64 KiB pages (devices with little memory). */
  readonly maxMemoryPages?: number;
}

/** Caps a core's linear memory at `pages` x 64 KiB: growth beyond it fails as out of memory. */
export function limitMemory(core: CoreExports, pages: number): void {
  if (!Number.isSafeInteger(pages) || pages < 1) throw new PassgateError('BAD_ARGUMENT', `maxMemoryPages must be a positive integer, got ${String(pages)}`);
  core.memoryLimit(Math.min(pages, 65_536));
}

/** A fresh core instance with its own linear memory. The core imports nothing but `env.abort`. */
export async function instantiateCore(module?: WebAssembly.Module, options: CoreInstanceOptions = {}): Promise<CoreExports> {
  const mod = module ?? (await compileCore());
  const instance = await WebAssembly.instantiate(mod, {
    env: {
      abort(): never {
        throw new Error('passgate core aborted');
      },
    },
  });
  const exports = instance.exports as unknown as CoreExports & { _initialize?: () => void };
  exports._initialize?.();
  if (options.maxMemoryPages !== undefined) limitMemory(exports, options.maxMemoryPages);
  return exports;
}

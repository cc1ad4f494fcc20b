import type { CoreExports } from './coreExports.js';
import { wasmBase64 } from './wasmBinary.js';

export type { CoreExports } from './coreExports.js';

let compiled: Promise<WebAssembly.Module> | undefined;

function wasmBytes(): Uint8Array<ArrayBuffer> {
  const text = atob(wasmBase64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Compiles the core once per JavaScript realm; every instance shares the compiled module. */
export function compileCore(): Promise<WebAssembly.Module> {
  compiled ??= WebAssembly.compile(wasmBytes());
  return compiled;
}

/** A fresh core instance with its own linear memory. The core imports nothing but `env.abort`. */
export async function instantiateCore(module?: WebAssembly.Module): Promise<CoreExports> {
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
  return exports;
}

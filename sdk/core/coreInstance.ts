/**
 * Instances of a compiled core. Kept apart from the embedded binary (embeddedCore.ts) so that a pool
 * worker, which is handed the page's compiled module, does not carry the binary a second time.
 */
import type { CoreExports } from './coreExports.js';
import { PassgateError } from '../errors.js';

export interface CoreInstanceOptions {
  /** A cap on the instance's linear memory, in 64 KiB pages (devices with little memory). */
  readonly maxMemoryPages?: number;
}

/** Caps a core's linear memory at `pages` x 64 KiB: growth beyond it fails as out of memory. */
export function limitMemory(core: CoreExports, pages: number): void {
  if (!Number.isSafeInteger(pages) || pages < 1) throw new PassgateError('BAD_ARGUMENT', `maxMemoryPages must be a positive integer, got ${String(pages)}`);
  core.memoryLimit(Math.min(pages, 65_536));
}

/** A fresh instance of `module` with its own linear memory. The core imports nothing but `env.abort`. */
export async function instantiateModule(module: WebAssembly.Module, options: CoreInstanceOptions = {}): Promise<CoreExports> {
  const instance = await WebAssembly.instantiate(module, {
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

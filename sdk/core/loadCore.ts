/** The core for the calling thread: the embedded binary, compiled once, instantiated as often as needed. */
import type { CoreExports } from './coreExports.js';
import { compileCore } from './embeddedCore.js';
import { instantiateModule, type CoreInstanceOptions } from './coreInstance.js';

export type { CoreExports } from './coreExports.js';
export { compileCore } from './embeddedCore.js';
export { limitMemory, type CoreInstanceOptions } from './coreInstance.js';

/** A fresh core instance with its own linear memory, of `module` or else of the embedded core. */
export async function instantiateCore(module?: WebAssembly.Module, options: CoreInstanceOptions = {}): Promise<CoreExports> {
  return instantiateModule(module ?? (await compileCore()), options);
}

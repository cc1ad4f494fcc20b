// The core's export surface. Each export is documented in sdk/core/coreExports.ts.
import { IO_BUFFER, IO_CAPACITY } from "./ioBuffer";

/** Start of the fixed 64 KiB I/O area. */
export function ioBuffer(): usize { return IO_BUFFER; }
/** Size of the I/O area in bytes. */
export function ioCapacity(): usize { return IO_CAPACITY; }
export * from "./hashExports";
export * from "./encodingExports";
export * from "./cryptoExports";
export * from "./verifierExports";

// The core's export surface. Each export is documented in sdk/core/coreExports.ts.
import { IO_BUFFER, IO_CAPACITY } from "./exports/ioBuffer";

/** Start of the fixed 64 KiB I/O area. */
export function ioBuffer(): usize { return IO_BUFFER; }
/** Size of the I/O area in bytes. */
export function ioCapacity(): usize { return IO_CAPACITY; }
export * from "./exports/hashExports";
export * from "./exports/encodingExports";
export * from "./exports/cryptoExports";
export * from "./exports/verifierExports";

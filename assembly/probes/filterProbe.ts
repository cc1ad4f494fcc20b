// Test-only entry (build/probes.wasm, never shipped): the intermediate values of the §7.3 lookup,
// so that tests can check mix, the positions and the fingerprint against the published vectors
// without widening the product's exports.
import { seededHash, mulHigh, positions, fingerprint, pos0, pos1, pos2 } from "../pg1/revocationFilter";

/** mix(key + seed), the sum taken modulo 2^64. */
export function probeMix(key: u64, seed: u64): u64 { return seededHash(key, seed); }

/** floor(h * m / 2^64) for m < 2^32. */
export function probeMulHigh(h: u64, m: u64): u64 { return mulHigh(h, m); }

/** pos(h, L, S); then probePosition(0 | 1 | 2). */
export function probePositions(h: u64, L: u32, S: u32): void { positions(h, <u64>L, <u64>S); }
export function probePosition(i: u32): u64 { return i == 0 ? pos0 : i == 1 ? pos1 : pos2; }

/** The r-bit fingerprint of h. */
export function probeFingerprint(h: u64, r: u32): u64 { return fingerprint(h, r); }

// The revoked-token prefixes in force (PG1 §7): H(cti)[0..8] as big-endian u64 values, ascending, so
// a lookup is a binary search (20 steps for a million entries).
import { arenaAlloc } from "./arena";

let prefixes: usize = 0;
let count: u32 = 0;

/** Reserves room for n prefixes (8 bytes each, written by the caller); returns the address or 0. */
export function revocationsReserve(n: u32): usize {
  count = 0;
  prefixes = arenaAlloc(<usize>n * 8);
  if (prefixes == 0 && n > 0) return 0;
  count = n;
  return n == 0 ? 1 : prefixes; // 1: a valid "nothing to write" answer for an empty list
}

/** Converts the n written 8-byte prefixes to u64 keys in place; false unless strictly ascending. */
export function revocationsCommit(): bool {
  let previous: u64 = 0;
  for (let i: u32 = 0; i < count; i++) {
    const at = prefixes + (<usize>i << 3);
    const v = bswap<u64>(load<u64>(at));
    if (i > 0 && v <= previous) { count = 0; return false; }
    store<u64>(at, v);
    previous = v;
  }
  return true;
}

export function revocationsCount(): u32 { return count; }

/** True iff the 8-byte prefix at p (bytes, as hashed) is listed. */
export function isRevoked(p: usize): bool {
  const key = bswap<u64>(load<u64>(p));
  let lo: u32 = 0, hi: u32 = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const v = load<u64>(prefixes + (<usize>mid << 3));
    if (v == key) return true;
    if (v < key) lo = mid + 1; else hi = mid;
  }
  return false;
}

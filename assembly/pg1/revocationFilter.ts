// The lookup of PG1 §7.3 exactly as written: two binary fuse static functions per shard, all arithmetic
// on u64 modulo 2^64 (key + seed wraps), p0 the high half of the 128-bit product h * (S * L), table
// entries of w bits read least significant first. Allocation-free; positions go to globals.

// A shard's descriptor as revocationTable.ts stores it (T1 and T2 as offsets from the region's start).
export const SHARD_SEED1: usize = 0;     // u64
export const SHARD_SEED2: usize = 8;     // u64
export const SHARD_R: usize = 16;        // u32, 0..32
export const SHARD_L1: usize = 20;       // u32
export const SHARD_S1: usize = 24;       // u32
export const SHARD_L2: usize = 28;       // u32
export const SHARD_S2: usize = 32;       // u32
export const SHARD_T1: usize = 36;       // u32 offset
export const SHARD_T2: usize = 40;       // u32 offset
export const SHARD_SIZE: usize = 48;

/** h = mix(key + seed), the sum modulo 2^64 (it wraps for about half of all seeds). */
// @ts-ignore: decorator
@inline export function seededHash(key: u64, seed: u64): u64 { return mix(key + seed); }

/** mix(x) of §7.3 (the 64-bit finaliser of MurmurHash3). */
export function mix(x: u64): u64 {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccd;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53;
  x ^= x >> 33;
  return x;
}

/** floor(h * m / 2^64) for m < 2^32, from 32-bit halves (AssemblyScript has no u128). */
// @ts-ignore: decorator
@inline export function mulHigh(h: u64, m: u64): u64 {
  const high = (h >> 32) * m;            // < 2^64 since both factors are < 2^32
  const low = (h & 0xffffffff) * m;
  return (high + (low >> 32)) >> 32;     // high + (low >> 32) < 2^64: no carry is lost
}

export let pos0: u64 = 0;
export let pos1: u64 = 0;
export let pos2: u64 = 0;

/** pos(h, L, S) of §7.3 into pos0, pos1, pos2 (L a power of two, S * L < 2^32). */
export function positions(h: u64, L: u64, S: u64): void {
  const p0 = mulHigh(h, S * L);
  pos0 = p0;
  pos1 = (p0 + L) ^ ((h >> 18) & (L - 1));
  pos2 = (p0 + 2 * L) ^ (h & (L - 1));
}

/** The r-bit fingerprint (h ^ (h >> 32)) & (2^r - 1), r <= 32. */
export function fingerprint(h: u64, r: u32): u64 {
  return (h ^ (h >> 32)) & ((<u64>1 << <u64>r) - 1);
}

/**
 * T[i]w: the w bits (w <= 32) of the table at t starting at bit i*w, least significant first. One
 * unaligned 8-byte read covers them (7 bits of offset + 32): tables are followed by 8 readable bytes.
 */
// @ts-ignore: decorator
@inline export function tableEntry(t: usize, i: u64, w: u32): u64 {
  const bit = i * <u64>w;
  return (load<u64>(t + <usize>(bit >> 3)) >> (bit & 7)) & ((<u64>1 << <u64>w) - 1);
}

/** The lookup of `key` (the big-endian u64 of H(cti)[0..8]) in the shard described at d, tables at base + offset. */
export function shardSaysRevoked(key: u64, d: usize, base: usize): bool {
  const r = load<u32>(d + SHARD_R);
  if (r > 0) {
    const h = seededHash(key, load<u64>(d + SHARD_SEED1));
    positions(h, <u64>load<u32>(d + SHARD_L1), <u64>load<u32>(d + SHARD_S1));
    const t1 = base + <usize>load<u32>(d + SHARD_T1);
    const f = tableEntry(t1, pos0, r) ^ tableEntry(t1, pos1, r) ^ tableEntry(t1, pos2, r);
    if (f != fingerprint(h, r)) return false;
  }
  const g = seededHash(key, load<u64>(d + SHARD_SEED2));
  positions(g, <u64>load<u32>(d + SHARD_L2), <u64>load<u32>(d + SHARD_S2));
  const t2 = base + <usize>load<u32>(d + SHARD_T2);
  return (tableEntry(t2, pos0, 1) ^ tableEntry(t2, pos1, 1) ^ tableEntry(t2, pos2, 1)) == 1;
}

/** The shard of key among 2^s shards: its top s bits (shifting by 64 is avoided for s = 0). */
// @ts-ignore: decorator
@inline export function shardOf(key: u64, s: u32): u64 {
  return s == 0 ? 0 : key >> (64 - <u64>s);
}

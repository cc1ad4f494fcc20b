// The revocation state in force (PG1 §7), one arena region replaced as a whole:
//   header | shard descriptors (revocationFilter.ts) | prefixes | filter tables | 8 zero bytes
// Prefixes are H(cti)[0..8] as big-endian u64 values, ascending: the list with its deltas merged, or,
// on a filter, the deltas' own added set. A token is revoked iff its prefix is listed, or a filter is
// loaded, its iat <= covers and the filter says so (§7.3 coverage).
import { REGION_REVOCATIONS, regionStart, regionSize, stageBegin, stageAddress, stageCommit, stageAbort } from "../memory/arena";
import { SHARD_SEED1, SHARD_SEED2, SHARD_R, SHARD_L1, SHARD_S1, SHARD_L2, SHARD_S2, SHARD_T1, SHARD_T2, SHARD_SIZE, shardSaysRevoked, shardOf } from "./revocationFilter";

const PREFIX_COUNT: usize = 0;   // u32
const SHARD_COUNT: usize = 4;    // u32, 0 without a filter
const SHARD_BITS: usize = 8;     // u32, s with 2^s shards
const COVERS: usize = 16;        // u64
const HEADER: usize = 32;

export const MAX_SHARDS: u32 = 65536;
const MAX_SEGMENT_LENGTH: u32 = 1 << 18;

// @ts-ignore: decorator
@inline function align8(n: u64): u64 { return (n + 7) & ~(<u64>7); }

// The update being staged.
let prefixesAt: usize = 0;        // address in the stage
let shardsSet: u32 = 0;
let tableCursor: u64 = 0;         // offset in the stage
let tableEnd: u64 = 0;

/** Bytes of the revocation region for n prefixes and shardCount shards whose tables take tableBytes. */
export function revocationsRegionBytes(n: u32, shardCount: u32, tableBytes: u64): u64 {
  return <u64>HEADER + <u64>shardCount * <u64>SHARD_SIZE + (<u64>n << 3) + tableBytes + 8;
}

/**
 * Stages a state of n prefixes and a filter of shardCount shards (0: none) whose tables take
 * tableBytes (each table padded to 8 bytes); returns where to write the n x 8 prefix bytes, or 0 when
 * the counts are impossible or memory cannot grow.
 */
export function revocationsStage(n: u32, shardCount: u32, tableBytes: u64, covers: u64): usize {
  stageAbort();
  if (shardCount > MAX_SHARDS || (shardCount & (shardCount - 1)) != 0) return 0;
  const prefixesOffset = HEADER + <usize>shardCount * SHARD_SIZE;
  const tablesOffset = <u64>prefixesOffset + (<u64>n << 3);
  const base = stageBegin(REGION_REVOCATIONS, revocationsRegionBytes(n, shardCount, tableBytes));
  if (base == 0) return 0;
  store<u32>(base + PREFIX_COUNT, n);
  store<u32>(base + SHARD_COUNT, shardCount);
  store<u32>(base + SHARD_BITS, shardCount == 0 ? 0 : <u32>ctz(shardCount));
  store<u64>(base + COVERS, covers);
  store<u64>(base + <usize>(tablesOffset + tableBytes), 0);
  prefixesAt = base + prefixesOffset;
  shardsSet = 0;
  tableCursor = tablesOffset;
  tableEnd = tablesOffset + tableBytes;
  return prefixesAt;
}

/** Bytes of a stage's table (L a power of two up to 2^18, S >= 1, (S + 2) L <= 2^32), or -1. */
function tableLength(L: u32, S: u32, w: u32): i64 {
  if (L == 0 || L > MAX_SEGMENT_LENGTH || (L & (L - 1)) != 0 || S == 0) return -1;
  const entries = (<u64>S + 2) * <u64>L;
  if (entries > 0x100000000) return -1;
  return <i64>((entries * <u64>w + 7) >> 3);
}

/**
 * Describes shard i (shards are set in order) and reserves its tables; returns where to write T1,
 * with T2 at T1 + t1Len rounded up to 8, or 0 when the geometry breaks §7.3 or the lengths do not
 * match it (so that no lookup can read outside its table).
 */
export function revocationsStageShard(
  i: u32, seed1: u64, r: u32, L1: u32, S1: u32, t1Len: u32, seed2: u64, L2: u32, S2: u32, t2Len: u32,
): usize {
  const base = stageAddress();
  if (base == 0 || i != shardsSet || i >= load<u32>(base + SHARD_COUNT) || r > 32) return 0;
  const need1: i64 = r == 0 ? (L1 == 0 && S1 == 0 ? 0 : -1) : tableLength(L1, S1, r);
  const need2 = tableLength(L2, S2, 1);
  if (need1 != <i64>t1Len || need2 != <i64>t2Len) return 0;
  const t1 = tableCursor, t2 = t1 + align8(<u64>t1Len);
  const end = t2 + align8(<u64>t2Len);
  if (end > tableEnd) return 0;
  const d = base + HEADER + <usize>i * SHARD_SIZE;
  store<u64>(d + SHARD_SEED1, seed1);
  store<u64>(d + SHARD_SEED2, seed2);
  store<u32>(d + SHARD_R, r);
  store<u32>(d + SHARD_L1, L1);
  store<u32>(d + SHARD_S1, S1);
  store<u32>(d + SHARD_L2, L2);
  store<u32>(d + SHARD_S2, S2);
  store<u32>(d + SHARD_T1, <u32>t1);
  store<u32>(d + SHARD_T2, <u32>t2);
  // Padding is zero (the caller writes exactly t1Len and t2Len bytes).
  memory.fill(base + <usize>t1, 0, <usize>(end - t1));
  tableCursor = end;
  shardsSet++;
  return base + <usize>t1;
}

/**
 * Converts the written prefixes to u64 keys and puts the staged state in force; false (and nothing
 * changed) unless they are strictly ascending and every shard was set with every reserved byte used.
 */
export function revocationsCommitStage(): bool {
  const base = stageAddress();
  if (base == 0) return false;
  if (shardsSet != load<u32>(base + SHARD_COUNT) || tableCursor != tableEnd) { stageAbort(); return false; }
  const n = load<u32>(base + PREFIX_COUNT);
  let previous: u64 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const at = prefixesAt + (<usize>i << 3);
    const v = bswap<u64>(load<u64>(at));
    if (i > 0 && v <= previous) { stageAbort(); return false; }
    store<u64>(at, v);
    previous = v;
  }
  stageCommit();
  return true;
}

/** True iff the token with the 8-byte prefix at p (bytes, as hashed) and this iat is revoked. */
export function isRevoked(p: usize, iat: u64): bool {
  if (regionSize(REGION_REVOCATIONS) == 0) return false;
  const base = regionStart(REGION_REVOCATIONS);
  const key = bswap<u64>(load<u64>(p));
  const shards = load<u32>(base + SHARD_COUNT);
  const prefixes = base + HEADER + <usize>shards * SHARD_SIZE;
  let lo: u32 = 0, hi: u32 = load<u32>(base + PREFIX_COUNT);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const v = load<u64>(prefixes + (<usize>mid << 3));
    if (v == key) return true;
    if (v < key) lo = mid + 1; else hi = mid;
  }
  if (shards == 0 || iat > load<u64>(base + COVERS)) return false;
  const d = base + HEADER + <usize>shardOf(key, load<u32>(base + SHARD_BITS)) * SHARD_SIZE;
  return shardSaysRevoked(key, d, base);
}

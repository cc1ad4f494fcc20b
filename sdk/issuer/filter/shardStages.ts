/**
 * The two stages of one shard. Stage 1: r-bit fingerprints of the shard's revoked keys. Stage 2: one
 * bit (revoked or not) for every key that stage 1 lets through, which always includes the revoked
 * keys themselves; a key of U listed twice is one key.
 */
import { buildFuseTable, type FuseTable } from './fuseTableBuilder.js';
import { membership, sortUnique } from './keyArray.js';
import { SeedSequence } from './seedSequence.js';

/** Stage 1 over the shard's revoked keys (sorted, distinct); null when r = 0. */
export function buildStage1(revoked: BigUint64Array, r: number, baseSeed: bigint, shard: number): FuseTable | null {
  if (r === 0) return null;
  return buildFuseTable(revoked, r, null, new SeedSequence(baseSeed, shard, 1));
}

/**
 * Stage 2 over the keys stage 1 let through (any order, repeats allowed; it may include revoked
 * keys) and the shard's revoked keys (sorted, distinct).
 */
export function buildStage2(passing: BigUint64Array, revoked: BigUint64Array, baseSeed: bigint, shard: number): FuseTable {
  const all = new BigUint64Array(passing.length + revoked.length);
  all.set(passing);
  all.set(revoked, passing.length);
  const keys = sortUnique(all);
  return buildFuseTable(keys, 1, membership(keys, revoked), new SeedSequence(baseSeed, shard, 2));
}

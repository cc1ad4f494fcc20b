/**
 * One stage of a filter shard: a binary fuse table over a set of keys, either r-bit fingerprints
 * (stage 1: the XOR of a key's three entries is its fingerprint) or a 1-bit static function
 * (stage 2: the XOR is the key's bit). Seeds are retried until peeling succeeds, from the smallest
 * table up.
 */
import { FuseLayout } from './fuseHash.js';
import { layoutLadder } from './fuseLayoutLadder.js';
import { assign, hashKeys, localOrder, peel } from './fusePeeling.js';
import { keyWords } from './keyArray.js';
import { RevocationFilterError } from './revocationFilterError.js';
import type { SeedSequence } from './seedSequence.js';

export interface FuseTable {
  readonly seed: bigint;
  /** How many keys it answers for. */
  readonly keys: number;
  readonly layout: FuseLayout;
  /** r for stage 1, 1 for stage 2. */
  readonly width: number;
  /** (S + 2) * L entries, each below 2^width. */
  readonly entries: Uint32Array;
}

/**
 * Keys one stage may hold: its peeling needs about 30 bytes a key, and its table's entries are
 * indexed by 32-bit words. A larger stage needs more shards.
 */
export const MAX_STAGE_KEYS = 2 ** 27;

/** A table that answers the same for every key: 0 everywhere, or 1 in all three entries (1 ^ 1 ^ 1 = 1). */
function constantTable(keys: number, width: number, value: 0 | 1): FuseTable {
  const layout = new FuseLayout(1, 1);
  return { seed: 0n, keys, layout, width, entries: new Uint32Array(layout.length).fill(value) };
}

/** Failed seeds tried on one size before the next size: more for small sets, where an attempt is cheap. */
function attemptsPerSize(n: number): number {
  return n < 10_000 ? 4 : n < 100_000 ? 2 : 1;
}

/**
 * Builds the table for sorted, distinct keys. `bits` (one byte a key, 0 or 1) makes a 1-bit static
 * function; without it, the entries hold `width`-bit fingerprints (1 <= width <= 32).
 */
export function buildFuseTable(keys: BigUint64Array, width: number, bits: Uint8Array | null, seeds: SeedSequence): FuseTable {
  const n = keys.length;
  if (n > MAX_STAGE_KEYS) {
    throw new RevocationFilterError('SHARD_TOO_LARGE', `a shard stage of ${n} keys is more than one build can hold (${MAX_STAGE_KEYS}); use more shards`);
  }
  if (n === 0) return constantTable(0, width, 0);
  if (bits !== null) {
    const ones = bits.reduce((a, b) => a + b, 0);
    if (ones === 0) return constantTable(n, width, 0);
    if (ones === n) return constantTable(n, width, 1);
  }
  const words = keyWords(keys);
  const hashes = new Uint32Array(2 * n);
  const attempts = attemptsPerSize(n);
  for (const layout of layoutLadder(n)) {
    for (let a = 0; a < attempts; a++) {
      const seed = seeds.next();
      hashKeys(words, n, Number(seed >> 32n), Number(seed & 0xffffffffn), hashes);
      const local = localOrder(hashes, n);
      const order = peel(local.hashes, n, layout);
      if (order !== null) return { seed, keys: n, layout, width, entries: assign(order, local, layout, width, bits) };
    }
  }
  // Unreachable for distinct keys: tables grow until every key has an entry of its own.
  throw new RevocationFilterError('SHARD_TOO_LARGE', `no table of at most 2^32 entries peels for ${n} keys`);
}

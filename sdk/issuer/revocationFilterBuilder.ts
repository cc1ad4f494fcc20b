/**
 * Builds a signed PG1 revocation filter (§7.3) from key sets held in memory, on this thread. For
 * universes too large to hold, `buildRevocationFilterStreaming` reads them in passes and builds on
 * worker threads; both make the same filter from the same keys and seed.
 */
import type { CborValue } from '../cbor/deterministicEncoder.js';
import { checkCovers, shardItem, signFilter, type FilterEnvelope } from './filter/filterEncoding.js';
import { keysFromPrefixes, keyWords, KeyBuffer, shardOffsets, sortUnique } from './filter/keyArray.js';
import { randomBaseSeed } from './filter/seedSequence.js';
import { addToHistogram, checkStageSizes, checkWidth, chooseShardBits, HISTOGRAM_BITS, planShards, shardBitsOf } from './filter/shardPlan.js';
import { buildStage1, buildStage2 } from './filter/shardStages.js';
import { Stage1Screen, screenData } from './filter/stage1Screen.js';
import { PREFIX_LENGTH } from './revocationListBuilder.js';
import { RevocationFilterError } from './filter/revocationFilterError.js';

/** Keys: 8-byte prefixes H(cti)[0..8] (see `revokedPrefix`), or their big-endian uint64 values. */
export type FilterKeys = readonly Uint8Array[] | BigUint64Array;

/** What {@link buildRevocationFilter} builds and signs (PG1 §7.3). */
export interface BuildRevocationFilterOptions extends FilterEnvelope {
  /** U: the tokens that may still be presented with iat <= covers (repeats are one key). */
  readonly universe: FilterKeys;
  /** The revoked ones; those missing from `universe` join it. */
  readonly revoked: FilterKeys;
  /** A power of two from 1 to 65,536; by default as few as keep every shard's build small. */
  readonly shards?: number;
  /** r for every shard (0 to 32); by default each shard's own, the one that makes it smallest. */
  readonly r?: number;
  /** Base of every table's seed, for a reproducible build (default: random). */
  readonly seed?: bigint;
}

/** The keys as a fresh BigUint64Array (the caller's stays as it is). */
function filterKeys(keys: FilterKeys, what: string): BigUint64Array {
  if (keys instanceof BigUint64Array) return keys.slice();
  const bad = keys.findIndex((k) => !(k instanceof Uint8Array) || k.length !== PREFIX_LENGTH);
  if (bad >= 0) throw new RevocationFilterError('BAD_KEYS', `${what}[${bad}] is not an ${PREFIX_LENGTH}-byte prefix of H(cti)`);
  return keysFromPrefixes(keys);
}

/**
 * A signed filter {1: version, 2: issued_at, 3: expires, 8: covers, 9: shards} that answers exactly
 * for every key of universe ∪ revoked.
 *
 * @param options - The root key, version, times, covers, the keys and the build's sizes.
 * @throws {@link RevocationFilterError} for bad keys or options, a shard too large or a filter over
 *   64 MiB; {@link KeyError} `BAD_SECRET_KEY`.
 */
export function buildRevocationFilter(options: BuildRevocationFilterOptions): Uint8Array {
  checkCovers(options);
  const universe = filterKeys(options.universe, 'universe');
  const revoked = sortUnique(filterKeys(options.revoked, 'revoked'));
  const histogram = new Float64Array(2 ** HISTOGRAM_BITS);
  addToHistogram(keyWords(universe), universe.length, histogram);
  const shardBits =
    options.shards === undefined ? chooseShardBits(Math.max(universe.length, revoked.length), revoked.length, 1) : shardBitsOf(options.shards);
  const shards = 2 ** shardBits;
  const offsets = shardOffsets(revoked, shardBits);
  const revokedOf = (shard: number): BigUint64Array => revoked.subarray(offsets[shard]!, offsets[shard + 1]!);
  const revokedCounts = Uint32Array.from({ length: shards }, (_, i) => offsets[i + 1]! - offsets[i]!);
  const plan = planShards(histogram, revokedCounts, shardBits, options.r === undefined ? undefined : checkWidth(options.r));
  checkStageSizes(plan);
  const baseSeed = options.seed ?? randomBaseSeed();

  const stage1 = Array.from({ length: shards }, (_, i) => buildStage1(revokedOf(i), plan.widths[i]!, baseSeed, i));
  const screen = new Stage1Screen(screenData(shardBits, stage1, false));
  const collected = new KeyBuffer();
  screen.collect(keyWords(universe), universe.length, collected);
  const passing = sortUnique(collected.toArray());
  const passingOffsets = shardOffsets(passing, shardBits);
  const items: CborValue[][] = stage1.map((table, i) =>
    shardItem({ stage1: table, stage2: buildStage2(passing.subarray(passingOffsets[i]!, passingOffsets[i + 1]!), revokedOf(i), baseSeed, i) }),
  );
  return signFilter(options, items);
}

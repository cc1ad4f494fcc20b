/**
 * How many shards (PG1 §7.3: 2^s, 0 <= s <= 16, by the top s bits of the key) and which r each one
 * gets. Large shards are the most compact (the table's margin over its keys shrinks as they grow),
 * so s stays as small as the memory of one stage build allows, and rises to give every thread a
 * shard only when the shards stay large.
 */
import { HI } from './keyArray.js';
import { chooseWidth } from './widthChoice.js';
import { MAX_STAGE_KEYS } from './fuseTableBuilder.js';
import { RevocationFilterError } from './revocationFilterError.js';

/** Keys in a shard's larger stage that one build handles comfortably (about 170 MB of scratch). */
export const TARGET_STAGE_KEYS = 2 ** 22;
/** Below this a stage's table margin grows noticeably: the threads are not worth smaller shards. */
export const EFFICIENT_STAGE_KEYS = 2 ** 20;
export const MAX_SHARD_BITS = 16;
/** Histograms of the universe count keys by their top 16 bits. */
export const HISTOGRAM_BITS = 16;

/** The keys of a stage 2 at width r: the revoked ones and the others stage 1 lets through. */
function stage2Keys(universe: number, revoked: number, r: number): number {
  return r === 0 ? universe : revoked + (universe - revoked) * 2 ** -r;
}

/** s for a universe (U ∪ R, estimated) and revoked set of these sizes, built on `threads` threads. */
export function chooseShardBits(universe: number, revoked: number, threads: number): number {
  const largest = Math.max(revoked, stage2Keys(universe, revoked, chooseWidth(universe, revoked)));
  const forMemory = largest > TARGET_STAGE_KEYS ? Math.ceil(Math.log2(largest / TARGET_STAGE_KEYS)) : 0;
  const forThreads = threads > 1 && largest / threads >= EFFICIENT_STAGE_KEYS ? Math.ceil(Math.log2(threads)) : 0;
  return Math.min(MAX_SHARD_BITS, Math.max(forMemory, forThreads));
}

/** s from an explicit shard count, which must be a power of two from 1 to 65,536. */
export function shardBitsOf(shards: number): number {
  const s = Math.log2(shards);
  if (!Number.isInteger(shards) || !Number.isInteger(s) || s < 0 || s > MAX_SHARD_BITS) {
    throw new RevocationFilterError('BAD_OPTION', `the number of shards must be a power of two from 1 to 65536, got ${shards}`);
  }
  return s;
}

/** Per shard: its estimated universe (U ∪ R) and revoked counts, and its r. */
export interface ShardPlan {
  readonly shardBits: number;
  readonly universe: Float64Array;
  readonly revoked: Uint32Array;
  readonly widths: Uint8Array;
}

/**
 * The plan from a histogram of U by the top 16 bits of the key (repeats counted) and the number of
 * revoked keys in each shard. Revoked keys absent from U join it, so a shard's U ∪ R is at least its
 * R: the larger of the two is the estimate (exact when U holds R, or when U is only R). A fixed r,
 * when given, applies to every shard.
 */
export function planShards(histogram: Float64Array, revoked: Uint32Array, shardBits: number, fixedWidth?: number): ShardPlan {
  const shards = 2 ** shardBits;
  const universe = new Float64Array(shards);
  const per = 2 ** (HISTOGRAM_BITS - shardBits);
  for (let b = 0; b < histogram.length; b++) universe[Math.floor(b / per)]! += histogram[b]!;
  const widths = new Uint8Array(shards);
  for (let i = 0; i < shards; i++) {
    universe[i] = Math.max(universe[i]!, revoked[i]!);
    widths[i] = fixedWidth ?? chooseWidth(universe[i]!, revoked[i]!);
  }
  return { shardBits, universe, revoked, widths };
}

/**
 * Refuses a plan whose shards would not fit one build (before the universe is screened, which is
 * when the keys of stage 2 start taking memory): fixed shards or r too few for this universe.
 */
export function checkStageSizes(plan: ShardPlan): void {
  for (let i = 0; i < plan.widths.length; i++) {
    const keys = Math.max(plan.revoked[i]!, stage2Keys(plan.universe[i]!, plan.revoked[i]!, plan.widths[i]!));
    if (keys > MAX_STAGE_KEYS) {
      throw new RevocationFilterError(
        'SHARD_TOO_LARGE',
        `shard ${i} would hold about ${Math.round(keys)} keys in one stage, more than one build can take (${MAX_STAGE_KEYS}): use more shards${plan.widths[i] === 0 ? ' or a larger r' : ''}`,
      );
    }
  }
}

/** A fixed r must be an integer from 0 to 32. */
export function checkWidth(r: number): number {
  if (!Number.isInteger(r) || r < 0 || r > 32) throw new RevocationFilterError('BAD_OPTION', `r must be an integer from 0 to 32, got ${r}`);
  return r;
}

/** Counts keys (words as in keyArray, n of them) by their top 16 bits into `histogram` (65,536 counts). */
export function addToHistogram(words: Uint32Array, n: number, histogram: Float64Array): void {
  for (let i = 0; i < n; i++) histogram[words[2 * i + HI]! >>> 16]!++;
}

/** The same from binary keys (8 bytes each, big-endian): the top 16 bits are the first two bytes. */
export function addBytesToHistogram(bytes: Uint8Array, histogram: Float64Array): void {
  for (let o = 0; o + 8 <= bytes.length; o += 8) histogram[(bytes[o]! << 8) | bytes[o + 1]!]!++;
}

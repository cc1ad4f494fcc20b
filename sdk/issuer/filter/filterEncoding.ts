/**
 * The signed form of a revocation filter (PG1 §7.3): {1: version, 2: issued_at, 3: expires,
 * 8: covers, 9: [shards]}, each shard [seed1, r, L1, S1, T1, seed2, L2, S2, T2], deterministic CBOR
 * in a COSE_Sign1 by the root, like the lists.
 */
import type { CborValue } from '../../cbor/deterministicEncoder.js';
import { signRevocationPayload, type ListEnvelope } from '../revocationListBuilder.js';
import type { Time } from '../token.js';
import type { FuseTable } from './fuseTableBuilder.js';
import { RevocationFilterError } from './revocationFilterError.js';
import { packEntries } from './tablePacking.js';

/** §1: a revocation filter is at most 64 MiB. */
export const MAX_FILTER_BYTES = 64 * 1024 * 1024;

export interface ShardTables {
  /** Null when r = 0 (no stage 1). */
  readonly stage1: FuseTable | null;
  readonly stage2: FuseTable;
}

/** A shard as §7.3 lays it out (r = 0: seed1 = L1 = S1 = 0 and T1 empty). */
export function shardItem({ stage1, stage2 }: ShardTables): CborValue[] {
  const first: CborValue[] =
    stage1 === null
      ? [0, 0, 0, 0, new Uint8Array(0)]
      : [stage1.seed, stage1.width, stage1.layout.segmentLength, stage1.layout.segmentCount, packEntries(stage1.entries, stage1.width)];
  return [...first, stage2.seed, stage2.layout.segmentLength, stage2.layout.segmentCount, packEntries(stage2.entries, 1)];
}

/** What a filter carries besides its tables: the signer, version, times and covers. */
export interface FilterEnvelope extends ListEnvelope {
  /** The filter is exact for every token of U, i.e. with iat <= covers; covers <= issuedAt. */
  readonly covers: Time;
}

/** Refuses covers after issued_at (a filter cannot vouch for tokens issued after it). */
export function checkCovers(options: FilterEnvelope): void {
  if (BigInt(options.covers) > BigInt(options.issuedAt)) {
    throw new RevocationFilterError('BAD_OPTION', `covers (${options.covers}) must not be after issued_at (${options.issuedAt})`);
  }
}

export function signFilter(options: FilterEnvelope, shards: readonly CborValue[][]): Uint8Array {
  const bytes = signRevocationPayload(
    options,
    new Map<CborValue, CborValue>([
      [1, options.version],
      [2, options.issuedAt],
      [3, options.expires],
      [8, options.covers],
      [9, shards],
    ]),
  );
  if (bytes.length > MAX_FILTER_BYTES) {
    throw new RevocationFilterError('TOO_LARGE', `the filter is ${bytes.length} bytes, over the 64 MiB of PG1 §1; revoke less or narrow U`);
  }
  return bytes;
}

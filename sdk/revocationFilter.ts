/**
 * The revocation filter of PG1 §7.3: parsing its signed payload and every well-formedness rule of the
 * section's last paragraph. A rule broken is a ShapeError (the list is refused as MALFORMED).
 * Tables are kept as the decoded byte strings (no copy here: a filter may be 64 MiB).
 */
import type { CborValue } from './cbor/deterministicEncoder.js';
import { asArray, asBytes, asMap, asUint, checkKeys, compareUint, ShapeError, type Uint } from './cbor/shape.js';

/** One binary fuse static function: its seed, segment length L, segment count S and table T. */
export interface FuseStage {
  readonly seed: bigint;
  readonly segmentLength: number;
  readonly segmentCount: number;
  readonly table: Uint8Array;
}

/** A shard: stage 1 holds r-bit fingerprints (r = 0: no stage 1), stage 2 one bit per token. */
export interface FilterShard {
  readonly r: number;
  readonly stage1: FuseStage;
  readonly stage2: FuseStage;
}

export interface RevocationFilter {
  readonly kind: 'filter';
  readonly version: Uint;
  readonly issuedAt: Uint;
  readonly expires: Uint;
  /** The filter answers exactly for tokens with iat <= covers. */
  readonly covers: Uint;
  readonly shards: readonly FilterShard[];
}

export const MAX_FILTER_SHARDS = 65_536;
export const MAX_FINGERPRINT_BITS = 32;
export const MAX_SEGMENT_LENGTH = 1 << 18;
const MAX_ENTRIES = 2n ** 32n;

const isPowerOfTwo = (n: bigint): boolean => n > 0n && (n & (n - 1n)) === 0n;

/** Bytes of a table of (S + 2) * L entries of w bits. */
export function fuseTableBytes(segmentLength: number, segmentCount: number, w: number): number {
  return Math.ceil(((segmentCount + 2) * segmentLength * w) / 8);
}

/** One stage in use: L a power of two up to 2^18, S >= 1, (S + 2) L <= 2^32, T exact with zero padding. */
function stage(seedValue: CborValue | undefined, lValue: CborValue | undefined, sValue: CborValue | undefined,
  tValue: CborValue | undefined, w: number, what: string): FuseStage {
  const seed = BigInt(asUint(seedValue, `${what} seed`));
  const L = BigInt(asUint(lValue, `${what} L`));
  const S = BigInt(asUint(sValue, `${what} S`));
  const table = asBytes(tValue, `${what} T`);
  if (!isPowerOfTwo(L) || L > BigInt(MAX_SEGMENT_LENGTH)) throw new ShapeError(`${what}: L = ${L} is not a power of two from 1 to 2^18`);
  if (S < 1n) throw new ShapeError(`${what}: S must be at least 1`);
  if ((S + 2n) * L > MAX_ENTRIES) throw new ShapeError(`${what}: (S + 2) * L = ${(S + 2n) * L} exceeds 2^32`);
  const bits = (S + 2n) * L * BigInt(w);
  const bytes = (bits + 7n) / 8n;
  if (BigInt(table.length) !== bytes) throw new ShapeError(`${what}: T holds ${table.length} bytes, ceil((S + 2) * L * ${w} / 8) = ${bytes}`);
  const used = Number(bits % 8n);
  if (used !== 0 && table[table.length - 1]! >> used !== 0) throw new ShapeError(`${what}: T has a non-zero bit past its last entry`);
  return { seed, segmentLength: Number(L), segmentCount: Number(S), table };
}

function shard(v: CborValue, i: number): FilterShard {
  const what = `shards[${i}]`;
  const a = asArray(v, what);
  if (a.length !== 9) throw new ShapeError(`${what}: expected 9 items, got ${a.length}`);
  const r = asUint(a[1], `${what} r`);
  if (compareUint(r, MAX_FINGERPRINT_BITS) > 0) throw new ShapeError(`${what}: r = ${r} exceeds 32`);
  const stage2 = stage(a[5], a[6], a[7], a[8], 1, `${what} stage 2`);
  if (Number(r) === 0) {
    const seed = BigInt(asUint(a[0], `${what} stage 1 seed`));
    const L1 = asUint(a[2], `${what} stage 1 L`), S1 = asUint(a[3], `${what} stage 1 S`);
    const T1 = asBytes(a[4], `${what} stage 1 T`);
    if (compareUint(L1, 0) !== 0 || compareUint(S1, 0) !== 0 || T1.length !== 0) {
      throw new ShapeError(`${what}: with r = 0, L1 and S1 must be 0 and T1 empty`);
    }
    return { r: 0, stage1: { seed, segmentLength: 0, segmentCount: 0, table: T1 }, stage2 };
  }
  return { r: Number(r), stage1: stage(a[0], a[2], a[3], a[4], Number(r), `${what} stage 1`), stage2 };
}

/** Parses a filter payload (§7.3): keys 1, 2, 3, 8, 9 exactly, and every well-formedness rule. */
export function parseRevocationFilter(payload: CborValue): RevocationFilter {
  const m = asMap(payload, 'revocation filter');
  checkKeys(m, 'revocation filter', [1, 2, 3, 8, 9], []);
  const version = asUint(m.get(1), 'version');
  const issuedAt = asUint(m.get(2), 'issued_at');
  const expires = asUint(m.get(3), 'expires');
  const covers = asUint(m.get(8), 'covers');
  if (compareUint(covers, issuedAt) > 0) throw new ShapeError(`covers ${covers} is after issued_at ${issuedAt}`);
  const shards = asArray(m.get(9), 'shards');
  if (shards.length > MAX_FILTER_SHARDS || !isPowerOfTwo(BigInt(shards.length))) {
    throw new ShapeError(`shards: ${shards.length} is not a power of two from 1 to 65,536`);
  }
  return { kind: 'filter', version, issuedAt, expires, covers, shards: shards.map(shard) };
}

/**
 * The revocation filter of PG1 §7.3: parsing its signed payload and every well-formedness rule of the
 * section's last paragraph. A rule broken is a ShapeError (the list is refused as MALFORMED).
 * Tables are kept as the decoded byte strings (no copy here: a filter may be 64 MiB).
 */
import type { CborValue } from '../cbor/deterministicEncoder.js';
import { asArray, asBytes, asMap, asUint, checkKeys, compareUint, ShapeError, type Uint } from '../cbor/shape.js';

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

/**
 * The first rule of §7.3 that a stage in use breaks, or null: L a power of two from 1 to 2^18, S >= 1,
 * (S + 2) * L <= 2^32, T of exactly ceil((S + 2) * L * w / 8) bytes with every bit past the last entry 0.
 */
export function fuseStageProblem(L: bigint, S: bigint, w: number, table: Uint8Array): string | null {
  if (!isPowerOfTwo(L) || L > BigInt(MAX_SEGMENT_LENGTH)) return `L = ${L} is not a power of two from 1 to 2^18`;
  if (S < 1n) return 'S must be at least 1';
  if ((S + 2n) * L > MAX_ENTRIES) return `(S + 2) * L = ${(S + 2n) * L} exceeds 2^32`;
  const bits = (S + 2n) * L * BigInt(w);
  const bytes = (bits + 7n) / 8n;
  if (BigInt(table.length) !== bytes) return `T holds ${table.length} bytes, ceil((S + 2) * L * ${w} / 8) = ${bytes}`;
  const used = Number(bits % 8n);
  if (used !== 0 && table[table.length - 1]! >> used !== 0) return 'T has a non-zero bit past its last entry';
  return null;
}

const integer = (n: number): bigint => (Number.isSafeInteger(n) ? BigInt(n) : -1n);

/** The first rule of §7.3 that a shard breaks, or null: for shards that did not come from parseRevocationFilter. */
export function filterShardProblem(s: FilterShard): string | null {
  if (!Number.isSafeInteger(s.r) || s.r < 0 || s.r > MAX_FINGERPRINT_BITS) return `r = ${s.r} is not an integer from 0 to 32`;
  const one = s.stage1, two = s.stage2;
  if (s.r === 0) {
    if (one.segmentLength !== 0 || one.segmentCount !== 0 || one.table.length !== 0) return 'with r = 0, L1 and S1 must be 0 and T1 empty';
  } else {
    const p = fuseStageProblem(integer(one.segmentLength), integer(one.segmentCount), s.r, one.table);
    if (p !== null) return `stage 1: ${p}`;
  }
  const p = fuseStageProblem(integer(two.segmentLength), integer(two.segmentCount), 1, two.table);
  return p === null ? null : `stage 2: ${p}`;
}

/** One stage in use, from its CBOR items. */
function stage(seedValue: CborValue | undefined, lValue: CborValue | undefined, sValue: CborValue | undefined,
  tValue: CborValue | undefined, w: number, what: string): FuseStage {
  const seed = BigInt(asUint(seedValue, `${what} seed`));
  const L = BigInt(asUint(lValue, `${what} L`));
  const S = BigInt(asUint(sValue, `${what} S`));
  const table = asBytes(tValue, `${what} T`);
  const problem = fuseStageProblem(L, S, w, table);
  if (problem !== null) throw new ShapeError(`${what}: ${problem}`);
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

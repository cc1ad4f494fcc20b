// The filter payload of PG1 §7.3 as the SDK reads it: keys 1, 2, 3, 8, 9 exactly, and one refusal
// test per well-formedness rule of the section's last paragraph (each a ShapeError: MALFORMED).
import { describe, expect, it } from 'vitest';
import type { CborValue } from '../sdk/cbor/deterministicEncoder.js';
import { ShapeError } from '../sdk/cbor/shape.js';
import { parseRevocationFilter } from '../sdk/pg1/revocationFilter.js';
import { revocationPayloadKind } from '../sdk/pg1/revocationPayloadKind.js';
import { filterPayload, filterVectors, shardValue } from './support/filterVectors.js';

const FIELDS = { issuedAt: 1_750_000_000, expires: 1_750_086_400, covers: 1_749_990_000 };

/** Shard 0 of vector filter 0 (r = 5, L = 16, S = 1 in both stages), with items replaced. */
function shardWith(changes: Record<number, CborValue> = {}): CborValue[] {
  const s = shardValue(filterVectors.filters[0]!.shards[0]!);
  for (const [i, v] of Object.entries(changes)) s[Number(i)] = v;
  return s;
}

const payload = (shards: CborValue[], fields: Partial<typeof FIELDS> = {}): Map<CborValue, CborValue> =>
  filterPayload(shards, { ...FIELDS, ...fields });

function refusal(p: CborValue): string {
  try {
    parseRevocationFilter(p);
  } catch (e) {
    expect(e).toBeInstanceOf(ShapeError);
    return (e as ShapeError).message;
  }
  throw new Error('accepted');
}

/** A stage-2-only shard (r = 0) with L2 = L, S2 = S and a zero table of the right size. */
function plainShard(L: number, S: number): CborValue[] {
  return [0, 0, 0, 0, new Uint8Array(0), 7, L, S, new Uint8Array(Math.ceil(((S + 2) * L) / 8))];
}

describe('a well-formed filter', () => {
  it('parses into typed shards: seeds as bigint (up to 2^64 - 1), tables as the payload\'s own bytes', () => {
    const shard = shardWith({ 0: 2n ** 64n - 1n });
    const f = parseRevocationFilter(payload([shard]));
    expect(f).toMatchObject({ kind: 'filter', version: 1, issuedAt: FIELDS.issuedAt, expires: FIELDS.expires, covers: FIELDS.covers });
    expect(f.shards).toHaveLength(1);
    const s = f.shards[0]!;
    expect(s.r).toBe(5);
    expect(s.stage1).toMatchObject({ seed: 2n ** 64n - 1n, segmentLength: 16, segmentCount: 1 });
    expect(s.stage2.seed).toBe(BigInt(filterVectors.filters[0]!.shards[0]![5]!));
    expect(s.stage1.table).toBe(shard[4]);   // no copy: a filter may be 64 MiB
    expect(s.stage2.table).toBe(shard[8]);
  });

  it('accepts the limits themselves: r = 32, L = 2^18, covers = issued_at, 65,536 shards', () => {
    const r32 = [3, 32, 1, 1, new Uint8Array(12), 4, 1, 1, new Uint8Array(1)];
    expect(parseRevocationFilter(payload([r32])).shards[0]!.r).toBe(32);
    expect(parseRevocationFilter(payload([plainShard(2 ** 18, 1)])).shards[0]!.stage2.table.length).toBe(3 * 2 ** 15);
    expect(parseRevocationFilter(payload([plainShard(1, 1)], { covers: FIELDS.issuedAt })).covers).toBe(FIELDS.issuedAt);
    const many = Array.from({ length: 65_536 }, () => plainShard(1, 1));
    expect(parseRevocationFilter(payload(many)).shards).toHaveLength(65_536);
  });
});

describe('every well-formedness rule of §7.3 refuses', () => {
  it('a number of shards that is not a power of two from 1 to 65,536', () => {
    expect(refusal(payload([]))).toMatch(/shards: 0 is not a power of two/);
    expect(refusal(payload([plainShard(1, 1), plainShard(1, 1), plainShard(1, 1)]))).toMatch(/shards: 3 is not a power of two/);
    expect(refusal(payload(Array.from({ length: 131_072 }, () => 0)))).toMatch(/shards: 131072 is not a power of two/);
  });

  it('r above 32', () => {
    expect(refusal(payload([shardWith({ 1: 33 })]))).toMatch(/shards\[0\]: r = 33 exceeds 32/);
  });

  it('L not a power of two, 0, or above 2^18, in either stage', () => {
    expect(refusal(payload([shardWith({ 2: 12 })]))).toMatch(/stage 1: L = 12 is not a power of two/);
    expect(refusal(payload([shardWith({ 2: 0 })]))).toMatch(/stage 1: L = 0 is not a power of two/);
    expect(refusal(payload([shardWith({ 6: 2 ** 19 })]))).toMatch(/stage 2: L = 524288 is not a power of two from 1 to 2\^18/);
  });

  it('S of 0', () => {
    expect(refusal(payload([shardWith({ 3: 0 })]))).toMatch(/stage 1: S must be at least 1/);
    expect(refusal(payload([shardWith({ 7: 0 })]))).toMatch(/stage 2: S must be at least 1/);
  });

  it('(S + 2) * L above 2^32 (and not at 2^32 exactly)', () => {
    expect(refusal(payload([plainShard(2 ** 18, 2 ** 14 - 1)]))).toMatch(/stage 2: \(S \+ 2\) \* L = 4295229440 exceeds 2\^32/);
    // At 2^32 the geometry passes; the table (512 MiB) is what this test cannot afford to give.
    const atLimit: CborValue[] = [0, 0, 0, 0, new Uint8Array(0), 7, 2 ** 18, 2 ** 14 - 2, new Uint8Array(1)];
    expect(refusal(payload([atLimit]))).toMatch(/stage 2: T holds 1 bytes, ceil\(\(S \+ 2\) \* L \* 1 \/ 8\) = 536870912/);
  });

  it('a table of the wrong length', () => {
    const t1 = shardWith()[4] as Uint8Array;
    expect(refusal(payload([shardWith({ 4: t1.subarray(1) })]))).toMatch(/stage 1: T holds 29 bytes, ceil\(\(S \+ 2\) \* L \* 5 \/ 8\) = 30/);
    const t2 = shardWith()[8] as Uint8Array;
    const longer = new Uint8Array(t2.length + 1);
    longer.set(t2);
    expect(refusal(payload([shardWith({ 8: longer })]))).toMatch(/stage 2: T holds 7 bytes/);
  });

  it('a non-zero bit past the last entry', () => {
    // r = 3, L = 1, S = 1: 3 entries of 3 bits = 9 bits in 2 bytes; bit 9 is padding.
    const shard: CborValue[] = [1, 3, 1, 1, new Uint8Array([0, 0b10]), 2, 1, 1, new Uint8Array(1)];
    expect(refusal(payload([shard]))).toMatch(/stage 1: T has a non-zero bit past its last entry/);
    shard[4] = new Uint8Array([0, 0b01]);   // bit 8 belongs to the last entry
    expect(parseRevocationFilter(payload([shard])).shards[0]!.r).toBe(3);
    // Stage 2: 3 one-bit entries in one byte; bit 3 is padding.
    expect(refusal(payload([[0, 0, 0, 0, new Uint8Array(0), 2, 1, 1, new Uint8Array([0b1000])]]))).toMatch(/stage 2: T has a non-zero bit/);
  });

  it('r = 0 with a stage 1 (L1, S1 or T1)', () => {
    const base = plainShard(1, 1);
    const with1 = (i: number, v: CborValue): CborValue[] => base.map((x, k) => (k === i ? v : x));
    for (const bad of [with1(2, 1), with1(3, 1), with1(4, new Uint8Array(1))]) {
      expect(refusal(payload([bad]))).toMatch(/with r = 0, L1 and S1 must be 0 and T1 empty/);
    }
  });

  it('covers after issued_at', () => {
    expect(refusal(payload([plainShard(1, 1)], { covers: FIELDS.issuedAt + 1 }))).toMatch(/covers 1750000001 is after issued_at 1750000000/);
  });

  it('keys other than 1, 2, 3, 8, 9, a missing key, and shards that are not 9-item arrays of the right types', () => {
    const extra = payload([plainShard(1, 1)]);
    extra.set(4, new Uint8Array(0));
    expect(refusal(extra)).toMatch(/unexpected key 4/);
    const missing = payload([plainShard(1, 1)]);
    missing.delete(8);
    expect(refusal(missing)).toMatch(/missing key 8/);
    expect(refusal(payload([plainShard(1, 1).slice(0, 8)]))).toMatch(/shards\[0\]: expected 9 items, got 8/);
    expect(refusal(payload([shardWith({ 0: -1 })]))).toMatch(/stage 1 seed: expected an unsigned integer/);
    expect(refusal(payload([shardWith({ 8: 'ff' })]))).toMatch(/stage 2 T: expected a byte string/);
  });
});

describe('the three revocation payloads', () => {
  it('are told apart by key: 4 a list, 5 a delta, 8 or 9 a filter', () => {
    const m = (...keys: number[]): Map<CborValue, CborValue> => new Map(keys.map((k) => [k, 0]));
    expect(revocationPayloadKind(m(1, 2, 3, 4))).toBe('list');
    expect(revocationPayloadKind(m(1, 2, 3, 5, 6, 7))).toBe('delta');
    expect(revocationPayloadKind(m(1, 2, 3, 8, 9))).toBe('filter');
    expect(revocationPayloadKind(m(1, 2, 3, 9))).toBe('filter');
    expect(revocationPayloadKind(m(1, 2, 3, 8))).toBe('filter');
    // A mixture goes to the filter parser, which refuses the stranger key.
    expect(revocationPayloadKind(m(1, 2, 3, 4, 8, 9))).toBe('filter');
    expect(() => revocationPayloadKind([1, 2])).toThrow(ShapeError);
  });
});

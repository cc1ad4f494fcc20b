/**
 * The PG1 §7.3 lookup vectors (test/vectors/pg1-filter/lookup.json) as filter payloads: the decoded
 * CBOR map a signed filter carries, so that tests go through parseRevocationFilter.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CborValue } from '../../sdk/cbor/deterministicEncoder.js';
import { hex } from '../helpers/vectors.js';

export interface StepVector {
  readonly key: string;
  readonly seed: string;
  readonly L: number;
  readonly S: number;
  readonly 'mix(key+seed)': string;
  readonly p0: number;
  readonly p1: number;
  readonly p2: number;
  readonly fingerprint_r8: number;
  readonly fingerprint_r32: number;
}

export interface FilterVector {
  readonly shards: readonly (readonly (string | number)[])[];
  readonly members: readonly { readonly cti: string; readonly key: string; readonly revoked: boolean }[];
}

export const filterVectors = JSON.parse(readFileSync(fileURLToPath(new URL('../vectors/pg1-filter/lookup.json', import.meta.url)), 'utf8')) as {
  readonly steps: readonly StepVector[];
  readonly filters: readonly FilterVector[];
};

/** A uint as the CBOR decoder gives it: a number when safe, else a bigint. */
export function cborUint(v: string | number | bigint): CborValue {
  const b = BigInt(v);
  return b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
}

/** A shard of the vectors as its CBOR array: seeds as uints, tables as byte strings. */
export function shardValue(s: readonly (string | number)[]): CborValue[] {
  const [seed1, r, L1, S1, T1, seed2, L2, S2, T2] = s;
  return [cborUint(seed1!), cborUint(r!), cborUint(L1!), cborUint(S1!), hex(String(T1)),
    cborUint(seed2!), cborUint(L2!), cborUint(S2!), hex(String(T2))];
}

export interface FilterFields {
  readonly version?: number;
  readonly issuedAt: number;
  readonly expires: number;
  readonly covers: number;
}

/** The payload map of a filter (§7.3): keys 1, 2, 3, 8, 9. */
export function filterPayload(shards: readonly CborValue[], f: FilterFields): Map<CborValue, CborValue> {
  return new Map<CborValue, CborValue>([[1, f.version ?? 1], [2, f.issuedAt], [3, f.expires], [8, f.covers], [9, [...shards]]]);
}

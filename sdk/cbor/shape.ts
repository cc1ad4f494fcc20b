import type { CborValue } from './deterministicEncoder.js';

/** A decoded value does not have the shape a PG1 structure requires. */
export class ShapeError extends Error {
  override readonly name = 'ShapeError';
}

/**
 * PG1 times, versions and counts: unsigned integers up to 2^64 - 1 (a bigint beyond 2^53). Shown as
 * `number | bigint` where it is used.
 *
 * @inline
 * @internal
 */
export type Uint = number | bigint;

export function asMap(v: CborValue | undefined, what: string): ReadonlyMap<CborValue, CborValue> {
  if (!(v instanceof Map)) throw new ShapeError(`${what}: expected a map`);
  return v as ReadonlyMap<CborValue, CborValue>;
}

export function asArray(v: CborValue | undefined, what: string): readonly CborValue[] {
  if (!Array.isArray(v)) throw new ShapeError(`${what}: expected an array`);
  return v as readonly CborValue[];
}

export function asUint(v: CborValue | undefined, what: string): Uint {
  if ((typeof v === 'number' && Number.isInteger(v) && v >= 0) || (typeof v === 'bigint' && v >= 0n)) return v;
  throw new ShapeError(`${what}: expected an unsigned integer`);
}

export function asBytes(v: CborValue | undefined, what: string, length?: number): Uint8Array {
  if (!(v instanceof Uint8Array)) throw new ShapeError(`${what}: expected a byte string`);
  if (length !== undefined && v.length !== length) throw new ShapeError(`${what}: expected ${length} bytes, got ${v.length}`);
  return v;
}

export function asText(v: CborValue | undefined, what: string): string {
  if (typeof v !== 'string') throw new ShapeError(`${what}: expected a text string`);
  return v;
}

export function asBool(v: CborValue | undefined, what: string): boolean {
  if (typeof v !== 'boolean') throw new ShapeError(`${what}: expected a boolean`);
  return v;
}

/** Refuses keys outside `allowed` and requires `required`: PG1's lists have no extension points. */
export function checkKeys(m: ReadonlyMap<CborValue, CborValue>, what: string, required: readonly number[], optional: readonly number[]): void {
  for (const k of m.keys()) {
    if (typeof k !== 'number' || (!required.includes(k) && !optional.includes(k))) {
      throw new ShapeError(`${what}: unexpected key ${String(k)}`);
    }
  }
  for (const k of required) if (!m.has(k)) throw new ShapeError(`${what}: missing key ${k}`);
}

export function compareUint(a: Uint, b: Uint): number {
  const x = BigInt(a), y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

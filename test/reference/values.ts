/** Reference: small type guards over decoded CBOR values (numbers and bigints are both integers). */
import type { CborValue } from '../../sdk/cbor/deterministicEncoder.js';

export type CborMap = ReadonlyMap<CborValue, CborValue>;

export function asInt(v: CborValue | undefined): bigint | null {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  return null;
}

export function asUint(v: CborValue | undefined): bigint | null {
  const n = asInt(v);
  return n !== null && n >= 0n ? n : null;
}

export function asBytes(v: CborValue | undefined, length?: number): Uint8Array | null {
  if (!(v instanceof Uint8Array)) return null;
  return length === undefined || v.length === length ? v : null;
}

export function asArray(v: CborValue | undefined): readonly CborValue[] | null {
  return Array.isArray(v) ? (v as readonly CborValue[]) : null;
}

export function asMap(v: CborValue | undefined): CborMap | null {
  return v instanceof Map ? (v as CborMap) : null;
}

/** Looks a key up by integer value (keys decode as number or bigint). */
export function getInt(m: CborMap, key: number): CborValue | undefined {
  for (const [k, v] of m) if (asInt(k) === BigInt(key)) return v;
  return undefined;
}

/** True when every key of `m` is an integer in `allowed`. */
export function keysWithin(m: CborMap, allowed: readonly number[]): boolean {
  for (const k of m.keys()) {
    const n = asInt(k);
    if (n === null || !allowed.some((a) => BigInt(a) === n)) return false;
  }
  return true;
}

export function hasInts(m: CborMap, required: readonly number[]): boolean {
  return required.every((k) => getInt(m, k) !== undefined);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

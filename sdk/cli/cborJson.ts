/**
 * Any decoded CBOR as JSON for people to read (passgate inspect): byte strings as lowercase hex, maps
 * as objects whose keys are written as strings (byte-string keys as hex), tags as {tag, value}.
 * Integers stay exact (bigints print as digits, see prettyJson.ts).
 */
import { RawCbor, Tagged, type CborValue } from '../cbor/deterministicEncoder.js';
import { toHex } from '../encoding/hex.js';

export type JsonView = null | boolean | number | bigint | string | JsonView[] | { [key: string]: JsonView };

/** A plain object whose keys are all own data properties (a key "__proto__" stays a key). */
export function jsonObject(entries: readonly (readonly [string, JsonView])[]): { [key: string]: JsonView } {
  const o: { [key: string]: JsonView } = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

export function keyText(k: CborValue): string {
  if (typeof k === 'string') return k;
  if (k instanceof Uint8Array) return toHex(k);
  if (typeof k === 'number' || typeof k === 'bigint' || typeof k === 'boolean' || k === null) return String(k);
  return JSON.stringify(cborJson(k), (_x, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)); // as sdk/pg1/claimValues.ts writes it
}

export function cborJson(v: CborValue): JsonView {
  if (v === null || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') return v;
  if (v instanceof Uint8Array) return toHex(v);
  if (v instanceof Tagged) return jsonObject([['tag', v.tag], ['value', cborJson(v.value)]]);
  if (v instanceof RawCbor) return toHex(v.bytes);
  if (Array.isArray(v)) return (v as readonly CborValue[]).map(cborJson);
  return jsonObject([...(v as ReadonlyMap<CborValue, CborValue>)].map(([k, x]): [string, JsonView] => [keyText(k), cborJson(x)]));
}

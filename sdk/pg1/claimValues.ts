import type { CborValue } from '../cbor/deterministicEncoder.js';
import { readValidated } from '../cbor/validatedReader.js';
import { claimName, type ClaimValue, type Claims } from './claims.js';
import { toHex } from '../encoding/hex.js';

/** A CBOR value as PG1 §9 writes it in JSON: bytes as lowercase hex, map keys as strings. */
export function toClaimValue(v: CborValue): ClaimValue {
  if (v instanceof Uint8Array) return toHex(v);
  if (Array.isArray(v)) return (v as readonly CborValue[]).map(toClaimValue);
  if (v instanceof Map) {
    // Object.fromEntries defines own properties: a holder-chosen key such as "__proto__" stays data.
    return Object.fromEntries([...(v as ReadonlyMap<CborValue, CborValue>)].map(([k, x]) => [keyText(k), toClaimValue(x)]));
  }
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
  // Tags cannot occur: the core refuses them inside disclosures.
  throw new TypeError('unexpected CBOR value in a verified disclosure');
}

/**
 * A map key as text: text as it is, integers as digits, byte strings as hex, anything else (arrays,
 * maps, booleans, null) as its JSON text, so that no two distinct keys collide.
 */
function keyText(k: CborValue): string {
  if (typeof k === 'string') return k;
  if (typeof k === 'number' || typeof k === 'bigint') return k.toString();
  if (k instanceof Uint8Array) return toHex(k);
  return JSON.stringify(toClaimValue(k), (_key, x: unknown) => (typeof x === 'bigint' ? Number(x) : x));
}

/** A verified disclosure as the core lists it: its key, and its value's encoded bytes (a view). */
export interface DisclosedValue {
  readonly key: number | bigint;
  readonly value: Uint8Array;
}

/** Verified disclosures by §3 name (unknown keys by number). */
export function claimsFrom(disclosures: readonly DisclosedValue[]): Claims {
  // Every result carries its claims: filled in place, without pairs to throw away. A name is a §3
  // name or decimal digits, never "__proto__", so plain assignment defines data properties.
  const claims: Record<string, ClaimValue> = {};
  for (const d of disclosures) claims[typeof d.key === 'number' ? claimName(d.key) : d.key.toString()] = toClaimValue(readValidated(d.value));
  return claims as Claims;
}

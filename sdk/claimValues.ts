import type { CborValue } from './cbor/deterministicEncoder.js';
import { decodeValue } from './cbor/valueDecoder.js';
import { claimName, type ClaimValue, type Claims } from './claims.js';
import { toHex } from './encoding/hex.js';

/** A CBOR value as PG1 §9 writes it in JSON: bytes as lowercase hex, map keys as strings. */
export function toClaimValue(v: CborValue): ClaimValue {
  if (v instanceof Uint8Array) return toHex(v);
  if (Array.isArray(v)) return (v as readonly CborValue[]).map(toClaimValue);
  if (v instanceof Map) {
    const o: { [key: string]: ClaimValue } = {};
    for (const [k, x] of v as ReadonlyMap<CborValue, CborValue>) {
      o[k instanceof Uint8Array ? toHex(k) : String(k)] = toClaimValue(x);
    }
    return o;
  }
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
  // Tags cannot occur: the core refuses them inside disclosures.
  throw new TypeError('unexpected CBOR value in a verified disclosure');
}

/** Verified disclosures by §3 name (unknown keys by number). */
export function claimsFrom(disclosures: readonly { key: bigint; value: Uint8Array }[]): Claims {
  const claims: Claims = {};
  for (const d of disclosures) {
    const key = d.key <= BigInt(Number.MAX_SAFE_INTEGER) ? claimName(Number(d.key)) : d.key.toString();
    claims[key] = toClaimValue(decodeValue(d.value));
  }
  return claims;
}

/**
 * Reference: claims as §9 writes them. Known keys by their §3 names, unknown keys by their number;
 * byte strings as lowercase hex; under unknown keys, arrays as arrays and maps as objects whose
 * keys are written as strings.
 * Decision: integers beyond 2^53 become the nearest JSON number (JSON readers do the same); map
 * keys that are byte strings are written as hex, other non-text keys as their JSON text.
 */
import { claimName, type ClaimValue, type Claims } from '../../sdk/pg1/claims.js';
import type { CborValue } from '../../sdk/cbor/deterministicEncoder.js';
import { hex } from './values.js';

export function toClaimValue(v: CborValue): ClaimValue {
  if (v === null || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Uint8Array) return hex(v);
  if (Array.isArray(v)) return (v as readonly CborValue[]).map(toClaimValue);
  if (v instanceof Map) {
    // Object.fromEntries defines own properties, so a key such as "__proto__" stays data.
    return Object.fromEntries([...(v as ReadonlyMap<CborValue, CborValue>)].map(([k, x]) => [keyText(k), toClaimValue(x)]));
  }
  throw new TypeError('a tag or raw item cannot be a verified claim value');
}

function keyText(k: CborValue): string {
  if (typeof k === 'string') return k;
  if (typeof k === 'number' || typeof k === 'bigint') return k.toString();
  if (k instanceof Uint8Array) return hex(k);
  return JSON.stringify(toClaimValue(k));
}

export function claimsOutput(disclosed: ReadonlyMap<bigint, CborValue>): Claims {
  const entries = [...disclosed].map(([key, value]): [string, ClaimValue] => [
    key <= BigInt(Number.MAX_SAFE_INTEGER) ? claimName(Number(key)) : key.toString(),
    toClaimValue(value),
  ]);
  return Object.fromEntries(entries);
}

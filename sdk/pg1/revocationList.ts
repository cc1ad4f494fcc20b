import type { CborValue } from '../cbor/deterministicEncoder.js';
import { asBytes, asMap, asUint, checkKeys, ShapeError, type Uint } from '../cbor/shape.js';

/** A full revocation list (§7): prefixes are H(cti)[0..8], concatenated, ascending. */
export interface RevocationList {
  readonly kind: 'full';
  readonly version: Uint;
  readonly issuedAt: Uint;
  readonly expires: Uint;
  readonly revoked: Uint8Array;
}

/** A revocation delta on top of the list whose version is baseVersion. */
export interface RevocationDelta {
  readonly kind: 'delta';
  readonly version: Uint;
  readonly issuedAt: Uint;
  readonly expires: Uint;
  readonly baseVersion: Uint;
  readonly added: Uint8Array;
  readonly removed: Uint8Array;
}

function prefixes(v: CborValue | undefined, what: string): Uint8Array {
  const b = asBytes(v, what);
  if (b.length % 8 !== 0) throw new ShapeError(`${what}: length ${b.length} is not a multiple of 8`);
  for (let i = 8; i < b.length; i += 8) {
    if (comparePrefix(b, i - 8, b, i) >= 0) throw new ShapeError(`${what}: prefixes must be ascending without duplicates`);
  }
  return b;
}

export function comparePrefix(a: Uint8Array, ai: number, b: Uint8Array, bi: number): number {
  for (let k = 0; k < 8; k++) {
    const d = a[ai + k]! - b[bi + k]!;
    if (d !== 0) return d;
  }
  return 0;
}

export function parseRevocationList(payload: CborValue): RevocationList | RevocationDelta {
  const m = asMap(payload, 'revocation list');
  const common = { version: asUint(m.get(1), 'version'), issuedAt: asUint(m.get(2), 'issued_at'), expires: asUint(m.get(3), 'expires') };
  if (m.has(5)) {
    checkKeys(m, 'revocation delta', [1, 2, 3, 5, 6, 7], []);
    return { kind: 'delta', ...common, baseVersion: asUint(m.get(5), 'base_version'), added: prefixes(m.get(6), 'added'), removed: prefixes(m.get(7), 'removed') };
  }
  checkKeys(m, 'revocation list', [1, 2, 3, 4], []);
  return { kind: 'full', ...common, revoked: prefixes(m.get(4), 'revoked') };
}

/** Binary search of an 8-byte prefix in a sorted concatenation. */
export function hasPrefix(list: Uint8Array, p: Uint8Array, pi: number): boolean {
  let lo = 0, hi = list.length / 8;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = comparePrefix(list, mid * 8, p, pi);
    if (c === 0) return true;
    if (c < 0) lo = mid + 1; else hi = mid;
  }
  return false;
}

/**
 * The list that results from a delta (§7): refused (null) when it adds a prefix already listed or
 * removes one that is not. Linear merge: deltas apply to lists of a million entries.
 */
export function applyDelta(current: Uint8Array, delta: RevocationDelta): Uint8Array | null {
  for (let i = 0; i < delta.added.length; i += 8) if (hasPrefix(current, delta.added, i)) return null;
  for (let i = 0; i < delta.removed.length; i += 8) if (!hasPrefix(current, delta.removed, i)) return null;
  const out = new Uint8Array(current.length - delta.removed.length + delta.added.length);
  let ci = 0, ai = 0, ri = 0, o = 0;
  while (ci < current.length || ai < delta.added.length) {
    const takeAdded = ci >= current.length || (ai < delta.added.length && comparePrefix(delta.added, ai, current, ci) < 0);
    if (takeAdded) { out.set(delta.added.subarray(ai, ai + 8), o); ai += 8; o += 8; continue; }
    if (ri < delta.removed.length && comparePrefix(delta.removed, ri, current, ci) === 0) { ri += 8; ci += 8; continue; }
    out.set(current.subarray(ci, ci + 8), o); ci += 8; o += 8;
  }
  return out;
}

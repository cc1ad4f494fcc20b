/**
 * The value type of each known disclosure key (PG1 §3), checked when a token is issued so that the
 * toolkit cannot produce a disclosure that every verifier rejects as MALFORMED.
 */
import { CLAIM_KEYS, CLAIM_NAMES, type ClaimKey, type ClaimName } from '../pg1/claims.js';
import type { CborValue } from '../cbor/deterministicEncoder.js';

const MAX_U64 = (1n << 64n) - 1n;

export function isUint(v: CborValue): boolean {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0;
  if (typeof v === 'bigint') return v >= 0n && v <= MAX_U64;
  return false;
}

function isPair(v: CborValue, second: (x: CborValue) => boolean): boolean {
  return Array.isArray(v) && v.length === 2 && isUint(v[0] as CborValue) && second(v[1] as CborValue);
}

function codePoints(s: string): number {
  return Array.from(s).length;
}

/** One predicate per key of the §3 table, with the wording used in error messages. */
const CHECKS: Readonly<Record<ClaimKey, { readonly ok: (v: CborValue) => boolean; readonly want: string }>> = {
  1: { ok: (v) => v === 0 || v === 1 || v === 2, want: 'uint 0, 1 or 2' },
  2: { ok: (v) => isPair(v, (r) => r === 0 || r === 1), want: '[sampled_at uint, result 0 or 1]' },
  3: { ok: (v) => isPair(v, isUint), want: '[doses uint, last_dose_at uint]' },
  4: { ok: (v) => typeof v === 'boolean', want: 'bool' },
  5: { ok: (v) => typeof v === 'boolean', want: 'bool' },
  6: { ok: (v) => typeof v === 'boolean', want: 'bool' },
  7: { ok: (v) => isUint(v) && Number(v) >= 100000 && Number(v) <= 999999, want: 'six-digit uint' },
  8: { ok: (v) => typeof v === 'string' && codePoints(v) >= 1 && codePoints(v) <= 4, want: 'text of 1-4 code points' },
  9: { ok: (v) => typeof v === 'string', want: 'text' },
  10: { ok: (v) => v instanceof Uint8Array && v.length === 32, want: '32-byte bstr' },
  11: { ok: (v) => typeof v === 'boolean', want: 'bool' },
};

/**
 * Whether a key is in the table of PG1 §3 (1 to 11).
 *
 * @param key - A disclosure key.
 */
export function isKnownClaimKey(key: number): key is ClaimKey {
  return Object.prototype.hasOwnProperty.call(CLAIM_NAMES, key);
}

/**
 * null when `value` has the §3 type of `key` (or `key` is not in the table), else what was expected.
 *
 * @param key - A disclosure key.
 * @param value - The value to carry under it.
 */
export function claimTypeProblem(key: number, value: CborValue): string | null {
  if (!isKnownClaimKey(key)) return null;
  const check = CHECKS[key];
  return check.ok(value) ? null : `claim ${CLAIM_NAMES[key]} (${key}) must be ${check.want}`;
}

/**
 * Resolves a claim given by §3 name or by number (numbers may be any uint, known or not).
 *
 * @param nameOrKey - `'status'`, `1`, or `'1'`.
 * @returns The key, or null for an unknown name or a number that is not a uint.
 */
export function claimKeyOf(nameOrKey: string | number): number | null {
  if (typeof nameOrKey === 'number') return Number.isSafeInteger(nameOrKey) && nameOrKey >= 0 ? nameOrKey : null;
  if (Object.prototype.hasOwnProperty.call(CLAIM_KEYS, nameOrKey)) return CLAIM_KEYS[nameOrKey as ClaimName];
  return /^(0|[1-9][0-9]*)$/.test(nameOrKey) ? claimKeyOf(Number(nameOrKey)) : null;
}

/**
 * Reference: parsing and signature checking of trust lists (§6) and revocation lists (§7). The
 * functions here never change state; the verifier commits a list only after all of them passed,
 * so a refused list leaves the current one in force.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { isStrongPublicKey, verifyCofactored } from './ed25519Cofactored.js';
import { ListRefusedError } from './errors.js';
import { sigStructureBytes } from './minimalEncoder.js';
import { isSupportedAlg, parseSign1, strictDecode } from './structures.js';
import { asArray, asBytes, asMap, asUint, bytesEqual, compareBytes, getInt, hasInts, hex, keysWithin, type CborMap } from './values.js';
import type { CborValue } from '../../sdk/cbor/deterministicEncoder.js';

/** §1: a trust list or revocation list is at most 16 MiB. */
export const MAX_LIST_BYTES = 16 * 1024 * 1024;

export function kidOf(pub: Uint8Array): Uint8Array {
  return sha256(pub).slice(0, 8);
}

function refuse(code: ConstructorParameters<typeof ListRefusedError>[0], why: string): never {
  throw new ListRefusedError(code, why);
}

/**
 * The envelope rules shared by both lists: §1, COSE_Sign1 as in §2 (same alg rule), kid of a root
 * trusted now, and a valid cofactored signature by that root. Returns the payload bytes.
 */
export function openSignedList(bytes: Uint8Array, trustedRoots: readonly Uint8Array[], maxBytes: number = MAX_LIST_BYTES): Uint8Array {
  if (bytes.length > maxBytes) refuse('TOO_LARGE', `${bytes.length} bytes is over ${maxBytes}`);
  const top = strictDecode(bytes, 'root');
  if (top === null) refuse('MALFORMED', 'the list breaks the encoding rules of §1');
  const sign1 = parseSign1(top);
  if (sign1 === 'MALFORMED') refuse('MALFORMED', 'the list is not a COSE_Sign1 as §2 profiles it');
  if (!isSupportedAlg(sign1.alg)) refuse('UNSUPPORTED_ALG', `alg ${sign1.alg} is not -19 or -8`);
  const roots = trustedRoots.filter((r) => bytesEqual(kidOf(r), sign1.kid));
  if (roots.length === 0) refuse('UNKNOWN_ROOT', `kid ${hex(sign1.kid)} is not a root trusted now`);
  const tbs = sigStructureBytes(sign1.protectedBytes, sign1.payload);
  if (!roots.some((r) => verifyCofactored(sign1.signature, tbs, r))) refuse('BAD_SIGNATURE', 'the root signature does not verify');
  return sign1.payload;
}

export interface IssuerKey {
  readonly kid: Uint8Array;
  readonly pub: Uint8Array;
  readonly iss: string;
  readonly notBefore: bigint;
  readonly notAfter: bigint;
  readonly revokedAt: bigint | null;
}

export interface Rule {
  readonly allow: readonly bigint[];
  readonly natMaxAge: bigint | null;
  readonly minDoses: bigint | null;
  readonly denyAbroad14: boolean;
  readonly denyRisk14: boolean;
  readonly require: readonly bigint[];
  /** ? 7: bound (§10.3). */
  readonly bound: boolean;
}

export type Policy = ReadonlyMap<string, Rule>;

export interface TrustList {
  readonly version: bigint;
  readonly issuedAt: bigint;
  readonly expires: bigint;
  readonly issuers: readonly IssuerKey[];
  readonly roots: readonly Uint8Array[];
  readonly sunset: bigint | null;
  readonly policy: Policy | null;
}

function optionalUint(m: CborMap, key: number): bigint | null | 'bad' {
  const v = getInt(m, key);
  if (v === undefined) return null;
  return asUint(v) ?? 'bad';
}

function optionalBool(m: CborMap, key: number): boolean | null | 'bad' {
  const v = getInt(m, key);
  if (v === undefined) return null;
  return typeof v === 'boolean' ? v : 'bad';
}

function uintArray(v: CborValue | undefined, max?: bigint): bigint[] | null {
  const a = asArray(v);
  if (a === null) return null;
  const out: bigint[] = [];
  for (const x of a) {
    const n = asUint(x);
    if (n === null || (max !== undefined && n > max)) return null;
    out.push(n);
  }
  return out;
}

function parseIssuer(v: CborValue): IssuerKey | null {
  const m = asMap(v);
  if (m === null || !keysWithin(m, [1, 2, 3, 4, 5, 6]) || !hasInts(m, [1, 2, 3, 4, 5])) return null;
  const kid = asBytes(getInt(m, 1), 8);
  const pub = asBytes(getInt(m, 2), 32);
  const iss = getInt(m, 3);
  const notBefore = asUint(getInt(m, 4));
  const notAfter = asUint(getInt(m, 5));
  const revokedAt = optionalUint(m, 6);
  if (kid === null || pub === null || typeof iss !== 'string' || notBefore === null || notAfter === null || revokedAt === 'bad') {
    return null;
  }
  return { kid, pub, iss, notBefore, notAfter, revokedAt };
}

/** Rule = {1: allow [* status], ? 2: nat_max_age, ? 3: min_doses, ? 4: deny_abroad14, ? 5: deny_risk14, ? 6: require, ? 7: bound}. */
function parseRule(v: CborValue): Rule | null {
  const m = asMap(v);
  if (m === null || !keysWithin(m, [1, 2, 3, 4, 5, 6, 7]) || !hasInts(m, [1])) return null;
  const allow = uintArray(getInt(m, 1), 2n); // statuses are 0, 1 or 2 (§3)
  const natMaxAge = optionalUint(m, 2);
  const minDoses = optionalUint(m, 3);
  const denyAbroad14 = optionalBool(m, 4);
  const denyRisk14 = optionalBool(m, 5);
  const bound = optionalBool(m, 7);
  const requireValue = getInt(m, 6);
  const require = requireValue === undefined ? [] : uintArray(requireValue);
  if (allow === null || natMaxAge === 'bad' || minDoses === 'bad' || denyAbroad14 === 'bad' || denyRisk14 === 'bad' || bound === 'bad' || require === null) {
    return null;
  }
  return { allow, natMaxAge, minDoses, denyAbroad14: denyAbroad14 === true, denyRisk14: denyRisk14 === true, require, bound: bound === true };
}

function parsePolicy(v: CborValue): Policy | null {
  const m = asMap(v);
  if (m === null) return null;
  const out = new Map<string, Rule>();
  for (const [category, ruleValue] of m) {
    if (typeof category !== 'string') return null;
    const rule = parseRule(ruleValue);
    if (rule === null) return null;
    out.set(category, rule);
  }
  return out;
}

/** The payload of a trust list, with every §6 acceptance rule except signature and version. */
export function parseTrustList(payload: Uint8Array): TrustList {
  const m = asMap(strictDecode(payload, 'none'));
  // No "* other keys" in §6 (unlike Claims): an unknown key is a malformed list.
  if (m === null || !keysWithin(m, [1, 2, 3, 4, 5, 6, 7]) || !hasInts(m, [1, 2, 3, 4, 5])) {
    refuse('MALFORMED', 'the trust list payload is not {1: version, 2: issued_at, 3: expires, 4: issuers, 5: roots, ? 6, ? 7}');
  }
  const version = asUint(getInt(m, 1));
  const issuedAt = asUint(getInt(m, 2));
  const expires = asUint(getInt(m, 3));
  const sunset = optionalUint(m, 6);
  if (version === null || issuedAt === null || expires === null || sunset === 'bad') refuse('MALFORMED', 'a trust list time or version is not a uint');
  const issuerValues = asArray(getInt(m, 4));
  const rootValues = asArray(getInt(m, 5));
  if (issuerValues === null || rootValues === null || rootValues.length === 0) refuse('MALFORMED', 'issuers or roots is not an array (roots needs one entry)');
  const issuers: IssuerKey[] = [];
  for (const iv of issuerValues) {
    const issuer = parseIssuer(iv);
    if (issuer === null) refuse('MALFORMED', 'an IssuerKey is not {1: kid, 2: pub, 3: iss, 4: not_before, 5: not_after, ? 6: revoked_at}');
    issuers.push(issuer);
  }
  const roots: Uint8Array[] = [];
  for (const rv of rootValues) {
    const root = asBytes(rv, 32);
    if (root === null) refuse('MALFORMED', 'a root is not bstr(32)');
    roots.push(root);
  }
  const policyValue = getInt(m, 7);
  const policy = policyValue === undefined ? null : parsePolicy(policyValue);
  if (policyValue !== undefined && policy === null) refuse('MALFORMED', 'the policy is not {* tstr => Rule}');

  const seen = new Set<string>();
  for (const issuer of issuers) {
    if (!bytesEqual(issuer.kid, kidOf(issuer.pub))) refuse('KID_MISMATCH', `kid ${hex(issuer.kid)} is not H(pub)[0..8]`);
    if (seen.has(hex(issuer.kid))) refuse('DUPLICATE_KID', `kid ${hex(issuer.kid)} repeats`);
    seen.add(hex(issuer.kid));
    if (!isStrongPublicKey(issuer.pub)) refuse('WEAK_KEY', `issuer ${hex(issuer.kid)} has a non-canonical or small-order key`);
  }
  // Decision: roots get the same screening as issuer keys; a small-order root would let anyone
  // sign the next list under the cofactored equation.
  for (const root of roots) if (!isStrongPublicKey(root)) refuse('WEAK_KEY', `root ${hex(root)} is non-canonical or of small order`);
  return { version, issuedAt, expires, issuers, roots, sunset, policy };
}

export interface FullRevocationList {
  readonly kind: 'full';
  readonly version: bigint;
  readonly expires: bigint;
  readonly revoked: readonly string[];
}

export interface RevocationDelta {
  readonly kind: 'delta';
  readonly version: bigint;
  readonly expires: bigint;
  readonly baseVersion: bigint;
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/** Concatenated 8-byte prefixes, strictly ascending (hex), or null. */
function prefixes(v: CborValue | undefined): string[] | null {
  const b = asBytes(v);
  if (b === null || b.length % 8 !== 0) return null;
  const out: string[] = [];
  let prev: Uint8Array | null = null;
  for (let i = 0; i < b.length; i += 8) {
    const p = b.subarray(i, i + 8);
    if (prev !== null && compareBytes(prev, p) >= 0) return null;
    out.push(hex(p));
    prev = p;
  }
  return out;
}

export function parseRevocationList(payload: Uint8Array): FullRevocationList | RevocationDelta {
  const m = asMap(strictDecode(payload, 'none'));
  if (m === null) refuse('MALFORMED', 'the revocation payload is not a map');
  const version = asUint(getInt(m, 1));
  const issuedAt = asUint(getInt(m, 2));
  const expires = asUint(getInt(m, 3));
  if (version === null || issuedAt === null || expires === null) refuse('MALFORMED', 'version, issued_at and expires must be uints');
  if (m.size === 4 && keysWithin(m, [1, 2, 3, 4])) {
    const revoked = prefixes(getInt(m, 4));
    if (revoked === null) refuse('MALFORMED', 'revoked is not ascending 8-byte prefixes without duplicates');
    return { kind: 'full', version, expires, revoked };
  }
  if (m.size === 6 && keysWithin(m, [1, 2, 3, 5, 6, 7])) {
    const baseVersion = asUint(getInt(m, 5));
    // Decision: added and removed follow the format of revoked (ascending, no duplicates).
    const added = prefixes(getInt(m, 6));
    const removed = prefixes(getInt(m, 7));
    if (baseVersion === null || added === null || removed === null) refuse('MALFORMED', 'a delta field is malformed');
    return { kind: 'delta', version, expires, baseVersion, added, removed };
  }
  return refuse('MALFORMED', 'the payload is neither a RevocationList nor a RevocationDelta');
}

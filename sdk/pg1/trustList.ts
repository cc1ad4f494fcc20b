import type { CborValue } from '../cbor/deterministicEncoder.js';
import { asArray, asBool, asBytes, asMap, asText, asUint, checkKeys, ShapeError, type Uint } from '../cbor/shape.js';
import type { Policy, Rule } from './policy.js';

/** An issuer key of a trust list (PG1 §6). */
export interface IssuerKey {
  /** 8 bytes: the first 8 bytes of SHA-256(pub); tokens name their key by it. */
  readonly kid: Uint8Array;
  /** The Ed25519 public key (32 bytes). */
  readonly pub: Uint8Array;
  /** The issuer this key signs for: a token's `iss` must equal it (else ISSUER_MISMATCH). */
  readonly iss: string;
  /** Unix seconds: the key signs tokens with `iat` in [notBefore, notAfter) (else KEY_NOT_VALID). */
  readonly notBefore: Uint;
  /** Unix seconds, exclusive: see notBefore. Tokens issued before it stay valid until they expire. */
  readonly notAfter: Uint;
  /** Unix seconds: a compromised key; its tokens with `iat` at or after it are KEY_REVOKED (0: all). */
  readonly revokedAt?: Uint;
}

/** The content of an accepted trust list. */
export interface TrustList {
  /** Strictly increasing from list to list: a lower one is refused (ROLLBACK). */
  readonly version: Uint;
  /** Unix seconds, when the root signed it. */
  readonly issuedAt: Uint;
  /** Unix seconds: from then on every verification is TRUST_LIST_EXPIRED until a newer list arrives. */
  readonly expires: Uint;
  /** The issuer keys in force. */
  readonly issuers: readonly IssuerKey[];
  /** Root keys allowed to sign the next list. */
  readonly roots: readonly Uint8Array[];
  /** Unix seconds: the end of the programme. From then on SUNSET, and stored data is destroyed. */
  readonly sunset?: Uint;
  /** The list's own policy, which replaces the default one. */
  readonly policy?: Policy;
}

function parseIssuer(v: CborValue, i: number): IssuerKey {
  const what = `issuers[${i}]`;
  const m = asMap(v, what);
  checkKeys(m, what, [1, 2, 3, 4, 5], [6]);
  // Any text: an iss that no token can carry (tokens' iss is 1-32 bytes) simply never matches.
  const iss = asText(m.get(3), `${what}.iss`);
  const key: IssuerKey = {
    kid: asBytes(m.get(1), `${what}.kid`, 8),
    pub: asBytes(m.get(2), `${what}.pub`, 32),
    iss,
    notBefore: asUint(m.get(4), `${what}.not_before`),
    notAfter: asUint(m.get(5), `${what}.not_after`),
  };
  return m.has(6) ? { ...key, revokedAt: asUint(m.get(6), `${what}.revoked_at`) } : key;
}

function parseRule(v: CborValue, category: string): Rule {
  const what = `policy.${category}`;
  const m = asMap(v, what);
  checkKeys(m, what, [1], [2, 3, 4, 5, 6, 7]);
  const rule: { -readonly [K in keyof Rule]: Rule[K] } = {
    allow: asArray(m.get(1), `${what}.allow`).map((s, i) => {
      // A status is 0, 1 or 2 (§3); anything else in allow is not a status.
      const u = asUint(s, `${what}.allow[${i}]`);
      if (u !== 0 && u !== 1 && u !== 2) throw new ShapeError(`${what}.allow[${i}]: ${u} is not a status`);
      return u;
    }),
  };
  if (m.has(2)) rule.natMaxAge = asUint(m.get(2), `${what}.nat_max_age`);
  if (m.has(3)) rule.minDoses = asUint(m.get(3), `${what}.min_doses`);
  if (m.has(4)) rule.denyAbroad14 = asBool(m.get(4), `${what}.deny_abroad14`);
  if (m.has(5)) rule.denyRisk14 = asBool(m.get(5), `${what}.deny_risk14`);
  if (m.has(7)) rule.bound = asBool(m.get(7), `${what}.bound`);
  if (m.has(6)) rule.require = asArray(m.get(6), `${what}.require`).map((k, i) => asUint(k, `${what}.require[${i}]`));
  return rule;
}

function parsePolicy(v: CborValue): Policy {
  const m = asMap(v, 'policy');
  const policy: Record<string, Rule> = Object.create(null) as Record<string, Rule>;
  for (const [k, rule] of m) policy[asText(k, 'policy category')] = parseRule(rule, String(k));
  return policy;
}

/** The shape of a trust list's payload (§6); signature, version and key checks are the caller's. */
export function parseTrustList(payload: CborValue): TrustList {
  const m = asMap(payload, 'trust list');
  checkKeys(m, 'trust list', [1, 2, 3, 4, 5], [6, 7]);
  const roots = asArray(m.get(5), 'roots').map((r, i) => asBytes(r, `roots[${i}]`, 32));
  if (roots.length === 0) throw new ShapeError('roots: at least one root is required');
  const list: { -readonly [K in keyof TrustList]: TrustList[K] } = {
    version: asUint(m.get(1), 'version'),
    issuedAt: asUint(m.get(2), 'issued_at'),
    expires: asUint(m.get(3), 'expires'),
    issuers: asArray(m.get(4), 'issuers').map(parseIssuer),
    roots,
  };
  if (m.has(6)) list.sunset = asUint(m.get(6), 'sunset');
  if (m.has(7)) list.policy = parsePolicy(m.get(7)!);
  return list;
}

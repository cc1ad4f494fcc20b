/**
 * Builds signed PG1 trust lists (§6) with an optional venue policy (§8). By default the builder
 * refuses to produce a list that verifiers would refuse (kid mismatch, duplicate kid, weak key);
 * the `unsafe` options lift exactly those checks for negative tests.
 */
import { encode, type CborValue } from '../cbor/deterministicEncoder.js';
import { ed25519IsStrongPublicKey } from '../cose/ed25519.js';
import { signSign1, ALG_ED25519, type UnsafeSign1Options } from '../cose/sign1.js';
import { toHex } from '../encoding/hex.js';
import { kidOf, publicKeyFromSecret } from './keys.js';
import type { Time } from './token.js';

export interface TrustListIssuer {
  readonly pub: Uint8Array;
  readonly iss: string;
  readonly notBefore: Time;
  readonly notAfter: Time;
  readonly revokedAt?: Time;
}

export interface PolicyRuleInput {
  /** Statuses admitted (0 green, 1 yellow, 2 red). */
  readonly allow: readonly number[];
  readonly natMaxAge?: Time;
  readonly minDoses?: Time;
  readonly denyAbroad14?: boolean;
  readonly denyRisk14?: boolean;
  /** Claim keys that must be disclosed. */
  readonly require?: readonly number[];
}

/** Rules by venue category. */
export type PolicyInput = Readonly<Record<string, PolicyRuleInput>>;

export type TrustListErrorCode = 'BAD_ISSUER' | 'DUPLICATE_KID' | 'WEAK_KEY' | 'BAD_ROOTS' | 'BAD_POLICY' | 'BAD_FIELD';

export class TrustListError extends Error {
  override readonly name = 'TrustListError';
  constructor(
    readonly code: TrustListErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface UnsafeTrustListOptions {
  /** Raw kid for the issuer at a given index, instead of H(pub)[0..8]. */
  readonly issuerKids?: ReadonlyMap<number, Uint8Array>;
  /** Lets two issuer entries share a kid. */
  readonly allowDuplicateKids?: boolean;
  /** Lets issuer pubs and roots be small-order, non-canonical or off-curve. */
  readonly allowWeakKeys?: boolean;
  /** Edits the payload map just before it is encoded. */
  readonly mutatePayload?: (payload: Map<CborValue, CborValue>) => CborValue;
  /** Replaces the kid of the protected header. */
  readonly kid?: Uint8Array;
  readonly sign1?: UnsafeSign1Options;
}

export interface BuildTrustListOptions {
  readonly rootSecret: Uint8Array;
  readonly version: Time;
  readonly issuedAt: Time;
  readonly expires: Time;
  readonly issuers: readonly TrustListIssuer[];
  /** Root public keys allowed to sign the next list. */
  readonly roots: readonly Uint8Array[];
  readonly sunset?: Time;
  readonly policy?: PolicyInput;
  readonly alg?: CborValue;
  readonly unsafe?: UnsafeTrustListOptions;
}

type CborMap = Map<CborValue, CborValue>;

/** The §8 Policy map: {category: {1: allow, ? 2: nat_max_age, ? 3: min_doses, ? 4, ? 5, ? 6: require}}. */
export function encodePolicy(policy: PolicyInput): CborMap {
  const out: CborMap = new Map();
  for (const [category, rule] of Object.entries(policy)) {
    if (!rule.allow.every((s) => s === 0 || s === 1 || s === 2)) {
      throw new TrustListError('BAD_POLICY', `policy ${category}: allow holds statuses 0, 1 or 2`);
    }
    const r: CborMap = new Map<CborValue, CborValue>([[1, [...rule.allow]]]);
    if (rule.natMaxAge !== undefined) r.set(2, rule.natMaxAge);
    if (rule.minDoses !== undefined) r.set(3, rule.minDoses);
    if (rule.denyAbroad14 !== undefined) r.set(4, rule.denyAbroad14);
    if (rule.denyRisk14 !== undefined) r.set(5, rule.denyRisk14);
    if (rule.require !== undefined) {
      if (!rule.require.every((k) => Number.isSafeInteger(k) && k >= 0)) {
        throw new TrustListError('BAD_POLICY', `policy ${category}: require holds claim keys (uints)`);
      }
      r.set(6, [...rule.require]);
    }
    out.set(category, r);
  }
  return out;
}

function issuerEntry(issuer: TrustListIssuer, kid: Uint8Array): CborMap {
  const m: CborMap = new Map<CborValue, CborValue>([
    [1, kid],
    [2, issuer.pub],
    [3, issuer.iss],
    [4, issuer.notBefore],
    [5, issuer.notAfter],
  ]);
  if (issuer.revokedAt !== undefined) m.set(6, issuer.revokedAt);
  return m;
}

export function buildTrustList(options: BuildTrustListOptions): Uint8Array {
  const unsafe = options.unsafe ?? {};
  const weakOk = unsafe.allowWeakKeys === true;
  const seen = new Set<string>();
  const issuers = options.issuers.map((issuer, i) => {
    if (issuer.pub.length !== 32) throw new TrustListError('BAD_ISSUER', `issuer ${i}: pub must be 32 bytes`);
    if (!weakOk && !ed25519IsStrongPublicKey(issuer.pub)) {
      throw new TrustListError('WEAK_KEY', `issuer ${i}: pub is non-canonical or of small order`);
    }
    const kid = unsafe.issuerKids?.get(i) ?? kidOf(issuer.pub);
    const hex = toHex(kid);
    if (seen.has(hex) && unsafe.allowDuplicateKids !== true) throw new TrustListError('DUPLICATE_KID', `issuer ${i}: kid ${hex} repeats`);
    seen.add(hex);
    return issuerEntry(issuer, kid);
  });
  if (options.roots.length === 0) throw new TrustListError('BAD_ROOTS', 'a trust list names at least one root');
  for (const root of options.roots) {
    if (root.length !== 32 || (!weakOk && !ed25519IsStrongPublicKey(root))) {
      throw new TrustListError('BAD_ROOTS', 'roots must be strong 32-byte Ed25519 public keys');
    }
  }

  const payload: CborMap = new Map<CborValue, CborValue>([
    [1, options.version],
    [2, options.issuedAt],
    [3, options.expires],
    [4, issuers],
    [5, [...options.roots]],
  ]);
  if (options.sunset !== undefined) payload.set(6, options.sunset);
  if (options.policy !== undefined) payload.set(7, encodePolicy(options.policy));

  const body = unsafe.mutatePayload ? unsafe.mutatePayload(payload) : payload;
  return signSign1(encode(body), options.rootSecret, {
    kid: unsafe.kid ?? kidOf(publicKeyFromSecret(options.rootSecret)),
    alg: options.alg ?? ALG_ED25519,
    ...(unsafe.sign1 !== undefined ? { unsafe: unsafe.sign1 } : {}),
  });
}

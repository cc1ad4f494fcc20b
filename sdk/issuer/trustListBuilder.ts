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

/** An issuer key to list (PG1 §6); its kid is computed. */
export interface TrustListIssuer {
  /** The issuer's Ed25519 public key (32 bytes, canonical, not of small order). */
  readonly pub: Uint8Array;
  /** The issuer's name, which its tokens' iss must equal. */
  readonly iss: string;
  /** Unix seconds: the key signs tokens with iat in [notBefore, notAfter). */
  readonly notBefore: Time;
  /** Unix seconds, exclusive. Overlap the next key's window with it to rotate without a gap. */
  readonly notAfter: Time;
  /** Unix seconds: the key is compromised; its tokens with iat at or after it are KEY_REVOKED (0: all). */
  readonly revokedAt?: Time;
}

/** A venue category's rule (PG1 §8), as {@link buildTrustList} takes it. */
export interface PolicyRuleInput {
  /** Statuses admitted (0 green, 1 yellow, 2 red). */
  readonly allow: readonly number[];
  /** Seconds: a negative nucleic-acid test sampled at or after now - natMaxAge is required. */
  readonly natMaxAge?: Time;
  /** At least this many vaccine doses. */
  readonly minDoses?: Time;
  /** Refuse a holder who stayed abroad within 14 days. */
  readonly denyAbroad14?: boolean;
  /** Refuse a holder who stayed in a medium- or high-risk area within 14 days. */
  readonly denyRisk14?: boolean;
  /** Claim keys that must be disclosed. */
  readonly require?: readonly number[];
  /** Admit only presentations bound to their holder (PG1 §10.3), else BINDING_REQUIRED. */
  readonly bound?: boolean;
}

/** Rules by venue category. */
export type PolicyInput = Readonly<Record<string, PolicyRuleInput>>;

/** Why {@link buildTrustList} refused: it never signs a list verifiers would refuse by accident. */
export type TrustListErrorCode =
  /** An issuer's pub is not 32 bytes. */
  | 'BAD_ISSUER'
  /** Two issuers share a kid (the same key listed twice). */
  | 'DUPLICATE_KID'
  /** An issuer key is non-canonical or of small order. */
  | 'WEAK_KEY'
  /** No next root, or one that is not a strong 32-byte public key. */
  | 'BAD_ROOTS'
  /** A rule allows a status other than 0, 1, 2, or requires a key that is not a uint. */
  | 'BAD_POLICY'
  /** Not given by this version; kept so that code matching on it compiles. */
  | 'BAD_FIELD';

/** Thrown by {@link buildTrustList} and {@link encodePolicy} for input verifiers would refuse. */
export class TrustListError extends Error {
  /** `'TrustListError'`. */
  override readonly name = 'TrustListError';
  /**
   * Thrown by the toolkit; callers catch it and read `code`.
   *
   * @param code - What was wrong.
   * @param message - The same in words, naming the issuer or category.
   */
  constructor(
    /** What was wrong. */
    readonly code: TrustListErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Escape hatches for negative tests: each one can make a list that verifiers must refuse. */
export interface UnsafeTrustListOptions {
  /** Raw kid for the issuer at a given index, instead of H(pub)[0..8]. */
  readonly issuerKids?: ReadonlyMap<number, Uint8Array>;
  /** Lets two issuer entries share a kid. */
  readonly allowDuplicateKids?: boolean;
  /** Lets issuer pubs and roots be small-order, non-canonical or off-curve. */
  readonly allowWeakKeys?: boolean;
  /**
   * Edits the payload map just before it is encoded; the returned value is what gets signed.
   *
   * @param payload - The payload as the builder made it.
   */
  readonly mutatePayload?: (payload: Map<CborValue, CborValue>) => CborValue;
  /** Replaces the kid of the protected header. */
  readonly kid?: Uint8Array;
  /** Escape hatches of the COSE_Sign1 envelope. */
  readonly sign1?: UnsafeSign1Options;
}

/** What {@link buildTrustList} signs (PG1 §6). */
export interface BuildTrustListOptions {
  /** The secret key of a root the verifiers trust now (provisioned, or named by the list in force). */
  readonly rootSecret: Uint8Array;
  /** Above the last list's version: verifiers refuse a lower or equal one (ROLLBACK). */
  readonly version: Time;
  /** Unix seconds. */
  readonly issuedAt: Time;
  /** Unix seconds: verifiers answer TRUST_LIST_EXPIRED from then on until a newer list arrives. */
  readonly expires: Time;
  /** The issuer keys in force; leave a retired key listed until its last token has expired. */
  readonly issuers: readonly TrustListIssuer[];
  /** Root public keys allowed to sign the next list. */
  readonly roots: readonly Uint8Array[];
  /** Unix seconds: the end of the programme; verifiers answer SUNSET and destroy their data from then on. */
  readonly sunset?: Time;
  /** Venue rules that replace the default policy of §8. */
  readonly policy?: PolicyInput;
  /** -19 (default) or -8; anything else only through tests. */
  readonly alg?: CborValue;
  /** For negative tests only: lists verifiers must refuse. */
  readonly unsafe?: UnsafeTrustListOptions;
}

type CborMap = Map<CborValue, CborValue>;

/**
 * The §8 Policy map: {category: {1: allow, ? 2: nat_max_age, ? 3: min_doses, ? 4, ? 5, ? 6: require}}.
 *
 * @param policy - Rules by venue category.
 * @throws {@link TrustListError} `BAD_POLICY` for a status other than 0, 1, 2 or a require key that is not a uint.
 */
export function encodePolicy(policy: PolicyInput): Map<CborValue, CborValue> {
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
    if (rule.bound !== undefined) r.set(7, rule.bound);
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

/**
 * Signs a trust list (PG1 §6) with a root key: the raw COSE_Sign1 bytes, to serve as a static file.
 *
 * @param options - The root key, version, times, issuers, next roots, sunset and policy.
 * @throws {@link TrustListError} for issuers, roots or a policy verifiers would refuse; {@link KeyError}
 *   `BAD_SECRET_KEY` when rootSecret is not 32 bytes.
 */
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

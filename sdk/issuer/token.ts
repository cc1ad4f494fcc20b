/**
 * Issues a PG1 token (§2) with its salted disclosures (§3). Every claim of the §3 table becomes one
 * disclosure; the signed Claims hold only their digests (plus optional decoys), so the holder can
 * later reveal any subset.
 */
import { sha256 } from '../sha256.js';
import { encode, type CborValue } from '../cbor/deterministicEncoder.js';
import { signSign1, ALG_ED25519, type UnsafeSign1Options } from '../cose/sign1.js';
import { claimKeyOf, claimTypeProblem } from './claimTypes.js';
import { kidOf, publicKeyFromSecret, randomBytes } from './keys.js';

/** Claims map keys of §2. */
export const CLAIMS_KEY = {
  /** Issuer name (text, 1 to 32 bytes). */
  iss: 1,
  /** Expiry, Unix seconds. */
  exp: 4,
  /** Not valid before, Unix seconds (optional). */
  nbf: 5,
  /** Issued at, Unix seconds: the issuer key must be valid then. */
  iat: 6,
  /** Token id, 16 bytes: what revocation lists name (by H(cti)[0..8]). */
  cti: 7,
  /** The holder device's public key (COSE_Key), for holder binding (optional). */
  cnf: 8,
  /** The sorted digests of the disclosures and decoys. */
  sd: -65537,
  /** The card binding of a card pass (§10.1): H("PG1-card" || serial)[0..16]. */
  card: -65538,
} as const;
const RESERVED_KEYS: ReadonlySet<number> = new Set(Object.values(CLAIMS_KEY));

/** At most this many digests in a token's sd (PG1 §2): disclosures and decoys together. */
export const MAX_SD_ENTRIES = 64;

/** Seconds since the Unix epoch; bigint for values past 2^53. */
export type Time = number | bigint;

/** The claims of PG1 §3 by name, with the value types issueToken checks. */
export interface KnownClaimsInput {
  /** Code colour: 0 green, 1 yellow, 2 red. */
  readonly status?: 0 | 1 | 2;
  /** Latest nucleic-acid test: when it was sampled (Unix seconds) and its result (0 negative, 1 positive). */
  readonly nat?: readonly [sampledAt: Time, result: 0 | 1];
  /** Vaccination: doses, and when the last was given (Unix seconds). */
  readonly vax?: readonly [doses: Time, lastDoseAt: Time];
  /** Stayed abroad within the last 14 days. */
  readonly abroad14?: boolean;
  /** Stayed in a medium- or high-risk area within the last 14 days. */
  readonly risk14?: boolean;
  /** Reported fever. */
  readonly fever?: boolean;
  /** Area of residence: a six-digit GB/T 2260 code (100000 to 999999). */
  readonly region?: number;
  /** The last 1 to 4 characters (code points) of the identity document. */
  readonly id4?: string;
  /** The masked name, e.g. "张*三". */
  readonly name?: string;
  /** SHA-256 of the enrolled photo (32 bytes). */
  readonly photo?: Uint8Array;
  /** The international version of the code. */
  readonly intl?: boolean;
}

/** Claims by §3 name, or by number (any uint key, known or not). */
export type ClaimsInput = KnownClaimsInput & { readonly [key: number]: CborValue };

/** Why {@link issueToken} refused its options: it never signs a token verifiers must refuse by accident. */
export type TokenErrorCode =
  /** iss is not 1 to 32 bytes of UTF-8. */
  | 'BAD_ISS'
  /** iat, exp or nbf is not an unsigned integer below 2^64. */
  | 'BAD_TIME'
  /** cti is not 16 bytes. */
  | 'BAD_CTI'
  /** cnf is not a 32-byte public key. */
  | 'BAD_CNF'
  /** card is not 16 bytes, comes with cnf, or the pass would live more than 72 h (PG1 §10.1). */
  | 'BAD_CARD'
  /** An unknown claim name, or a known claim with a value of the wrong §3 type. */
  | 'BAD_CLAIM'
  /** A claim given both by name and by number. */
  | 'DUPLICATE_CLAIM'
  /** An extraClaims key that is not an integer or is one of §2's own keys. */
  | 'BAD_EXTRA_CLAIM'
  /** decoys negative, sdLength outside 1 to 64 or below the claim count, or both given. */
  | 'BAD_DECOYS'
  /** No claim and no decoy: sd would be empty. */
  | 'NO_DIGESTS'
  /** More than {@link MAX_SD_ENTRIES} digests. */
  | 'TOO_MANY_DIGESTS';

/** Thrown by {@link issueToken} for options that would make a token verifiers refuse. */
export class TokenError extends Error {
  /** `'TokenError'`. */
  override readonly name = 'TokenError';
  /**
   * Thrown by the toolkit; callers catch it and read `code`.
   *
   * @param code - What was wrong.
   * @param message - The same in words, naming the option.
   */
  constructor(
    /** What was wrong. */
    readonly code: TokenErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Escape hatches for negative tests: each one can make a token that verifiers must refuse. */
export interface UnsafeTokenOptions {
  /** Lets known claims carry values of the wrong §3 type. */
  readonly skipClaimTypeChecks?: boolean;
  /** Lets sd hold more than 64 entries, or none. */
  readonly skipDigestCountCheck?: boolean;
  /** Lets a card binding come with cnf, or on a pass living more than 72 h. */
  readonly skipCardChecks?: boolean;
  /** Extra digests for sd (e.g. of hand-made disclosures); they are sorted in with the others. */
  readonly extraDigests?: readonly Uint8Array[];
  /**
   * Edits the Claims map just before it is encoded; the returned value is what gets signed.
   *
   * @param claims - The Claims map as the builder made it.
   */
  readonly mutateClaims?: (claims: Map<CborValue, CborValue>) => CborValue;
  /** Replaces the kid of the protected header. */
  readonly kid?: Uint8Array;
  /** Escape hatches of the COSE_Sign1 envelope. */
  readonly sign1?: UnsafeSign1Options;
}

/** What {@link issueToken} signs. */
export interface IssueTokenOptions {
  /** The issuer key's 32-byte secret (seed); its public key must be in the trust list under `iss`. */
  readonly issuerSecret: Uint8Array;
  /** The issuer's name (1 to 32 bytes of UTF-8), as the trust list gives it for this key. */
  readonly iss: string;
  /** Issued at, Unix seconds: within the key's [notBefore, notAfter). */
  readonly iat: Time;
  /** Expiry, Unix seconds: verifiers answer EXPIRED after it (less the skew). */
  readonly exp: Time;
  /** Not valid before, Unix seconds (NOT_YET_VALID until then, less the skew). */
  readonly nbf?: Time;
  /** 16-byte token id; random by default. */
  readonly cti?: Uint8Array;
  /** Holder device public key (Ed25519, 32 bytes): the token then needs a holder binding (§4). */
  readonly cnf?: Uint8Array;
  /**
   * The card binding of a card pass (PG1 §10.1), 16 bytes: {@link cardBinding} of the card's serial.
   * Never with cnf, and exp - iat at most 259,200 s (72 h).
   */
  readonly card?: Uint8Array;
  /** The claims, each of which becomes one disclosure the holder may reveal or keep. */
  readonly claims: ClaimsInput;
  /**
   * A fixed number of random decoy digests added to sd. A fixed count hides nothing from a verifier
   * who knows it (sd's length minus it is the number of claims): prefer `sdLength`.
   */
  readonly decoys?: number;
  /**
   * Pads sd with random decoys to exactly this many digests (1-64), so that every token padded alike
   * shows the same length whatever claims it holds (PG1 §3: decoys hide how many claims exist). Set
   * it to the most claims your tokens carry; each digest costs 34 bytes (51 characters of QR text).
   * Not with `decoys`; fewer than the token's claims is BAD_DECOYS. Default: no padding.
   */
  readonly sdLength?: number;
  /** Other integer keys of the Claims map (verifiers ignore them). */
  readonly extraClaims?: ReadonlyMap<number, CborValue>;
  /** -19 (default) or -8; anything else only through tests. */
  readonly alg?: CborValue;
  /** For negative tests only: tokens verifiers must refuse. */
  readonly unsafe?: UnsafeTokenOptions;
}

/** A signed token and its disclosures, all of which go to the holder's wallet. */
export interface IssuedToken {
  /** The COSE_Sign1 bytes (tag 18). */
  readonly token: Uint8Array;
  /** Disclosure contents (the encoded [salt, key, value]), in ascending key order. */
  readonly disclosures: Uint8Array[];
  /** The claim key of each disclosure, index for index. */
  readonly keys: number[];
  /** The token id (16 bytes): revoke the token by it. */
  readonly cti: Uint8Array;
}

const MAX_U64 = (1n << 64n) - 1n;

function checkTime(name: string, t: Time): void {
  const ok = typeof t === 'bigint' ? t >= 0n && t <= MAX_U64 : Number.isSafeInteger(t) && t >= 0;
  if (!ok) throw new TokenError('BAD_TIME', `${name} must be an unsigned integer number of seconds`);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * The encoded [salt, key, value] of a disclosure; its digest goes into sd.
 *
 * @param salt - 16 random bytes (PG1 §3), so that the digest reveals nothing of the value.
 * @param key - The claim key (§3).
 * @param value - The claim value.
 * @throws CborEncodeError for a value CBOR cannot carry deterministically (a float, undefined).
 */
export function encodeDisclosure(salt: Uint8Array, key: number, value: CborValue): Uint8Array {
  return encode([salt, key, value]);
}

/**
 * H(disclosure content), the value listed in sd (§3).
 *
 * @param disclosure - The encoded disclosure (from {@link encodeDisclosure}).
 */
export function disclosureDigest(disclosure: Uint8Array): Uint8Array {
  return sha256(disclosure);
}

function collectClaims(claims: ClaimsInput, skipTypeChecks: boolean): Map<number, CborValue> {
  const out = new Map<number, CborValue>();
  for (const [name, value] of Object.entries(claims) as [string, CborValue | undefined][]) {
    if (value === undefined) continue;
    const key = claimKeyOf(name);
    if (key === null) throw new TokenError('BAD_CLAIM', `unknown claim name ${JSON.stringify(name)}`);
    if (out.has(key)) throw new TokenError('DUPLICATE_CLAIM', `claim ${key} is given twice (by name and by number)`);
    const problem = skipTypeChecks ? null : claimTypeProblem(key, value);
    if (problem !== null) throw new TokenError('BAD_CLAIM', problem);
    out.set(key, value);
  }
  return out;
}

function cnfValue(pub: Uint8Array): CborValue {
  if (pub.length !== 32) throw new TokenError('BAD_CNF', 'cnf must be a 32-byte Ed25519 public key');
  // {1: COSE_Key {1 kty: 1 OKP, -1 crv: 6 Ed25519, -2 x: pub}} (RFC 8747 / RFC 9053)
  return new Map<CborValue, CborValue>([[1, new Map<CborValue, CborValue>([[1, 1], [-1, 6], [-2, pub]])]]);
}

/** PG1 §10.1: a card pass lives at most 3 days (it cannot be renewed by its holder). */
export const MAX_CARD_PASS_SECONDS = 259200;

function checkCard(options: IssueTokenOptions, skipRules: boolean): void {
  if (!(options.card instanceof Uint8Array) || options.card.length !== 16) throw new TokenError('BAD_CARD', 'card must be 16 bytes: cardBinding(serial)');
  if (skipRules) return;
  if (options.cnf !== undefined) throw new TokenError('BAD_CARD', 'a token has card or cnf, never both (PG1 §10.1)');
  if (BigInt(options.exp) - BigInt(options.iat) > BigInt(MAX_CARD_PASS_SECONDS)) {
    throw new TokenError('BAD_CARD', `a card pass lives at most ${MAX_CARD_PASS_SECONDS} s (72 h): exp - iat is more`);
  }
}

/** How many decoys: `decoys` as given, or what pads sd to `sdLength`. */
function decoyCount(options: IssueTokenOptions, claimCount: number): number {
  const { decoys, sdLength } = options;
  if (sdLength === undefined) {
    if (decoys !== undefined && (!Number.isSafeInteger(decoys) || decoys < 0)) throw new TokenError('BAD_DECOYS', 'decoys must be a non-negative integer');
    return decoys ?? 0;
  }
  if (decoys !== undefined) throw new TokenError('BAD_DECOYS', 'give decoys or sdLength, not both');
  if (!Number.isSafeInteger(sdLength) || sdLength < 1 || sdLength > MAX_SD_ENTRIES) throw new TokenError('BAD_DECOYS', `sdLength must be an integer from 1 to ${MAX_SD_ENTRIES}`);
  if (claimCount > sdLength) throw new TokenError('BAD_DECOYS', `${claimCount} claims do not fit in an sd of ${sdLength} digests`);
  return sdLength - claimCount;
}

/**
 * Issues a token (PG1 §2) with one salted disclosure per claim (§3), signed with the issuer key.
 *
 * @param options - The issuer key, the times, the claims and the padding of sd.
 * @returns The token, its disclosures and its cti (for revocation).
 * @throws {@link TokenError} for options that would make a token verifiers refuse; {@link KeyError}
 *   `BAD_SECRET_KEY` when issuerSecret is not 32 bytes.
 */
export function issueToken(options: IssueTokenOptions): IssuedToken {
  const unsafe = options.unsafe ?? {};
  const issBytes = new TextEncoder().encode(options.iss).length;
  if (issBytes < 1 || issBytes > 32) throw new TokenError('BAD_ISS', 'iss must be 1-32 bytes of UTF-8');
  checkTime('iat', options.iat);
  checkTime('exp', options.exp);
  if (options.nbf !== undefined) checkTime('nbf', options.nbf);
  const cti = options.cti ?? randomBytes(16);
  if (cti.length !== 16) throw new TokenError('BAD_CTI', 'cti must be 16 bytes');
  if (options.card !== undefined) checkCard(options, unsafe.skipCardChecks === true);
  const claims = collectClaims(options.claims, unsafe.skipClaimTypeChecks === true);
  const decoys = decoyCount(options, claims.size);
  const keys = [...claims.keys()].sort((a, b) => a - b);
  const disclosures = keys.map((key) => encodeDisclosure(randomBytes(16), key, claims.get(key)!));

  const digests = [
    ...disclosures.map(disclosureDigest),
    ...Array.from({ length: decoys }, () => randomBytes(32)),
    ...(unsafe.extraDigests ?? []),
  ].sort(compareBytes);
  if (unsafe.skipDigestCountCheck !== true) {
    if (digests.length === 0) throw new TokenError('NO_DIGESTS', 'sd needs at least one entry: disclose a claim or add a decoy');
    if (digests.length > MAX_SD_ENTRIES) throw new TokenError('TOO_MANY_DIGESTS', `sd holds at most ${MAX_SD_ENTRIES} entries, not ${digests.length}`);
  }

  const payload = new Map<CborValue, CborValue>();
  for (const [key, value] of options.extraClaims ?? []) {
    if (!Number.isSafeInteger(key) || RESERVED_KEYS.has(key)) {
      throw new TokenError('BAD_EXTRA_CLAIM', `extra claim key ${key} is not a free integer key`);
    }
    payload.set(key, value);
  }
  payload.set(CLAIMS_KEY.iss, options.iss);
  payload.set(CLAIMS_KEY.exp, options.exp);
  if (options.nbf !== undefined) payload.set(CLAIMS_KEY.nbf, options.nbf);
  payload.set(CLAIMS_KEY.iat, options.iat);
  payload.set(CLAIMS_KEY.cti, cti);
  if (options.cnf !== undefined) payload.set(CLAIMS_KEY.cnf, cnfValue(options.cnf));
  payload.set(CLAIMS_KEY.sd, digests);
  if (options.card !== undefined) payload.set(CLAIMS_KEY.card, options.card);

  const claimsValue = unsafe.mutateClaims ? unsafe.mutateClaims(payload) : payload;
  const kid = unsafe.kid ?? kidOf(publicKeyFromSecret(options.issuerSecret));
  const token = signSign1(encode(claimsValue), options.issuerSecret, {
    kid,
    alg: options.alg ?? ALG_ED25519,
    ...(unsafe.sign1 !== undefined ? { unsafe: unsafe.sign1 } : {}),
  });
  return { token, disclosures, keys, cti };
}

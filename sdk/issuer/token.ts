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
export const CLAIMS_KEY = { iss: 1, exp: 4, nbf: 5, iat: 6, cti: 7, cnf: 8, sd: -65537 } as const;
const RESERVED_KEYS: ReadonlySet<number> = new Set(Object.values(CLAIMS_KEY));

export const MAX_SD_ENTRIES = 64;

/** Seconds since the Unix epoch; bigint for values past 2^53. */
export type Time = number | bigint;

export interface KnownClaimsInput {
  readonly status?: 0 | 1 | 2;
  readonly nat?: readonly [sampledAt: Time, result: 0 | 1];
  readonly vax?: readonly [doses: Time, lastDoseAt: Time];
  readonly abroad14?: boolean;
  readonly risk14?: boolean;
  readonly fever?: boolean;
  readonly region?: number;
  readonly id4?: string;
  readonly name?: string;
  readonly photo?: Uint8Array;
  readonly intl?: boolean;
}

/** Claims by §3 name, or by number (any uint key, known or not). */
export type ClaimsInput = KnownClaimsInput & { readonly [key: number]: CborValue };

export type TokenErrorCode =
  | 'BAD_ISS'
  | 'BAD_TIME'
  | 'BAD_CTI'
  | 'BAD_CNF'
  | 'BAD_CLAIM'
  | 'DUPLICATE_CLAIM'
  | 'BAD_EXTRA_CLAIM'
  | 'BAD_DECOYS'
  | 'NO_DIGESTS'
  | 'TOO_MANY_DIGESTS';

export class TokenError extends Error {
  override readonly name = 'TokenError';
  constructor(
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
  /** Extra digests for sd (e.g. of hand-made disclosures); they are sorted in with the others. */
  readonly extraDigests?: readonly Uint8Array[];
  /** Edits the Claims map just before it is encoded; the returned value is what gets signed. */
  readonly mutateClaims?: (claims: Map<CborValue, CborValue>) => CborValue;
  /** Replaces the kid of the protected header. */
  readonly kid?: Uint8Array;
  readonly sign1?: UnsafeSign1Options;
}

export interface IssueTokenOptions {
  readonly issuerSecret: Uint8Array;
  readonly iss: string;
  readonly iat: Time;
  readonly exp: Time;
  readonly nbf?: Time;
  /** 16-byte token id; random by default. */
  readonly cti?: Uint8Array;
  /** Holder device public key (Ed25519, 32 bytes): the token then needs a holder binding (§4). */
  readonly cnf?: Uint8Array;
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
  readonly unsafe?: UnsafeTokenOptions;
}

export interface IssuedToken {
  /** The COSE_Sign1 bytes (tag 18). */
  readonly token: Uint8Array;
  /** Disclosure contents (the encoded [salt, key, value]), in ascending key order. */
  readonly disclosures: Uint8Array[];
  /** The claim key of each disclosure, index for index. */
  readonly keys: number[];
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

/** The encoded [salt, key, value] of a disclosure; its digest goes into sd. */
export function encodeDisclosure(salt: Uint8Array, key: number, value: CborValue): Uint8Array {
  return encode([salt, key, value]);
}

/** H(disclosure content), the value listed in sd (§3). */
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

export function issueToken(options: IssueTokenOptions): IssuedToken {
  const unsafe = options.unsafe ?? {};
  const issBytes = new TextEncoder().encode(options.iss).length;
  if (issBytes < 1 || issBytes > 32) throw new TokenError('BAD_ISS', 'iss must be 1-32 bytes of UTF-8');
  checkTime('iat', options.iat);
  checkTime('exp', options.exp);
  if (options.nbf !== undefined) checkTime('nbf', options.nbf);
  const cti = options.cti ?? randomBytes(16);
  if (cti.length !== 16) throw new TokenError('BAD_CTI', 'cti must be 16 bytes');
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

  const claimsValue = unsafe.mutateClaims ? unsafe.mutateClaims(payload) : payload;
  const kid = unsafe.kid ?? kidOf(publicKeyFromSecret(options.issuerSecret));
  const token = signSign1(encode(claimsValue), options.issuerSecret, {
    kid,
    alg: options.alg ?? ALG_ED25519,
    ...(unsafe.sign1 !== undefined ? { unsafe: unsafe.sign1 } : {}),
  });
  return { token, disclosures, keys, cti };
}

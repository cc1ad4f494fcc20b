import { instantiateCore } from './core/loadCore.js';
import { VerifierCore } from './core/verifierCore.js';
import type { CborValue } from './cbor/deterministicEncoder.js';
import { decodeValue } from './cbor/valueDecoder.js';
import { ShapeError, compareUint, type Uint } from './cbor/shape.js';
import { parseTrustList, type TrustList } from './trustList.js';
import { parseRevocationList, applyDelta } from './revocationList.js';
import { DEFAULT_POLICY, ruleFor, requiredClaimNames, type Policy } from './policy.js';
import { claimsFrom } from './claimValues.js';
import { resultCodeName, type ResultCode } from './resultCodes.js';
import type { Claims } from './claims.js';
import { PassgateError, ListRefusedError, type ListRefusal } from './errors.js';
import { toHex } from './encoding/hex.js';
import { sha256 } from '@noble/hashes/sha2.js';

/** PG1 §1: a trust list or revocation list is at most 16 MiB. */
export const MAX_LIST_BYTES = 16 * 1024 * 1024;
/** PG1 §5 step 7: the default clock skew. */
export const DEFAULT_SKEW = 60;

export interface VerifyOptions {
  /** Unix seconds; defaults to the verifier's clock. */
  readonly now?: number | bigint;
  /** A venue category of the policy in force: adds the §8 checks. */
  readonly venue?: string;
  /** The nonce this reader issued to the holder (interactive readers). */
  readonly nonce?: Uint8Array;
  /** Seconds of clock skew for nbf/exp; defaults to the verifier's (60). */
  readonly skew?: number;
}

/** The outcome of one verification (PG1 §9): iss, kid and claims for OK and the policy codes. */
export interface Verification {
  readonly result: ResultCode;
  readonly iss?: string;
  /** Lowercase hex. */
  readonly kid?: string;
  /** Only the verified disclosures, by §3 name. */
  readonly claims?: Claims;
}

export interface VerifierOptions {
  /** Root public keys provisioned out of band (32 bytes each, or hex). */
  readonly roots: readonly (Uint8Array | string)[];
  /** Default skew in seconds (60). */
  readonly skew?: number;
  /** Clock in Unix seconds (defaults to the system clock). */
  readonly now?: () => number;
}

interface RevocationState {
  readonly version: Uint;
  readonly expires: Uint;
  readonly prefixes: Uint8Array;
}

interface Root {
  readonly kid: Uint8Array;
  readonly pub: Uint8Array;
}

function rootOf(pub: Uint8Array): Root {
  return { kid: sha256(pub).slice(0, 8), pub };
}

function bytesOf(key: Uint8Array | string): Uint8Array {
  if (typeof key !== 'string') return key;
  if (!/^([0-9a-fA-F]{2})*$/.test(key)) throw new PassgateError('BAD_ARGUMENT', `not a hex key: ${key}`);
  return Uint8Array.from(key.match(/../g) ?? [], (h) => parseInt(h, 16));
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Verifies PG1 presentations offline against the trust material in force. Trust lists and revocation
 * lists are applied as successive updates (§6, §7); a refused list leaves the current one in force.
 */
export class Verifier {
  private roots: readonly Root[];
  private trust: TrustList | null = null;
  private revocations: RevocationState | null = null;
  private destroyed = false;
  private readonly skew: number;
  private readonly clock: () => number;

  constructor(private readonly core: VerifierCore, options: VerifierOptions) {
    if (options.roots.length === 0) throw new PassgateError('BAD_ARGUMENT', 'at least one root key is required');
    this.roots = options.roots.map((r) => {
      const pub = bytesOf(r);
      if (pub.length !== 32 || core.keyStatus(pub) !== 0) {
        throw new PassgateError('BAD_ARGUMENT', 'a root key is not a canonical Ed25519 point of large order');
      }
      return rootOf(pub);
    });
    this.skew = options.skew ?? DEFAULT_SKEW;
    this.clock = options.now ?? ((): number => Math.floor(Date.now() / 1000));
  }

  /** The trust list in force, if any. */
  get trustList(): TrustList | null {
    return this.trust;
  }

  /** The version, expiry and size of the revocation list in force, if any. */
  get revocationList(): { version: Uint; expires: Uint; count: number } | null {
    const r = this.revocations;
    return r ? { version: r.version, expires: r.expires, count: r.prefixes.length / 8 } : null;
  }

  /** The policy in force: the trust list's, else the default of §8. */
  get policy(): Policy {
    return this.trust?.policy ?? DEFAULT_POLICY;
  }

  private alive(): void {
    if (this.destroyed) throw new PassgateError('DESTROYED', 'this verifier has been destroyed');
  }

  private open(list: 'trust' | 'revocations', bytes: Uint8Array): CborValue {
    if (bytes.length > MAX_LIST_BYTES) throw new ListRefusedError(list, 'TOO_LARGE', `${bytes.length} bytes`);
    const opened = this.core.openSigned(bytes, this.roots);
    if ('refusal' in opened) {
      const why: Record<typeof opened.refusal, string> = {
        MALFORMED: 'not a PG1 COSE_Sign1',
        UNSUPPORTED_ALG: 'signature algorithm is not Ed25519',
        UNTRUSTED_SIGNER: 'not signed by a root trusted now',
        BAD_SIGNATURE: 'signature does not verify',
      };
      throw new ListRefusedError(list, opened.refusal, why[opened.refusal]);
    }
    if (!this.core.isStrictCbor(opened.payload)) throw new ListRefusedError(list, 'MALFORMED', 'payload breaks PG1 §1');
    return decodeValue(opened.payload);
  }

  private refuse(list: 'trust' | 'revocations', reason: ListRefusal, detail: string): never {
    throw new ListRefusedError(list, reason, detail);
  }

  /** Applies a signed trust list (PG1 §6); throws ListRefusedError saying why when it is refused. */
  applyTrustList(bytes: Uint8Array): TrustList {
    this.alive();
    let list: TrustList;
    try {
      list = parseTrustList(this.open('trust', bytes));
    } catch (e) {
      if (e instanceof ShapeError) this.refuse('trust', 'MALFORMED', e.message);
      throw e;
    }
    if (this.trust && compareUint(list.version, this.trust.version) <= 0) {
      this.refuse('trust', 'ROLLBACK', `version ${list.version} is not above ${this.trust.version}`);
    }
    const seen = new Set<string>();
    for (const [i, k] of list.issuers.entries()) {
      const kid = toHex(k.kid);
      if (seen.has(kid)) this.refuse('trust', 'DUPLICATE_KID', `kid ${kid} repeats`);
      seen.add(kid);
      if (!sameBytes(sha256(k.pub).slice(0, 8), k.kid)) this.refuse('trust', 'BAD_KID', `issuers[${i}]: kid is not H(pub)[0..8]`);
      if (this.core.keyStatus(k.pub) !== 0) this.refuse('trust', 'WEAK_KEY', `issuers[${i}]: key is non-canonical or of small order`);
    }
    for (const [i, r] of list.roots.entries()) {
      if (this.core.keyStatus(r) !== 0) this.refuse('trust', 'WEAK_KEY', `roots[${i}]: key is non-canonical or of small order`);
    }
    this.core.load(list.issuers, list.expires, list.sunset, this.revocations);
    this.trust = list;
    this.roots = list.roots.map(rootOf);
    return list;
  }

  /** Applies a signed revocation list or delta (PG1 §7); throws ListRefusedError when refused. */
  applyRevocations(bytes: Uint8Array): { version: Uint; count: number } {
    this.alive();
    let parsed;
    try {
      parsed = parseRevocationList(this.open('revocations', bytes));
    } catch (e) {
      if (e instanceof ShapeError) this.refuse('revocations', 'MALFORMED', e.message);
      throw e;
    }
    const current = this.revocations;
    if (current && compareUint(parsed.version, current.version) <= 0) {
      this.refuse('revocations', 'ROLLBACK', `version ${parsed.version} is not above ${current.version}`);
    }
    let prefixes: Uint8Array;
    if (parsed.kind === 'delta') {
      if (!current || compareUint(current.version, parsed.baseVersion) !== 0) {
        this.refuse('revocations', 'WRONG_BASE', `delta on version ${parsed.baseVersion}, in force: ${current?.version ?? 'none'}`);
      }
      const merged = applyDelta(current.prefixes, parsed);
      if (!merged) this.refuse('revocations', 'BAD_DELTA', 'adds a listed prefix or removes an unlisted one');
      prefixes = merged;
    } else {
      prefixes = parsed.revoked;
    }
    const next: RevocationState = { version: parsed.version, expires: parsed.expires, prefixes };
    if (this.trust) this.core.load(this.trust.issuers, this.trust.expires, this.trust.sunset, next);
    this.revocations = next;
    return { version: next.version, count: prefixes.length / 8 };
  }

  /** The claims a wallet must disclose at this venue, by name: only what its rule looks at. */
  requiredDisclosures(venue: string): string[] {
    return requiredClaimNames(ruleFor(this.policy, venue));
  }

  /**
   * Verifies one presentation: `PG1:` + base45 text or hex text, or the raw bytes (NFC/BLE). Bad input
   * never throws: it gives a result code. Throws only on misuse (no trust list, unknown venue).
   */
  verify(input: string | Uint8Array, options: VerifyOptions = {}): Verification {
    this.alive();
    if (!this.trust) throw new PassgateError('NO_TRUST_LIST', 'no trust list has been applied');
    const rule = options.venue === undefined ? undefined : ruleFor(this.policy, options.venue);
    const isText = typeof input === 'string';
    const bytes = isText ? new TextEncoder().encode(input) : input;
    const raw = this.core.verify(bytes, isText, {
      now: BigInt(options.now ?? this.clock()),
      skew: BigInt(options.skew ?? this.skew),
      ...(options.nonce ? { nonce: options.nonce } : {}),
      ...(rule ? { rule } : {}),
    });
    if (isText) bytes.fill(0);
    const result = resultCodeName(raw.code);
    if (raw.issuerIndex < 0) return { result };
    return { result, iss: new TextDecoder().decode(raw.iss), kid: toHex(raw.kid), claims: claimsFrom(raw.disclosures) };
  }

  /** Verifies several presentations; results in input order. */
  verifyBatch(inputs: readonly (string | Uint8Array)[], options: VerifyOptions = {}): Verification[] {
    return inputs.map((input) => this.verify(input, options));
  }
}

/** A verifier with its own core instance. */
export async function createVerifier(options: VerifierOptions): Promise<Verifier> {
  return new Verifier(new VerifierCore(await instantiateCore()), options);
}

/**
 * Builds signed PG1 revocation lists and deltas (§7). Entries are the first 8 bytes of H(cti),
 * concatenated in ascending order without duplicates; the builder sorts them and refuses repeats
 * unless a test asks for a malformed list.
 */
import { sha256 } from '../sha256.js';
import { encode, type CborValue } from '../cbor/deterministicEncoder.js';
import { signSign1, ALG_ED25519, type UnsafeSign1Options } from '../cose/sign1.js';
import { kidOf, publicKeyFromSecret } from './keys.js';
import type { Time } from './token.js';

/** Bytes of a revocation entry: H(cti)[0..8] (PG1 §7). */
export const PREFIX_LENGTH = 8;

/** Why a revocation list or delta could not be built. */
export type RevocationListErrorCode =
  /** An entry that is not {@link PREFIX_LENGTH} bytes (pass {@link revokedPrefix} of the cti). */
  | 'BAD_PREFIX'
  /** The same entry twice in one list. */
  | 'DUPLICATE_PREFIX';

/** Thrown by the revocation list and delta builders for entries verifiers would refuse. */
export class RevocationListError extends Error {
  /** `'RevocationListError'`. */
  override readonly name = 'RevocationListError';
  /**
   * Thrown by the toolkit; callers catch it and read `code`.
   *
   * @param code - What was wrong.
   * @param message - The same in words.
   */
  constructor(
    /** What was wrong. */
    readonly code: RevocationListErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The revocation entry of a token: H(cti)[0..8].
 *
 * @param cti - The token's 16-byte id ({@link IssuedToken.cti}).
 */
export function revokedPrefix(cti: Uint8Array): Uint8Array {
  return sha256(cti).slice(0, PREFIX_LENGTH);
}

/** Escape hatches for negative tests: each one can make a list that verifiers must refuse. */
export interface UnsafeRevocationOptions {
  /** Keeps the prefixes in the order given, duplicates included. */
  readonly keepOrder?: boolean;
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

/** What every revocation artefact of §7 carries besides its content: the signer and the times. */
export interface ListEnvelope {
  /** The secret key of a root the verifiers trust now. */
  readonly rootSecret: Uint8Array;
  /**
   * Above every earlier list's, delta's or filter's version (one counter for them all): verifiers
   * refuse a lower or equal one (ROLLBACK).
   */
  readonly version: Time;
  /** Unix seconds. */
  readonly issuedAt: Time;
  /** Unix seconds: verifiers answer TRUST_LIST_EXPIRED from then on until a newer one arrives. */
  readonly expires: Time;
  /** -19 (default) or -8; anything else only through tests. */
  readonly alg?: CborValue;
  /** For negative tests only: artefacts verifiers must refuse. */
  readonly unsafe?: UnsafeRevocationOptions;
}

/** What {@link buildRevocationList} signs (PG1 §7.1). */
export interface BuildRevocationListOptions extends ListEnvelope {
  /** 8-byte prefixes (see `revokedPrefix`). */
  readonly revoked: readonly Uint8Array[];
}

/** What {@link buildRevocationDelta} signs (PG1 §7.2). */
export interface BuildRevocationDeltaOptions extends ListEnvelope {
  /** The version of the list (with its deltas) in force that this delta applies on. */
  readonly baseVersion: Time;
  /** Entries newly revoked (8-byte prefixes, none already listed). */
  readonly added: readonly Uint8Array[];
  /** Entries taken off the list (listed now); on a filter, only entries that deltas added. */
  readonly removed: readonly Uint8Array[];
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * Concatenated prefixes, ascending, no duplicates (or as given, for tests).
 *
 * @param prefixes - 8-byte entries.
 * @param keepOrder - Keep them as given, duplicates and wrong lengths included (for negative tests).
 * @throws {@link RevocationListError} `BAD_PREFIX` or `DUPLICATE_PREFIX` (unless keepOrder).
 */
export function packPrefixes(prefixes: readonly Uint8Array[], keepOrder = false): Uint8Array {
  if (!keepOrder && prefixes.some((p) => p.length !== PREFIX_LENGTH)) {
    throw new RevocationListError('BAD_PREFIX', `revocation entries are ${PREFIX_LENGTH}-byte prefixes of H(cti)`);
  }
  const list = keepOrder ? [...prefixes] : [...prefixes].sort(compareBytes);
  if (!keepOrder) {
    for (let i = 1; i < list.length; i++) {
      if (compareBytes(list[i - 1]!, list[i]!) === 0) throw new RevocationListError('DUPLICATE_PREFIX', 'a prefix is listed twice');
    }
  }
  const out = new Uint8Array(list.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of list) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Signs a §7 payload (a list, a delta or a filter) as a COSE_Sign1 by the root. */
export function signRevocationPayload(options: ListEnvelope, payload: Map<CborValue, CborValue>): Uint8Array {
  const unsafe = options.unsafe ?? {};
  const body = unsafe.mutatePayload ? unsafe.mutatePayload(payload) : payload;
  return signSign1(encode(body), options.rootSecret, {
    kid: unsafe.kid ?? kidOf(publicKeyFromSecret(options.rootSecret)),
    alg: options.alg ?? ALG_ED25519,
    ...(unsafe.sign1 !== undefined ? { unsafe: unsafe.sign1 } : {}),
  });
}

/**
 * A full revocation list: {1: version, 2: issued_at, 3: expires, 4: revoked}, signed by the root.
 *
 * @param options - The root key, version, times and the entries.
 * @throws {@link RevocationListError} for a bad or repeated entry; {@link KeyError} `BAD_SECRET_KEY`.
 */
export function buildRevocationList(options: BuildRevocationListOptions): Uint8Array {
  const keep = options.unsafe?.keepOrder === true;
  return signRevocationPayload(
    options,
    new Map<CborValue, CborValue>([
      [1, options.version],
      [2, options.issuedAt],
      [3, options.expires],
      [4, packPrefixes(options.revoked, keep)],
    ]),
  );
}

/**
 * A delta on top of the list whose version is baseVersion: {1, 2, 3, 5: base_version, 6: added, 7: removed}.
 *
 * @param options - The root key, version, times, base version and the entries added and removed.
 * @throws {@link RevocationListError} for a bad or repeated entry; {@link KeyError} `BAD_SECRET_KEY`.
 */
export function buildRevocationDelta(options: BuildRevocationDeltaOptions): Uint8Array {
  const keep = options.unsafe?.keepOrder === true;
  return signRevocationPayload(
    options,
    new Map<CborValue, CborValue>([
      [1, options.version],
      [2, options.issuedAt],
      [3, options.expires],
      [5, options.baseVersion],
      [6, packPrefixes(options.added, keep)],
      [7, packPrefixes(options.removed, keep)],
    ]),
  );
}

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

export const PREFIX_LENGTH = 8;

export type RevocationListErrorCode = 'BAD_PREFIX' | 'DUPLICATE_PREFIX';

export class RevocationListError extends Error {
  override readonly name = 'RevocationListError';
  constructor(
    readonly code: RevocationListErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The revocation entry of a token: H(cti)[0..8]. */
export function revokedPrefix(cti: Uint8Array): Uint8Array {
  return sha256(cti).slice(0, PREFIX_LENGTH);
}

export interface UnsafeRevocationOptions {
  /** Keeps the prefixes in the order given, duplicates included. */
  readonly keepOrder?: boolean;
  readonly mutatePayload?: (payload: Map<CborValue, CborValue>) => CborValue;
  readonly kid?: Uint8Array;
  readonly sign1?: UnsafeSign1Options;
}

/** What every revocation artefact of §7 carries besides its content: the signer and the times. */
export interface ListEnvelope {
  readonly rootSecret: Uint8Array;
  readonly version: Time;
  readonly issuedAt: Time;
  readonly expires: Time;
  readonly alg?: CborValue;
  readonly unsafe?: UnsafeRevocationOptions;
}

export interface BuildRevocationListOptions extends ListEnvelope {
  /** 8-byte prefixes (see `revokedPrefix`). */
  readonly revoked: readonly Uint8Array[];
}

export interface BuildRevocationDeltaOptions extends ListEnvelope {
  readonly baseVersion: Time;
  readonly added: readonly Uint8Array[];
  readonly removed: readonly Uint8Array[];
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Concatenated prefixes, ascending, no duplicates (or as given, for tests). */
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

/** A full revocation list: {1: version, 2: issued_at, 3: expires, 4: revoked}. */
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

/** A delta on top of the list whose version is baseVersion: {1, 2, 3, 5: base_version, 6: added, 7: removed}. */
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

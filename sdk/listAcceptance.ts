/**
 * The acceptance rules for signed lists (PG1 §6, §7): whether a trust list or a revocation list may
 * follow the state in force. Checking changes nothing; the verifier commits what is accepted.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { VerifierCore } from './core/verifierCore.js';
import type { CborValue } from './cbor/deterministicEncoder.js';
import { decodeValue } from './cbor/valueDecoder.js';
import { ShapeError, compareUint, type Uint } from './cbor/shape.js';
import { parseTrustList, type TrustList } from './trustList.js';
import { parseRevocationList, applyDelta } from './revocationList.js';
import { ListRefusedError, type ListRefusal } from './errors.js';
import { toHex } from './encoding/hex.js';

/** PG1 §1: a trust list or revocation list is at most 16 MiB. */
export const MAX_LIST_BYTES = 16 * 1024 * 1024;

/** A root key and its kid (the first 8 bytes of its SHA-256), as signed lists name their signer. */
export interface Root {
  readonly kid: Uint8Array;
  readonly pub: Uint8Array;
}

export function rootOf(pub: Uint8Array): Root {
  return { kid: sha256(pub).slice(0, 8), pub };
}

/** The revocation list in force: its prefixes after every delta. */
export interface RevocationState {
  readonly version: Uint;
  readonly expires: Uint;
  readonly prefixes: Uint8Array;
}

type ListKind = 'trust' | 'revocations';

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

function refuse(list: ListKind, reason: ListRefusal, detail: string): never {
  throw new ListRefusedError(list, reason, detail);
}

const WHY: Record<'MALFORMED' | 'UNSUPPORTED_ALG' | 'UNTRUSTED_SIGNER' | 'BAD_SIGNATURE', string> = {
  MALFORMED: 'not a PG1 COSE_Sign1',
  UNSUPPORTED_ALG: 'signature algorithm is not Ed25519',
  UNTRUSTED_SIGNER: 'not signed by a root trusted now',
  BAD_SIGNATURE: 'signature does not verify',
};

/** The signed payload of a list signed by a root trusted now, strictly encoded (§1), decoded. */
function open(core: VerifierCore, roots: readonly Root[], list: ListKind, bytes: Uint8Array): CborValue {
  if (bytes.length > MAX_LIST_BYTES) refuse(list, 'TOO_LARGE', `${bytes.length} bytes`);
  const opened = core.openSigned(bytes, roots);
  if ('refusal' in opened) refuse(list, opened.refusal, WHY[opened.refusal]);
  if (!core.isStrictCbor(opened.payload)) refuse(list, 'MALFORMED', 'payload breaks PG1 §1');
  return decodeValue(opened.payload);
}

function parsed<T>(list: ListKind, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof ShapeError) refuse(list, 'MALFORMED', e.message);
    throw e;
  }
}

/**
 * §6: signed by a root trusted now, a version above the one in force, every kid H(pub)[0..8], no kid
 * twice, no key that is non-canonical or of small order (issuers and the next roots alike).
 */
export function checkTrustList(core: VerifierCore, roots: readonly Root[], current: TrustList | null, bytes: Uint8Array): TrustList {
  const list = parsed('trust', () => parseTrustList(open(core, roots, 'trust', bytes)));
  if (current && compareUint(list.version, current.version) <= 0) {
    refuse('trust', 'ROLLBACK', `version ${list.version} is not above ${current.version}`);
  }
  const seen = new Set<string>();
  for (const [i, k] of list.issuers.entries()) {
    const kid = toHex(k.kid);
    if (seen.has(kid)) refuse('trust', 'DUPLICATE_KID', `kid ${kid} repeats`);
    seen.add(kid);
    if (!sameBytes(sha256(k.pub).slice(0, 8), k.kid)) refuse('trust', 'BAD_KID', `issuers[${i}]: kid is not H(pub)[0..8]`);
    if (core.keyStatus(k.pub) !== 0) refuse('trust', 'WEAK_KEY', `issuers[${i}]: key is non-canonical or of small order`);
  }
  for (const [i, r] of list.roots.entries()) {
    if (core.keyStatus(r) !== 0) refuse('trust', 'WEAK_KEY', `roots[${i}]: key is non-canonical or of small order`);
  }
  return list;
}

/**
 * §7: signed by a root trusted now, a version above the one in force; a delta only on its base
 * version, adding no listed prefix and removing no unlisted one. Returns the state it leads to.
 */
export function checkRevocations(core: VerifierCore, roots: readonly Root[], current: RevocationState | null, bytes: Uint8Array):
  { state: RevocationState; full: boolean } {
  const list = parsed('revocations', () => parseRevocationList(open(core, roots, 'revocations', bytes)));
  if (current && compareUint(list.version, current.version) <= 0) {
    refuse('revocations', 'ROLLBACK', `version ${list.version} is not above ${current.version}`);
  }
  if (list.kind === 'full') {
    return { state: { version: list.version, expires: list.expires, prefixes: list.revoked }, full: true };
  }
  if (!current || compareUint(current.version, list.baseVersion) !== 0) {
    refuse('revocations', 'WRONG_BASE', `delta on version ${list.baseVersion}, in force: ${current?.version ?? 'none'}`);
  }
  const merged = applyDelta(current.prefixes, list);
  if (!merged) refuse('revocations', 'BAD_DELTA', 'adds a listed prefix or removes an unlisted one');
  return { state: { version: list.version, expires: list.expires, prefixes: merged }, full: false };
}

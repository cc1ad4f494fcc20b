/**
 * The acceptance rules for signed lists (PG1 §6, §7): whether a trust list, a revocation list or a
 * delta may follow the state in force. Checking changes nothing; the updater commits what is accepted.
 */
import type { VerifierCore } from '../core/verifierCore.js';
import type { CborValue } from '../cbor/deterministicEncoder.js';
import { decodeValue } from '../cbor/valueDecoder.js';
import { ShapeError, compareUint, type Uint } from '../cbor/shape.js';
import { parseTrustList, type TrustList } from '../pg1/trustList.js';
import { parseRevocationList, applyDelta } from '../pg1/revocationList.js';
import { parseRevocationFilter } from '../pg1/revocationFilter.js';
import { revocationPayloadKind } from '../pg1/revocationPayloadKind.js';
import { ListRefusedError, type ListRefusal } from '../errors.js';
import { toHex } from '../encoding/hex.js';
import type { RevocationsInForce, SignedList, VersionFloor } from './stateInForce.js';

/** PG1 §1: a trust list, revocation list or delta is at most 16 MiB. */
export const MAX_LIST_BYTES = 16 * 1024 * 1024;
/** PG1 §1: a revocation filter is at most 64 MiB. */
export const MAX_FILTER_BYTES = 64 * 1024 * 1024;

/** A root key and its kid (the first 8 bytes of its SHA-256), as signed lists name their signer. */
export interface Root {
  readonly kid: Uint8Array;
  readonly pub: Uint8Array;
}

export function rootOf(core: VerifierCore, pub: Uint8Array): Root {
  return { kid: core.sha256(pub).slice(0, 8), pub };
}

type ListKind = 'trust' | 'revocations';

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** SHA-256 of a signed list's bytes: how the rollback anchor recognises the list it recorded. */
export const listDigest = (core: VerifierCore, bytes: Uint8Array): Uint8Array => core.sha256(bytes);

function refuse(list: ListKind, reason: ListRefusal, detail: string): never {
  throw new ListRefusedError(list, reason, detail);
}

const WHY: Record<'MALFORMED' | 'UNSUPPORTED_ALG' | 'UNTRUSTED_SIGNER' | 'BAD_SIGNATURE', string> = {
  MALFORMED: 'not a PG1 COSE_Sign1',
  UNSUPPORTED_ALG: 'signature algorithm is not Ed25519',
  UNTRUSTED_SIGNER: 'not signed by a root trusted now',
  BAD_SIGNATURE: 'signature does not verify',
};

/** The signed payload of a list signed by one of `roots`, strictly encoded (§1), decoded, and its signer. */
function open(core: VerifierCore, roots: readonly Root[], list: ListKind, bytes: Uint8Array, maxBytes: number): { payload: CborValue; signer: Uint8Array } {
  if (bytes.length > maxBytes) refuse(list, 'TOO_LARGE', `${bytes.length} bytes is more than ${maxBytes}`);
  const opened = core.openSigned(bytes, roots);
  if ('refusal' in opened) refuse(list, opened.refusal, WHY[opened.refusal]);
  if (!core.isStrictCbor(opened.payload)) refuse(list, 'MALFORMED', 'payload breaks PG1 §1');
  return { payload: decodeValue(opened.payload), signer: opened.signer };
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
 * No rollback: a version above the floor (the highest accepted), or, when the list the floor records
 * was lost with the store, that very list again (same version and bytes).
 */
function checkVersion(core: VerifierCore, list: ListKind, version: Uint, floor: VersionFloor | null, bytes: Uint8Array, inForce: boolean): void {
  if (!floor) return;
  const c = compareUint(version, floor.version);
  if (c > 0) return;
  if (c === 0 && !inForce && sameBytes(listDigest(core, bytes), floor.digest)) return;
  refuse(list, 'ROLLBACK', `version ${version} is not above ${floor.version}`);
}

/**
 * §6: signed by a root trusted now, a version above the floor, every kid H(pub)[0..8], no kid twice,
 * no key that is non-canonical or of small order (issuers and the next roots alike).
 */
export function checkTrustList(core: VerifierCore, roots: readonly Root[], floor: VersionFloor | null, inForce: boolean, bytes: Uint8Array):
  { list: TrustList; signed: SignedList } {
  const { payload, signer } = open(core, roots, 'trust', bytes, MAX_LIST_BYTES);
  const list = parsed('trust', () => parseTrustList(payload));
  checkVersion(core, 'trust', list.version, floor, bytes, inForce);
  const seen = new Set<string>();
  for (const [i, k] of list.issuers.entries()) {
    const kid = toHex(k.kid);
    if (seen.has(kid)) refuse('trust', 'DUPLICATE_KID', `kid ${kid} repeats`);
    seen.add(kid);
    if (!sameBytes(core.sha256(k.pub).slice(0, 8), k.kid)) refuse('trust', 'BAD_KID', `issuers[${i}]: kid is not H(pub)[0..8]`);
    if (core.keyStatus(k.pub) !== 0) refuse('trust', 'WEAK_KEY', `issuers[${i}]: key is non-canonical or of small order`);
  }
  for (const [i, r] of list.roots.entries()) {
    if (core.keyStatus(r) !== 0) refuse('trust', 'WEAK_KEY', `roots[${i}]: key is non-canonical or of small order`);
  }
  return { list, signed: { bytes, signer } };
}

/**
 * §7: signed by a root trusted now, a version above the floor. A list or a filter replaces the state in
 * force (base and deltas); a delta applies only on the state whose version is its base_version. On a
 * list, a delta adds no listed prefix and removes no unlisted one; on a filter, the deltas keep their
 * own set of added prefixes under the same two rules (a delta cannot take a token out of a filter).
 * Returns the state it leads to.
 */
export function checkRevocations(core: VerifierCore, roots: readonly Root[], current: RevocationsInForce | null, floor: VersionFloor | null, bytes: Uint8Array): RevocationsInForce {
  const { payload, signer } = open(core, roots, 'revocations', bytes, MAX_FILTER_BYTES);
  const kind = parsed('revocations', () => revocationPayloadKind(payload));
  // §1: only a filter may be above 16 MiB.
  if (kind !== 'filter' && bytes.length > MAX_LIST_BYTES) refuse('revocations', 'TOO_LARGE', `${bytes.length} bytes is more than ${MAX_LIST_BYTES} for a ${kind}`);
  const signed: SignedList = { bytes, signer };
  if (kind === 'filter') {
    const filter = parsed('revocations', () => parseRevocationFilter(payload));
    checkVersion(core, 'revocations', filter.version, floor, bytes, current !== null);
    return { kind: 'filter', version: filter.version, expires: filter.expires, base: signed, deltas: [], prefixes: new Uint8Array(0), filter };
  }
  const list = parsed('revocations', () => parseRevocationList(payload));
  if (list.kind === 'full') {
    checkVersion(core, 'revocations', list.version, floor, bytes, current !== null);
    return { kind: 'list', version: list.version, expires: list.expires, base: signed, deltas: [], prefixes: list.revoked };
  }
  checkVersion(core, 'revocations', list.version, floor, bytes, true);
  if (!current || compareUint(current.version, list.baseVersion) !== 0) {
    refuse('revocations', 'WRONG_BASE', `delta on version ${list.baseVersion}, in force: ${current?.version ?? 'none'}`);
  }
  const merged = applyDelta(current.prefixes, list);
  if (!merged) {
    refuse('revocations', 'BAD_DELTA', current.kind === 'filter'
      ? "adds a prefix already in the deltas' set or removes one not in it"
      : 'adds a listed prefix or removes an unlisted one');
  }
  return { ...current, version: list.version, expires: list.expires, deltas: [...current.deltas, signed], prefixes: merged };
}

/**
 * The trust material in force, as one immutable value: what verification uses, what storage keeps,
 * and what the workers are given. Updates make a new value; nothing mutates one in place.
 */
import type { Uint } from '../cbor/shape.js';
import type { TrustList } from '../pg1/trustList.js';
import type { RevocationFilter } from '../pg1/revocationFilter.js';

/** A signed list as received, with the root key its signature was verified under. */
export interface SignedList {
  readonly bytes: Uint8Array;
  readonly signer: Uint8Array;
}

export interface TrustInForce {
  readonly list: TrustList;
  readonly signed: SignedList;
}

/** The revocation state in force (PG1 §7): a base (list or filter) and the deltas applied on it. */
export interface RevocationsInForce {
  readonly kind: 'list' | 'filter';
  /** The version and expiry of the last list, filter or delta applied. */
  readonly version: Uint;
  readonly expires: Uint;
  readonly base: SignedList;
  /** Deltas applied on the base, oldest first. */
  readonly deltas: readonly SignedList[];
  /**
   * 8-byte prefixes, ascending: on a list, the list with every delta merged; on a filter, the deltas'
   * own set of added prefixes (§7.2: revoked whatever the filter says).
   */
  readonly prefixes: Uint8Array;
  /** The filter, when the base is one (§7.3). */
  readonly filter?: RevocationFilter;
}

/** The highest version accepted of a kind of list, and the digest of the list that had it. */
export interface VersionFloor {
  readonly version: Uint;
  readonly digest: Uint8Array;
}

/**
 * The rollback anchor, stored in a record of its own: a lost or corrupt state record cannot lower the
 * versions accepted or hand trust back to the provisioned roots once they were rotated out.
 */
export interface Anchor {
  /** Counts commits to the store: verifiers sharing it see that another one wrote. */
  readonly generation: number;
  /** The provisioned roots the stored state was derived from. */
  readonly provisioned: readonly Uint8Array[];
  /** The roots trusted now: the provisioned ones, or the `roots` of the last trust list accepted. */
  readonly roots: readonly Uint8Array[];
  /** Every root ever trusted: the only keys a stored list may have been signed by. */
  readonly knownRoots: readonly Uint8Array[];
  readonly trust: VersionFloor | null;
  readonly revocations: (VersionFloor & { readonly expires: Uint }) | null;
}

/** What a sync source last gave: its validator and the digest of its bytes. */
export interface SourceRecord {
  readonly etag: string | null;
  readonly digest: string;
}

export interface StateInForce {
  readonly trust: TrustInForce | null;
  readonly revocations: RevocationsInForce | null;
  readonly anchor: Anchor;
  /** By URL: what sync last fetched there. */
  readonly sources: Readonly<Record<string, SourceRecord>>;
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The keys of `more` not already in `keys`, appended. */
export function withKeys(keys: readonly Uint8Array[], more: readonly Uint8Array[]): Uint8Array[] {
  const out = [...keys];
  for (const k of more) if (!out.some((x) => sameBytes(x, k))) out.push(k);
  return out;
}

export const containsKey = (keys: readonly Uint8Array[], key: Uint8Array): boolean => keys.some((k) => sameBytes(k, key));

/** The same set of keys, in any order. */
export const sameKeySet = (a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean =>
  a.every((k) => containsKey(b, k)) && b.every((k) => containsKey(a, k));

/** A fresh state for a verifier provisioned with these roots. */
export function initialState(provisioned: readonly Uint8Array[]): StateInForce {
  return {
    trust: null,
    revocations: null,
    anchor: { generation: 0, provisioned, roots: provisioned, knownRoots: provisioned, trust: null, revocations: null },
    sources: {},
  };
}

/** Zeroises the SDK's copies of the lists in a state (destroy). */
export function wipeState(s: StateInForce): void {
  for (const l of [s.trust?.signed, s.revocations?.base, ...(s.revocations?.deltas ?? [])]) l?.bytes.fill(0);
  s.revocations?.prefixes.fill(0);
  for (const shard of s.revocations?.filter?.shards ?? []) for (const stage of [shard.stage1, shard.stage2]) stage.table.fill(0);
}

/**
 * Well-formed §7.3 filters whose answer does not depend on the key, for tests of the state around a
 * filter (coverage, deltas, storage, sizes) without a filter builder: r = 0 and a stage 2 of L = 1,
 * S = 1 whose three entries are all 1 (every key revoked) or all 0 (none); or a large all-zero stage 2
 * to make a filter of a given size.
 */
import { encode, type CborValue } from '../../sdk/cbor/deterministicEncoder.js';
import { kidOf, publicKeyFromSecret, signSign1, ALG_ED25519 } from '../../sdk/issuer/index.js';

export interface FilterEnvelope {
  readonly rootSecret: Uint8Array;
  readonly version: number;
  readonly issuedAt: number;
  readonly expires: number;
  readonly covers: number;
}

function sign(e: FilterEnvelope, shards: CborValue[]): Uint8Array {
  const payload = new Map<CborValue, CborValue>([[1, e.version], [2, e.issuedAt], [3, e.expires], [8, e.covers], [9, shards]]);
  return signSign1(encode(payload), e.rootSecret, { kid: kidOf(publicKeyFromSecret(e.rootSecret)), alg: ALG_ED25519 });
}

/** One shard whose lookup answers `revoked` for every key. */
export function uniformFilter(e: FilterEnvelope, revoked: boolean): Uint8Array {
  return sign(e, [[0, 0, 0, 0, new Uint8Array(0), 0, 1, 1, new Uint8Array([revoked ? 0b111 : 0])]]);
}

/** A filter of about `bytes` bytes that revokes nothing: stage 2 with L = 2^18 and S chosen to fit. */
export function largeFilter(e: FilterEnvelope, bytes: number): Uint8Array {
  const L = 1 << 18;
  const S = Math.max(1, Math.round((bytes * 8) / L) - 2);
  return sign(e, [[0, 0, 0, 0, new Uint8Array(0), 0, L, S, new Uint8Array(((S + 2) * L) / 8)]]);
}

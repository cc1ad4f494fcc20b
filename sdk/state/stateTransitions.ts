/** Updates of the state in force: each a pure function from the state and a signed list to the next state. */
import type { VerifierCore } from '../core/verifierCore.js';
import { checkRevocations, checkTrustList, listDigest, rootOf } from './listAcceptance.js';
import { toHex } from '../encoding/hex.js';
import { withKeys, type StateInForce } from './stateInForce.js';

/** PG1 §6: the list replaces the one in force; its roots are trusted for the next list from now on. */
export function withTrustList(core: VerifierCore, state: StateInForce, bytes: Uint8Array): StateInForce {
  const roots = state.anchor.roots.map((pub) => rootOf(core, pub));
  const { list, signed } = checkTrustList(core, roots, state.anchor.trust, state.trust !== null, bytes);
  return {
    ...state,
    trust: { list, signed },
    anchor: {
      ...state.anchor,
      roots: list.roots,
      knownRoots: withKeys(state.anchor.knownRoots, list.roots),
      trust: { version: list.version, digest: listDigest(core, bytes) },
    },
  };
}

/** PG1 §7: a list replaces the revocation state; a delta applies on the state whose version is its base. */
export function withRevocations(core: VerifierCore, state: StateInForce, bytes: Uint8Array): StateInForce {
  const roots = state.anchor.roots.map((pub) => rootOf(core, pub));
  const next = checkRevocations(core, roots, state.revocations, state.anchor.revocations, bytes);
  return {
    ...state,
    revocations: next,
    anchor: { ...state.anchor, revocations: { version: next.version, digest: listDigest(core, bytes), expires: next.expires } },
  };
}

/** Records what a sync source served: its validator and the digest (listDigest) of the bytes. */
export function withSource(state: StateInForce, url: string, etag: string | null, digest: Uint8Array): StateInForce {
  return { ...state, sources: { ...state.sources, [url]: { etag, digest: toHex(digest) } } };
}

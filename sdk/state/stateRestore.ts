/**
 * Puts a stored state back in force exactly as it was, whatever rotations led to it: each stored list
 * is verified again under the root it was accepted under, which must be a root this store has trusted
 * at some time. The rollback anchor bounds what may come back: a state older than the anchor is
 * reported and not used, never silently put in force instead of the newer one.
 */
import type { VerifierCore } from '../core/verifierCore.js';
import { compareUint, type Uint } from '../cbor/shape.js';
import { checkRevocations, checkTrustList, listDigest, rootOf } from './listAcceptance.js';
import { containsKey, withKeys, type Anchor, type RevocationsInForce, type SignedList, type StateInForce, type TrustInForce } from './stateInForce.js';
import type { StateRecord } from './stateRecord.js';
import type { VersionFloors } from '../storage/versionFloorStore.js';

/** Why stored state could not be put back in force (it is then not used; the verifier starts without it). */
export interface RestoreProblem {
  /** What could not be restored: a list, the store's records as a whole, or the scan log. */
  readonly list: 'trust' | 'revocations' | 'store' | 'log';
  /** Why, for the operator. */
  readonly reason: string;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const digestOf = (core: VerifierCore, s: SignedList): Uint8Array => listDigest(core, s.bytes);

function signerRoot(core: VerifierCore, signed: SignedList, allowed: readonly Uint8Array[], what: string): ReturnType<typeof rootOf> {
  if (!containsKey(allowed, signed.signer)) throw new Error(`${what} was signed by a root this store never trusted`);
  return rootOf(core, signed.signer);
}

function restoreTrust(core: VerifierCore, signed: SignedList, allowed: readonly Uint8Array[], anchor: Anchor): TrustInForce {
  const { list } = checkTrustList(core, [signerRoot(core, signed, allowed, 'the trust list')], null, false, signed.bytes);
  if (anchor.trust && compareUint(list.version, anchor.trust.version) < 0) {
    throw new Error(`the stored trust list (version ${list.version}) is older than the highest accepted (${anchor.trust.version})`);
  }
  return { list, signed };
}

function restoreRevocations(core: VerifierCore, stored: NonNullable<StateRecord['revocations']>, allowed: readonly Uint8Array[], anchor: Anchor): RevocationsInForce {
  let state = checkRevocations(core, [signerRoot(core, stored.base, allowed, 'the revocation list')], null, null, stored.base.bytes);
  for (const [i, d] of stored.deltas.entries()) {
    state = checkRevocations(core, [signerRoot(core, d, allowed, `delta ${i + 1}`)], state, null, d.bytes);
  }
  if (anchor.revocations && compareUint(state.version, anchor.revocations.version) < 0) {
    throw new Error(`the stored revocation state (version ${state.version}) is older than the highest accepted (${anchor.revocations.version})`);
  }
  return state;
}

const NO_DIGEST = new Uint8Array(32);

/** The anchor raised to the versions an outside floor holds (no list's digest: only a later version passes). */
function raisedTo(a: Anchor, floor: VersionFloors | null): Anchor {
  if (!floor) return a;
  const above = (v: Uint | null, f: { version: Uint } | null): boolean => v !== null && (!f || compareUint(v, f.version) > 0);
  let raised = a;
  if (above(floor.trust, a.trust)) raised = { ...raised, trust: { version: floor.trust!, digest: NO_DIGEST } };
  if (above(floor.revocations, a.revocations)) raised = { ...raised, revocations: { version: floor.revocations!, digest: NO_DIGEST, expires: 0 } };
  return raised;
}

/**
 * The state in force from what was read: the anchor (null when missing or unreadable), the state
 * record (likewise) and the floor kept outside the store (null without one). `base` is the anchor of a
 * fresh verifier with the provisioned roots.
 *
 * A state record without its anchor fails closed: nothing says it is the latest (an older copy put back
 * with the anchor deleted looks the same), so its lists only bound the versions accepted, and are not
 * in force until lists at least as new are applied again.
 */
export function restoreState(core: VerifierCore, base: Anchor, anchor: Anchor | null, record: StateRecord | null, floor: VersionFloors | null = null):
  { state: StateInForce; problems: RestoreProblem[] } {
  const problems: RestoreProblem[] = [];
  let a = raisedTo(anchor ?? base, floor);
  const allowed = withKeys(base.provisioned, anchor?.knownRoots ?? record?.knownRoots ?? []);
  let trust: TrustInForce | null = null;
  let revocations: RevocationsInForce | null = null;
  const failed = { trust: '', revocations: '' };
  if (record?.trust) {
    try {
      trust = restoreTrust(core, record.trust, allowed, a);
    } catch (e) {
      failed.trust = `${message(e)}; `;
    }
  }
  if (record?.revocations) {
    try {
      revocations = restoreRevocations(core, record.revocations, allowed, a);
    } catch (e) {
      failed.revocations = `${message(e)}; `;
    }
  }
  // A state newer than the anchor: the process stopped between the two writes of a commit.
  if (trust && (!a.trust || compareUint(trust.list.version, a.trust.version) > 0 || !anchor)) {
    a = { ...a, roots: trust.list.roots, knownRoots: withKeys(a.knownRoots, trust.list.roots), trust: { version: trust.list.version, digest: digestOf(core, trust.signed) } };
  }
  if (revocations && (!a.revocations || compareUint(revocations.version, a.revocations.version) > 0 || !anchor)) {
    const last = revocations.deltas.at(-1) ?? revocations.base;
    a = { ...a, revocations: { version: revocations.version, digest: digestOf(core, last), expires: revocations.expires } };
  }
  if (!anchor && (record?.trust || record?.revocations)) {
    const claimed = [trust ? `trust list version ${trust.list.version}` : '', revocations ? `revocation version ${revocations.version}` : ''].filter(Boolean).join(', ');
    problems.push({ list: 'store', reason: `the state record has no readable rollback anchor beside it (deleted, or replaced with it): its lists are not put in force until lists at least as new${claimed ? ` (${claimed})` : ''} are applied again` });
    if (record.trust) failed.trust ||= 'not in force without its anchor; ';
    if (record.revocations) failed.revocations ||= 'not in force without its anchor; ';
    trust = null;
    revocations = null;
  }
  // Stored revocations that no longer verify fail closed, even without an anchor to say which version.
  if (!revocations && failed.revocations && !a.revocations) a = { ...a, revocations: { version: 0, digest: new Uint8Array(32), expires: 0 } };
  if (!trust && (a.trust || failed.trust)) {
    problems.push({ list: 'trust', reason: `${failed.trust}no trust list in force${a.trust ? `: the store had version ${a.trust.version}; only a later one (or that very list) is accepted` : ''}` });
  }
  if (!revocations && a.revocations) {
    problems.push({ list: 'revocations', reason: `${failed.revocations}the revocation state (version ${a.revocations.version}) is lost: every pass is TRUST_LIST_EXPIRED until a revocation list is applied again` });
  }
  return { state: { trust, revocations, anchor: { ...a, generation: Math.max(a.generation, record?.generation ?? 0) }, sources: record?.sources ?? {} }, problems };
}

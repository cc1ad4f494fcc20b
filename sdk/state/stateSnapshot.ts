/**
 * The state in force as plain bytes for a pool worker: the worker puts it in force in its own core
 * after verifying every list again (state/stateRestore.ts), as a restore from storage would.
 */
import type { VerifierCore } from '../core/verifierCore.js';
import { decodeAnchor, decodeStateRecord, encodeAnchor, encodeStateRecord } from './stateRecord.js';
import { initialState, type StateInForce } from './stateInForce.js';
import { restoreState, type RestoreProblem } from './stateRestore.js';

export interface StateSnapshot {
  readonly anchor: Uint8Array;
  readonly record: Uint8Array;
}

export function snapshotOf(state: StateInForce): StateSnapshot {
  return { anchor: encodeAnchor(state.anchor), record: encodeStateRecord(state, state.anchor.generation) };
}

export function stateOfSnapshot(core: VerifierCore, provisioned: readonly Uint8Array[], snapshot: StateSnapshot): { state: StateInForce; problems: RestoreProblem[] } {
  return restoreState(core, initialState(provisioned).anchor, decodeAnchor(snapshot.anchor), decodeStateRecord(snapshot.record));
}

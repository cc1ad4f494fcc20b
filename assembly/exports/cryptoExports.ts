// Exported signature checks and memory management.
import {
  ed25519VerifyAt, ed25519CheckPublicKeyAt, ed25519DecodeKey, ed25519Begin, ed25519Absorb,
  ed25519FinishPrecomputed, ED25519_OK,
} from "../crypto/ed25519";
import { REGION_KEYS, regionGrow, regionTruncate, scratch as scratchAt, wipeAll } from "../memory/arena";
import { combBuild, COMB_TABLE_SIZE } from "../crypto/fixedBase";
import { forgetBaseComb } from "../crypto/fixedBase";

/** Ed25519 verification; 0 = valid, otherwise an ED25519_* code of ed25519.ts. */
export function ed25519Verify(msg: usize, msgLen: usize, sig: usize, pub: usize): i32 {
  return ed25519VerifyAt(msg, msgLen, sig, pub);
}
/** 0 when the key is a canonical point of large order, otherwise an ED25519_* code. */
export function ed25519CheckPublicKey(pub: usize): i32 { return ed25519CheckPublicKeyAt(pub); }
/** A region of at least size bytes for one large input (valid until trust material changes); 0 if out of memory. */
export function scratch(size: usize): usize { return scratchAt(size); }
/** Zeroises all of linear memory (data destruction). The instance must not be used afterwards. */
export function wipe(): void {
  wipeAll();
  forgetBaseComb();
}

// Prepared keys: a key's comb table is built once (about 165 KB each), then each verification under it
// needs no doublings. Handles live in the arena's last region: forgetting them all frees it. Handles
// stay valid while no other region changes (a core that prepares keys holds no trust material).
const PREPARED_POINT: usize = memory.data(160, 8);

/** Prepares the 32-byte key at pub; returns a handle, or 0 when the key is invalid or memory is short. */
export function ed25519PrepareKey(pub: usize): usize {
  if (ed25519DecodeKey(PREPARED_POINT, pub, false) != ED25519_OK) return 0;
  const handle = regionGrow(REGION_KEYS, 32 + COMB_TABLE_SIZE);
  if (handle == 0) return 0;
  memory.copy(handle, pub, 32);
  combBuild(handle + 32, PREPARED_POINT);
  return handle;
}

/** Verification under a prepared key; the same outcomes as ed25519Verify. */
export function ed25519VerifyPrepared(msg: usize, msgLen: usize, sig: usize, handle: usize): i32 {
  ed25519Begin(sig, handle);
  ed25519Absorb(msg, msgLen);
  return ed25519FinishPrecomputed(sig, handle + 32);
}

/** Drops every prepared key. */
export function ed25519ForgetKeys(): void { regionTruncate(REGION_KEYS, 0); }

// Batches of raw signatures (at most 64; see batch.ts): batchBegin, batchAddSignature per signature,
// batchCheck with 16 random bytes per equation, then batchEquationVerdict.
export { batchAddSignature, batchEquationVerdict, batchEquations } from "../pg1/batch";

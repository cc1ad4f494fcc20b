// Exported signature checks and memory management.
import { ed25519VerifyAt, ed25519CheckPublicKeyAt } from "./ed25519";
import { scratch as scratchAt, wipeAll } from "./arena";

/** Ed25519 verification; 0 = valid, otherwise an ED25519_* code of ed25519.ts. */
export function ed25519Verify(msg: usize, msgLen: usize, sig: usize, pub: usize): i32 {
  return ed25519VerifyAt(msg, msgLen, sig, pub);
}
/** 0 when the key is a canonical point of large order, otherwise an ED25519_* code. */
export function ed25519CheckPublicKey(pub: usize): i32 { return ed25519CheckPublicKeyAt(pub); }
/** A region of at least size bytes for one large input (valid until trust material changes); 0 if out of memory. */
export function scratch(size: usize): usize { return scratchAt(size); }
/** Zeroises all of linear memory (data destruction). The instance must not be used afterwards. */
export function wipe(): void { wipeAll(); }

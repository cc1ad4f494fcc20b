// Holder binding (PG1 §4), step 10 of §5: the device key in cnf signs
// DeviceAuth = ["PG1-device", cti, presented_at, nonce], hashed in place piece by piece.
import { ed25519Begin, ed25519Absorb, ed25519DecodeKey, ed25519DecodeKeyWithR, ed25519FinishWithR, ED25519_OK } from "../crypto/ed25519";
import { claimCnfKey, claimCti } from "./claims";
import { OK, HOLDER_BINDING_FAILED, STALE_PRESENTATION } from "./resultCode";

/** The binding found in step 2 (addresses into the presentation). */
export let bindingPresent: bool = false;
export let bindingPresentedAt: u64 = 0;
export let bindingNonce: usize = 0;       // content address, 0 when the nonce is null
export let bindingNonceLen: usize = 0;
export let bindingNonceIsNull: bool = true;
export let bindingSignature: usize = 0;

export function setBinding(presentedAt: u64, nonce: usize, nonceLen: usize, nonceIsNull: bool, sig: usize): void {
  bindingPresent = true;
  bindingPresentedAt = presentedAt;
  bindingNonce = nonce;
  bindingNonceLen = nonceLen;
  bindingNonceIsNull = nonceIsNull;
  bindingSignature = sig;
}

export function clearBinding(): void { bindingPresent = false; }

/** The staleness window of §4: fixed, independent of the skew. */
const MAX_AGE: u64 = 60;

const PREFIX: usize = memory.data(48, 8);
const DEVICE_POINT: usize = memory.data(160, 8);

/** Writes a CBOR head (major, argument) in shortest form at p; returns its length. */
function writeHead(p: usize, major: u32, arg: u64): usize {
  const m = <u8>(major << 5);
  if (arg < 24) { store<u8>(p, m | <u8>arg); return 1; }
  if (arg <= 0xff) { store<u8>(p, m | 24); store<u8>(p + 1, <u8>arg); return 2; }
  if (arg <= 0xffff) { store<u8>(p, m | 25); store<u16>(p + 1, bswap<u16>(<u16>arg)); return 3; }
  if (arg <= 0xffffffff) { store<u8>(p, m | 26); store<u32>(p + 1, bswap<u32>(<u32>arg)); return 5; }
  store<u8>(p, m | 27); store<u64>(p + 1, bswap<u64>(arg)); return 9;
}

const CONTEXT: usize = memory.data<u8>([0x84, 0x6a, 0x50, 0x47, 0x31, 0x2d, 0x64, 0x65, 0x76, 0x69, 0x63, 0x65]);

/** What step 10 needs of the device signature: verify it here, or take a verdict found by a batch. */
export const VERDICT_UNKNOWN: i32 = 0;
export const VERDICT_VALID: i32 = 1;
export const VERDICT_INVALID: i32 = 2;

/**
 * The checks of step 10 before the signature: the binding is there, carries the nonce the verifier
 * issued (null when it issued none), and the device key is usable. OK means the signature decides.
 */
export function bindingPrecheck(nonce: usize, nonceLen: usize, hasNonce: bool): i32 {
  return precheck(nonce, nonceLen, hasNonce, false);
}

/** bindingPrecheck; `withR`: the signature is verified next here, so its R is decoded with the key. */
function precheck(nonce: usize, nonceLen: usize, hasNonce: bool, withR: bool): i32 {
  if (!bindingPresent) return HOLDER_BINDING_FAILED;
  if (hasNonce) {
    if (bindingNonceIsNull || bindingNonceLen != nonceLen || memory.compare(bindingNonce, nonce, nonceLen) != 0) {
      return HOLDER_BINDING_FAILED;
    }
  } else if (!bindingNonceIsNull) {
    return HOLDER_BINDING_FAILED;
  }
  // A small-order device key binds nothing (anyone can sign for it): refused like a bad signature.
  const key = withR
    ? ed25519DecodeKeyWithR(DEVICE_POINT, claimCnfKey, bindingSignature, true)
    : ed25519DecodeKey(DEVICE_POINT, claimCnfKey, true);
  if (key != ED25519_OK) return HOLDER_BINDING_FAILED;
  return OK;
}

/** The decoded device key after a successful bindingPrecheck (P3). */
export function devicePoint(): usize { return DEVICE_POINT; }

/** Starts the device signature's verification: absorbs R, A and DeviceAuth. */
export function bindingAbsorb(): void {
  // Context, cti as bstr(16), presented_at, then the nonce head (or null) and the nonce.
  memory.copy(PREFIX, CONTEXT, 12);
  let n: usize = 12;
  store<u8>(PREFIX + n, 0x50); n++;
  memory.copy(PREFIX + n, claimCti, 16); n += 16;
  n += writeHead(PREFIX + n, 0, bindingPresentedAt);
  if (bindingNonceIsNull) { store<u8>(PREFIX + n, 0xf6); n++; }
  else n += writeHead(PREFIX + n, 2, <u64>bindingNonceLen);
  ed25519Begin(bindingSignature, claimCnfKey);
  ed25519Absorb(PREFIX, n);
  if (!bindingNonceIsNull) ed25519Absorb(bindingNonce, bindingNonceLen);
}

/**
 * Step 10 for a token with cnf: precheck, the device signature (or its verdict), then
 * |now - presented_at| <= 60.
 */
export function checkHolderBinding(now: u64, nonce: usize, nonceLen: usize, hasNonce: bool, verdict: i32): i32 {
  if (claimCnfKey == 0) return OK;
  const pre = precheck(nonce, nonceLen, hasNonce, verdict == VERDICT_UNKNOWN);
  if (pre != OK) return pre;
  if (verdict == VERDICT_UNKNOWN) {
    bindingAbsorb();
    if (ed25519FinishWithR(bindingSignature, DEVICE_POINT) != ED25519_OK) return HOLDER_BINDING_FAILED;
  } else if (verdict != VERDICT_VALID) {
    return HOLDER_BINDING_FAILED;
  }
  const age = now >= bindingPresentedAt ? now - bindingPresentedAt : bindingPresentedAt - now;
  return age > MAX_AGE ? STALE_PRESENTATION : OK;
}

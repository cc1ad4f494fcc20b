// Exported verification surface: loading the trust material in force, and verifying presentations.
// Times are u64 (BigInt on the JavaScript side). See sdk/core/coreExports.ts for the contract.
import { arenaReset } from "./arena";
import { issuersReserve, issuerSet } from "./issuerTable";
import { revocationsReserve, revocationsCommit as commitPrefixes } from "./revocationTable";
import { setTrustValidity, setRevocationValidity } from "./trustValidity";
import { verifyPresentation, presentationDone, OUTPUT } from "./presentation";
import { DISCLOSURE_TABLE } from "./disclosures";
import { RULE } from "./policy";
import { batchFinish } from "./batch";
import { IO_CAPACITY } from "./ioBuffer";
import { validateDocument, CBOR_FAIL } from "./cbor";
import { parseCoseSign1, coseVerify, coseKid, coseAlgSupported, cosePayload, cosePayloadLen } from "./coseSign1";
import { ed25519DecodeKey, ED25519_OK } from "./ed25519";
import { OK, MALFORMED, UNSUPPORTED_ALG } from "./resultCode";

/** Drops all trust material and reserves n issuer entries; 0, or 1 when memory cannot grow. */
export function trustBegin(issuerCount: u32): i32 {
  arenaReset();
  setRevocationValidity(false, 0);
  return issuersReserve(issuerCount) ? 0 : 1;
}

/** Sets issuer i (key decoded and checked once); 0 or a refusal code (see issuerTable.ts). */
export function trustSetIssuer(
  i: u32, kid: usize, pub: usize, iss: usize, issLen: usize,
  notBefore: u64, notAfter: u64, revokedAt: u64, hasRevokedAt: bool,
): i32 {
  return issuerSet(i, kid, pub, iss, issLen, notBefore, notAfter, revokedAt, hasRevokedAt);
}

/** The trust list's expiry and optional sunset (step 1 of §5). */
export function trustSetValidity(expires: u64, hasSunset: bool, sunset: u64): void {
  setTrustValidity(expires, hasSunset, sunset);
}

/** Reserves n revocation prefixes after the issuers; returns where to write n x 8 bytes, or 0. */
export function revocationsBegin(n: u32): usize { return revocationsReserve(n); }

/** Commits the written prefixes (must be strictly ascending); 0, or 1 when they are not. */
export function revocationsCommit(loaded: bool, expires: u64): i32 {
  if (!commitPrefixes()) { setRevocationValidity(false, 0); return 1; }
  setRevocationValidity(loaded, expires);
  return 0;
}

/** Where the SDK writes the venue rule before a verification with hasVenue. */
export function ruleBuffer(): usize { return RULE; }
/** Where verify writes its result, kid, iss and disclosure count. */
export function outputBuffer(): usize { return OUTPUT; }
/** Where verify lists the verified disclosures (24 bytes each: key u64, value address, value length, ...). */
export function disclosureTable(): usize { return DISCLOSURE_TABLE; }

/** Verifies one presentation (raw bytes, or PG1:/hex text when isText); returns the §5 result code. */
export function verify(
  input: usize, inputLen: usize, isText: bool, now: u64, skew: u64,
  nonce: usize, nonceLen: usize, hasNonce: bool, hasVenue: bool,
): i32 {
  return verifyPresentation(input, inputLen, isText, now, skew, nonce, nonceLen, hasNonce, hasVenue, IO_CAPACITY, 0, 0);
}

/** Zeroises the input and outputs of the last verification. */
export function verifyDone(input: usize, inputLen: usize): void { presentationDone(input, inputLen); }

/**
 * Parses a signed list (a tagged COSE_Sign1 document): 0, 3 (MALFORMED) or 4 (UNSUPPORTED_ALG). With
 * pg1Headers 0 any RFC 9052 headers are accepted (for third-party examples; alg is then not checked).
 */
export function coseParse(ptr: usize, len: usize, pg1Headers: bool): i32 {
  if (!validateDocument(ptr, len, true)) return MALFORMED;
  if (parseCoseSign1(ptr, ptr + len, 1, pg1Headers) == CBOR_FAIL) return MALFORMED;
  return coseAlgSupported ? OK : UNSUPPORTED_ALG;
}
export function coseKidAt(): usize { return coseKid; }
export function cosePayloadAt(): usize { return cosePayload; }
export function cosePayloadLength(): usize { return cosePayloadLen; }

const ROOT_POINT: usize = memory.data(160, 8);
/** Verifies the last parsed COSE_Sign1 under the 32-byte key at pub; an ED25519_* code. */
export function coseVerifyWith(pub: usize): i32 {
  const status = ed25519DecodeKey(ROOT_POINT, pub, true);
  if (status != ED25519_OK) return status;
  return coseVerify(pub, ROOT_POINT);
}

// Batches of up to MAX_BATCH_ITEMS presentations (batch.ts): batchBegin, batchPrepare per item,
// batchCheck with 16 random bytes per equation, then batchFinishItem per item.
export { batchBegin, batchPrepare, batchCheck } from "./batch";

/** Finishes item i of the batch (its raw bytes, as batchPrepare left them); outputs as verify(). */
export function batchFinishItem(i: u32, input: usize, rawLen: usize, nonce: usize, nonceLen: usize, hasNonce: bool, hasVenue: bool): i32 {
  return batchFinish(i, input, rawLen, nonce, nonceLen, hasNonce, hasVenue, IO_CAPACITY);
}

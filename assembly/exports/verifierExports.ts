// Exported verification surface: loading the trust material in force, and verifying presentations.
// Times are u64 (BigInt on the JavaScript side). See sdk/core/coreExports.ts for the contract.
import { setMemoryLimit, stageAbort, reserveAbove, persistentBytes } from "../memory/arena";
import { issuersStage, issuerStageSet, issuersPrepareCommit, issuersCommit, issuersRegionBytes } from "../pg1/issuerTable";
import { setPrecomputeBudget, issuerHasTable, combCarryOver, combTrustCommitted } from "../pg1/combCache";
import { revocationsStage, revocationsStageShard, revocationsCommitStage, isRevoked, revocationsRegionBytes } from "../pg1/revocationTable";
import { setTrustValidity, setRevocationValidity } from "../pg1/trustValidity";
import { verifyPresentation, presentationDone, OUTPUT } from "../pg1/presentation";
import { DISCLOSURE_TABLE } from "../pg1/disclosures";
import { RULE } from "../pg1/policy";
import { batchFinish } from "../pg1/batch";
import { IO_CAPACITY } from "./ioBuffer";
import { validateDocument, CBOR_FAIL } from "../encoding/cbor";
import { parseCoseSign1, coseVerify, coseKid, coseAlgSupported, cosePayload, cosePayloadLen } from "../pg1/coseSign1";
import { ed25519DecodeKey, ED25519_OK } from "../crypto/ed25519";
import { OK, MALFORMED, UNSUPPORTED_ALG } from "../pg1/resultCode";

// Updates are staged, then committed: a failure at any step (memory above all) leaves the state in
// force exactly as it was. Only xxxBegin can fail for memory; updateAbort drops a staged update.

/** Caps the core's memory at `pages` x 64 KiB (0: no cap); growth beyond it fails as out of memory. */
export function memoryLimit(pages: u32): void { setMemoryLimit(pages); }

/** Bytes allowed for issuers' comb tables (165,120 bytes a key); drops the tables built so far. */
export function precomputeBudget(bytes: u32): void { setPrecomputeBudget(bytes); }

/** 1 when issuer i of the trust list in force has a comb table, 0 when not, -1 when there is no issuer i. */
export function issuerPrecomputed(i: u32): i32 { return issuerHasTable(i); }

/** Stages a trust list of n issuers; 0, or 1 when memory cannot grow. */
export function trustBegin(issuerCount: u32): i32 {
  return issuersStage(issuerCount) ? 0 : 1;
}

/** Sets staged issuer i (in order; key decoded and checked once); 0 or a refusal code (see issuerTable.ts). */
export function trustSetIssuer(
  i: u32, kid: usize, pub: usize, iss: usize, issLen: usize,
  notBefore: u64, notAfter: u64, revokedAt: u64, hasRevokedAt: bool,
): i32 {
  return issuerStageSet(i, kid, pub, iss, issLen, notBefore, notAfter, revokedAt, hasRevokedAt);
}

/**
 * Puts the staged trust list in force with its expiry and optional sunset (step 1 of §5), keeping
 * the revocation state and the comb tables of the keys that stay; 0, or 1 (nothing changed) when an
 * issuer was not set or a kid repeats.
 */
export function trustCommit(expires: u64, hasSunset: bool, sunset: u64): i32 {
  if (!issuersPrepareCommit()) return 1;
  combCarryOver();
  issuersCommit();
  combTrustCommitted();
  setTrustValidity(expires, hasSunset, sunset);
  return 0;
}

/**
 * Stages a revocation state: n prefixes and a filter of shardCount shards (0: none) whose tables take
 * tableBytes (each table padded to 8), exact for tokens with iat <= covers. Returns where to write the
 * n x 8 prefix bytes, or 0 when memory cannot grow or shardCount is not 0 or a power of two <= 65,536.
 */
export function revocationsBegin(n: u32, shardCount: u32, tableBytes: u64, covers: u64): usize {
  return revocationsStage(n, shardCount, tableBytes, covers);
}

/**
 * Describes staged shard i (in order) and returns where to write its T1 (t1Len bytes) followed, at
 * the next multiple of 8, by T2 (t2Len bytes); 0 when the geometry breaks PG1 §7.3 or the lengths
 * differ from it.
 */
export function revocationsShard(
  i: u32, seed1: u64, r: u32, L1: u32, S1: u32, t1Len: u32, seed2: u64, L2: u32, S2: u32, t2Len: u32,
): usize {
  return revocationsStageShard(i, seed1, r, L1, S1, t1Len, seed2, L2, S2, t2Len);
}

/**
 * Puts the staged revocation state in force (loaded 0: no revocation state, no expiry); 0, or 1
 * (nothing changed) unless the prefixes are strictly ascending and every shard and table was written.
 */
export function revocationsCommit(loaded: bool, expires: u64): i32 {
  if (!revocationsCommitStage()) return 1;
  setRevocationValidity(loaded, expires);
  return 0;
}

/**
 * Before a trust update followed by a revocation update that must succeed or fail together: grows
 * memory now to what both need at most (each stage, plus every region moved or parked: at most all
 * of them); 0, or 1 when memory cannot grow. After 0, neither update can fail for memory.
 */
export function updateReserve(issuerCount: u32, prefixCount: u32, shardCount: u32, tableBytes: u64): i32 {
  const bytes = issuersRegionBytes(issuerCount) + revocationsRegionBytes(prefixCount, shardCount, tableBytes) + <u64>persistentBytes() + 64;
  return reserveAbove(bytes) ? 0 : 1;
}

/** Drops a staged trust or revocation update. */
export function updateAbort(): void { stageAbort(); }

/** 1 when the token with the 8-byte prefix H(cti)[0..8] at p and this iat is revoked in force, else 0. */
export function revocationsLookup(p: usize, iat: u64): i32 { return isRevoked(p, iat) ? 1 : 0; }

/** Where the SDK writes the venue rule before a verification with hasVenue. */
export function ruleBuffer(): usize { return RULE; }
/** Where verify writes its result, kid, iss and disclosure count. */
export function outputBuffer(): usize { return OUTPUT; }
/** Where verify lists the verified disclosures (24 bytes each: key u64, value address, value length, ...). */
export function disclosureTable(): usize { return DISCLOSURE_TABLE; }

/**
 * Verifies one presentation (raw bytes, or PG1:/hex text when isText); returns the §5 result code.
 * read: the address of the card serial and document read with it (readBinding.ts), 0 for none.
 */
export function verify(
  input: usize, inputLen: usize, isText: bool, now: u64, skew: u64,
  nonce: usize, nonceLen: usize, hasNonce: bool, hasVenue: bool, read: usize,
): i32 {
  return verifyPresentation(input, inputLen, isText, now, skew, nonce, nonceLen, hasNonce, hasVenue, IO_CAPACITY, 0, 0, true, read);
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
export { batchBegin, batchPrepare, batchCheck } from "../pg1/batch";

/** Finishes item i of the batch (its raw bytes, as batchPrepare left them); outputs as verify(). */
export function batchFinishItem(i: u32, input: usize, rawLen: usize, nonce: usize, nonceLen: usize, hasNonce: bool, hasVenue: bool, read: usize): i32 {
  return batchFinish(i, input, rawLen, nonce, nonceLen, hasNonce, hasVenue, IO_CAPACITY, read);
}

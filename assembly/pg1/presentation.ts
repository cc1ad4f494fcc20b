// Verification of one presentation (PG1 §4) in the order of §5, stopping at the first failure.
import { readHead, readBytes, skipItem, headMajor, headArg, headEnd, CBOR_FAIL } from "../encoding/cbor";
import { base45Decode } from "../encoding/base45";
import { hexDecode } from "../encoding/hex";
import { sha256 } from "../crypto/sha256";
import { parseCoseSign1, coseVerify, coseVerifyPrecomputed, coseKid, coseAlgSupported, cosePayload, cosePayloadLen } from "./coseSign1";
import {
  parseClaims, claimIss, claimIssLen, claimExp, claimHasNbf, claimNbf, claimIat, claimCti, claimCnfKey,
} from "./claims";
import { checkDisclosures, disclosureCount, DISCLOSURE_TABLE, MAX_DISCLOSURES } from "./disclosures";
import { setBinding, clearBinding, bindingPresent, checkHolderBinding, VERDICT_UNKNOWN, VERDICT_VALID } from "./holderBinding";
import { checkPolicy } from "./policy";
import { setRead, checkRead } from "./readBinding";
import {
  issuerFind, issuerPub, issuerPoint, issuerIss, issuerIssLen, issuerNotBefore, issuerNotAfter,
  issuerRevoked, issuerRevokedAt, issuerIndex,
} from "./issuerTable";
import { issuerComb, recordUse } from "./combCache";
import { isRevoked } from "./revocationTable";
import { trustExpires, trustHasSunset, trustSunset, revocationLoaded, revocationExpires } from "./trustValidity";
import { ED25519_OK } from "../crypto/ed25519";
import {
  OK, SUNSET, TRUST_LIST_EXPIRED, MALFORMED, UNSUPPORTED_ALG, UNKNOWN_KID, BAD_SIGNATURE, ISSUER_MISMATCH,
  KEY_NOT_VALID, KEY_REVOKED, NOT_YET_VALID, EXPIRED, TOKEN_REVOKED, BINDING_REQUIRED,
} from "./resultCode";

export const MAX_PRESENTATION: usize = 4096;

// Output: result i32 | issuer index u32 | kid 8 bytes | iss address u32 | iss length u32 |
// disclosure count u32 (the disclosure table is in disclosures.ts)
export const OUTPUT: usize = memory.data(32, 8);

let disclosuresAt: usize = 0;
let disclosuresEnd: usize = 0;
let disclosuresN: u32 = 0;
let issuer: usize = 0;

/** Step 2 for the raw presentation [p, end): MALFORMED, UNSUPPORTED_ALG or OK. */
function parsePresentation(p: usize, end: usize): i32 {
  clearBinding();
  if (!readHead(p, end) || headMajor != 4 || headArg < 2 || headArg > 3) return MALFORMED;
  const hasBinding = headArg == 3;
  p = parseCoseSign1(headEnd, end, 2);
  if (p == CBOR_FAIL) return MALFORMED;
  // disclosures: [* bstr]
  const after = skipItem(p, end, 2);
  if (after == CBOR_FAIL || !readHead(p, end) || headMajor != 4) return MALFORMED;
  disclosuresN = <u32>headArg;
  disclosuresAt = headEnd;
  disclosuresEnd = after;
  let q = headEnd;
  for (let i: u32 = 0; i < disclosuresN; i++) {
    if (!readBytes(q, after)) return MALFORMED;
    q = headEnd + <usize>headArg;
  }
  p = after;
  if (hasBinding) {
    // binding: [presented_at: uint, nonce: bstr / null, sig: bstr(64)]
    const bindingEnd = skipItem(p, end, 2);
    if (bindingEnd == CBOR_FAIL || !readHead(p, end) || headMajor != 4 || headArg != 3) return MALFORMED;
    if (!readHead(headEnd, bindingEnd) || headMajor != 0) return MALFORMED;
    const presentedAt = headArg;
    if (!readHead(headEnd, bindingEnd)) return MALFORMED;
    let nonce: usize = 0, nonceLen: usize = 0;
    let sigAt = headEnd;
    const nonceIsNull = headMajor == 7 && headArg == 22;
    if (!nonceIsNull) {
      if (headMajor != 2) return MALFORMED;
      nonce = headEnd; nonceLen = <usize>headArg;
      sigAt = nonce + nonceLen;
    }
    if (!readBytes(sigAt, bindingEnd) || headArg != 64 || headEnd + 64 != bindingEnd) return MALFORMED;
    setBinding(presentedAt, nonce, nonceLen, nonceIsNull, headEnd);
    p = bindingEnd;
  }
  if (p != end) return MALFORMED;
  return coseAlgSupported ? OK : UNSUPPORTED_ALG;
}

const PREFIX: usize = memory.data(32, 8);

// @ts-ignore: decorator
@inline function saturatingAdd(a: u64, b: u64): u64 { const s = a + b; return s < a ? u64.MAX_VALUE : s; }

/** Steps 1-3: the lists in force, transport, structure and the issuer key. Sets rawLength. */
export let rawLength: usize = 0;
export function runUpToIssuer(input: usize, inputLen: usize, isText: bool, now: u64): i32 {
  // 1. the lists in force
  if (trustHasSunset && now >= trustSunset) return SUNSET;
  if (now >= trustExpires || (revocationLoaded && now >= revocationExpires)) return TRUST_LIST_EXPIRED;
  // 2. transport, size, presentation and token structure
  let len = inputLen;
  if (isText) {
    // "PG1:" + base45, else hex of the raw bytes; decoded in place (the output is never longer).
    let decoded: i32 = -1;
    if (len >= 4 && load<u32>(input) == 0x3a314750) decoded = base45Decode(input + 4, len - 4, input);
    else if (len > 0) decoded = hexDecode(input, len, input);
    if (decoded < 0) return MALFORMED;
    len = <usize>decoded;
  }
  if (len == 0 || len > MAX_PRESENTATION) return MALFORMED;
  rawLength = len;
  const structure = parsePresentation(input, input + len);
  if (structure != OK) return structure;
  // 3. the issuer key
  issuer = issuerFind(coseKid);
  if (issuer == 0) return UNKNOWN_KID;
  return OK;
}

/** The issuer entry found by the last runUpToIssuer. */
export function currentIssuer(): usize { return issuer; }

/**
 * Steps 5-11 after the issuer's signature holds: claims, key window, validity, revocation,
 * disclosures, holder binding (bindingVerdict: see holderBinding.ts) and the venue rule.
 */
export function runAfterSignature(
  now: u64, skew: u64, nonce: usize, nonceLen: usize, hasNonce: bool, hasVenue: bool, bindingVerdict: i32,
): i32 {
  // 5. claims; a binding on a token without cnf belongs nowhere
  if (!parseClaims(cosePayload, cosePayloadLen)) return MALFORMED;
  if (bindingPresent && claimCnfKey == 0) return MALFORMED;
  // 6. issuer and key window
  if (claimIssLen != issuerIssLen(issuer) || memory.compare(claimIss, issuerIss(issuer), claimIssLen) != 0) return ISSUER_MISMATCH;
  if (claimIat < issuerNotBefore(issuer) || claimIat >= issuerNotAfter(issuer)) return KEY_NOT_VALID;
  if (issuerRevoked(issuer) && issuerRevokedAt(issuer) <= claimIat) return KEY_REVOKED;
  // 7. token validity, with skew
  if (claimHasNbf && saturatingAdd(now, skew) < claimNbf) return NOT_YET_VALID;
  if (now >= saturatingAdd(claimExp, skew)) return EXPIRED;
  // 8. revocation: the prefix table, and the filter for tokens it covers (iat <= covers)
  sha256(claimCti, 16, PREFIX);
  if (isRevoked(PREFIX, claimIat)) return TOKEN_REVOKED;
  // 9. disclosures
  const disclosures = checkDisclosures(disclosuresAt, disclosuresEnd, disclosuresN);
  if (disclosures != OK) return disclosures;
  // 10. holder binding, then the card and the document read with the presentation (§10)
  const binding = checkHolderBinding(now, nonce, nonceLen, hasNonce, bindingVerdict);
  if (binding != OK) return binding;
  const read = checkRead();
  if (read != OK) return read;
  // 11. venue policy
  return hasVenue ? checkPolicy(now) : OK;
}

/** Step 4 on its own: the issuer's signature, with the key's comb table when it has one. */
function issuerSignatureHolds(): bool {
  const comb = issuerComb(issuer);
  const status = comb != 0 ? coseVerifyPrecomputed(issuerPub(issuer), comb) : coseVerify(issuerPub(issuer), issuerPoint(issuer));
  return status == ED25519_OK;
}

/**
 * Verifies the presentation at input. A length above the I/O area means "too large to copy": the result
 * is then decided by step 1 or MALFORMED. Writes OUTPUT; the caller must call presentationDone().
 * mayBuildTable: a key that earned a comb table may get it now (verify(); not inside a batch).
 * read: the address of what was read with it (readBinding.ts), 0 for nothing.
 */
export function verifyPresentation(
  input: usize, inputLen: usize, isText: bool, now: u64, skew: u64,
  nonce: usize, nonceLen: usize, hasNonce: bool, hasVenue: bool, ioCapacity: usize,
  issuerVerdict: i32, bindingVerdict: i32, mayBuildTable: bool, read: usize,
): i32 {
  issuer = 0;
  setRead(read);
  let result = runUpToIssuer(input, inputLen > ioCapacity ? 0 : inputLen, isText, now);
  if (inputLen > ioCapacity && result != SUNSET && result != TRUST_LIST_EXPIRED) result = MALFORMED;
  if (result == OK) {
    // 4. the issuer's signature over the received bytes (or the verdict of a batch)
    const valid = issuerVerdict == VERDICT_UNKNOWN ? issuerSignatureHolds() : issuerVerdict == VERDICT_VALID;
    result = valid ? runAfterSignature(now, skew, nonce, nonceLen, hasNonce, hasVenue, bindingVerdict) : BAD_SIGNATURE;
    if (valid) recordUse(issuer, mayBuildTable);
  }
  const withClaims = result == OK || result >= BINDING_REQUIRED;
  memory.fill(OUTPUT, 0, 32);
  store<i32>(OUTPUT, result);
  if (withClaims) {
    store<u32>(OUTPUT, issuerIndex(issuer), 4);
    memory.copy(OUTPUT + 8, coseKid, 8);
    store<u32>(OUTPUT, <u32>claimIss, 16);
    store<u32>(OUTPUT, <u32>claimIssLen, 20);
    store<u32>(OUTPUT, disclosureCount, 24);
  }
  return result;
}

/** Zeroises everything a verification left behind: the input, the output and the disclosure table. */
export function presentationDone(input: usize, inputLen: usize): void {
  memory.fill(input, 0, inputLen);
  memory.fill(OUTPUT, 0, 32);
  memory.fill(DISCLOSURE_TABLE, 0, <usize>min<u32>(disclosuresN, MAX_DISCLOSURES) * 24);
}

// The token's claims (PG1 §2), parsed after the signature holds (step 5 of §5).
import { readHead, readBytes, readText, skipItem, validateDocument, headMajor, headArg, headEnd, CBOR_FAIL } from "../encoding/cbor";

export let claimIss: usize = 0;
export let claimIssLen: usize = 0;
export let claimExp: u64 = 0;
export let claimNbf: u64 = 0;
export let claimHasNbf: bool = false;
export let claimIat: u64 = 0;
export let claimCti: usize = 0;         // 16 bytes
export let claimCnfKey: usize = 0;      // 32 bytes, 0 when the token has no cnf
export let claimCard: usize = 0;        // 16 bytes, 0 when the token has no card (§10.1)
export let claimSd: usize = 0;          // first digest (32 bytes each, ascending)
export let claimSdCount: u32 = 0;

const MAX_SD: u64 = 64;
/** §10.1: a card pass lives at most 3 days (exp - iat <= 259200). */
const MAX_CARD_LIFETIME: u64 = 259200;

/** cnf = {1: {1: 1, -1: 6, -2: bstr(32)}} and nothing else (COSE_Key of an Ed25519 OKP key). */
function parseCnf(p: usize, end: usize): usize {
  if (!readHead(p, end) || headMajor != 5 || headArg != 1) return CBOR_FAIL;
  if (!readHead(headEnd, end) || headMajor != 0 || headArg != 1) return CBOR_FAIL;
  if (!readHead(headEnd, end) || headMajor != 5 || headArg != 3) return CBOR_FAIL;
  if (!readHead(headEnd, end) || headMajor != 0 || headArg != 1) return CBOR_FAIL;    // kty
  if (!readHead(headEnd, end) || headMajor != 0 || headArg != 1) return CBOR_FAIL;    // OKP
  if (!readHead(headEnd, end) || headMajor != 1 || headArg != 0) return CBOR_FAIL;    // crv (-1)
  if (!readHead(headEnd, end) || headMajor != 0 || headArg != 6) return CBOR_FAIL;    // Ed25519
  if (!readHead(headEnd, end) || headMajor != 1 || headArg != 1) return CBOR_FAIL;    // x (-2)
  if (!readBytes(headEnd, end) || headArg != 32) return CBOR_FAIL;
  claimCnfKey = headEnd;
  return headEnd + 32;
}

/** sd = [1*64 bstr(32)], strictly increasing bytewise. Every element is 0x58 0x20 + 32 bytes, so
 *  digest i sits at claimSd + SD_STRIDE * i. */
export const SD_STRIDE: usize = 34;
function parseSd(p: usize, end: usize): usize {
  if (!readHead(p, end) || headMajor != 4 || headArg < 1 || headArg > MAX_SD) return CBOR_FAIL;
  const n = <u32>headArg;
  p = headEnd;
  claimSd = p + 2;
  for (let i: u32 = 0; i < n; i++) {
    if (!readBytes(p, end) || headArg != 32) return CBOR_FAIL;
    if (i > 0 && memory.compare(headEnd - SD_STRIDE, headEnd, 32) >= 0) return CBOR_FAIL;
    p = headEnd + 32;
  }
  claimSdCount = n;
  return p;
}

/** Parses the payload content [p, p+len); false means MALFORMED. */
export function parseClaims(p: usize, len: usize): bool {
  claimIssLen = 0; claimHasNbf = false; claimCti = 0; claimCnfKey = 0; claimCard = 0; claimSd = 0; claimSdCount = 0;
  let seen: u32 = 0; // bits: 1 iss, 2 exp, 4 iat, 8 cti, 16 sd
  const end = p + len;
  if (!validateDocument(p, len, false)) return false;
  if (!readHead(p, end) || headMajor != 5) return false;
  const n = headArg;
  p = headEnd;
  for (let i: u64 = 0; i < n; i++) {
    if (!readHead(p, end)) return false;
    const major = headMajor, arg = headArg;
    p = headEnd;
    if (major > 1) return false;                   // only integer keys
    if (major == 0 && arg == 1) {
      if (!readText(p, end) || headArg < 1 || headArg > 32) return false;
      claimIss = headEnd; claimIssLen = <usize>headArg; p = headEnd + claimIssLen; seen |= 1;
    } else if (major == 0 && (arg == 4 || arg == 5 || arg == 6)) {
      if (!readHead(p, end) || headMajor != 0) return false;
      if (arg == 4) { claimExp = headArg; seen |= 2; }
      else if (arg == 5) { claimNbf = headArg; claimHasNbf = true; }
      else { claimIat = headArg; seen |= 4; }
      p = headEnd;
    } else if (major == 0 && arg == 7) {
      if (!readBytes(p, end) || headArg != 16) return false;
      claimCti = headEnd; p = headEnd + 16; seen |= 8;
    } else if (major == 0 && arg == 8) {
      p = parseCnf(p, end);
      if (p == CBOR_FAIL) return false;
    } else if (major == 1 && arg == 65536) {      // -65537
      p = parseSd(p, end);
      if (p == CBOR_FAIL) return false;
      seen |= 16;
    } else if (major == 1 && arg == 65537) {      // -65538: card bstr(16)
      if (!readBytes(p, end) || headArg != 16) return false;
      claimCard = headEnd; p = headEnd + 16;
    } else {
      p = skipItem(p, end, 2);                     // other integer keys: ignored
      if (p == CBOR_FAIL) return false;
    }
  }
  if (seen != 31 || p != end) return false;
  // §10.1: never card with cnf; a card pass lapses by itself (an exp before iat is within the bound)
  if (claimCard != 0 && (claimCnfKey != 0 || (claimExp > claimIat && claimExp - claimIat > MAX_CARD_LIFETIME))) return false;
  return true;
}

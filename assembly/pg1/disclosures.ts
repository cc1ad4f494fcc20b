// Disclosures (PG1 §3), step 9 of §5: each is bstr .cbor [salt: bstr(16), key: uint, value], genuine iff
// H(content) is in the token's sd. Structure, types and duplicate keys (MALFORMED) are checked for all
// disclosures before any digest (DISCLOSURE_INVALID), since codes sharing a step go in written order.
import { readHead, readBytes, readText, skipItem, validateDocument, headMajor, headArg, headEnd, CBOR_FAIL } from "../encoding/cbor";
import { utf8CodePoints } from "../encoding/utf8";
import { sha256 } from "../crypto/sha256";
import { claimSd, claimSdCount, SD_STRIDE } from "./claims";
import { OK, MALFORMED, DISCLOSURE_INVALID } from "./resultCode";

/** A presentation of at most 4,096 bytes holds fewer than 200 disclosures (each takes >= 21 bytes). */
export const MAX_DISCLOSURES: u32 = 256;
// Per disclosure: key u64 | value address u32 | value length u32 | content address u32 | content length u32
const ENTRY: usize = 24;
export const DISCLOSURE_TABLE: usize = memory.data(<i32>(MAX_DISCLOSURES * <u32>ENTRY), 8);
export let disclosureCount: u32 = 0;

export function disclosureKey(i: u32): u64 { return load<u64>(DISCLOSURE_TABLE + <usize>i * ENTRY); }
export function disclosureValue(i: u32): usize { return <usize>load<u32>(DISCLOSURE_TABLE + <usize>i * ENTRY, 8); }
export function disclosureValueLen(i: u32): usize { return <usize>load<u32>(DISCLOSURE_TABLE + <usize>i * ENTRY, 12); }

/** Index of the disclosure with this key, or -1. */
export function findDisclosure(key: u64): i32 {
  for (let i: u32 = 0; i < disclosureCount; i++) if (disclosureKey(i) == key) return <i32>i;
  return -1;
}

function isBool(p: usize, end: usize): bool {
  return readHead(p, end) && headMajor == 7 && (headArg == 20 || headArg == 21) && headEnd == end;
}

function isUintIn(p: usize, end: usize, lo: u64, hi: u64): bool {
  return readHead(p, end) && headMajor == 0 && headArg >= lo && headArg <= hi;
}

/** [uint, uint] with the second at most secondMax. */
function isPair(p: usize, end: usize, secondMax: u64): bool {
  if (!readHead(p, end) || headMajor != 4 || headArg != 2) return false;
  if (!isUintIn(headEnd, end, 0, u64.MAX_VALUE)) return false;
  return isUintIn(headEnd, end, 0, secondMax) && headEnd == end;
}

/** The value of a §3 key has the type (and range) its table row gives; unknown keys take any value. */
function valueTypeOk(key: u64, p: usize, end: usize): bool {
  switch (<i32>min<u64>(key, 12)) {
    case 1: return isUintIn(p, end, 0, 2) && headEnd == end;                  // status
    case 2: return isPair(p, end, 1);                                          // nat
    case 3: return isPair(p, end, u64.MAX_VALUE);                              // vax
    case 4: case 5: case 6: case 11: return isBool(p, end);                    // abroad14 risk14 fever intl
    case 7: return isUintIn(p, end, 100000, 999999) && headEnd == end;        // region
    case 8: {                                                                   // id4
      if (!readText(p, end) || headEnd + <usize>headArg != end) return false;
      const n = utf8CodePoints(headEnd, <usize>headArg);
      return n >= 1 && n <= 4;
    }
    case 9: return readText(p, end) && headEnd + <usize>headArg == end;        // name
    case 10: return readBytes(p, end) && headArg == 32 && headEnd + 32 == end; // photo
    default: return true;
  }
}

/** Parses one disclosure content [p, p+len) into entry i; false means MALFORMED. */
function parseDisclosure(i: u32, p: usize, len: usize): bool {
  const end = p + len;
  if (!validateDocument(p, len, false)) return false;
  if (!readHead(p, end) || headMajor != 4 || headArg != 3) return false;
  if (!readBytes(headEnd, end) || headArg != 16) return false;
  if (!readHead(headEnd + 16, end) || headMajor != 0) return false;
  const key = headArg;
  const value = headEnd;
  if (skipItem(value, end, 2) != end) return false;
  if (!valueTypeOk(key, value, end)) return false;
  const e = DISCLOSURE_TABLE + <usize>i * ENTRY;
  store<u64>(e, key);
  store<u32>(e, <u32>value, 8);
  store<u32>(e, <u32>(end - value), 12);
  store<u32>(e, <u32>p, 16);
  store<u32>(e, <u32>len, 20);
  return true;
}

const DIGEST: usize = memory.data(32, 8);

function digestListed(): bool {
  // sd is sorted: binary search over at most 64 digests.
  let lo: u32 = 0, hi: u32 = claimSdCount;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = memory.compare(claimSd + <usize>mid * SD_STRIDE, DIGEST, 32);
    if (c == 0) return true;
    if (c < 0) lo = mid + 1; else hi = mid;
  }
  return false;
}

/**
 * Checks the disclosures array at p (already structure-checked in step 2: an array of n byte strings).
 * Returns OK, MALFORMED or DISCLOSURE_INVALID; on OK the table holds every disclosure.
 */
export function checkDisclosures(p: usize, end: usize, n: u32): i32 {
  disclosureCount = 0;
  if (n > MAX_DISCLOSURES) return MALFORMED;
  for (let i: u32 = 0; i < n; i++) {
    readBytes(p, end);
    const content = headEnd, len = <usize>headArg;
    if (!parseDisclosure(i, content, len)) return MALFORMED;
    const key = disclosureKey(i);
    for (let j: u32 = 0; j < i; j++) if (disclosureKey(j) == key) return MALFORMED;
    p = content + len;
  }
  disclosureCount = n;
  for (let i: u32 = 0; i < n; i++) {
    const e = DISCLOSURE_TABLE + <usize>i * ENTRY;
    sha256(<usize>load<u32>(e, 16), <usize>load<u32>(e, 20), DIGEST);
    if (!digestListed()) { disclosureCount = 0; return DISCLOSURE_INVALID; }
  }
  return OK;
}

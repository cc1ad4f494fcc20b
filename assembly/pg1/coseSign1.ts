// COSE_Sign1 as PG1 §2 and §6 place it: #6.18([protected: bstr .cbor {1: alg, 4: kid}, {}, payload: bstr,
// signature: bstr(64)]). Parsing checks the structure (step 2 of §5); the signature is verified over the
// received bytes of the Sig_structure, hashed piece by piece in place.
import { readHead, readBytes, skipItem, validateDocument, headMajor, headArg, headEnd, CBOR_FAIL } from "../encoding/cbor";
import { ed25519Begin, ed25519Absorb, ed25519Finish, ed25519FinishPrecomputed } from "../crypto/ed25519";

/** Where the last parsed COSE_Sign1 keeps its parts (addresses into the input). */
export let coseProtected: usize = 0;     // the protected bstr, head included
export let coseProtectedLen: usize = 0;
export let coseKid: usize = 0;           // 8 bytes
export let coseAlgSupported: bool = false;
export let cosePayloadItem: usize = 0;   // the payload bstr, head included
export let cosePayloadItemLen: usize = 0;
export let cosePayload: usize = 0;       // the payload's content
export let cosePayloadLen: usize = 0;
export let coseSignature: usize = 0;     // 64 bytes

/** {1: alg, 4: kid} exactly; alg is any integer (UNSUPPORTED_ALG is decided by the caller). */
function parseProtected(p: usize, len: usize): bool {
  const end = p + len;
  if (!validateDocument(p, len, false)) return false;
  if (!readHead(p, end) || headMajor != 5 || headArg != 2) return false;
  // Keys are sorted and unique (validated above), so 1 then 4 is the only possible order.
  if (!readHead(headEnd, end) || headMajor != 0 || headArg != 1) return false;
  if (!readHead(headEnd, end) || headMajor > 1) return false;
  // -19 (Ed25519) or -8 (EdDSA, meaning Ed25519 here): major 1 with arguments 18 or 7.
  coseAlgSupported = headMajor == 1 && (headArg == 18 || headArg == 7);
  if (!readHead(headEnd, end) || headMajor != 0 || headArg != 4) return false;
  if (!readBytes(headEnd, end) || headArg != 8) return false;
  coseKid = headEnd;
  return headEnd + 8 == end;
}

/**
 * Parses the tagged COSE_Sign1 at pos, an item at nesting level `level` of its document, and returns
 * the position after it, or CBOR_FAIL when its structure breaks PG1 §1 or §2 (MALFORMED). With
 * pg1Headers false only RFC 9052's structure is required (any protected map, any unprotected map):
 * the form used to check third-party COSE examples.
 */
export function parseCoseSign1(pos: usize, end: usize, level: u32, pg1Headers: bool = true): usize {
  if (!readHead(pos, end) || headMajor != 6 || headArg != 18) return CBOR_FAIL;
  const arrayAt = headEnd;
  const after = skipItem(arrayAt, end, level);   // every §1 rule, for the whole array
  if (after == CBOR_FAIL) return CBOR_FAIL;
  if (!readHead(arrayAt, after) || headMajor != 4 || headArg != 4) return CBOR_FAIL;
  const protectedAt = headEnd;
  if (!readBytes(protectedAt, after)) return CBOR_FAIL;
  const protectedContent = headEnd, protectedLen = <usize>headArg;
  coseProtected = protectedAt;
  coseProtectedLen = protectedContent + protectedLen - protectedAt;
  let p = protectedContent + protectedLen;
  if (pg1Headers) {
    if (!parseProtected(protectedContent, protectedLen)) return CBOR_FAIL;
    if (!readHead(p, after) || headMajor != 5 || headArg != 0) return CBOR_FAIL;   // unprotected: {}
    p = headEnd;
  } else {
    if (protectedLen > 0 && !validateDocument(protectedContent, protectedLen, false)) return CBOR_FAIL;
    if (!readHead(p, after) || headMajor != 5) return CBOR_FAIL;
    p = skipItem(p, after, level + 1);
    if (p == CBOR_FAIL) return CBOR_FAIL;
    coseAlgSupported = true;
  }
  if (!readBytes(p, after)) return CBOR_FAIL;
  cosePayloadItem = p;
  cosePayload = headEnd;
  cosePayloadLen = <usize>headArg;
  p = headEnd + cosePayloadLen;
  cosePayloadItemLen = p - cosePayloadItem;
  if (!readBytes(p, after) || headArg != 64) return CBOR_FAIL;
  coseSignature = headEnd;
  if (headEnd + 64 != after) return CBOR_FAIL;
  return after;
}

// ["Signature1", protected, h'', payload]: the array head and context string, then the empty
// external_aad between the two received byte strings.
const SIG_STRUCTURE_PREFIX: usize = memory.data<u8>([0x84, 0x6a, 0x53, 0x69, 0x67, 0x6e, 0x61, 0x74, 0x75, 0x72, 0x65, 0x31]);
const EMPTY_BSTR: usize = memory.data<u8>([0x40]);

/** Starts the COSE signature's verification: absorbs R, A and the Sig_structure of the last parse. */
export function absorbSigStructure(pub: usize): void {
  ed25519Begin(coseSignature, pub);
  ed25519Absorb(SIG_STRUCTURE_PREFIX, 12);
  ed25519Absorb(coseProtected, coseProtectedLen);
  ed25519Absorb(EMPTY_BSTR, 1);
  ed25519Absorb(cosePayloadItem, cosePayloadItemLen);
}

/** Verifies the last parsed COSE_Sign1 under the key pub (32 bytes) decoded as pointA (P3). */
export function coseVerify(pub: usize, pointA: usize): i32 {
  absorbSigStructure(pub);
  return ed25519Finish(coseSignature, pointA);
}

/** The same for a key with a comb table (an issuer of the trust list in force). */
export function coseVerifyPrecomputed(pub: usize, comb: usize): i32 {
  absorbSigStructure(pub);
  return ed25519FinishPrecomputed(coseSignature, comb);
}

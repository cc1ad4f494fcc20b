// Exported wrappers over the encoding layer (CBOR §1 checks, UTF-8, base45, hex) for the SDK and the
// tests. Only pointers into linear memory and integers cross the boundary. Documented for the SDK in
// sdk/core/coreExports.ts.
import { validateDocument, readInt, intValue, compareBytes } from "../encoding/cbor";
import { utf8CodePoints } from "../encoding/utf8";
import { base45Decode } from "../encoding/base45";
import { hexDecode } from "../encoding/hex";

// Result codes as in sdk/pg1/resultCodes.ts (index in RESULT_CODES).
const OK: i32 = 0;
const MALFORMED: i32 = 3;

/** 0 when [ptr, ptr+len) is exactly one PG1 §1 item (one leading tag 18 allowed iff allowTag18 ≠ 0), else 3. */
export function cborValidate(ptr: usize, len: usize, allowTag18: i32): i32 {
  return validateDocument(ptr, len, allowTag18 != 0) ? OK : MALFORMED;
}

/** 0 when [ptr, ptr+len) starts with a shortest-form integer head within i64 (value: cborIntValue()), else 3. */
export function cborReadInt(ptr: usize, len: usize): i32 {
  return readInt(ptr, ptr + len) ? OK : MALFORMED;
}

/** The integer read by the last successful cborReadInt. */
export function cborIntValue(): i64 {
  return intValue;
}

/** -1, 0 or 1: bytewise lexicographic order of two byte ranges (a proper prefix sorts first). */
export function cborCompareBytes(aPtr: usize, aLen: usize, bPtr: usize, bLen: usize): i32 {
  return compareBytes(aPtr, aLen, bPtr, bLen);
}

/** 0 when [ptr, ptr+len) is strict UTF-8, else 3. */
export function utf8Check(ptr: usize, len: usize): i32 {
  return utf8CodePoints(ptr, len) >= 0 ? OK : MALFORMED;
}

/** Code points in [ptr, ptr+len), or -1 when it is not strict UTF-8. */
export function utf8Count(ptr: usize, len: usize): i32 {
  return utf8CodePoints(ptr, len);
}

/** Strict base45 (RFC 9285) of [src, src+srcLen) into dst (dst ≤ src allowed); decoded length or -1. */
export function base45DecodeTo(src: usize, srcLen: usize, dst: usize): i32 {
  return base45Decode(src, srcLen, dst);
}

/** Hex (either case) of [src, src+srcLen) into dst (dst ≤ src allowed); decoded length or -1. */
export function hexDecodeTo(src: usize, srcLen: usize, dst: usize): i32 {
  return hexDecode(src, srcLen, dst);
}

/** A PG1 text line (§4, §9): `PG1:` + base45, otherwise hex; into dst (dst ≤ src allowed); length or -1. */
export function transportTextDecodeTo(src: usize, srcLen: usize, dst: usize): i32 {
  if (
    srcLen >= 4 &&
    load<u8>(src) == 0x50 && // 'P'
    load<u8>(src + 1) == 0x47 && // 'G'
    load<u8>(src + 2) == 0x31 && // '1'
    load<u8>(src + 3) == 0x3a // ':'
  ) {
    return base45Decode(src + 4, srcLen - 4, dst);
  }
  return hexDecode(src, srcLen, dst);
}

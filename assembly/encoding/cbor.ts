// Strict, bounded, zero-copy CBOR reader for PG1 §1 (RFC 8949 §4.2.1 core deterministic encoding,
// restricted further: no floats, no undefined, no simple values but false/true/null, no tags inside).
// Everything works on raw linear memory inside a caller-given [pos, end): no allocation, no read at or
// past end, every loop bounded by the bytes that remain. Results that do not fit a return value go to
// the module globals below; they are overwritten by the next call (skipItem calls readHead too).
import { utf8Valid } from "./utf8";

/** Returned by skipItem on any violation; never a valid position. */
export const CBOR_FAIL: usize = usize.MAX_VALUE;
/** PG1 §1: the top item is level 1, each array or map adds one; nothing may sit deeper than 16. */
export const CBOR_MAX_DEPTH: u32 = 16;
/** The only tag PG1 places (on a COSE_Sign1, §2), and only in front of a document's top item. */
export const CBOR_TAG_COSE_SIGN1: u64 = 18;

/** Major type (0–7) of the head read last by readHead. */
export let headMajor: u32 = 0;
/** Argument of that head: value, byte length or item count; for major 7 the simple value 20/21/22. */
export let headArg: u64 = 0;
/** Position right after that head (for a string: where its content starts). */
export let headEnd: usize = 0;
/** Value read last by readInt. */
export let intValue: i64 = 0;

/**
 * Parses the head at pos. Rejects truncation, non-shortest arguments, additional info 28–31
 * (reserved, indefinite length, break) and any major 7 item except false, true and null.
 */
export function readHead(pos: usize, end: usize): bool {
  if (pos >= end) return false;
  const ib = <u32>load<u8>(pos);
  const major = ib >> 5;
  const ai = ib & 31;
  let p = pos + 1;
  const avail = end - p;
  let arg: u64;
  // Each width must be needed: a value that fits the next smaller width is non-shortest.
  if (ai < 24) {
    arg = <u64>ai;
  } else if (ai == 24) {
    if (avail < 1) return false;
    arg = <u64>load<u8>(p);
    if (arg < 24) return false;
    p += 1;
  } else if (ai == 25) {
    if (avail < 2) return false;
    arg = <u64>bswap<u16>(load<u16>(p));
    if (arg <= 0xff) return false;
    p += 2;
  } else if (ai == 26) {
    if (avail < 4) return false;
    arg = <u64>bswap<u32>(load<u32>(p));
    if (arg <= 0xffff) return false;
    p += 4;
  } else if (ai == 27) {
    if (avail < 8) return false;
    arg = bswap<u64>(load<u64>(p));
    if (arg <= 0xffffffff) return false;
    p += 8;
  } else {
    return false; // 28–30 reserved; 31 indefinite length (or break) is never allowed
  }
  // Major 7: only the one-byte false (20), true (21), null (22); this also rules out floats (ai 25–27)
  // and the two-byte simple values (ai 24).
  if (major == 7 && (ai < 20 || ai > 22)) return false;
  headMajor = major;
  headArg = arg;
  headEnd = p;
  return true;
}

/** Bytewise lexicographic order, a proper prefix sorting first: the map-key order of PG1 §1. */
export function compareBytes(aPtr: usize, aLen: usize, bPtr: usize, bLen: usize): i32 {
  const n = aLen < bLen ? aLen : bLen;
  const c = memory.compare(aPtr, bPtr, n);
  if (c != 0) return c < 0 ? -1 : 1;
  return aLen < bLen ? -1 : aLen > bLen ? 1 : 0;
}

/**
 * Validates the one whole item at pos, sitting at nesting level `level` (top item = 1), and returns
 * the position after it, or CBOR_FAIL. Tags are rejected here: the only allowed tag is handled by
 * validateDocument before the top item.
 */
export function skipItem(pos: usize, end: usize, level: u32): usize {
  if (level > CBOR_MAX_DEPTH) return CBOR_FAIL;
  if (!readHead(pos, end)) return CBOR_FAIL;
  const major = headMajor;
  const arg = headArg;
  let p = headEnd;
  const remaining = <u64>(end - p);
  switch (major) {
    case 0:
    case 1:
    case 7:
      return p;
    case 2:
    case 3: {
      if (arg > remaining) return CBOR_FAIL;
      const len = <usize>arg;
      if (major == 3 && !utf8Valid(p, len)) return CBOR_FAIL;
      return p + len;
    }
    case 4: {
      // Every item takes at least one byte: a larger count cannot fit, so reject before looping.
      if (arg > remaining) return CBOR_FAIL;
      for (let i: u64 = 0; i < arg; i++) {
        p = skipItem(p, end, level + 1);
        if (p == CBOR_FAIL) return CBOR_FAIL;
      }
      return p;
    }
    case 5: {
      // Every pair takes at least two bytes.
      if (arg > remaining >> 1) return CBOR_FAIL;
      let prevKey: usize = 0;
      let prevLen: usize = 0;
      for (let i: u64 = 0; i < arg; i++) {
        const key = p;
        p = skipItem(p, end, level + 1);
        if (p == CBOR_FAIL) return CBOR_FAIL;
        const keyLen = p - key;
        // Strictly increasing encoded keys: out of order or equal (a duplicate) both fail.
        if (i > 0 && compareBytes(prevKey, prevLen, key, keyLen) >= 0) return CBOR_FAIL;
        prevKey = key;
        prevLen = keyLen;
        p = skipItem(p, end, level + 1);
        if (p == CBOR_FAIL) return CBOR_FAIL;
      }
      return p;
    }
    default:
      return CBOR_FAIL; // major 6: a tag inside an item
  }
}

/**
 * True when [ptr, ptr+len) is exactly one PG1 §1 item with no bytes after it. With allowTag18 the
 * top item may carry one tag 18 (a COSE_Sign1); no other tag is allowed anywhere. A `bstr .cbor`
 * inside is a separate document: the caller validates its content with another call.
 */
export function validateDocument(ptr: usize, len: usize, allowTag18: bool): bool {
  if (len == 0) return false;
  const end = ptr + len;
  if (end < ptr) return false;
  let p = ptr;
  if (allowTag18 && (<u32>load<u8>(p) >> 5) == 6) {
    if (!readHead(p, end) || headArg != CBOR_TAG_COSE_SIGN1) return false;
    p = headEnd;
  }
  return skipItem(p, end, 1) == end;
}

/** Head of an unsigned integer (major 0); its value is in headArg. */
export function readUint(pos: usize, end: usize): bool {
  return readHead(pos, end) && headMajor == 0;
}

/** Head of an integer (major 0 or 1) whose value fits i64; the value goes to intValue. */
export function readInt(pos: usize, end: usize): bool {
  if (!readHead(pos, end)) return false;
  if (headArg > <u64>i64.MAX_VALUE) return false;
  if (headMajor == 0) intValue = <i64>headArg;
  else if (headMajor == 1) intValue = -1 - <i64>headArg;
  else return false;
  return true;
}

/** Head of a byte string whose content fits before end: content is [headEnd, headEnd + headArg). */
export function readBytes(pos: usize, end: usize): bool {
  return readHead(pos, end) && headMajor == 2 && headArg <= <u64>(end - headEnd);
}

/** Like readBytes for a text string, whose content must also be strict UTF-8. */
export function readText(pos: usize, end: usize): bool {
  return readHead(pos, end) && headMajor == 3 && headArg <= <u64>(end - headEnd)
    && utf8Valid(headEnd, <usize>headArg);
}

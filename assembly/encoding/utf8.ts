// Strict UTF-8 validation (RFC 3629; Unicode Table 3-7 "well-formed byte sequences"): no overlong
// forms, no surrogates D800–DFFF, nothing above U+10FFFF, no truncated sequences. PG1 §1 requires
// every text string to be valid UTF-8. Reads only [ptr, ptr+len); allocates nothing.

/** Number of code points in [ptr, ptr+len), or -1 when the bytes are not strict UTF-8. */
function scan(ptr: usize, len: usize): i64 {
  let i: usize = 0;
  let count: i64 = 0;
  while (i < len) {
    const b0 = <u32>load<u8>(ptr + i);
    if (b0 < 0x80) {
      i++;
      count++;
      continue;
    }
    // The lead byte fixes the sequence length and the allowed range of the second byte; the narrowed
    // ranges are what exclude overlongs (E0, F0), surrogates (ED) and values above U+10FFFF (F4).
    let need: usize;
    let lo: u32 = 0x80;
    let hi: u32 = 0xbf;
    if (b0 < 0xc2) return -1; // a continuation byte as lead, or C0/C1 (always overlong)
    else if (b0 < 0xe0) need = 1;
    else if (b0 < 0xf0) {
      need = 2;
      if (b0 == 0xe0) lo = 0xa0;
      else if (b0 == 0xed) hi = 0x9f;
    } else if (b0 < 0xf5) {
      need = 3;
      if (b0 == 0xf0) lo = 0x90;
      else if (b0 == 0xf4) hi = 0x8f;
    } else return -1; // F5–FF never occur in UTF-8
    if (len - i - 1 < need) return -1; // truncated (i < len, so no underflow)
    const b1 = <u32>load<u8>(ptr + i + 1);
    if (b1 < lo || b1 > hi) return -1;
    for (let k: usize = 2; k <= need; k++) {
      if ((<u32>load<u8>(ptr + i + k) & 0xc0) != 0x80) return -1;
    }
    i += need + 1;
    count++;
  }
  return count;
}

/** True when [ptr, ptr+len) is strict UTF-8 (the empty string is valid). */
export function utf8Valid(ptr: usize, len: usize): bool {
  return scan(ptr, len) >= 0;
}

/** Code points in [ptr, ptr+len) (PG1 `id4` needs 1–4), or -1 when invalid (or beyond i32). */
export function utf8CodePoints(ptr: usize, len: usize): i32 {
  const n = scan(ptr, len);
  return n > <i64>i32.MAX_VALUE ? -1 : <i32>n;
}

// Hex decoding for the raw-bytes transport of the command line (PG1 §9: "hex of the raw bytes in
// either case"). Strict otherwise: odd length or any character outside 0-9a-fA-F fails.

const INVALID: u32 = 0xff;

/** Value 0–15 of a hex digit (either case), or INVALID. */
function nibble(c: u32): u32 {
  if (c - 0x30 < 10) return c - 0x30;
  const l = c | 0x20; // fold 'A'–'F' onto 'a'–'f'; other characters stay outside the range
  if (l - 0x61 < 6) return l - 0x61 + 10;
  return INVALID;
}

/**
 * Decodes [src, src+srcLen) to dst; returns the decoded length, or -1. In-place safe when dst ≤ src
 * (byte k is written after characters 2k and 2k+1 are read). On failure dst holds partial output.
 */
export function hexDecode(src: usize, srcLen: usize, dst: usize): i32 {
  if ((srcLen & 1) != 0 || srcLen > <usize>i32.MAX_VALUE) return -1;
  let i: usize = 0;
  let o: usize = 0;
  while (i < srcLen) {
    const hi = nibble(<u32>load<u8>(src + i));
    const lo = nibble(<u32>load<u8>(src + i + 1));
    if (hi == INVALID || lo == INVALID) return -1;
    store<u8>(dst + o, <u8>((hi << 4) | lo));
    i += 2;
    o += 1;
  }
  return <i32>o;
}

// Strict base45 decoding (RFC 9285), the QR transport of PG1 §4. Anything an encoder cannot produce
// is refused: characters outside the 45-character alphabet (lower case included), a length ≡ 1 mod 3,
// a 3-character group above 65535 and a final 2-character group above 255 (RFC 9285 §6).

const INVALID: u32 = 0xff;

/** Value 0–44 of each byte as a base45 character ('0'–'9', 'A'–'Z', then " $%*+-./:"), or INVALID. */
const DIGITS: usize = memory.data<u8>([
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  36, 255, 255, 255, 37, 38, 255, 255, 255, 255, 39, 40, 255, 41, 42, 43, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 44, 255, 255, 255, 255, 255,
  255, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
]);

// @ts-ignore: decorator
@inline function digit(c: u32): u32 {
  return <u32>load<u8>(DIGITS + c);
}

/**
 * Decodes [src, src+srcLen) to dst; returns the decoded length, or -1. In-place safe when dst ≤ src:
 * each group's 3 (or 2) characters are read before its 2 (or 1) bytes are written, and output
 * position 2k never passes input position 3k. On failure dst holds partial output.
 */
export function base45Decode(src: usize, srcLen: usize, dst: usize): i32 {
  if (srcLen % 3 == 1 || srcLen > <usize>i32.MAX_VALUE) return -1;
  const full = srcLen - srcLen % 3;
  let i: usize = 0;
  let o: usize = 0;
  while (i < full) {
    const c = digit(<u32>load<u8>(src + i));
    const d = digit(<u32>load<u8>(src + i + 1));
    const e = digit(<u32>load<u8>(src + i + 2));
    if (c == INVALID || d == INVALID || e == INVALID) return -1;
    const n = c + d * 45 + e * 2025;
    if (n > 0xffff) return -1;
    store<u8>(dst + o, <u8>(n >> 8));
    store<u8>(dst + o + 1, <u8>n);
    i += 3;
    o += 2;
  }
  if (i < srcLen) {
    const c = digit(<u32>load<u8>(src + i));
    const d = digit(<u32>load<u8>(src + i + 1));
    if (c == INVALID || d == INVALID) return -1;
    const n = c + d * 45;
    if (n > 0xff) return -1;
    store<u8>(dst + o, <u8>n);
    o += 1;
  }
  return <i32>o;
}

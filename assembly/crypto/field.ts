// Arithmetic in GF(2^255 - 19). An element is 10 signed 32-bit limbs at a 40-byte address, radix
// 2^25.5 (limb i weighs 2^ceil(25.5 i); even limbs hold 26 bits, odd limbs 25), as in the ref10
// reference code: products fit in 64-bit integers, which WebAssembly multiplies natively.
// Addition and subtraction do not carry; the point formulas in point.ts keep every input of
// mul/sq within the bounds (|limb| < 1.65 * 2^26 or 2^25) for which the 64-bit sums cannot overflow.
// Verification handles public data only, so the code is variable-time where that is faster.
import { FE_SQRTM1 } from "./curveConstants";

export const FE_SIZE: usize = 40;

/**
 * Carries the 64-bit limb sums of a product into 26/25-bit limbs (reducing the top carry by 19) and
 * stores them at h: the common tail of multiplication and squaring.
 */
// @ts-ignore: decorator
@inline function carryStore(
  h: usize, h0: i64, h1: i64, h2: i64, h3: i64, h4: i64, h5: i64, h6: i64, h7: i64, h8: i64, h9: i64,
): void {
  let c: i64;
  c = (h0 + (1 << 25)) >> 26; h1 += c; h0 -= c << 26;
  c = (h4 + (1 << 25)) >> 26; h5 += c; h4 -= c << 26;
  c = (h1 + (1 << 24)) >> 25; h2 += c; h1 -= c << 25;
  c = (h5 + (1 << 24)) >> 25; h6 += c; h5 -= c << 25;
  c = (h2 + (1 << 25)) >> 26; h3 += c; h2 -= c << 26;
  c = (h6 + (1 << 25)) >> 26; h7 += c; h6 -= c << 26;
  c = (h3 + (1 << 24)) >> 25; h4 += c; h3 -= c << 25;
  c = (h7 + (1 << 24)) >> 25; h8 += c; h7 -= c << 25;
  c = (h4 + (1 << 25)) >> 26; h5 += c; h4 -= c << 26;
  c = (h8 + (1 << 25)) >> 26; h9 += c; h8 -= c << 26;
  c = (h9 + (1 << 24)) >> 25; h0 += c * 19; h9 -= c << 25;
  c = (h0 + (1 << 25)) >> 26; h1 += c; h0 -= c << 26;
  store<i32>(h, <i32>h0); store<i32>(h, <i32>h1, 4); store<i32>(h, <i32>h2, 8); store<i32>(h, <i32>h3, 12);
  store<i32>(h, <i32>h4, 16); store<i32>(h, <i32>h5, 20); store<i32>(h, <i32>h6, 24); store<i32>(h, <i32>h7, 28);
  store<i32>(h, <i32>h8, 32); store<i32>(h, <i32>h9, 36);
}

/** h = f * g */
export function feMul(h: usize, f: usize, g: usize): void {
  const f0 = <i64>load<i32>(f), f1 = <i64>load<i32>(f, 4), f2 = <i64>load<i32>(f, 8), f3 = <i64>load<i32>(f, 12), f4 = <i64>load<i32>(f, 16);
  const f5 = <i64>load<i32>(f, 20), f6 = <i64>load<i32>(f, 24), f7 = <i64>load<i32>(f, 28), f8 = <i64>load<i32>(f, 32), f9 = <i64>load<i32>(f, 36);
  const g0 = <i64>load<i32>(g), g1 = <i64>load<i32>(g, 4), g2 = <i64>load<i32>(g, 8), g3 = <i64>load<i32>(g, 12), g4 = <i64>load<i32>(g, 16);
  const g5 = <i64>load<i32>(g, 20), g6 = <i64>load<i32>(g, 24), g7 = <i64>load<i32>(g, 28), g8 = <i64>load<i32>(g, 32), g9 = <i64>load<i32>(g, 36);
  const g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4, g5_19 = 19 * g5;
  const g6_19 = 19 * g6, g7_19 = 19 * g7, g8_19 = 19 * g8, g9_19 = 19 * g9;
  const f1_2 = 2 * f1, f3_2 = 2 * f3, f5_2 = 2 * f5, f7_2 = 2 * f7, f9_2 = 2 * f9;
  let h0 = f0 * g0 + f1_2 * g9_19 + f2 * g8_19 + f3_2 * g7_19 + f4 * g6_19 + f5_2 * g5_19 + f6 * g4_19 + f7_2 * g3_19 + f8 * g2_19 + f9_2 * g1_19;
  let h1 = f0 * g1 + f1 * g0 + f2 * g9_19 + f3 * g8_19 + f4 * g7_19 + f5 * g6_19 + f6 * g5_19 + f7 * g4_19 + f8 * g3_19 + f9 * g2_19;
  let h2 = f0 * g2 + f1_2 * g1 + f2 * g0 + f3_2 * g9_19 + f4 * g8_19 + f5_2 * g7_19 + f6 * g6_19 + f7_2 * g5_19 + f8 * g4_19 + f9_2 * g3_19;
  let h3 = f0 * g3 + f1 * g2 + f2 * g1 + f3 * g0 + f4 * g9_19 + f5 * g8_19 + f6 * g7_19 + f7 * g6_19 + f8 * g5_19 + f9 * g4_19;
  let h4 = f0 * g4 + f1_2 * g3 + f2 * g2 + f3_2 * g1 + f4 * g0 + f5_2 * g9_19 + f6 * g8_19 + f7_2 * g7_19 + f8 * g6_19 + f9_2 * g5_19;
  let h5 = f0 * g5 + f1 * g4 + f2 * g3 + f3 * g2 + f4 * g1 + f5 * g0 + f6 * g9_19 + f7 * g8_19 + f8 * g7_19 + f9 * g6_19;
  let h6 = f0 * g6 + f1_2 * g5 + f2 * g4 + f3_2 * g3 + f4 * g2 + f5_2 * g1 + f6 * g0 + f7_2 * g9_19 + f8 * g8_19 + f9_2 * g7_19;
  let h7 = f0 * g7 + f1 * g6 + f2 * g5 + f3 * g4 + f4 * g3 + f5 * g2 + f6 * g1 + f7 * g0 + f8 * g9_19 + f9 * g8_19;
  let h8 = f0 * g8 + f1_2 * g7 + f2 * g6 + f3_2 * g5 + f4 * g4 + f5_2 * g3 + f6 * g2 + f7_2 * g1 + f8 * g0 + f9_2 * g9_19;
  let h9 = f0 * g9 + f1 * g8 + f2 * g7 + f3 * g6 + f4 * g5 + f5 * g4 + f6 * g3 + f7 * g2 + f8 * g1 + f9 * g0;
  carryStore(h, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9);
}

/** h = f^2, or 2 f^2 when double (the doubling formula needs 2 Z^2). */
function feSquare(h: usize, f: usize, double: bool): void {
  const f0 = <i64>load<i32>(f), f1 = <i64>load<i32>(f, 4), f2 = <i64>load<i32>(f, 8), f3 = <i64>load<i32>(f, 12), f4 = <i64>load<i32>(f, 16);
  const f5 = <i64>load<i32>(f, 20), f6 = <i64>load<i32>(f, 24), f7 = <i64>load<i32>(f, 28), f8 = <i64>load<i32>(f, 32), f9 = <i64>load<i32>(f, 36);
  const f0_2 = 2 * f0, f1_2 = 2 * f1, f2_2 = 2 * f2, f3_2 = 2 * f3, f4_2 = 2 * f4, f5_2 = 2 * f5, f6_2 = 2 * f6, f7_2 = 2 * f7;
  const f5_38 = 38 * f5, f6_19 = 19 * f6, f7_38 = 38 * f7, f8_19 = 19 * f8, f9_38 = 38 * f9;
  let h0 = f0 * f0 + f1_2 * f9_38 + f2_2 * f8_19 + f3_2 * f7_38 + f4_2 * f6_19 + f5 * f5_38;
  let h1 = f0_2 * f1 + f2 * f9_38 + f3_2 * f8_19 + f4 * f7_38 + f5_2 * f6_19;
  let h2 = f0_2 * f2 + f1_2 * f1 + f3_2 * f9_38 + f4_2 * f8_19 + f5_2 * f7_38 + f6 * f6_19;
  let h3 = f0_2 * f3 + f1_2 * f2 + f4 * f9_38 + f5_2 * f8_19 + f6 * f7_38;
  let h4 = f0_2 * f4 + f1_2 * f3_2 + f2 * f2 + f5_2 * f9_38 + f6_2 * f8_19 + f7 * f7_38;
  let h5 = f0_2 * f5 + f1_2 * f4 + f2_2 * f3 + f6 * f9_38 + f7_2 * f8_19;
  let h6 = f0_2 * f6 + f1_2 * f5_2 + f2_2 * f4 + f3_2 * f3 + f7_2 * f9_38 + f8 * f8_19;
  let h7 = f0_2 * f7 + f1_2 * f6 + f2_2 * f5 + f3_2 * f4 + f8 * f9_38;
  let h8 = f0_2 * f8 + f1_2 * f7_2 + f2_2 * f6 + f3_2 * f5_2 + f4 * f4 + f9 * f9_38;
  let h9 = f0_2 * f9 + f1_2 * f8 + f2_2 * f7 + f3_2 * f6 + f4_2 * f5;
  if (double) { h0 += h0; h1 += h1; h2 += h2; h3 += h3; h4 += h4; h5 += h5; h6 += h6; h7 += h7; h8 += h8; h9 += h9; }
  carryStore(h, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9);
}

/** h = f^2 */
export function feSq(h: usize, f: usize): void { feSquare(h, f, false); }

/** h = 2 f^2 */
export function feSq2(h: usize, f: usize): void { feSquare(h, f, true); }

/** h = f^(2^n) for n >= 1 */
export function feSqN(h: usize, f: usize, n: i32): void {
  feSq(h, f);
  for (let i = 1; i < n; i++) feSq(h, h);
}

/** h = f + g (no carry) */
// @ts-ignore: decorator
@inline export function feAdd(h: usize, f: usize, g: usize): void {
  for (let i: usize = 0; i < 40; i += 4) store<i32>(h + i, load<i32>(f + i) + load<i32>(g + i));
}

/** h = f - g (no carry) */
// @ts-ignore: decorator
@inline export function feSub(h: usize, f: usize, g: usize): void {
  for (let i: usize = 0; i < 40; i += 4) store<i32>(h + i, load<i32>(f + i) - load<i32>(g + i));
}

/** h = -f */
export function feNeg(h: usize, f: usize): void {
  for (let i: usize = 0; i < 40; i += 4) store<i32>(h + i, -load<i32>(f + i));
}

export function feCopy(h: usize, f: usize): void { memory.copy(h, f, 40); }
export function feZero(h: usize): void { memory.fill(h, 0, 40); }
export function feOne(h: usize): void { memory.fill(h, 0, 40); store<i32>(h, 1); }

const LIMB_OFFSET: usize = memory.data<u8>([0, 26, 51, 77, 102, 128, 153, 179, 204, 230]);

/** Loads 32 little-endian bytes, ignoring bit 255 (callers check canonical encodings first). */
export function feFromBytes(h: usize, s: usize): void {
  const w0 = load<u64>(s), w1 = load<u64>(s, 8), w2 = load<u64>(s, 16), w3 = load<u64>(s, 24) & 0x7fffffffffffffff;
  for (let i: usize = 0; i < 10; i++) {
    const off = <u64>load<u8>(LIMB_OFFSET + i);
    const width: u64 = (i & 1) ? 25 : 26;
    const word = off >> 6, shift = off & 63;
    let lo: u64 = word == 0 ? w0 : word == 1 ? w1 : word == 2 ? w2 : w3;
    let v = lo >> shift;
    if (shift + width > 64) {
      const hi: u64 = word == 0 ? w1 : word == 1 ? w2 : w3;
      v |= hi << (64 - shift);
    }
    store<i32>(h + (i << 2), <i32>(v & ((<u64>1 << width) - 1)));
  }
}

/** Writes the canonical (fully reduced, < p) 32-byte little-endian encoding of f. */
export function feToBytes(s: usize, f: usize): void {
  let h0 = <i64>load<i32>(f), h1 = <i64>load<i32>(f, 4), h2 = <i64>load<i32>(f, 8), h3 = <i64>load<i32>(f, 12);
  let h4 = <i64>load<i32>(f, 16), h5 = <i64>load<i32>(f, 20), h6 = <i64>load<i32>(f, 24), h7 = <i64>load<i32>(f, 28);
  let h8 = <i64>load<i32>(f, 32), h9 = <i64>load<i32>(f, 36);
  let c: i64;
  // Bring every limb within its width (carries rounded towards zero-centred limbs).
  for (let round = 0; round < 2; round++) {
    c = h0 >> 26; h1 += c; h0 -= c << 26;
    c = h1 >> 25; h2 += c; h1 -= c << 25;
    c = h2 >> 26; h3 += c; h2 -= c << 26;
    c = h3 >> 25; h4 += c; h3 -= c << 25;
    c = h4 >> 26; h5 += c; h4 -= c << 26;
    c = h5 >> 25; h6 += c; h5 -= c << 25;
    c = h6 >> 26; h7 += c; h6 -= c << 26;
    c = h7 >> 25; h8 += c; h7 -= c << 25;
    c = h8 >> 26; h9 += c; h8 -= c << 26;
    c = h9 >> 25; h0 += c * 19; h9 -= c << 25;
  }
  // Now 0 <= h < 2^255 + small: q = 1 iff h >= p.
  let q = (h0 + 19) >> 26;
  q = (h1 + q) >> 25; q = (h2 + q) >> 26; q = (h3 + q) >> 25; q = (h4 + q) >> 26;
  q = (h5 + q) >> 25; q = (h6 + q) >> 26; q = (h7 + q) >> 25; q = (h8 + q) >> 26; q = (h9 + q) >> 25;
  h0 += 19 * q;
  c = h0 >> 26; h1 += c; h0 -= c << 26;
  c = h1 >> 25; h2 += c; h1 -= c << 25;
  c = h2 >> 26; h3 += c; h2 -= c << 26;
  c = h3 >> 25; h4 += c; h3 -= c << 25;
  c = h4 >> 26; h5 += c; h4 -= c << 26;
  c = h5 >> 25; h6 += c; h5 -= c << 25;
  c = h6 >> 26; h7 += c; h6 -= c << 26;
  c = h7 >> 25; h8 += c; h7 -= c << 25;
  c = h8 >> 26; h9 += c; h8 -= c << 26;
  c = h9 >> 25; h9 -= c << 25;
  const u0 = <u64>h0, u1 = <u64>h1, u2 = <u64>h2, u3 = <u64>h3, u4 = <u64>h4;
  const u5 = <u64>h5, u6 = <u64>h6, u7 = <u64>h7, u8 = <u64>h8, u9 = <u64>h9;
  store<u64>(s, u0 | (u1 << 26) | (u2 << 51));
  store<u64>(s, (u2 >> 13) | (u3 << 13) | (u4 << 38), 8);
  store<u64>(s, u5 | (u6 << 25) | (u7 << 51), 16);
  store<u64>(s, (u7 >> 13) | (u8 << 12) | (u9 << 38), 24);
}

const BYTES: usize = memory.data(32, 8);

export function feIsZero(f: usize): bool {
  feToBytes(BYTES, f);
  return (load<u64>(BYTES) | load<u64>(BYTES, 8) | load<u64>(BYTES, 16) | load<u64>(BYTES, 24)) == 0;
}

/** The "sign" of f: the low bit of its canonical encoding. */
export function feIsNegative(f: usize): bool {
  feToBytes(BYTES, f);
  return (load<u8>(BYTES) & 1) != 0;
}

/** True iff f == g (mod p). */
const DIFF: usize = memory.data(40, 8);
export function feEqual(f: usize, g: usize): bool {
  feSub(DIFF, f, g);
  return feIsZero(DIFF);
}

const T0: usize = memory.data(40, 8);
const T1: usize = memory.data(40, 8);
const T2: usize = memory.data(40, 8);
const T3: usize = memory.data(40, 8);

/** h = z^(p-2) = 1/z (0 for z = 0). Addition chain of ref10. */
export function feInvert(h: usize, z: usize): void {
  feSq(T0, z);
  feSqN(T1, T0, 2);
  feMul(T1, z, T1);
  feMul(T0, T0, T1);
  feSq(T2, T0);
  feMul(T1, T1, T2);        // z^(2^5 - 1)
  feSqN(T2, T1, 5);
  feMul(T1, T2, T1);        // z^(2^10 - 1)
  feSqN(T2, T1, 10);
  feMul(T2, T2, T1);        // z^(2^20 - 1)
  feSqN(T3, T2, 20);
  feMul(T2, T3, T2);        // z^(2^40 - 1)
  feSqN(T2, T2, 10);
  feMul(T1, T2, T1);        // z^(2^50 - 1)
  feSqN(T2, T1, 50);
  feMul(T2, T2, T1);        // z^(2^100 - 1)
  feSqN(T3, T2, 100);
  feMul(T2, T3, T2);        // z^(2^200 - 1)
  feSqN(T2, T2, 50);
  feMul(T1, T2, T1);        // z^(2^250 - 1)
  feSqN(T1, T1, 5);
  feMul(h, T1, T0);         // z^(2^255 - 21)
}

/** h = z^((p-5)/8) = z^(2^252 - 3), the core of the square-root computation. */
export function fePow22523(h: usize, z: usize): void {
  feSq(T0, z);
  feSqN(T1, T0, 2);
  feMul(T1, z, T1);
  feMul(T0, T0, T1);
  feSq(T0, T0);
  feMul(T0, T1, T0);        // z^(2^5 - 1)
  feSqN(T1, T0, 5);
  feMul(T0, T1, T0);        // z^(2^10 - 1)
  feSqN(T1, T0, 10);
  feMul(T1, T1, T0);        // z^(2^20 - 1)
  feSqN(T2, T1, 20);
  feMul(T1, T2, T1);        // z^(2^40 - 1)
  feSqN(T1, T1, 10);
  feMul(T0, T1, T0);        // z^(2^50 - 1)
  feSqN(T1, T0, 50);
  feMul(T1, T1, T0);        // z^(2^100 - 1)
  feSqN(T2, T1, 100);
  feMul(T1, T2, T1);        // z^(2^200 - 1)
  feSqN(T1, T1, 50);
  feMul(T0, T1, T0);        // z^(2^250 - 1)
  feSqN(T0, T0, 2);
  feMul(h, T0, z);          // z^(2^252 - 3)
}

const U3: usize = memory.data(40, 8);
const U7: usize = memory.data(40, 8);
const CHECK: usize = memory.data(40, 8);

/**
 * The first half of feSqrtRatio: the candidate x = u v^3 (u v^7)^((p-5)/8) and check = v x^2 (a
 * root of u / v exists iff check = u or check = -u). SIMD builds compute two at once (fieldSimd.ts).
 */
export function feSqrtRatioCandidate(x: usize, check: usize, u: usize, v: usize): void {
  feSq(U3, v);
  feMul(U3, U3, v);         // v^3
  feSq(U7, U3);
  feMul(U7, U7, v);
  feMul(U7, U7, u);         // u v^7
  fePow22523(x, U7);
  feMul(x, x, U3);
  feMul(x, x, u);           // u v^3 (u v^7)^((p-5)/8)
  feSq(check, x);
  feMul(check, check, v);   // v x^2
}

/** The second half of feSqrtRatio: true when x (or x sqrt(-1), then put in x) is a root. */
export function feSqrtRatioFix(x: usize, check: usize, u: usize): bool {
  if (feEqual(check, u)) return true;
  feNeg(U7, u);
  if (feEqual(check, U7)) { feMul(x, x, FE_SQRTM1); return true; }
  return false;
}

/**
 * x = sqrt(u / v) when it exists (RFC 8032 §5.1.3 step 2-3): returns false when u/v is not a square.
 * The root returned is either one; callers fix the sign.
 */
export function feSqrtRatio(x: usize, u: usize, v: usize): bool {
  feSqrtRatioCandidate(x, CHECK, u, v);
  return feSqrtRatioFix(x, CHECK, u);
}

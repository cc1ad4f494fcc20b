// Scalars modulo the group order L = 2^252 + 27742317777372353535851937790883648493.

/** L as four little-endian 64-bit words. */
const L0: u64 = 0x5812631a5cf5d3ed;
const L1: u64 = 0x14def9dea2f79cd6;
const L2: u64 = 0x0000000000000000;
const L3: u64 = 0x1000000000000000;

/** True iff the 32-byte little-endian integer at s is < L (RFC 8032 §5.1.7: reject S >= L). */
export function scalarIsCanonical(s: usize): bool {
  const w3 = load<u64>(s, 24), w2 = load<u64>(s, 16), w1 = load<u64>(s, 8), w0 = load<u64>(s);
  if (w3 != L3) return w3 < L3;
  if (w2 != L2) return w2 < L2;
  if (w1 != L1) return w1 < L1;
  return w0 < L0;
}

// 24 signed limbs of 21 bits for the reduction below.
const S: usize = memory.data(24 * 8, 8);

// @ts-ignore: decorator
@inline function limb(i: usize): i64 { return load<i64>(S + (i << 3)); }
// @ts-ignore: decorator
@inline function setLimb(i: usize, v: i64): void { store<i64>(S + (i << 3), v); }

/** Folds limb i (weight 2^(21 i), i >= 12) into limbs i-12 .. i-7, using 2^252 = -(L - 2^252) mod L. */
function eliminate(i: usize): void {
  const v = limb(i);
  setLimb(i - 12, limb(i - 12) + v * 666643);
  setLimb(i - 11, limb(i - 11) + v * 470296);
  setLimb(i - 10, limb(i - 10) + v * 654183);
  setLimb(i - 9, limb(i - 9) - v * 997805);
  setLimb(i - 8, limb(i - 8) + v * 136657);
  setLimb(i - 7, limb(i - 7) - v * 683901);
  setLimb(i, 0);
}

/** Carries limbs from..to (inclusive) into their successors, rounding to centred limbs. */
function carryRounded(from: usize, to: usize): void {
  for (let i = from; i <= to; i++) {
    const c = (limb(i) + (1 << 20)) >> 21;
    setLimb(i + 1, limb(i + 1) + c);
    setLimb(i, limb(i) - (c << 21));
  }
}

/** Carries limbs from..to (inclusive) into their successors, leaving them in [0, 2^21). */
function carryFloor(from: usize, to: usize): void {
  for (let i = from; i <= to; i++) {
    const c = limb(i) >> 21;
    setLimb(i + 1, limb(i + 1) + c);
    setLimb(i, limb(i) - (c << 21));
  }
}

/**
 * out = (64-byte little-endian integer at s) mod L, as 32 bytes. The order of eliminations and
 * carries is that of ref10's sc_reduce, which keeps every intermediate within 64 bits.
 */
export function scalarReduce64(out: usize, s: usize): void {
  for (let i: usize = 0; i < 24; i++) {
    const bit = i * 21, byte = bit >> 3, shift = bit & 7;
    // A 21-bit limb spans at most 4 bytes; the last one (bits 483..511) has 29 bits.
    let v: u64 = 0;
    for (let k: usize = 0; k < 5 && byte + k < 64; k++) v |= (<u64>load<u8>(s + byte + k)) << (k << 3);
    v >>= shift;
    setLimb(i, i == 23 ? <i64>(v & 0x1fffffff) : <i64>(v & 0x1fffff));
  }
  for (let i: usize = 23; i >= 18; i--) eliminate(i);
  carryRounded(6, 16);
  for (let i: usize = 17; i >= 12; i--) eliminate(i);
  carryRounded(0, 11);
  eliminate(12);
  carryFloor(0, 11);
  eliminate(12);
  carryFloor(0, 10);
  // Pack 12 limbs of 21 bits (252 bits; the result is < L < 2^253).
  let acc: u64 = 0, accBits: u32 = 0;
  let o = out;
  for (let i: usize = 0; i < 12; i++) {
    acc |= (<u64>limb(i)) << accBits;
    accBits += 21;
    while (accBits >= 8) { store<u8>(o++, <u8>acc); acc >>= 8; accBits -= 8; }
  }
  while (o < out + 32) { store<u8>(o++, <u8>acc); acc >>= 8; }
}

/**
 * Width-w non-adjacent form of the 32-byte scalar at s (s < 2^253), written as 256 signed digits
 * (i8) at out: every non-zero digit is odd, |digit| < 2^(w-1), and non-zero digits are at least w
 * positions apart.
 */
export function scalarWnaf(out: usize, s: usize, w: u32): void {
  memory.fill(out, 0, 256);
  let carry: u32 = 0;
  let bit: u32 = 0;
  while (bit < 256) {
    if (bitAt(s, bit) == carry) { bit++; continue; }
    const word = bitsAt(s, bit, w) + carry;
    carry = (word >> (w - 1)) & 1;
    const digit = <i32>word - <i32>(carry << w);
    store<i8>(out + bit, <i8>digit);
    bit += w;
  }
}

// @ts-ignore: decorator
@inline function bitAt(s: usize, i: u32): u32 {
  return (<u32>load<u8>(s + (i >> 3)) >> (i & 7)) & 1;
}

/** w (<= 24) bits of s starting at bit i; bits at 256 and above read as 0. */
function bitsAt(s: usize, i: u32, w: u32): u32 {
  let v: u32 = 0;
  for (let k: u32 = 0; k < w; k++) {
    const b = i + k;
    if (b < 256) v |= bitAt(s, b) << k;
  }
  return v;
}

const PRODUCT: usize = memory.data(64, 8);

/** out = a * b mod L for 32-byte little-endian a, b (any values below 2^256). */
export function scalarMul(out: usize, a: usize, b: usize): void {
  memory.fill(PRODUCT, 0, 64);
  for (let i: usize = 0; i < 8; i++) {
    const ai = <u64>load<u32>(a + (i << 2));
    if (ai == 0) continue;
    let carry: u64 = 0;
    for (let j: usize = 0; j < 8; j++) {
      const at = PRODUCT + ((i + j) << 2);
      const t = ai * <u64>load<u32>(b + (j << 2)) + <u64>load<u32>(at) + carry;
      store<u32>(at, <u32>t);
      carry = t >> 32;
    }
    store<u32>(PRODUCT + ((i + 8) << 2), <u32>carry);
  }
  scalarReduce64(out, PRODUCT);
}

/** out = -a mod L for a < L. */
export function scalarNegate(out: usize, a: usize): void {
  const a0 = load<u64>(a), a1 = load<u64>(a, 8), a2 = load<u64>(a, 16), a3 = load<u64>(a, 24);
  if ((a0 | a1 | a2 | a3) == 0) { memory.fill(out, 0, 32); return; }
  let borrow: u64 = 0;
  const d0 = L0 - a0; borrow = L0 < a0 ? 1 : 0;
  const d1 = L1 - a1 - borrow; borrow = (L1 < a1 || (L1 == a1 && borrow != 0)) ? 1 : 0;
  const d2 = L2 - a2 - borrow; borrow = (L2 < a2 || (L2 == a2 && borrow != 0)) ? 1 : 0;
  const d3 = L3 - a3 - borrow;
  store<u64>(out, d0); store<u64>(out, d1, 8); store<u64>(out, d2, 16); store<u64>(out, d3, 24);
}

/** out = a + b mod L for a, b < L. */
export function scalarAdd(out: usize, a: usize, b: usize): void {
  let carry: u64 = 0;
  for (let i: usize = 0; i < 32; i += 8) {
    const x = load<u64>(a + i), y = load<u64>(b + i);
    const s = x + y;
    const c1: u64 = s < x ? 1 : 0;
    const t = s + carry;
    const c2: u64 = t < s ? 1 : 0;
    store<u64>(out + i, t);
    carry = c1 | c2;
  }
  // a + b < 2L < 2^254: no carry out; subtract L once if needed.
  if (!scalarIsCanonical(out)) {
    let borrow: u64 = 0;
    const l0 = L0, l1 = L1, l2 = L2, l3 = L3;
    const w0 = load<u64>(out), w1 = load<u64>(out, 8), w2 = load<u64>(out, 16), w3 = load<u64>(out, 24);
    const d0 = w0 - l0; borrow = w0 < l0 ? 1 : 0;
    const d1 = w1 - l1 - borrow; borrow = (w1 < l1 || (w1 == l1 && borrow != 0)) ? 1 : 0;
    const d2 = w2 - l2 - borrow; borrow = (w2 < l2 || (w2 == l2 && borrow != 0)) ? 1 : 0;
    const d3 = w3 - l3 - borrow;
    store<u64>(out, d0); store<u64>(out, d1, 8); store<u64>(out, d2, 16); store<u64>(out, d3, 24);
  }
}

// Scalar size halving for verification (T. Pornin, "Optimized lattice basis reduction in dimension 2,
// and fast Schnorr and EdDSA signature verification", 2020; here by the half extended Euclidean
// algorithm): given k mod L, find c0 in [0, 2^126) and c1 with 0 < |c1| < 2^127 and
// c0 = c1 k (mod L). The verification equation multiplied by c1 then needs half the doublings.
// Numbers are 256-bit, four little-endian u64 words; t values are two's complement.

const R0: usize = memory.data(32, 8);
const R1: usize = memory.data(32, 8);
const T0: usize = memory.data(32, 8);
const T1: usize = memory.data(32, 8);

const L_WORDS: usize = memory.data<u64>([0x5812631a5cf5d3ed, 0x14def9dea2f79cd6, 0, 0x1000000000000000], 8);

function bitLength(a: usize): i32 {
  for (let i = 3; i >= 0; i--) {
    const w = load<u64>(a + (<usize>i << 3));
    if (w != 0) return (i << 6) + 64 - <i32>clz<u64>(w);
  }
  return 0;
}

const SHIFTED_R: usize = memory.data(32, 8);
const SHIFTED_T: usize = memory.data(32, 8);

/** out = a << s for 0 <= s < 256 (bits shifted past 256 are dropped). */
function shiftLeft(out: usize, a: usize, s: i32): void {
  const words = s >> 6, bits = <u64>(s & 63);
  for (let i = 3; i >= 0; i--) {
    const src = i - words;
    let v: u64 = 0;
    if (src >= 0) {
      v = load<u64>(a + (<usize>src << 3)) << bits;
      if (bits != 0 && src >= 1) v |= load<u64>(a + (<usize>(src - 1) << 3)) >> (64 - bits);
    }
    store<u64>(out + (<usize>i << 3), v);
  }
}

/** a >= b, unsigned. */
function greaterOrEqual(a: usize, b: usize): bool {
  for (let i = 3; i >= 0; i--) {
    const x = load<u64>(a + (<usize>i << 3)), y = load<u64>(b + (<usize>i << 3));
    if (x != y) return x > y;
  }
  return true;
}

/** The 63 bits of a from bit `shift` up (0 <= shift < 256; bits beyond 255 read as 0). */
function window63(a: usize, shift: i32): u64 {
  const word = shift >> 6, bits = <u64>(shift & 63);
  let v = load<u64>(a + (<usize>word << 3)) >> bits;
  if (bits != 0 && word < 3) v |= load<u64>(a + (<usize>(word + 1) << 3)) << (64 - bits);
  return v & 0x7fffffffffffffff;
}

/** a -= q b (mod 2^256) for q < 2^32, on 32-bit words. */
function mulSub(a: usize, b: usize, q: u64): void {
  let borrow: u64 = 0;
  for (let i: usize = 0; i < 32; i += 4) {
    const p = q * <u64>load<u32>(b + i) + borrow;
    const x = load<u32>(a + i), lo = <u32>p;
    borrow = (p >> 32) + (x < lo ? 1 : 0);
    store<u32>(a + i, x - lo);
  }
}

/** a -= b (mod 2^256). */
function subInPlace(a: usize, b: usize): void {
  let borrow: u64 = 0;
  for (let i: usize = 0; i < 32; i += 8) {
    const x = load<u64>(a + i), y = load<u64>(b + i);
    const d = x - y - borrow;
    borrow = (x < y || (x == y && borrow != 0)) ? 1 : 0;
    store<u64>(a + i, d);
  }
}

function swap(a: usize, b: usize): void {
  for (let i: usize = 0; i < 32; i += 8) {
    const x = load<u64>(a + i);
    store<u64>(a + i, load<u64>(b + i));
    store<u64>(b + i, x);
  }
}

/**
 * Writes c0 (32 bytes, non-negative) and |c1| (32 bytes) for the 32-byte scalar k < L, and returns
 * whether c1 is negative.
 */
export function halveScalar(c0: usize, c1Abs: usize, k: usize): bool {
  memory.copy(R0, L_WORDS, 32);
  memory.copy(R1, k, 32);
  memory.fill(T0, 0, 32);
  memory.fill(T1, 0, 32);
  store<u64>(T1, 1);
  // Invariant: r_i = t_i k (mod L). Stop at the first remainder below 2^126; then
  // |t1| <= L / r0 < 2^253 / 2^126.
  while (bitLength(R1) > 126) {
    // r0 = r0 mod r1, t0 -= q t1 alongside, q in parts of up to 32 bits: each part is the quotient
    // of r0's top 63 bits by (r1's bits at the same place) + 1, which never exceeds r0 / r1, so r0
    // stays >= 0 and the remainder is the one of an exact division.
    // When r1 is more than 31 bits shorter than r0, the part is q 2^j with r1 2^j 31 bits shorter.
    while (greaterOrEqual(R0, R1)) {
      const n0 = bitLength(R0), n1 = bitLength(R1);
      const shift = n0 > 63 ? n0 - 63 : 0, j = n0 - n1 > 31 ? n0 - n1 - 31 : 0;
      let r1 = R1, t1 = T1;
      if (j > 0) {
        shiftLeft(SHIFTED_R, R1, j);
        shiftLeft(SHIFTED_T, T1, j);
        r1 = SHIFTED_R;
        t1 = SHIFTED_T;
      }
      let q = window63(R0, shift) / (window63(r1, shift) + 1);
      if (q == 0) q = 1;
      if (q > 0xffffffff) q = 0xffffffff;
      mulSub(R0, r1, q);
      mulSub(T0, t1, q);
    }
    swap(R0, R1);
    swap(T0, T1);
  }
  memory.copy(c0, R1, 32);
  const negative = (load<u64>(T1, 24) >> 63) != 0;
  if (negative) {
    memory.fill(c1Abs, 0, 32);
    subInPlace(c1Abs, T1);
  } else {
    memory.copy(c1Abs, T1, 32);
  }
  return negative;
}

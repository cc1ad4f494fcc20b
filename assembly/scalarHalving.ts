// Scalar size halving for verification (T. Pornin, "Optimized lattice basis reduction in dimension 2,
// and fast Schnorr and EdDSA signature verification", 2020; here by the half extended Euclidean
// algorithm): given k mod L, find c0 in [0, 2^126) and c1 with 0 < |c1| < 2^127 and
// c0 = c1 k (mod L). The verification equation multiplied by c1 then needs half the doublings.
// Numbers are 256-bit, four little-endian u64 words; t values are two's complement.

const R0: usize = memory.data(32, 8);
const R1: usize = memory.data(32, 8);
const T0: usize = memory.data(32, 8);
const T1: usize = memory.data(32, 8);
const SHIFTED_R: usize = memory.data(32, 8);
const SHIFTED_T: usize = memory.data(32, 8);

const L_WORDS: usize = memory.data<u64>([0x5812631a5cf5d3ed, 0x14def9dea2f79cd6, 0, 0x1000000000000000], 8);

function bitLength(a: usize): i32 {
  for (let i = 3; i >= 0; i--) {
    const w = load<u64>(a + (<usize>i << 3));
    if (w != 0) return (i << 6) + 64 - <i32>clz<u64>(w);
  }
  return 0;
}

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

/** a <= b, unsigned. */
function lessOrEqual(a: usize, b: usize): bool {
  for (let i = 3; i >= 0; i--) {
    const x = load<u64>(a + (<usize>i << 3)), y = load<u64>(b + (<usize>i << 3));
    if (x != y) return x < y;
  }
  return true;
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
    // r0 = r0 mod r1 by binary long division, t0 -= q t1 alongside.
    for (let s = bitLength(R0) - bitLength(R1); s >= 0; s--) {
      shiftLeft(SHIFTED_R, R1, s);
      if (lessOrEqual(SHIFTED_R, R0)) {
        subInPlace(R0, SHIFTED_R);
        shiftLeft(SHIFTED_T, T1, s);
        subInPlace(T0, SHIFTED_T);
      }
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

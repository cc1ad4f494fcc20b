// Test-only entry (build/simdProbe.wasm, never shipped): the scalar halving, and the two-way field operations beside the
// scalar ones they must match limb for limb, and timing loops for the benchmarks of bench/.
import { feMul, feSq, feSq2 } from "../crypto/field";
import { fe2Mul, fe2Square, fe2Pack, fe2Unpack } from "../crypto/fieldSimd";

export const SCRATCH: usize = memory.data(4096, 16);

export function probeFeMul(h: usize, f: usize, g: usize): void { feMul(h, f, g); }
export function probeFeSq(h: usize, f: usize): void { feSq(h, f); }
export function probeFeSq2(h: usize, f: usize): void { feSq2(h, f); }
export function probeFe2Mul(h: usize, f: usize, g: usize): void { fe2Mul(h, f, g); }
export function probeFe2Sq(h: usize, f: usize, doubleFirst: bool): void { fe2Square(h, f, doubleFirst); }
export function probeFe2Pack(h: usize, a: usize, b: usize): void { fe2Pack(h, a, b); }
export function probeFe2Unpack(a: usize, b: usize, f: usize): void { fe2Unpack(a, b, f); }

/** n rounds of two scalar multiplications (a = a b, c = c d). */
export function timeScalarMul(a: usize, b: usize, c: usize, d: usize, n: i32): void {
  for (let i = 0; i < n; i++) { feMul(a, a, b); feMul(c, c, d); }
}
/** n two-way multiplications (p = p q). */
export function timePairMul(p: usize, q: usize, n: i32): void {
  for (let i = 0; i < n; i++) fe2Mul(p, p, q);
}
export function timeScalarSq(a: usize, c: usize, n: i32): void {
  for (let i = 0; i < n; i++) { feSq(a, a); feSq(c, c); }
}
export function timePairSq(p: usize, n: i32): void {
  for (let i = 0; i < n; i++) fe2Square(p, p, false);
}

let state: u64 = 1;
/** xorshift64*: the probe's own deterministic stream of test inputs. */
function next(): u64 {
  state ^= state >> 12; state ^= state << 25; state ^= state >> 27;
  return state * 0x2545f4914f6cdd1d;
}
/** A limb uniform in [-bound, bound]. */
function limb(bound: i64): i32 { return <i32>(<i64>(next() % <u64>(2 * bound + 1)) - bound); }

function randomElement(at: usize, boundEven: i64, boundOdd: i64): void {
  for (let i: usize = 0; i < 10; i++) store<i32>(at + (i << 2), limb((i & 1) ? boundOdd : boundEven));
}

function sameLimbs(a: usize, b: usize): bool {
  for (let i: usize = 0; i < 40; i += 4) if (load<i32>(a + i) != load<i32>(b + i)) return false;
  return true;
}

const FA: usize = SCRATCH + 1024, FB: usize = SCRATCH + 1064, GA: usize = SCRATCH + 1104, GB: usize = SCRATCH + 1144;
const PF: usize = SCRATCH + 1184, PG: usize = SCRATCH + 1264, PH: usize = SCRATCH + 1344;
const HA: usize = SCRATCH + 1424, HB: usize = SCRATCH + 1464, UA: usize = SCRATCH + 1504, UB: usize = SCRATCH + 1544;

/**
 * n random pairs of products and squares (limbs uniform within the bounds), each compared limb for
 * limb with the scalar operations; returns the index of the first that differs, or -1.
 */
export function probeCompareRandom(seed: u64, n: i32, boundEven: i64, boundOdd: i64): i32 {
  state = seed | 1;
  for (let i = 0; i < n; i++) {
    randomElement(FA, boundEven, boundOdd); randomElement(FB, boundEven, boundOdd);
    randomElement(GA, boundEven, boundOdd); randomElement(GB, boundEven, boundOdd);
    fe2Pack(PF, FA, FB); fe2Pack(PG, GA, GB);
    fe2Mul(PH, PF, PG); fe2Unpack(UA, UB, PH);
    feMul(HA, FA, GA); feMul(HB, FB, GB);
    if (!sameLimbs(HA, UA) || !sameLimbs(HB, UB)) return i;
    const doubleFirst = (i & 1) != 0;
    fe2Square(PH, PF, doubleFirst); fe2Unpack(UA, UB, PH);
    if (doubleFirst) feSq2(HA, FA); else feSq(HA, FA);
    feSq(HB, FB);
    if (!sameLimbs(HA, UA) || !sameLimbs(HB, UB)) return i;
  }
  return -1;
}

import { halveScalar } from "../crypto/scalarHalving";
import { scalarWnaf } from "../crypto/scalar";
/** n scalar halvings of k (timing). */
export function timeHalving(c0: usize, c1: usize, k: usize, n: i32): void {
  for (let i = 0; i < n; i++) { halveScalar(c0, c1, k); store<u8>(k, load<u8>(k) + 1); }
}
/** n width-5 wNAFs of s (timing). */
export function timeWnaf(out: usize, s: usize, n: i32): void {
  for (let i = 0; i < n; i++) scalarWnaf(out, s, 5);
}
/** c0 and |c1| of k (32 bytes each); whether c1 < 0. */
export function probeHalveScalar(c0: usize, c1: usize, k: usize): bool { return halveScalar(c0, c1, k); }

// Two field elements at once, for builds with WebAssembly SIMD (ASC_FEATURE_SIMD). A pair is 80
// bytes: limb i of the first element at 8 i, of the second at 8 i + 4, so one 8-byte load gives both
// limbs i in the two low 32-bit lanes that i64x2.extmul_low_i32x4_s multiplies. Limbs are signed, in
// radix 2^25.5, with the same bounds as field.ts: each lane computes exactly (limb for limb) what the
// scalar code computes, which the differential tests check.
import { fe2Mul, fe2Square } from "./fieldSimdProducts";
export { fe2Mul, fe2Square };

export const FE2_SIZE: usize = 80;

/** The pair (a, b) from two field elements (40 bytes each, field.ts). */
export function fe2Pack(h: usize, a: usize, b: usize): void {
  for (let i: usize = 0; i < 40; i += 16) {
    const x = v128.load(a + i), y = v128.load(b + i);
    v128.store(h + 2 * i, v128.shuffle<i32>(x, y, 0, 4, 1, 5));
    if (i < 32) v128.store(h + 2 * i + 16, v128.shuffle<i32>(x, y, 2, 6, 3, 7));
  }
}

/** The two field elements of the pair f. */
export function fe2Unpack(a: usize, b: usize, f: usize): void {
  for (let i: usize = 0; i < 10; i++) {
    store<i32>(a + (i << 2), load<i32>(f + (i << 3)));
    store<i32>(b + (i << 2), load<i32>(f + (i << 3) + 4));
  }
}

/** h = f + g in both lanes (no carry). */
export function fe2Add(h: usize, f: usize, g: usize): void {
  for (let i: usize = 0; i < 80; i += 16) v128.store(h + i, i32x4.add(v128.load(f + i), v128.load(g + i)));
}

/** h = f - g in both lanes (no carry). */
export function fe2Sub(h: usize, f: usize, g: usize): void {
  for (let i: usize = 0; i < 80; i += 16) v128.store(h + i, i32x4.sub(v128.load(f + i), v128.load(g + i)));
}

/** h = f^(2^n) in both lanes, n >= 1. */
export function fe2SqN(h: usize, f: usize, n: i32): void {
  fe2Square(h, f, false);
  for (let i = 1; i < n; i++) fe2Square(h, h, false);
}

const T0: usize = memory.data(80, 16);
const T1: usize = memory.data(80, 16);
const T2: usize = memory.data(80, 16);

/** h = z^(2^252 - 3) in both lanes: field.ts's fePow22523, two at once. */
export function fe2Pow22523(h: usize, z: usize): void {
  fe2Square(T0, z, false);
  fe2SqN(T1, T0, 2);
  fe2Mul(T1, z, T1);
  fe2Mul(T0, T0, T1);
  fe2Square(T0, T0, false);
  fe2Mul(T0, T1, T0);        // z^(2^5 - 1)
  fe2SqN(T1, T0, 5);
  fe2Mul(T0, T1, T0);        // z^(2^10 - 1)
  fe2SqN(T1, T0, 10);
  fe2Mul(T1, T1, T0);        // z^(2^20 - 1)
  fe2SqN(T2, T1, 20);
  fe2Mul(T1, T2, T1);        // z^(2^40 - 1)
  fe2SqN(T1, T1, 10);
  fe2Mul(T0, T1, T0);        // z^(2^50 - 1)
  fe2SqN(T1, T0, 50);
  fe2Mul(T1, T1, T0);        // z^(2^100 - 1)
  fe2SqN(T2, T1, 100);
  fe2Mul(T1, T2, T1);        // z^(2^200 - 1)
  fe2SqN(T1, T1, 50);
  fe2Mul(T0, T1, T0);        // z^(2^250 - 1)
  fe2SqN(T0, T0, 2);
  fe2Mul(h, T0, z);          // z^(2^252 - 3)
}

const U3: usize = memory.data(80, 16);
const U7: usize = memory.data(80, 16);

/** field.ts's feSqrtRatioCandidate in both lanes: x = u v^3 (u v^7)^((p-5)/8), check = v x^2. */
export function fe2SqrtRatioCandidate(x: usize, check: usize, u: usize, v: usize): void {
  fe2Square(U3, v, false);
  fe2Mul(U3, U3, v);
  fe2Square(U7, U3, false);
  fe2Mul(U7, U7, v);
  fe2Mul(U7, U7, u);
  fe2Pow22523(x, U7);
  fe2Mul(x, x, U3);
  fe2Mul(x, x, u);
  fe2Square(check, x, false);
  fe2Mul(check, check, v);
}

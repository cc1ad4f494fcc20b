// Test-only entry (build/simdProbe.wasm, never shipped): the two-way field operations beside the
// scalar ones they must match limb for limb, and timing loops for the benchmarks of bench/.
import { feMul, feSq, feSq2 } from "../field";
import { fe2Mul, fe2Square, fe2Pack, fe2Unpack } from "../fieldSimd";

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

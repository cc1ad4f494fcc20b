// Fixed-base scalar multiplication for keys known in advance (the base point, and each issuer key when
// a trust list is accepted): a signed radix-64 comb. For a point P the table holds j * 64^i * P for
// positions i < 43 and j = 1..32, in affine precomputed form, so [s]P for s < 2^253 is at most 43 mixed
// additions and no doublings. 43 x 32 x 120 bytes = 165,120 bytes per key.
// Builds with WebAssembly SIMD add the entries on pairs (pointSimd.ts), each as a Cached pair with
// Z = 1: four products of pairs per addition instead of seven products.
import { feMul, feAdd, feSub, feInvert, feCopy } from "./field";
import { p3Copy, p3Identity, p3Dbl, add, madd, msub, p1p1ToP3, p3ToCached, P3_SIZE, PRECOMP_SIZE } from "./point";
import { FE_D2, BASE_POINT } from "./curveConstants";
import { fe2Unpack } from "./fieldSimd";
import { p3ToPair, pairAdd, p1p1PairToP3, precompToCachedPair } from "./pointSimd";

export const COMB_POSITIONS: u32 = 43;
export const COMB_ENTRIES: u32 = 32;
export const COMB_TABLE_SIZE: usize = <usize>(COMB_POSITIONS * COMB_ENTRIES) * PRECOMP_SIZE;

const BASE: usize = memory.data(160, 8);             // 64^i P (P3)
const BASE_CACHED: usize = memory.data(160, 8);
const T: usize = memory.data(160, 8);                // P1P1
const POINTS_CAPACITY: u32 = 128;
const POINTS: usize = memory.data(<i32>POINTS_CAPACITY * 160, 8);  // j * 64^i P for j = 1..32 (P3)
const PREFIX: usize = memory.data(<i32>POINTS_CAPACITY * 40, 8);   // running products of their Z
const INV: usize = memory.data(40, 8);
const ZINV: usize = memory.data(40, 8);
const X: usize = memory.data(40, 8);
const Y: usize = memory.data(40, 8);

/** Writes the comb of p (P3) to table (COMB_TABLE_SIZE bytes). */
export function combBuild(table: usize, p: usize): void {
  p3Copy(BASE, p);
  for (let i: u32 = 0; i < COMB_POSITIONS; i++) {
    p3Copy(POINTS, BASE);
    p3ToCached(BASE_CACHED, BASE);
    for (let j: usize = 1; j < 32; j++) {
      add(T, POINTS + (j - 1) * P3_SIZE, BASE_CACHED);
      p1p1ToP3(POINTS + j * P3_SIZE, T);
    }
    toPrecomp(table + <usize>(i * COMB_ENTRIES) * PRECOMP_SIZE, COMB_ENTRIES);
    // 64^(i+1) P = 2 * (32 * 64^i P)
    p3Dbl(T, POINTS + 31 * P3_SIZE);
    p1p1ToP3(BASE, T);
  }
}

/** Writes the first n points of POINTS (P3) to entries as Precomp. */
function toPrecomp(entries: usize, n: u32): void {
  // One inversion for the n points (Montgomery's trick), then affine (y+x, y-x, 2dxy).
  feCopy(PREFIX, POINTS + 80);
  for (let j: usize = 1; j < <usize>n; j++) feMul(PREFIX + j * 40, PREFIX + (j - 1) * 40, POINTS + j * P3_SIZE + 80);
  feInvert(INV, PREFIX + <usize>(n - 1) * 40);
  for (let j = <isize>n - 1; j >= 0; j--) {
    const pt = POINTS + <usize>j * P3_SIZE;
    if (j > 0) {
      feMul(ZINV, INV, PREFIX + <usize>(j - 1) * 40);
      feMul(INV, INV, pt + 80);
    } else {
      feCopy(ZINV, INV);
    }
    feMul(X, pt, ZINV);
    feMul(Y, pt + 40, ZINV);
    const entry = entries + <usize>j * PRECOMP_SIZE;
    feAdd(entry, Y, X);
    feSub(entry + 40, Y, X);
    feMul(entry + 80, X, Y);
    feMul(entry + 80, entry + 80, FE_D2);
  }
}

/** Puts the odd multiples P, 3P, ..., (2n - 1)P of p (P3) in POINTS from index `at` on. */
function oddMultiplesAt(at: u32, p: usize, n: u32): void {
  const first = POINTS + <usize>at * P3_SIZE;
  p3Dbl(T, p);
  p1p1ToP3(BASE, T);
  p3ToCached(BASE_CACHED, BASE);        // 2P
  p3Copy(first, p);
  for (let j: usize = 1; j < <usize>n; j++) {
    add(T, first + (j - 1) * P3_SIZE, BASE_CACHED);
    p1p1ToP3(first + j * P3_SIZE, T);
  }
}

/**
 * Writes to table, as Precomp, the odd multiples P, 3P, ..., (2n - 1)P of p, then those of q (both
 * P3): 2n entries, with one inversion for all of them (n <= 64).
 */
export function oddMultiplesPrecomp(table: usize, p: usize, q: usize, n: u32): void {
  oddMultiplesAt(0, p, n);
  oddMultiplesAt(n, q, n);
  toPrecomp(table, 2 * n);
}

const DIGITS: usize = memory.data(44, 8);
const ACC_T: usize = memory.data(160, 8);

/** Signed radix-64 digits of a 32-byte scalar below 2^253: 43 digits in [-32, 31]. */
function recode(s: usize): void {
  let carry: i32 = 0;
  for (let i: u32 = 0; i < COMB_POSITIONS; i++) {
    const bit = i * 6, byte = bit >> 3, shift = bit & 7;
    let w = <u32>load<u8>(s + byte);
    if (byte + 1 < 32) w |= <u32>load<u8>(s + byte + 1) << 8;
    let d = <i32>((w >> shift) & 63) + carry;
    carry = d >= 32 ? 1 : 0;
    d -= carry << 6;
    store<i8>(DIGITS + i, <i8>d);
  }
}

const ADDEND: usize = memory.data(160, 16);    // Cached pair (pointSimd.ts)
const ACC_PAIR: usize = memory.data(160, 16);  // P3 pair
const SUM_PAIR: usize = memory.data(160, 16);  // P1P1 pair

/** acc (P3) += [s]P, or -= when negate, with P's comb table. */
export function combAccumulate(acc: usize, table: usize, s: usize, negate: bool): void {
  recode(s);
  if (ASC_FEATURE_SIMD) {
    p3ToPair(ACC_PAIR, acc);
    for (let i: u32 = 0; i < COMB_POSITIONS; i++) {
      const d = <i32>load<i8>(DIGITS + i);
      if (d == 0) continue;
      const entry = table + (<usize>i * COMB_ENTRIES + <usize>((d < 0 ? -d : d) - 1)) * PRECOMP_SIZE;
      precompToCachedPair(ADDEND, entry);
      pairAdd(SUM_PAIR, ACC_PAIR, ADDEND, (d > 0) == negate);
      p1p1PairToP3(ACC_PAIR, SUM_PAIR);
    }
    fe2Unpack(acc, acc + 40, ACC_PAIR);
    fe2Unpack(acc + 80, acc + 120, ACC_PAIR + 80);
    return;
  }
  for (let i: u32 = 0; i < COMB_POSITIONS; i++) {
    const d = <i32>load<i8>(DIGITS + i);
    if (d == 0) continue;
    const entry = table + (<usize>i * COMB_ENTRIES + <usize>((d < 0 ? -d : d) - 1)) * PRECOMP_SIZE;
    if ((d > 0) != negate) madd(ACC_T, acc, entry); else msub(ACC_T, acc, entry);
    p1p1ToP3(acc, ACC_T);
  }
}

// The base point's comb, built on first use (it would be 165 KB of the module otherwise).
const BASE_COMB: usize = memory.data(<i32>COMB_TABLE_SIZE, 16);
let baseCombReady = false;

export function baseComb(): usize {
  if (!baseCombReady) {
    combBuild(BASE_COMB, BASE_POINT);
    baseCombReady = true;
  }
  return BASE_COMB;
}

/** The comb must be rebuilt after memory was wiped. */
export function forgetBaseComb(): void { baseCombReady = false; }

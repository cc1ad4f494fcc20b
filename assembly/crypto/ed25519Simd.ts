// The variable-base half of Ed25519 verification on the two-way field (pointSimd.ts), for builds
// with WebAssembly SIMD: the interleaved wNAF loop of ed25519.ts's halfSizeCheck, the Straus loop of
// batch.ts, and the base point's odd multiples as Cached pairs (built from baseTables.ts when an
// instance starts).
import {
  p3ToPair, p3PairIdentity, p3PairDbl, p1p1PairToP3, pairAdd, oddMultiplesCachedPair, isIdentityPair,
  precompToCachedPair, p3PairToCached, CACHED_PAIR_SIZE,
} from "./pointSimd";
import { PRECOMP_SIZE } from "./point";
import { BASE_ODD_MULTIPLES } from "./baseTables";

const BASE_ODD: u32 = 64;      // B, 3B, ..., 127B, then the same multiples of 2^128 B
const BASE_PAIRS: usize = memory.data(<i32>(2 * BASE_ODD * <u32>CACHED_PAIR_SIZE), 16);
if (ASC_FEATURE_SIMD) {
  for (let i: usize = 0; i < 2 * <usize>BASE_ODD; i++) {
    precompToCachedPair(BASE_PAIRS + i * CACHED_PAIR_SIZE, BASE_ODD_MULTIPLES + i * PRECOMP_SIZE);
  }
}
const BASE128_PAIRS: usize = BASE_PAIRS + <usize>BASE_ODD * CACHED_PAIR_SIZE;

const POINT: usize = memory.data(160, 16);
const A_ODD: usize = memory.data(8 * 160, 16);
const R_ODD: usize = memory.data(8 * 160, 16);
const ACC: usize = memory.data(160, 16);     // P3 pair
const T: usize = memory.data(160, 16);       // P1P1 pair
const U: usize = memory.data(160, 16);       // P3 pair

/** Adds digit * (table point) to the P1P1 pair T; negate flips the sign of the term. */
// @ts-ignore: decorator
@inline function addDigit(digit: i32, table: usize, negate: bool): void {
  if (digit == 0) return;
  p1p1PairToP3(U, T);
  pairAdd(T, U, table + <usize>((digit < 0 ? -digit : digit) >> 1) * CACHED_PAIR_SIZE, (digit < 0) != negate);
}

/**
 * [8]([c1 S]B - [c0]A -/+ [c1]R) = 0 from the four wNAFs (ed25519.ts): A and R as P3 of point.ts,
 * subtractR false when c1 < 0 (the R term is then added).
 */
export function halfSizeLoopPair(pointA: usize, pointR: usize, nafA: usize, nafR: usize, nafBlo: usize, nafBhi: usize, subtractR: bool): bool {
  p3ToPair(POINT, pointA);
  oddMultiplesCachedPair(A_ODD, POINT);
  p3ToPair(POINT, pointR);
  oddMultiplesCachedPair(R_ODD, POINT);
  p3PairIdentity(ACC);
  let i: i32 = 130;
  while (i > 0 && load<i8>(nafA + i) == 0 && load<i8>(nafR + i) == 0
      && load<i8>(nafBlo + i) == 0 && load<i8>(nafBhi + i) == 0) i--;
  for (; i >= 0; i--) {
    p3PairDbl(T, ACC);
    addDigit(<i32>load<i8>(nafA + i), A_ODD, true);
    addDigit(<i32>load<i8>(nafR + i), R_ODD, subtractR);
    addDigit(<i32>load<i8>(nafBlo + i), BASE_PAIRS, false);
    addDigit(<i32>load<i8>(nafBhi + i), BASE128_PAIRS, false);
    p1p1PairToP3(ACC, T);
  }
  for (let j = 0; j < 3; j++) { p3PairDbl(T, ACC); p1p1PairToP3(ACC, T); }
  return isIdentityPair(ACC);
}

/** The width-5 odd multiples of p (a P3 of point.ts) as Cached pairs at table, for strausHolds. */
export function queuePair(table: usize, p: usize): void {
  p3ToPair(POINT, p);
  oddMultiplesCachedPair(table, POINT);
}

const EXTRA: usize = memory.data(160, 16);   // Cached pair

/**
 * True iff [8](extra - sum of [s_m] P_m) = 0, the Straus loop of batch.ts: count width-5 wNAFs of 256
 * digits at nafs (one every 256 bytes, top digit at most `top`), the tables of queuePair one every
 * 8 Cached pairs at tables, extra a P3 of point.ts.
 */
export function strausHolds(nafs: usize, tables: usize, count: u32, top: i32, extra: usize): bool {
  p3ToPair(POINT, extra);
  p3PairToCached(EXTRA, POINT);
  p3PairIdentity(ACC);
  for (let i = top; i >= 0; i--) {
    p3PairDbl(T, ACC);
    for (let m: u32 = 0; m < count; m++) {
      const d = <i32>load<i8>(nafs + (<usize>m << 8) + i);
      if (d == 0) continue;
      p1p1PairToP3(U, T);
      pairAdd(T, U, tables + (<usize>m * 8 + <usize>((d < 0 ? -d : d) >> 1)) * CACHED_PAIR_SIZE, d > 0);
    }
    p1p1PairToP3(ACC, T);
  }
  pairAdd(T, ACC, EXTRA, false);
  p1p1PairToP3(ACC, T);
  for (let j = 0; j < 3; j++) { p3PairDbl(T, ACC); p1p1PairToP3(ACC, T); }
  return isIdentityPair(ACC);
}

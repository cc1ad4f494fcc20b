// Points of edwards25519 on the two-way field (fieldSimd.ts), for builds with WebAssembly SIMD. The
// formulas are point.ts's, paired so that every multiplication or squaring computes two at once:
//   P3 pair      (X, Y) | (Z, T)                   extended coordinates, 160 bytes (also used as P2)
//   P1P1 pair    (X, Y) | (T, Z)                   completed coordinates, 160 bytes
//   Cached pair  (Y+X, Y-X) | (Z, 2dT)             an addend, 160 bytes; affine addends have Z = 1
// A doubling is two squarings of pairs ((X^2, Y^2) and (2 Z^2, (X+Y)^2)), an addition two products
// of pairs, a conversion to P3 two products of pairs; the additions and subtractions between them are
// lane shuffles of the same limb sums as point.ts (no carries), so the bounds of field.ts hold.
import { fe2Mul, fe2Square, fe2Pack, fe2Unpack, fe2SqrtRatioCandidate, FE2_SIZE } from "./fieldSimd";
import { feOne, feZero, feIsZero, feEqual, feSqrtRatioFix } from "./field";
import { p3FromBytes, decodeStart, decodeFinish } from "./point";
import { FE_D2 } from "./curveConstants";

export const P3_PAIR_SIZE: usize = 160;
export const P1P1_PAIR_SIZE: usize = 160;
export const CACHED_PAIR_SIZE: usize = 160;

const LO: usize = 0;              // first pair of a point
const HI: usize = FE2_SIZE;       // second pair

/** Lane 0 of a, lane 1 of b (two limbs of each per vector). */
// @ts-ignore: decorator
@inline function select(a: v128, b: v128): v128 { return v128.shuffle<i32>(a, b, 0, 5, 2, 7); }
/** The two lanes exchanged. */
// @ts-ignore: decorator
@inline function swapLanes(a: v128): v128 { return v128.shuffle<i32>(a, a, 1, 0, 3, 2); }
/** Lane 0 in both lanes. */
// @ts-ignore: decorator
@inline function lane0(a: v128): v128 { return v128.shuffle<i32>(a, a, 0, 0, 2, 2); }
/** Lane 1 in both lanes. */
// @ts-ignore: decorator
@inline function lane1(a: v128): v128 { return v128.shuffle<i32>(a, a, 1, 1, 3, 3); }

const ONE_D2: usize = memory.data(80, 16);       // (1, 2d): turns (Z, T) into the Cached (Z, 2dT)
const FE_ONE: usize = memory.data(40, 16);
const FE_ZERO: usize = memory.data(40, 16);
if (ASC_FEATURE_SIMD) {
  feOne(FE_ONE);
  feZero(FE_ZERO);
  fe2Pack(ONE_D2, FE_ONE, FE_D2);
}

/** The P3 pair of a P3 of point.ts (X, Y, Z, T consecutive). */
export function p3ToPair(r: usize, p: usize): void {
  fe2Pack(r + LO, p, p + 40);
  fe2Pack(r + HI, p + 80, p + 120);
}

/** The identity as a P3 pair. */
export function p3PairIdentity(r: usize): void {
  fe2Pack(r + LO, FE_ZERO, FE_ONE);
  fe2Pack(r + HI, FE_ONE, FE_ZERO);
}

/** The affine addend (y+x, y-x, 2dxy) of point.ts (120 bytes) as a Cached pair with Z = 1. */
export function precompToCachedPair(r: usize, q: usize): void {
  fe2Pack(r + LO, q, q + 40);
  fe2Pack(r + HI, FE_ONE, q + 80);
}

const SQ_XY: usize = memory.data(80, 16);
const SQ_ZS: usize = memory.data(80, 16);

/** r = 2p, from a P3 (or P2) pair to a P1P1 pair (dbl-2008-hwcd, as p2Dbl). */
export function p3PairDbl(r: usize, p: usize): void {
  fe2Square(SQ_XY, p + LO, false);                     // (X^2, Y^2)
  for (let i: usize = 0; i < 80; i += 16) {
    const xy = v128.load(p + LO + i);
    const sum = i32x4.add(xy, swapLanes(xy));         // (X+Y, Y+X)
    v128.store(SQ_ZS + i, select(v128.load(p + HI + i), sum));
  }
  fe2Square(SQ_ZS, SQ_ZS, true);                       // (2 Z^2, (X+Y)^2)
  for (let i: usize = 0; i < 80; i += 16) {
    const s1 = v128.load(SQ_XY + i), s2 = v128.load(SQ_ZS + i);
    const sw = swapLanes(s1);
    const ry = i32x4.add(s1, sw);                      // Y^2 + X^2 in both lanes
    const rz = lane0(i32x4.sub(sw, s1));               // Y^2 - X^2 in both lanes
    v128.store(r + LO + i, select(i32x4.sub(lane1(s2), ry), ry));   // X = (X+Y)^2 - ry, Y = ry
    v128.store(r + HI + i, select(i32x4.sub(s2, rz), rz));          // T = 2 Z^2 - rz, Z = rz
  }
}

const CONV_A: usize = memory.data(80, 16);
const CONV_B: usize = memory.data(80, 16);

/** P1P1 pair to P3 pair: (X T, Y Z) and (Z T, X Y); r and p must not overlap. */
export function p1p1PairToP3(r: usize, p: usize): void {
  fe2Mul(r + LO, p + LO, p + HI);
  for (let i: usize = 0; i < 80; i += 16) {
    const xy = v128.load(p + LO + i), tz = v128.load(p + HI + i);
    v128.store(CONV_A + i, v128.shuffle<i32>(tz, xy, 1, 4, 3, 6));   // (Z, X)
    v128.store(CONV_B + i, select(tz, xy));                           // (T, Y)
  }
  fe2Mul(r + HI, CONV_A, CONV_B);
}

const SUMS: usize = memory.data(80, 16);
const PROD_LO: usize = memory.data(80, 16);
const PROD_HI: usize = memory.data(80, 16);

/** r = p + q (or p - q when negate), P3 pair and Cached pair to P1P1 pair (add-2008-hwcd-3). */
export function pairAdd(r: usize, p: usize, q: usize, negate: bool): void {
  // (Y+X, Y-X), or (Y-X, Y+X) when subtracting: -q swaps q's Y+X and Y-X.
  for (let i: usize = 0; i < 80; i += 16) {
    const xy = v128.load(p + LO + i), yx = swapLanes(xy);
    const s = i32x4.add(yx, xy);
    v128.store(SUMS + i, negate ? select(i32x4.sub(yx, xy), s) : select(s, i32x4.sub(xy, yx)));
  }
  fe2Mul(PROD_LO, SUMS, q + LO);    // (A', B'): add (B, A), subtract (A, B), B = (Y+X)q0, A = (Y-X)q1
  fe2Mul(PROD_HI, p + HI, q + HI);  // (D, C): D = Z qZ, C = T q2dT
  for (let i: usize = 0; i < 80; i += 16) {
    const m = v128.load(PROD_LO + i), sw = swapLanes(m);
    const s = i32x4.add(m, sw);                          // B + A
    const d = negate ? i32x4.sub(sw, m) : i32x4.sub(m, sw);   // B - A in lane 0
    v128.store(r + LO + i, select(d, s));                // (X, Y) = (B - A, B + A)
    const dc = v128.load(PROD_HI + i);
    const d2 = lane0(i32x4.add(dc, dc)), c = lane1(dc);
    const plus = i32x4.add(d2, c), minus = i32x4.sub(d2, c);
    // (T, Z) = (2D - C, 2D + C); -q negates C.
    v128.store(r + HI + i, negate ? select(plus, minus) : select(minus, plus));
  }
}

/** P3 pair to Cached pair: (Y+X, Y-X) and (Z, 2dT) (Z passes through a product by 1). */
export function p3PairToCached(r: usize, p: usize): void {
  for (let i: usize = 0; i < 80; i += 16) {
    const xy = v128.load(p + LO + i), yx = swapLanes(xy);
    v128.store(r + LO + i, select(i32x4.add(yx, xy), i32x4.sub(xy, yx)));
  }
  fe2Mul(r + HI, p + HI, ONE_D2);
}

const OM_T: usize = memory.data(160, 16);
const OM_U: usize = memory.data(160, 16);
const OM_DOUBLE: usize = memory.data(160, 16);

/** table[i] = (2i+1) p for i < 8 as Cached pairs, from p as a P3 pair (a width-5 wNAF's half). */
export function oddMultiplesCachedPair(table: usize, p: usize): void {
  p3PairToCached(table, p);
  p3PairDbl(OM_T, p);
  p1p1PairToP3(OM_DOUBLE, OM_T);
  for (let i: usize = 1; i < 8; i++) {
    pairAdd(OM_T, OM_DOUBLE, table + (i - 1) * CACHED_PAIR_SIZE, false);
    p1p1PairToP3(OM_U, OM_T);
    p3PairToCached(table + i * CACHED_PAIR_SIZE, OM_U);
  }
}

const ID_X: usize = memory.data(40, 16);
const ID_Y: usize = memory.data(40, 16);
const ID_Z: usize = memory.data(40, 16);
const ID_T: usize = memory.data(40, 16);

/** True iff the P3 (or P2) pair p is the identity: X = 0 and Y = Z. */
export function isIdentityPair(p: usize): bool {
  fe2Unpack(ID_X, ID_Y, p + LO);
  fe2Unpack(ID_Z, ID_T, p + HI);
  return feIsZero(ID_X) && feEqual(ID_Y, ID_Z);
}

const UA: usize = memory.data(40, 16);
const VA: usize = memory.data(40, 16);
const UB: usize = memory.data(40, 16);
const VB: usize = memory.data(40, 16);
const CHECK_A: usize = memory.data(40, 16);
const CHECK_B: usize = memory.data(40, 16);
const U_PAIR: usize = memory.data(80, 16);
const V_PAIR: usize = memory.data(80, 16);
const X_PAIR: usize = memory.data(80, 16);
const CHECK_PAIR: usize = memory.data(80, 16);

/**
 * point.ts's p3FromBytes of two encodings at once (their square roots, the cost of a decoding, two
 * at a time): bit 0 of the result says whether sa decoded into ra, bit 1 whether sb decoded into rb.
 */
export function p3FromBytesPair(ra: usize, sa: usize, rb: usize, sb: usize): i32 {
  const startA = decodeStart(ra, sa, UA, VA), startB = decodeStart(rb, sb, UB, VB);
  if (!startA || !startB) {
    // A non-canonical y: the other decodes alone.
    return (startA && p3FromBytes(ra, sa) ? 1 : 0) | (startB && p3FromBytes(rb, sb) ? 2 : 0);
  }
  fe2Pack(U_PAIR, UA, UB);
  fe2Pack(V_PAIR, VA, VB);
  fe2SqrtRatioCandidate(X_PAIR, CHECK_PAIR, U_PAIR, V_PAIR);
  fe2Unpack(ra, rb, X_PAIR);             // X is a P3's first coordinate
  fe2Unpack(CHECK_A, CHECK_B, CHECK_PAIR);
  const okA = feSqrtRatioFix(ra, CHECK_A, UA) && decodeFinish(ra, sa);
  const okB = feSqrtRatioFix(rb, CHECK_B, UB) && decodeFinish(rb, sb);
  return (okA ? 1 : 0) | (okB ? 2 : 0);
}

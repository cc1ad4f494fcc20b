// Points of edwards25519 (-x^2 + y^2 = 1 + d x^2 y^2) in the representations of ref10:
//   P2 (X:Y:Z)          projective, 120 bytes
//   P3 (X:Y:Z:T)        extended, T = XY/Z, 160 bytes
//   P1P1 ((X:Z),(Y:T))  completed, the output of additions and doublings, 160 bytes
//   Cached (Y+X, Y-X, Z, 2dT)       an addend, 160 bytes
//   Precomp (y+x, y-x, 2dxy)        an affine addend (Z = 1), 120 bytes
// Every field element is 40 bytes (field.ts); the coordinates follow each other in that order.
import {
  feAdd, feSub, feMul, feSq, feSq2, feCopy, feOne, feZero, feNeg, feFromBytes, feToBytes,
  feIsZero, feIsNegative, feEqual, feSqrtRatio, feInvert,
} from "./field";
import { FE_D, FE_D2 } from "./curveConstants";

export const P2_SIZE: usize = 120;
export const P3_SIZE: usize = 160;
export const P1P1_SIZE: usize = 160;
export const CACHED_SIZE: usize = 160;
export const PRECOMP_SIZE: usize = 120;

// Coordinate offsets.
const X: usize = 0;
const Y: usize = 40;
const Z: usize = 80;
const T: usize = 120;

const T0: usize = memory.data(40, 8);

export function p3Identity(p: usize): void {
  feZero(p + X); feOne(p + Y); feOne(p + Z); feZero(p + T);
}

export function p2Identity(p: usize): void {
  feZero(p + X); feOne(p + Y); feOne(p + Z);
}

/** r = 2p, from P2 to P1P1 (dbl-2008-hwcd). */
export function p2Dbl(r: usize, p: usize): void {
  feSq(r + X, p + X);
  feSq(r + Z, p + Y);
  feSq2(r + T, p + Z);
  feAdd(r + Y, p + X, p + Y);
  feSq(T0, r + Y);
  feAdd(r + Y, r + Z, r + X);
  feSub(r + Z, r + Z, r + X);
  feSub(r + X, T0, r + Y);
  feSub(r + T, r + T, r + Z);
}

/** r = 2p, from P3 (its first three coordinates are a P2) to P1P1. */
// @ts-ignore: decorator
@inline export function p3Dbl(r: usize, p: usize): void { p2Dbl(r, p); }

/** r = p + q, P3 + Cached to P1P1 (add-2008-hwcd-3). */
export function add(r: usize, p: usize, q: usize): void {
  feAdd(r + X, p + Y, p + X);
  feSub(r + Y, p + Y, p + X);
  feMul(r + Z, r + X, q);            // q.YplusX
  feMul(r + Y, r + Y, q + 40);       // q.YminusX
  feMul(r + T, q + 120, p + T);      // q.T2d
  feMul(r + X, p + Z, q + 80);       // q.Z
  feAdd(T0, r + X, r + X);
  feSub(r + X, r + Z, r + Y);
  feAdd(r + Y, r + Z, r + Y);
  feAdd(r + Z, T0, r + T);
  feSub(r + T, T0, r + T);
}

/** r = p - q, P3 - Cached to P1P1. */
export function sub(r: usize, p: usize, q: usize): void {
  feAdd(r + X, p + Y, p + X);
  feSub(r + Y, p + Y, p + X);
  feMul(r + Z, r + X, q + 40);       // q.YminusX
  feMul(r + Y, r + Y, q);            // q.YplusX
  feMul(r + T, q + 120, p + T);
  feMul(r + X, p + Z, q + 80);
  feAdd(T0, r + X, r + X);
  feSub(r + X, r + Z, r + Y);
  feAdd(r + Y, r + Z, r + Y);
  feSub(r + Z, T0, r + T);
  feAdd(r + T, T0, r + T);
}

/** r = p + q, P3 + Precomp to P1P1 (mixed addition, q affine). */
export function madd(r: usize, p: usize, q: usize): void {
  feAdd(r + X, p + Y, p + X);
  feSub(r + Y, p + Y, p + X);
  feMul(r + Z, r + X, q);            // q.yplusx
  feMul(r + Y, r + Y, q + 40);       // q.yminusx
  feMul(r + T, q + 80, p + T);       // q.xy2d
  feAdd(T0, p + Z, p + Z);
  feSub(r + X, r + Z, r + Y);
  feAdd(r + Y, r + Z, r + Y);
  feAdd(r + Z, T0, r + T);
  feSub(r + T, T0, r + T);
}

/** r = p - q, P3 - Precomp to P1P1. */
export function msub(r: usize, p: usize, q: usize): void {
  feAdd(r + X, p + Y, p + X);
  feSub(r + Y, p + Y, p + X);
  feMul(r + Z, r + X, q + 40);
  feMul(r + Y, r + Y, q);
  feMul(r + T, q + 80, p + T);
  feAdd(T0, p + Z, p + Z);
  feSub(r + X, r + Z, r + Y);
  feAdd(r + Y, r + Z, r + Y);
  feSub(r + Z, T0, r + T);
  feAdd(r + T, T0, r + T);
}

/** P1P1 to P2 (3M). */
export function p1p1ToP2(r: usize, p: usize): void {
  feMul(r + X, p + X, p + T);
  feMul(r + Y, p + Y, p + Z);
  feMul(r + Z, p + Z, p + T);
}

/** P1P1 to P3 (4M); r and p must not overlap. */
export function p1p1ToP3(r: usize, p: usize): void {
  feMul(r + X, p + X, p + T);
  feMul(r + Y, p + Y, p + Z);
  feMul(r + Z, p + Z, p + T);
  feMul(r + T, p + X, p + Y);
}

/** P3 to Cached. */
export function p3ToCached(r: usize, p: usize): void {
  feAdd(r, p + Y, p + X);
  feSub(r + 40, p + Y, p + X);
  feCopy(r + 80, p + Z);
  feMul(r + 120, p + T, FE_D2);
}

export function p3Copy(r: usize, p: usize): void { memory.copy(r, p, 160); }

/** r = -p for a P3. */
export function p3Neg(r: usize, p: usize): void {
  feNeg(r + X, p + X);
  feCopy(r + Y, p + Y);
  feCopy(r + Z, p + Z);
  feNeg(r + T, p + T);
}

const U: usize = memory.data(40, 8);
const V: usize = memory.data(40, 8);

/**
 * Strict decoding (RFC 8032 §5.1.3, PG1 §2): fails when y >= p (a non-canonical encoding), when
 * no x exists, and when x = 0 with the sign bit set. On success r is the point as P3.
 */
export function p3FromBytes(r: usize, s: usize): bool {
  return decodeStart(r, s, U, V) && feSqrtRatio(r + X, U, V) && decodeFinish(r, s);
}

/**
 * The first step of p3FromBytes: false when y >= p; else y, Z = 1 into r and the ratio whose root is
 * x: u = y^2 - 1, v = d y^2 + 1. (SIMD builds take two roots at once between the steps: pointSimd.ts.)
 */
export function decodeStart(r: usize, s: usize, u: usize, v: usize): bool {
  // y < p: the only 255-bit values >= p are 2^255 - 19 .. 2^255 - 1.
  const top = load<u64>(s, 24) & 0x7fffffffffffffff;
  if (top == 0x7fffffffffffffff && load<u64>(s, 16) == 0xffffffffffffffff
      && load<u64>(s, 8) == 0xffffffffffffffff && load<u64>(s) >= 0xffffffffffffffed) return false;
  feFromBytes(r + Y, s);
  feOne(r + Z);
  feSq(u, r + Y);
  feMul(v, u, FE_D);
  feSub(u, u, r + Z);        // u = y^2 - 1
  feAdd(v, v, r + Z);        // v = d y^2 + 1
  return true;
}

/** The last step of p3FromBytes, with a root x in r: its sign from the encoding, and T = XY. */
export function decodeFinish(r: usize, s: usize): bool {
  const sign = load<u8>(s, 31) >> 7;
  if (feIsZero(r + X)) {
    if (sign) return false;
  } else if (<u8>feIsNegative(r + X) != sign) {
    feNeg(r + X, r + X);
  }
  feMul(r + T, r + X, r + Y);
  return true;
}

const RECIP: usize = memory.data(40, 8);
const XA: usize = memory.data(40, 8);
const YA: usize = memory.data(40, 8);

/** Canonical 32-byte encoding of a P2 or P3 (one inversion). */
export function pointToBytes(s: usize, p: usize): void {
  feInvert(RECIP, p + Z);
  feMul(XA, p + X, RECIP);
  feMul(YA, p + Y, RECIP);
  feToBytes(s, YA);
  if (feIsNegative(XA)) store<u8>(s + 31, load<u8>(s + 31) | 0x80);
}

/** True iff the P2/P3 point p is the identity: X = 0 and Y = Z. */
export function isIdentity(p: usize): bool {
  return feIsZero(p + X) && feEqual(p + Y, p + Z);
}

const SO_A: usize = memory.data(160, 8);
const SO_B: usize = memory.data(160, 8);

/** True iff [8]p is the identity, i.e. p has small order (1, 2, 4 or 8). */
export function hasSmallOrder(p: usize): bool {
  p3Dbl(SO_A, p); p1p1ToP2(SO_B, SO_A);
  p2Dbl(SO_A, SO_B); p1p1ToP2(SO_B, SO_A);
  p2Dbl(SO_A, SO_B); p1p1ToP2(SO_B, SO_A);
  return isIdentity(SO_B);
}

const OM_T: usize = memory.data(160, 8);
const OM_U: usize = memory.data(160, 8);
const OM_DOUBLE: usize = memory.data(160, 8);

/** table[i] = (2i+1) p for i < 8 as Cached, from p as P3: the variable-base half of a wNAF (width 5). */
export function oddMultiplesCached(table: usize, p: usize): void {
  p3ToCached(table, p);
  p3Dbl(OM_T, p);
  p1p1ToP3(OM_DOUBLE, OM_T);
  for (let i: usize = 1; i < 8; i++) {
    add(OM_T, OM_DOUBLE, table + (i - 1) * CACHED_SIZE);
    p1p1ToP3(OM_U, OM_T);
    p3ToCached(table + i * CACHED_SIZE, OM_U);
  }
}

// Ed25519 verification, PG1 §2: RFC 8032 §5.1.7 with the cofactored equation [8][S]B = [8]R + [8][k]A
// (FIPS 186-5 §7.7.2), strict decoding of A and R, and S < L. Variable time: everything here is
// public (keys, signatures, messages).
import { sha512Init, sha512Update, sha512Final, SHA512_CONTEXT_SIZE } from "./sha512";
import { scalarIsCanonical, scalarReduce64, scalarWnaf, scalarMul, scalarNegate } from "./scalar";
import { halveScalar } from "./scalarHalving";
import {
  p3FromBytes, p3ToCached, p3Dbl, p2Dbl, add, sub, madd, msub, p1p1ToP2, p1p1ToP3,
  p2Identity, p3Identity, isIdentity, hasSmallOrder, oddMultiplesCached, CACHED_SIZE, PRECOMP_SIZE,
} from "./point";
import { BASE_ODD_MULTIPLES, BASE128_ODD_MULTIPLES } from "./baseTables";
import { combAccumulate, baseComb } from "./fixedBase";
import { halfSizeLoopPair } from "./ed25519Simd";
import { p3FromBytesPair } from "./pointSimd";

/** Verification outcomes; 0 is a valid signature. */
export const ED25519_OK: i32 = 0;
export const ED25519_S_NOT_CANONICAL: i32 = 1;   // S >= L
export const ED25519_BAD_PUBLIC_KEY: i32 = 2;    // A is not a canonical encoding of a point
export const ED25519_BAD_R: i32 = 3;             // R is not a canonical encoding of a point
export const ED25519_EQUATION: i32 = 4;          // the cofactored equation does not hold
export const ED25519_SMALL_ORDER_KEY: i32 = 5;   // (key checks only) A has small order

const HASH_CTX: usize = memory.data(<i32>SHA512_CONTEXT_SIZE, 8);
const HASH: usize = memory.data(64, 8);
const K: usize = memory.data(32, 8);
const C0: usize = memory.data(32, 8);
const C1: usize = memory.data(32, 8);
const SB: usize = memory.data(32, 8);        // c1 S mod L
const SB_LO: usize = memory.data(32, 8);     // its low 128 bits
const SB_HI: usize = memory.data(32, 8);     // its high bits
const POINT_A: usize = memory.data(160, 8);
const POINT_R: usize = memory.data(160, 8);
const NAF_A: usize = memory.data(256, 8);
const NAF_R: usize = memory.data(256, 8);
const NAF_BLO: usize = memory.data(256, 8);
const NAF_BHI: usize = memory.data(256, 8);
const A_ODD: usize = memory.data(8 * 160, 8);    // A, 3A, ..., 15A as Cached
const R_ODD: usize = memory.data(8 * 160, 8);    // R, 3R, ..., 15R as Cached
const ACC: usize = memory.data(120, 8);          // P2
const T: usize = memory.data(160, 8);            // P1P1
const U: usize = memory.data(160, 8);            // P3
const R_CACHED: usize = memory.data(160, 8);

/** Adds digit * (table point) to the P1P1 accumulator T; negate flips the sign of the term. */
// @ts-ignore: decorator
@inline function addCachedDigit(digit: i32, table: usize, negate: bool): void {
  if (digit == 0) return;
  p1p1ToP3(U, T);
  const positive = (digit > 0) != negate;
  const entry = table + <usize>((digit < 0 ? -digit : digit) >> 1) * CACHED_SIZE;
  if (positive) add(T, U, entry); else sub(T, U, entry);
}

// @ts-ignore: decorator
@inline function addPrecompDigit(digit: i32, table: usize): void {
  if (digit == 0) return;
  p1p1ToP3(U, T);
  if (digit > 0) madd(T, U, table + <usize>(digit >> 1) * PRECOMP_SIZE);
  else msub(T, U, table + <usize>((-digit) >> 1) * PRECOMP_SIZE);
}

/**
 * Checks [8]([c1 S]B - [c0]A - [c1]R) = 0, which holds iff [8]([S]B - [k]A - R) = 0 because
 * c0 = c1 k (mod L) and c1 is invertible mod L; all four scalars are about 128 bits, so the
 * interleaved wNAF loop needs about 128 doublings instead of 253.
 */
function halfSizeCheck(pointA: usize, s: usize, c1Negative: bool): bool {
  scalarMul(SB, C1, s);
  if (c1Negative) scalarNegate(SB, SB);
  memory.copy(SB_LO, SB, 16);
  memory.fill(SB_LO + 16, 0, 16);
  memory.copy(SB_HI, SB + 16, 16);
  memory.fill(SB_HI + 16, 0, 16);
  scalarWnaf(NAF_A, C0, 5);
  scalarWnaf(NAF_R, C1, 5);
  scalarWnaf(NAF_BLO, SB_LO, 8);
  scalarWnaf(NAF_BHI, SB_HI, 8);
  // Builds with WebAssembly SIMD run the same loop on pairs of field elements (ed25519Simd.ts).
  if (ASC_FEATURE_SIMD) return halfSizeLoopPair(pointA, POINT_R, NAF_A, NAF_R, NAF_BLO, NAF_BHI, !c1Negative);
  oddMultiplesCached(A_ODD, pointA);
  oddMultiplesCached(R_ODD, POINT_R);
  p2Identity(ACC);
  let i: i32 = 130;
  while (i > 0 && load<i8>(NAF_A + i) == 0 && load<i8>(NAF_R + i) == 0
      && load<i8>(NAF_BLO + i) == 0 && load<i8>(NAF_BHI + i) == 0) i--;
  for (; i >= 0; i--) {
    p2Dbl(T, ACC);
    addCachedDigit(<i32>load<i8>(NAF_A + i), A_ODD, true);
    // The R term is -c1 R: subtract for c1 > 0, add for c1 < 0 (C1 holds |c1|).
    addCachedDigit(<i32>load<i8>(NAF_R + i), R_ODD, !c1Negative);
    addPrecompDigit(<i32>load<i8>(NAF_BLO + i), BASE_ODD_MULTIPLES);
    addPrecompDigit(<i32>load<i8>(NAF_BHI + i), BASE128_ODD_MULTIPLES);
    p1p1ToP2(ACC, T);
  }
  for (let j = 0; j < 3; j++) { p2Dbl(T, ACC); p1p1ToP2(ACC, T); }
  return isIdentity(ACC);
}

// A verification runs in three calls so that callers can hash a message made of several pieces
// in place (a COSE Sig_structure, a DeviceAuth) and can supply an already decoded key:
//   ed25519Begin(sig, pub); ed25519Absorb(piece)...; ed25519Finish(sig, pointA)

/** Starts k = SHA-512(R || A || M): absorbs R and the encoded key A. */
export function ed25519Begin(sig: usize, pub: usize): void {
  sha512Init(HASH_CTX);
  sha512Update(HASH_CTX, sig, 32);
  sha512Update(HASH_CTX, pub, 32);
}

/** Absorbs the next piece of the message M. */
export function ed25519Absorb(p: usize, len: usize): void {
  sha512Update(HASH_CTX, p, len);
}

/**
 * Completes the hashing: k into kOut (32 bytes), R decoded into rOut (P3); the first half of every
 * verification, single or batched (batch.ts).
 * ED25519_OK, or the reason the signature is invalid on its face (S >= L, bad R).
 */
export function ed25519ChallengeInto(sig: usize, kOut: usize, rOut: usize): i32 {
  return challenge(sig, kOut, rOut, R_UNDECODED);
}

/**
 * ed25519ChallengeInto without decoding R: k into kOut, or S_NOT_CANONICAL. For batch.ts, which
 * decodes the R of a whole batch afterwards, two at a time (ed25519DecodePoints).
 */
export function ed25519ChallengeLeavingR(sig: usize, kOut: usize): i32 {
  sha512Final(HASH_CTX, HASH);
  if (!scalarIsCanonical(sig + 32)) return ED25519_S_NOT_CANONICAL;
  scalarReduce64(kOut, HASH);
  return ED25519_OK;
}

/**
 * Decodes two encodings (P3 into ra, rb): bit 0 of the result says whether sa decoded, bit 1 whether
 * sb did. Builds with WebAssembly SIMD take the two square roots at once (pointSimd.ts).
 */
export function ed25519DecodePoints(ra: usize, sa: usize, rb: usize, sb: usize): i32 {
  if (ASC_FEATURE_SIMD) return p3FromBytesPair(ra, sa, rb, sb);
  return (p3FromBytes(ra, sa) ? 1 : 0) | (p3FromBytes(rb, sb) ? 2 : 0);
}

// R's decoding as challenge() finds it: not done yet, done and refused, done into rOut.
export const R_UNDECODED: i32 = 0;
export const R_REFUSED: i32 = 1;
export const R_DECODED: i32 = 2;

function challenge(sig: usize, kOut: usize, rOut: usize, r: i32): i32 {
  const status = ed25519ChallengeLeavingR(sig, kOut);
  if (status != ED25519_OK) return status;
  if (r == R_REFUSED || (r == R_UNDECODED && !p3FromBytes(rOut, sig))) return ED25519_BAD_R;
  return ED25519_OK;
}

/** Completes the verification with A decoded (P3) by the caller. */
export function ed25519Finish(sig: usize, pointA: usize): i32 {
  return finish(sig, pointA, R_UNDECODED);
}

function finish(sig: usize, pointA: usize, r: i32): i32 {
  const status = challenge(sig, K, POINT_R, r);
  if (status != ED25519_OK) return status;
  const c1Negative = halveScalar(C0, C1, K);
  return halfSizeCheck(pointA, sig + 32, c1Negative) ? ED25519_OK : ED25519_EQUATION;
}

const ACC3: usize = memory.data(160, 8);

/**
 * Completes a verification for a key with a comb table (fixedBase.ts): [S]B - [k]A from two combs,
 * with no doublings, then [8]((that) - R) = 0. No scalar halving is needed.
 */
export function ed25519FinishPrecomputed(sig: usize, combA: usize): i32 {
  const status = ed25519ChallengeInto(sig, K, POINT_R);
  if (status != ED25519_OK) return status;
  p3Identity(ACC3);
  combAccumulate(ACC3, baseComb(), sig + 32, false);
  combAccumulate(ACC3, combA, K, true);
  p3ToCached(R_CACHED, POINT_R);
  sub(T, ACC3, R_CACHED);
  p1p1ToP2(ACC, T);
  for (let j = 0; j < 3; j++) { p2Dbl(T, ACC); p1p1ToP2(ACC, T); }
  return isIdentity(ACC) ? ED25519_OK : ED25519_EQUATION;
}

/** Verifies the 64-byte signature at sig on msg under the 32-byte public key at pub. */
export function ed25519VerifyAt(msg: usize, msgLen: usize, sig: usize, pub: usize): i32 {
  // Builds with WebAssembly SIMD decode A and R together (their square roots two at a time); the
  // outcomes keep their order: a bad key first, then S >= L, then a bad R.
  let r = R_UNDECODED;
  if (ASC_FEATURE_SIMD) {
    const decoded = p3FromBytesPair(POINT_A, pub, POINT_R, sig);
    if ((decoded & 1) == 0) return ED25519_BAD_PUBLIC_KEY;
    r = (decoded & 2) != 0 ? R_DECODED : R_REFUSED;
  } else if (!p3FromBytes(POINT_A, pub)) return ED25519_BAD_PUBLIC_KEY;
  ed25519Begin(sig, pub);
  ed25519Absorb(msg, msgLen);
  return finish(sig, POINT_A, r);
}

// R as ed25519DecodeKeyWithR left it for ed25519FinishWithR (R_UNDECODED: not decoded yet).
let pendingR: i32 = R_UNDECODED;

/**
 * ed25519DecodeKey for a key whose signature sig is verified next by ed25519FinishWithR: builds with
 * WebAssembly SIMD decode sig's R alongside (the two square roots two at a time), which the finish then
 * uses. The key's outcome is the same as ed25519DecodeKey's; a bad R still fails the finish.
 */
export function ed25519DecodeKeyWithR(out: usize, pub: usize, sig: usize, refuseSmallOrder: bool): i32 {
  pendingR = R_UNDECODED;
  if (!ASC_FEATURE_SIMD) return ed25519DecodeKey(out, pub, refuseSmallOrder);
  const decoded = p3FromBytesPair(out, pub, POINT_R, sig);
  if ((decoded & 1) == 0) return ED25519_BAD_PUBLIC_KEY;
  if (refuseSmallOrder && hasSmallOrder(out)) return ED25519_SMALL_ORDER_KEY;
  pendingR = (decoded & 2) != 0 ? R_DECODED : R_REFUSED;
  return ED25519_OK;
}

/** ed25519Finish right after ed25519DecodeKeyWithR (and the hashing): R as that decoded it. */
export function ed25519FinishWithR(sig: usize, pointA: usize): i32 {
  const r = pendingR;
  pendingR = R_UNDECODED;
  return finish(sig, pointA, r);
}

/** Decodes a key strictly into out (P3); the ED25519_* outcome for an issuer, root or device key. */
export function ed25519DecodeKey(out: usize, pub: usize, refuseSmallOrder: bool): i32 {
  if (!p3FromBytes(out, pub)) return ED25519_BAD_PUBLIC_KEY;
  if (refuseSmallOrder && hasSmallOrder(out)) return ED25519_SMALL_ORDER_KEY;
  return ED25519_OK;
}

/** Issuer and root keys (PG1 §6): a canonical encoding of a point that is not of small order. */
export function ed25519CheckPublicKeyAt(pub: usize): i32 {
  return ed25519DecodeKey(POINT_A, pub, true);
}

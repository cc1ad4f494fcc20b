// Ed25519 verification, PG1 §2: RFC 8032 §5.1.7 with the cofactored equation [8][S]B = [8]R + [8][k]A
// (FIPS 186-5 §7.7.2), strict decoding of A and R, and S < L. Variable time: everything here is
// public (keys, signatures, messages).
import { sha512Init, sha512Update, sha512Final, SHA512_CONTEXT_SIZE } from "./sha512";
import { scalarIsCanonical, scalarReduce64, scalarWnaf } from "./scalar";
import {
  p3FromBytes, p3ToCached, p3Dbl, p2Dbl, add, sub, madd, msub, p1p1ToP2, p1p1ToP3,
  p2Identity, isIdentity, hasSmallOrder, CACHED_SIZE, PRECOMP_SIZE,
} from "./point";
import { BASE_ODD_MULTIPLES } from "./curveConstants";

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
const POINT_A: usize = memory.data(160, 8);
const POINT_R: usize = memory.data(160, 8);
const NAF_A: usize = memory.data(256, 8);
const NAF_B: usize = memory.data(256, 8);
const A_ODD: usize = memory.data(8 * 160, 8);    // A, 3A, ..., 15A as Cached
const ACC: usize = memory.data(120, 8);          // P2
const T: usize = memory.data(160, 8);            // P1P1
const U: usize = memory.data(160, 8);            // P3
const A2: usize = memory.data(160, 8);           // P3

/** A_ODD[i] = (2i+1) A for i < 8, from A as P3. */
function oddMultiples(table: usize, a: usize): void {
  p3ToCached(table, a);
  p3Dbl(T, a);
  p1p1ToP3(A2, T);
  for (let i: usize = 1; i < 8; i++) {
    add(T, A2, table + (i - 1) * CACHED_SIZE);
    p1p1ToP3(U, T);
    p3ToCached(table + i * CACHED_SIZE, U);
  }
}

/**
 * T (P1P1) = [s]B - [k]A, by interleaved width-8 (B, static table) and width-5 (A) wNAF.
 * aTable holds the odd multiples of A as Cached.
 */
function doubleScalarMulVartime(k: usize, aTable: usize, s: usize): void {
  scalarWnaf(NAF_A, k, 5);
  scalarWnaf(NAF_B, s, 8);
  p2Identity(ACC);
  let i: i32 = 255;
  while (i > 0 && load<i8>(NAF_A + i) == 0 && load<i8>(NAF_B + i) == 0) i--;
  for (; i >= 0; i--) {
    p2Dbl(T, ACC);
    const da = <i32>load<i8>(NAF_A + i);
    const db = <i32>load<i8>(NAF_B + i);
    if (da > 0) { p1p1ToP3(U, T); sub(T, U, aTable + <usize>(da >> 1) * CACHED_SIZE); }
    else if (da < 0) { p1p1ToP3(U, T); add(T, U, aTable + <usize>((-da) >> 1) * CACHED_SIZE); }
    if (db > 0) { p1p1ToP3(U, T); madd(T, U, BASE_ODD_MULTIPLES + <usize>(db >> 1) * PRECOMP_SIZE); }
    else if (db < 0) { p1p1ToP3(U, T); msub(T, U, BASE_ODD_MULTIPLES + <usize>((-db) >> 1) * PRECOMP_SIZE); }
    if (i > 0) p1p1ToP2(ACC, T);
  }
}

const R_CACHED: usize = memory.data(160, 8);

/** Checks [8]([S]B - [k]A - R) = 0 given T = [S]B - [k]A (P1P1) and R (P3). */
function cofactoredCheck(r: usize): bool {
  p1p1ToP3(U, T);
  p3ToCached(R_CACHED, r);
  sub(T, U, R_CACHED);
  p1p1ToP2(ACC, T);
  for (let j = 0; j < 3; j++) { p2Dbl(T, ACC); p1p1ToP2(ACC, T); }
  return isIdentity(ACC);
}

/** k = SHA-512(R || A || M) mod L. */
function challenge(sig: usize, pub: usize, msg: usize, msgLen: usize): void {
  sha512Init(HASH_CTX);
  sha512Update(HASH_CTX, sig, 32);
  sha512Update(HASH_CTX, pub, 32);
  sha512Update(HASH_CTX, msg, msgLen);
  sha512Final(HASH_CTX, HASH);
  scalarReduce64(K, HASH);
}

/** Verifies the 64-byte signature at sig on msg under the 32-byte public key at pub. */
export function ed25519VerifyAt(msg: usize, msgLen: usize, sig: usize, pub: usize): i32 {
  if (!scalarIsCanonical(sig + 32)) return ED25519_S_NOT_CANONICAL;
  if (!p3FromBytes(POINT_A, pub)) return ED25519_BAD_PUBLIC_KEY;
  if (!p3FromBytes(POINT_R, sig)) return ED25519_BAD_R;
  challenge(sig, pub, msg, msgLen);
  oddMultiples(A_ODD, POINT_A);
  doubleScalarMulVartime(K, A_ODD, sig + 32);
  return cofactoredCheck(POINT_R) ? ED25519_OK : ED25519_EQUATION;
}

/** Issuer and root keys (PG1 §6): a canonical encoding of a point that is not of small order. */
export function ed25519CheckPublicKeyAt(pub: usize): i32 {
  if (!p3FromBytes(POINT_A, pub)) return ED25519_BAD_PUBLIC_KEY;
  if (hasSmallOrder(POINT_A)) return ED25519_SMALL_ORDER_KEY;
  return ED25519_OK;
}

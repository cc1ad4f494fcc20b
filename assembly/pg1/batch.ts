// Batch verification (PG1 §2 allows it; the equation is the cofactored one). For signatures i with
// random 128-bit z_i, all hold (with probability 1 - 2^-128 when one does not) iff
//   [8]( [sum z_i S_i] B - sum_issuers [sum z_i k_i] A_j - sum [z_i k_i] A_dev - sum [z_i] R_i ) = 0.
// B and the issuer keys use their comb tables (one comb per distinct issuer: the terms of one issuer
// collapse into one scalar); R_i and device keys go through one interleaved (Straus) multi-scalar
// multiplication. When a batch fails, bisection finds the bad signatures, so every presentation still
// gets its own result.
//
// R is decoded when the batch is checked, not when its signature is added: then the R of the whole
// batch are decoded two at a time (builds with WebAssembly SIMD take two square roots at once), and a
// plain key is decoded with its own R. An R that does not decode makes its equation invalid, and no
// check includes it.
import { p3FromBytes, p3Identity, p3ToCached, p2Dbl, add, sub, p1p1ToP2, p1p1ToP3, p2Identity, isIdentity, oddMultiplesCached, CACHED_SIZE } from "../crypto/point";
import { scalarWnaf, scalarMul, scalarAdd } from "../crypto/scalar";
import { combAccumulate, baseComb } from "../crypto/fixedBase";
import { queuePair, strausHolds } from "../crypto/ed25519Simd";
import {
  ed25519ChallengeLeavingR, ed25519DecodeKey, ed25519DecodePoints, ed25519Begin, ed25519Absorb, ED25519_OK,
  R_UNDECODED, R_REFUSED, R_DECODED,
} from "../crypto/ed25519";
import { absorbSigStructure, coseSignature } from "./coseSign1";
import { parseClaims, claimCnfKey } from "./claims";
import {
  bindingPrecheck, bindingAbsorb, devicePoint, bindingSignature, VERDICT_UNKNOWN, VERDICT_VALID, VERDICT_INVALID,
} from "./holderBinding";
import { runUpToIssuer, currentIssuer, rawLength, verifyPresentation } from "./presentation";
import { issuerPub, issuerPoint } from "./issuerTable";
import { issuerComb, buildPending } from "./combCache";
import { cosePayload, cosePayloadLen } from "./coseSign1";
import { OK } from "./resultCode";

export const MAX_BATCH_ITEMS: u32 = 64;
const MAX_EQUATIONS: u32 = 2 * MAX_BATCH_ITEMS;

// An equation: R (P3) | A (P3, keys without a comb) | S | k | z | comb address (0: use A) | verdict |
// group: equations of one key (an issuer entry or a prepared key) share one term; 0 for device keys |
// R as encoded | R's decoding (R_UNDECODED until batchCheck, R_DECODED, R_REFUSED)
const EQ_R: usize = 0;
const EQ_A: usize = 160;
const EQ_S: usize = 320;
const EQ_K: usize = 352;
const EQ_Z: usize = 384;
const EQ_COMB: usize = 416;
const EQ_VERDICT: usize = 420;
const EQ_GROUP: usize = 424;
const EQ_R_BYTES: usize = 432;
const EQ_R_STATE: usize = 464;
const EQ_SIZE: usize = 480;
const EQUATIONS: usize = memory.data(<i32>(MAX_EQUATIONS * <u32>EQ_SIZE), 16);
let equationCount: u32 = 0;

// An item: issuer equation (i32, -1: none) | binding equation | issuer verdict | binding verdict
const ITEMS: usize = memory.data(<i32>(MAX_BATCH_ITEMS * 16), 16);

// @ts-ignore: decorator
@inline function eq(i: u32): usize { return EQUATIONS + <usize>i * EQ_SIZE; }
// @ts-ignore: decorator
@inline function item(i: u32): usize { return ITEMS + (<usize>i << 4); }

// The batch's time and skew, set once by batchBegin (one BigInt conversion per batch, not per item).
let batchNow: u64 = 0;
let batchSkew: u64 = 0;

export function batchBegin(now: u64, skew: u64): void {
  // The one comb table build a batch may do, before any equation holds a table's address.
  buildPending();
  equationCount = 0;
  batchNow = now;
  batchSkew = skew;
  memory.fill(ITEMS, 0, <usize>MAX_BATCH_ITEMS << 4);
}

/**
 * Finishes the signature hashed so far into a new equation; returns its index, -1 if it is invalid on
 * its face (S >= L; R when rState says it was refused), or -2 when the batch is full (the item is then
 * verified on its own). rState: R_DECODED when R is already at the equation's R, else R_UNDECODED.
 */
function addEquation(sig: usize, comb: usize, point: usize, group: usize, rState: i32): i32 {
  if (equationCount >= MAX_EQUATIONS) return -2;
  const e = eq(equationCount);
  if (ed25519ChallengeLeavingR(sig, e + EQ_K) != ED25519_OK || rState == R_REFUSED) return -1;
  memory.copy(e + EQ_R_BYTES, sig, 32);
  store<u32>(e + EQ_R_STATE, <u32>rState);
  memory.copy(e + EQ_S, sig + 32, 32);
  store<u32>(e + EQ_COMB, <u32>comb);
  store<u32>(e + EQ_GROUP, <u32>group);
  if (comb == 0) memory.copy(e + EQ_A, point, 160);
  store<u32>(e + EQ_VERDICT, <u32>VERDICT_UNKNOWN);
  equationCount++;
  return <i32>(equationCount - 1);
}

/**
 * Runs steps 1-3 of item i and collects its signature equations (the issuer's, and the device's when
 * step 10 would check it). Returns -1 - code when the result is already final, else the length of the
 * raw presentation, which was decoded in place at input.
 */
export function batchPrepare(
  i: u32, input: usize, inputLen: usize, isText: bool, nonce: usize, nonceLen: usize, hasNonce: bool,
): i32 {
  const it = item(i);
  store<i32>(it, -1);
  store<i32>(it, -1, 4);
  const r = runUpToIssuer(input, inputLen, isText, batchNow);
  if (r != OK) return -1 - r;
  const issuer = currentIssuer();
  absorbSigStructure(issuerPub(issuer));
  const comb = issuerComb(issuer);
  const ie = addEquation(coseSignature, comb, comb == 0 ? issuerPoint(issuer) : 0, issuer, R_UNDECODED);
  store<i32>(it, ie);
  if (ie == -1) store<i32>(it, VERDICT_INVALID, 8);
  // The device signature counts only if the presentation gets that far: claims parse, cnf, prechecks.
  if (parseClaims(cosePayload, cosePayloadLen) && claimCnfKey != 0 && bindingPrecheck(nonce, nonceLen, hasNonce) == OK) {
    bindingAbsorb();
    const be = addEquation(bindingSignature, 0, devicePoint(), 0, R_UNDECODED);
    store<i32>(it, be, 4);
    if (be == -1) store<i32>(it, VERDICT_INVALID, 12);
  }
  return <i32>rawLength;
}

// Multi-scalar multiplication scratch: up to four variable points per item (R, issuer A without a
// comb, device R, device A).
const MAX_POINTS: u32 = 4 * MAX_BATCH_ITEMS;
const NAFS: usize = memory.data(<i32>(MAX_POINTS * 256), 16);
const TABLES: usize = memory.data(<i32>(MAX_POINTS * 8 * <u32>CACHED_SIZE), 16);
const NEGATE: usize = memory.data(<i32>MAX_POINTS, 16);
const GROUPED: usize = memory.data(<i32>MAX_EQUATIONS, 16);
const SCALAR: usize = memory.data(32, 16);
const TERM: usize = memory.data(32, 16);
const SUM_B: usize = memory.data(32, 16);
const COMB_ACC: usize = memory.data(160, 16);
const COMB_CACHED: usize = memory.data(160, 16);
const ACC: usize = memory.data(120, 16);
const T: usize = memory.data(160, 16);
const U: usize = memory.data(160, 16);

let pointCount: u32 = 0;

/** Queues -[s]P for the Straus loop. */
function queue(p: usize, s: usize): void {
  scalarWnaf(NAFS + (<usize>pointCount << 8), s, 5);
  // Builds with WebAssembly SIMD keep the tables as Cached pairs (ed25519Simd.ts), of the same size.
  if (ASC_FEATURE_SIMD) queuePair(TABLES + <usize>pointCount * 8 * CACHED_SIZE, p);
  else oddMultiplesCached(TABLES + <usize>pointCount * 8 * CACHED_SIZE, p);
  pointCount++;
}

/** True iff the equations [lo, hi) hold together. */
function holds(lo: u32, hi: u32): bool {
  p3Identity(COMB_ACC);
  memory.fill(SUM_B, 0, 32);
  memory.fill(GROUPED, 0, <usize>MAX_EQUATIONS);
  pointCount = 0;
  for (let i = lo; i < hi; i++) {
    const e = eq(i);
    if (load<u32>(e + EQ_R_STATE) == <u32>R_REFUSED) continue;
    scalarMul(TERM, e + EQ_Z, e + EQ_S);
    scalarAdd(SUM_B, SUM_B, TERM);
    queue(e + EQ_R, e + EQ_Z);
    const comb = <usize>load<u32>(e + EQ_COMB);
    const group = load<u32>(e + EQ_GROUP);
    if (group == 0) {
      scalarMul(TERM, e + EQ_Z, e + EQ_K);
      queue(e + EQ_A, TERM);
    } else if (load<u8>(GROUPED + i) == 0) {
      // One term per key: sum z_j k_j over its equations, then its comb or one Straus point.
      memory.fill(SCALAR, 0, 32);
      for (let j = i; j < hi; j++) {
        const f = eq(j);
        if (load<u32>(f + EQ_GROUP) != group || load<u32>(f + EQ_R_STATE) == <u32>R_REFUSED) continue;
        store<u8>(GROUPED + j, 1);
        scalarMul(TERM, f + EQ_Z, f + EQ_K);
        scalarAdd(SCALAR, SCALAR, TERM);
      }
      if (comb != 0) combAccumulate(COMB_ACC, comb, SCALAR, true);
      else queue(e + EQ_A, SCALAR);
    }
  }
  combAccumulate(COMB_ACC, baseComb(), SUM_B, false);
  // Straus: shared doublings, one addition per non-zero digit; every queued term is subtracted.
  let top: i32 = 255;
  for (; top >= 0; top--) {
    let any = false;
    for (let m: u32 = 0; m < pointCount && !any; m++) any = load<i8>(NAFS + (<usize>m << 8) + top) != 0;
    if (any) break;
  }
  if (ASC_FEATURE_SIMD) return strausHolds(NAFS, TABLES, pointCount, top, COMB_ACC);
  p2Identity(ACC);
  p3ToCached(COMB_CACHED, COMB_ACC);
  for (let i = top; i >= 0; i--) {
    p2Dbl(T, ACC);
    for (let m: u32 = 0; m < pointCount; m++) {
      const d = <i32>load<i8>(NAFS + (<usize>m << 8) + i);
      if (d == 0) continue;
      p1p1ToP3(U, T);
      const entry = TABLES + (<usize>m * 8 + <usize>((d < 0 ? -d : d) >> 1)) * CACHED_SIZE;
      if (d > 0) sub(T, U, entry); else add(T, U, entry);
    }
    p1p1ToP2(ACC, T);
  }
  if (top < 0) { p2Dbl(T, ACC); }     // keep T = the accumulator (identity) as P1P1
  p1p1ToP3(U, T);
  add(T, U, COMB_CACHED);
  p1p1ToP2(ACC, T);
  for (let j = 0; j < 3; j++) { p2Dbl(T, ACC); p1p1ToP2(ACC, T); }
  return isIdentity(ACC);
}

/** Sets the verdict of the equations [lo, hi) whose R decoded (the others are invalid already). */
function mark(lo: u32, hi: u32, verdict: i32): void {
  for (let i = lo; i < hi; i++) {
    const e = eq(i);
    if (load<u32>(e + EQ_R_STATE) != <u32>R_REFUSED) store<u32>(e + EQ_VERDICT, <u32>verdict);
  }
}

/** Records how equation e's R decoded: a refused R makes the equation invalid. */
function decoded(e: usize, ok: bool): void {
  store<u32>(e + EQ_R_STATE, <u32>(ok ? R_DECODED : R_REFUSED));
  if (!ok) store<u32>(e + EQ_VERDICT, <u32>VERDICT_INVALID);
}

/** Decodes every R not decoded yet, two at a time. */
function decodePendingR(): void {
  let waiting: usize = 0;
  for (let i: u32 = 0; i < equationCount; i++) {
    const e = eq(i);
    if (load<u32>(e + EQ_R_STATE) != <u32>R_UNDECODED) continue;
    if (waiting == 0) { waiting = e; continue; }
    const both = ed25519DecodePoints(waiting + EQ_R, waiting + EQ_R_BYTES, e + EQ_R, e + EQ_R_BYTES);
    decoded(waiting, (both & 1) != 0);
    decoded(e, (both & 2) != 0);
    waiting = 0;
  }
  if (waiting != 0) decoded(waiting, p3FromBytes(waiting + EQ_R, waiting + EQ_R_BYTES));
}

/** Finds the failing equations of [lo, hi), known to fail together, by bisection. */
function bisect(lo: u32, hi: u32): void {
  if (hi - lo == 1) { mark(lo, hi, VERDICT_INVALID); return; }
  const mid = lo + ((hi - lo) >> 1);
  if (holds(lo, mid)) {
    mark(lo, mid, VERDICT_VALID);
    bisect(mid, hi);                   // the failure is on the right
  } else {
    bisect(lo, mid);
    if (holds(mid, hi)) mark(mid, hi, VERDICT_VALID); else bisect(mid, hi);
  }
}

/**
 * Checks every collected equation with the 16 random bytes per equation at random (from the platform's
 * CSPRNG), and sets each item's verdicts.
 */
export function batchCheck(random: usize): void {
  for (let i: u32 = 0; i < equationCount; i++) {
    const z = eq(i) + EQ_Z;
    memory.copy(z, random + (<usize>i << 4), 16);
    memory.fill(z + 16, 0, 16);
    store<u8>(z, load<u8>(z) | 1);     // never 0: a single equation is then checked exactly
  }
  decodePendingR();
  if (equationCount > 0) {
    if (holds(0, equationCount)) mark(0, equationCount, VERDICT_VALID);
    else bisect(0, equationCount);
  }
  for (let i: u32 = 0; i < MAX_BATCH_ITEMS; i++) {
    const it = item(i);
    const ie = load<i32>(it), be = load<i32>(it, 4);
    if (ie >= 0) store<i32>(it, <i32>load<u32>(eq(<u32>ie) + EQ_VERDICT), 8);
    if (be >= 0) store<i32>(it, <i32>load<u32>(eq(<u32>be) + EQ_VERDICT), 12);
  }
}

/**
 * Finishes item i after batchCheck: steps 1-11 on its raw presentation with its signatures' verdicts
 * (so no signature is checked again); the result code, with the outputs of verify().
 */
export function batchFinish(i: u32, input: usize, rawLen: usize, nonce: usize, nonceLen: usize, hasNonce: bool, hasVenue: bool, ioCapacity: usize, read: usize): i32 {
  const it = item(i);
  return verifyPresentation(input, rawLen, false, batchNow, batchSkew, nonce, nonceLen, hasNonce, hasVenue, ioCapacity,
    load<i32>(it, 8), load<i32>(it, 12), false, read);
}

const RAW_POINT: usize = memory.data(160, 16);

/**
 * Adds a plain Ed25519 signature to the batch: under a prepared key (handle from ed25519PrepareKey:
 * the key at handle, its comb after it) or under the key at pub. Returns the equation index, -1 when
 * the signature or key is invalid on its face, -2 when the batch is full.
 */
export function batchAddSignature(msg: usize, msgLen: usize, sig: usize, pub: usize, handle: usize): i32 {
  let rState = R_UNDECODED;
  if (handle == 0) {
    // A plain key is decoded with its R (into the equation that R goes to, when there is room for one).
    if (equationCount < MAX_EQUATIONS) {
      const both = ed25519DecodePoints(RAW_POINT, pub, eq(equationCount) + EQ_R, sig);
      if ((both & 1) == 0) return -1;
      rState = (both & 2) != 0 ? R_DECODED : R_REFUSED;
    } else if (ed25519DecodeKey(RAW_POINT, pub, false) != ED25519_OK) return -1;
  }
  ed25519Begin(sig, handle != 0 ? handle : pub);
  ed25519Absorb(msg, msgLen);
  return addEquation(sig, handle != 0 ? handle + 32 : 0, RAW_POINT, handle, rState);
}

export function batchEquations(): u32 { return equationCount; }

/**
 * The verdict of equation i after batchCheck: 1 valid, 2 invalid, 3 invalid on its face (R is no
 * point: it was not decoded when the signature was added, and no check had to find it).
 */
export function batchEquationVerdict(i: u32): i32 {
  if (i >= equationCount) return VERDICT_UNKNOWN;
  const e = eq(i);
  return load<u32>(e + EQ_R_STATE) == <u32>R_REFUSED ? 3 : <i32>load<u32>(e + EQ_VERDICT);
}

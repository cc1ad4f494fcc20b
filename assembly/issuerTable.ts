// The issuer keys of the trust list in force (PG1 §6), decoded once when the list is accepted so
// that verification never decompresses an issuer key. Entries live in the persistent arena.
import { arenaAlloc } from "./arena";
import { ed25519DecodeKey, ED25519_OK } from "./ed25519";
import { sha256 } from "./sha256";
import { combBuild, COMB_TABLE_SIZE } from "./fixedBase";

// Entry layout (ENTRY_SIZE bytes):
const KID: usize = 0;           // 8 bytes
const PUB: usize = 8;           // 32 bytes
const ISS_LEN: usize = 40;      // u32
const ISS: usize = 44;          // 32 bytes (iss is 1-32 bytes)
const NOT_BEFORE: usize = 80;   // u64
const NOT_AFTER: usize = 88;    // u64
const REVOKED_AT: usize = 96;   // u64
const HAS_REVOKED_AT: usize = 104; // u32
const COMB: usize = 108;        // u32: address of the key's comb table (fixedBase.ts)
const POINT: usize = 112;       // P3, 160 bytes
export const ISSUER_ENTRY_SIZE: usize = 272;

/** Outcomes of issuerSet beyond the ED25519_* key codes. */
export const ISSUER_KID_MISMATCH: i32 = 10;   // kid != SHA-256(pub)[0..8]
export const ISSUER_BAD_INDEX: i32 = 12;
export const ISSUER_NO_MEMORY: i32 = 13;

let table: usize = 0;
let count: u32 = 0;
const DIGEST: usize = memory.data(32, 8);

/** Allocates room for n issuers (after arenaReset); false when memory cannot grow. */
export function issuersReserve(n: u32): bool {
  count = 0;
  table = arenaAlloc(<usize>n * ISSUER_ENTRY_SIZE);
  if (table == 0 && n > 0) return false;
  count = n;
  return true;
}

/** Fills entry i, decoding and checking the key; 0 (ED25519_OK) or a refusal code. */
export function issuerSet(
  i: u32, kid: usize, pub: usize, iss: usize, issLen: usize,
  notBefore: u64, notAfter: u64, revokedAt: u64, hasRevokedAt: bool,
): i32 {
  if (i >= count) return ISSUER_BAD_INDEX;
  sha256(pub, 32, DIGEST);
  if (load<u64>(DIGEST) != load<u64>(kid)) return ISSUER_KID_MISMATCH;
  const e = table + <usize>i * ISSUER_ENTRY_SIZE;
  const status = ed25519DecodeKey(e + POINT, pub, true);
  if (status != ED25519_OK) return status;
  // Precomputation: every later signature by this key needs no doublings for [k]A.
  const comb = arenaAlloc(COMB_TABLE_SIZE);
  if (comb == 0) return ISSUER_NO_MEMORY;
  combBuild(comb, e + POINT);
  store<u32>(e + COMB, <u32>comb);
  memory.copy(e + KID, kid, 8);
  memory.copy(e + PUB, pub, 32);
  // A token's iss is 1-32 bytes: a longer one here can never match (its length is kept as such).
  store<u32>(e + ISS_LEN, <u32>issLen);
  memory.fill(e + ISS, 0, 32);
  memory.copy(e + ISS, iss, min<usize>(issLen, 32));
  store<u64>(e + NOT_BEFORE, notBefore);
  store<u64>(e + NOT_AFTER, notAfter);
  store<u64>(e + REVOKED_AT, revokedAt);
  store<u32>(e + HAS_REVOKED_AT, hasRevokedAt ? 1 : 0);
  return ED25519_OK;
}

/** The entry with this 8-byte kid, or 0. */
export function issuerFind(kid: usize): usize {
  const k = load<u64>(kid);
  for (let i: u32 = 0; i < count; i++) {
    const e = table + <usize>i * ISSUER_ENTRY_SIZE;
    if (load<u64>(e + KID) == k) return e;
  }
  return 0;
}

export function issuerCount(): u32 { return count; }
export function issuerIndex(e: usize): u32 { return <u32>((e - table) / ISSUER_ENTRY_SIZE); }
export function issuerPub(e: usize): usize { return e + PUB; }
export function issuerPoint(e: usize): usize { return e + POINT; }
export function issuerComb(e: usize): usize { return <usize>load<u32>(e + COMB); }
export function issuerIss(e: usize): usize { return e + ISS; }
export function issuerIssLen(e: usize): usize { return <usize>load<u32>(e + ISS_LEN); }
export function issuerNotBefore(e: usize): u64 { return load<u64>(e + NOT_BEFORE); }
export function issuerNotAfter(e: usize): u64 { return load<u64>(e + NOT_AFTER); }
export function issuerRevoked(e: usize): bool { return load<u32>(e + HAS_REVOKED_AT) != 0; }
export function issuerRevokedAt(e: usize): u64 { return load<u64>(e + REVOKED_AT); }

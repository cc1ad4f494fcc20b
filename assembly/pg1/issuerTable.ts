// The issuer keys of the trust list in force (PG1 §6), decoded once when the list is accepted so that
// verification never decompresses an issuer key. One arena region, replaced as a whole:
//   entries (in list order) | index (kid, entry number), sorted by kid for a binary search
// Comb tables live apart (combCache.ts); an entry only names its slot.
import { REGION_TRUST, regionStart, stageBegin, stageAddress, stageCommit, stageAbort } from "../memory/arena";
import { ed25519DecodeKey, ED25519_OK } from "../crypto/ed25519";
import { sha256 } from "../crypto/sha256";

// Entry layout (ISSUER_ENTRY_SIZE bytes):
const KID: usize = 0;           // 8 bytes
const PUB: usize = 8;           // 32 bytes
const ISS_LEN: usize = 40;      // u32
const ISS: usize = 44;          // 32 bytes (iss is 1-32 bytes)
const SLOT: usize = 76;         // u32: comb slot + 1, 0 without a table (combCache.ts)
const NOT_BEFORE: usize = 80;   // u64
const NOT_AFTER: usize = 88;    // u64
const REVOKED_AT: usize = 96;   // u64
const HAS_REVOKED_AT: usize = 104; // u32
const USES: usize = 108;        // u32: recent verifications (combCache.ts)
const LAST_USE: usize = 112;    // u64: when it was last used (combCache.ts)
const POINT: usize = 120;       // P3, 160 bytes
export const ISSUER_ENTRY_SIZE: usize = 288;
const INDEX_SIZE: usize = 16;   // kid as u64 | entry number u32 | unused

/** Outcomes of issuerSet beyond the ED25519_* key codes. */
export const ISSUER_KID_MISMATCH: i32 = 10;   // kid != SHA-256(pub)[0..8]
export const ISSUER_BAD_INDEX: i32 = 12;

let count: u32 = 0;
const DIGEST: usize = memory.data(32, 8);

// The trust list being staged.
let stagedCount: u32 = 0;
let stagedSet: u32 = 0;

// @ts-ignore: decorator
@inline function entryIn(table: usize, i: u32): usize { return table + <usize>i * ISSUER_ENTRY_SIZE; }
// @ts-ignore: decorator
@inline function indexIn(table: usize, n: u32, i: u32): usize { return table + <usize>n * ISSUER_ENTRY_SIZE + <usize>i * INDEX_SIZE; }

/** Bytes of the trust region for n issuers. */
export function issuersRegionBytes(n: u32): u64 { return <u64>n * <u64>(ISSUER_ENTRY_SIZE + INDEX_SIZE); }

/** Stages a trust list of n issuers; false when memory cannot grow (nothing changed). */
export function issuersStage(n: u32): bool {
  stageAbort();
  if (stageBegin(REGION_TRUST, issuersRegionBytes(n)) == 0) return false;
  stagedCount = n;
  stagedSet = 0;
  return true;
}

/** Fills staged entry i (entries are set in order), decoding and checking the key; 0 or a refusal code. */
export function issuerStageSet(
  i: u32, kid: usize, pub: usize, iss: usize, issLen: usize,
  notBefore: u64, notAfter: u64, revokedAt: u64, hasRevokedAt: bool,
): i32 {
  const table = stageAddress();
  if (table == 0 || i != stagedSet || i >= stagedCount) return ISSUER_BAD_INDEX;
  sha256(pub, 32, DIGEST);
  if (load<u64>(DIGEST) != load<u64>(kid)) return ISSUER_KID_MISMATCH;
  const e = entryIn(table, i);
  const status = ed25519DecodeKey(e + POINT, pub, true);
  if (status != ED25519_OK) return status;
  memory.copy(e + KID, kid, 8);
  memory.copy(e + PUB, pub, 32);
  // A token's iss is 1-32 bytes: a longer one here can never match (its length is kept as such).
  store<u32>(e + ISS_LEN, <u32>issLen);
  memory.fill(e + ISS, 0, 32);
  memory.copy(e + ISS, iss, min<usize>(issLen, 32));
  store<u32>(e + SLOT, 0);
  store<u64>(e + NOT_BEFORE, notBefore);
  store<u64>(e + NOT_AFTER, notAfter);
  store<u64>(e + REVOKED_AT, revokedAt);
  store<u32>(e + HAS_REVOKED_AT, hasRevokedAt ? 1 : 0);
  store<u32>(e + USES, 0);
  store<u64>(e + LAST_USE, 0);
  const x = indexIn(table, stagedCount, i);
  store<u64>(x, load<u64>(kid));
  store<u32>(x, i, 8);
  store<u32>(x, 0, 12);
  stagedSet++;
  return ED25519_OK;
}

function swapIndex(a: usize, b: usize): void {
  const k = load<u64>(a), v = load<u64>(a, 8);
  store<u64>(a, load<u64>(b));
  store<u64>(a, load<u64>(b, 8), 8);
  store<u64>(b, k);
  store<u64>(b, v, 8);
}

/** Heapsort of n index records at x by kid: in place, O(n log n), no allocation. */
function sortIndex(x: usize, n: u32): void {
  if (n < 2) return;
  for (let start = <i32>(n >> 1) - 1; start >= 0; start--) siftDown(x, <u32>start, n);
  for (let end = n - 1; end > 0; end--) {
    swapIndex(x, x + <usize>end * INDEX_SIZE);
    siftDown(x, 0, end);
  }
}

function siftDown(x: usize, root: u32, n: u32): void {
  while (true) {
    let child: u32 = 2 * root + 1;
    if (child >= n) return;
    const c = x + <usize>child * INDEX_SIZE;
    if (child + 1 < n && load<u64>(c + INDEX_SIZE) > load<u64>(c)) child++;
    const r = x + <usize>root * INDEX_SIZE, k = x + <usize>child * INDEX_SIZE;
    if (load<u64>(r) >= load<u64>(k)) return;
    swapIndex(r, k);
    root = child;
  }
}

/**
 * Sorts the staged index; false (and the stage dropped) unless every entry was set and no kid
 * repeats. Nothing in force changes yet: the caller carries comb tables over, then commits.
 */
export function issuersPrepareCommit(): bool {
  const table = stageAddress();
  if (table == 0 || stagedSet != stagedCount) { stageAbort(); return false; }
  const x = indexIn(table, stagedCount, 0);
  sortIndex(x, stagedCount);
  for (let i: u32 = 1; i < stagedCount; i++) {
    if (load<u64>(x + <usize>i * INDEX_SIZE) == load<u64>(x + <usize>(i - 1) * INDEX_SIZE)) { stageAbort(); return false; }
  }
  return true;
}

/** Puts the staged issuers in force (after issuersPrepareCommit). */
export function issuersCommit(): void {
  stageCommit();
  count = stagedCount;
}

function find(table: usize, n: u32, k: u64): usize {
  const x = indexIn(table, n, 0);
  let lo: u32 = 0, hi: u32 = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const at = x + <usize>mid * INDEX_SIZE;
    const v = load<u64>(at);
    if (v == k) return entryIn(table, load<u32>(at, 8));
    if (v < k) lo = mid + 1; else hi = mid;
  }
  return 0;
}

/** The entry in force with this 8-byte kid, or 0. */
export function issuerFind(kid: usize): usize { return find(regionStart(REGION_TRUST), count, load<u64>(kid)); }

/** The staged entry (after issuersPrepareCommit) with the same kid and key as entry e in force, or 0. */
export function issuerFindStaged(e: usize): usize {
  const s = find(stageAddress(), stagedCount, load<u64>(e + KID));
  return s != 0 && memory.compare(s + PUB, e + PUB, 32) == 0 ? s : 0;
}

export function issuerCount(): u32 { return count; }
export function issuerAt(i: u32): usize { return entryIn(regionStart(REGION_TRUST), i); }
export function issuerIndex(e: usize): u32 { return <u32>((e - regionStart(REGION_TRUST)) / ISSUER_ENTRY_SIZE); }
/** The index a staged entry will have once committed. */
export function issuerStagedIndex(e: usize): u32 { return <u32>((e - stageAddress()) / ISSUER_ENTRY_SIZE); }
export function issuerPub(e: usize): usize { return e + PUB; }
export function issuerPoint(e: usize): usize { return e + POINT; }
export function issuerIss(e: usize): usize { return e + ISS; }
export function issuerIssLen(e: usize): usize { return <usize>load<u32>(e + ISS_LEN); }
export function issuerNotBefore(e: usize): u64 { return load<u64>(e + NOT_BEFORE); }
export function issuerNotAfter(e: usize): u64 { return load<u64>(e + NOT_AFTER); }
export function issuerRevoked(e: usize): bool { return load<u32>(e + HAS_REVOKED_AT) != 0; }
export function issuerRevokedAt(e: usize): u64 { return load<u64>(e + REVOKED_AT); }

// Bookkeeping of combCache.ts.
export function issuerSlot(e: usize): u32 { return load<u32>(e + SLOT); }
export function setIssuerSlot(e: usize, slot: u32): void { store<u32>(e + SLOT, slot); }
export function issuerUses(e: usize): u32 { return load<u32>(e + USES); }
export function setIssuerUses(e: usize, uses: u32): void { store<u32>(e + USES, uses); }
export function issuerLastUse(e: usize): u64 { return load<u64>(e + LAST_USE); }
export function setIssuerLastUse(e: usize, t: u64): void { store<u64>(e + LAST_USE, t); }

// Comb tables (fixedBase.ts, 165,120 bytes each) for the issuer keys in use, within a budget set by
// the SDK (default 16 MiB: 101 tables). A key without a table verifies on the plain path: the same
// result, about twice the time. The policy, in full:
// - A use of a key is a verification in which its signature held (so forged presentations cannot
//   steer the cache). Each key counts its uses; every 16 x (table slots) uses all counts are halved,
//   so the counts follow recent traffic.
// - From its 2nd use on, a key without a table is given one: in a free slot, else in a new slot while
//   the budget (and the memory limit) allows, else in the slot of the least recently used key, but
//   only when the newcomer has more uses than that key (a burst of rare keys cannot flush hot ones).
// - A build costs about 15 to 25 plain verifications (about 1.5 ms on the 2-core development
//   machine); at most one happens per verify() call or per batch. verify() builds right after the signature held;
//   within a batch nothing is built (equations hold table addresses, and inputs sit in scratch memory
//   that growing the tables would overwrite): the key is remembered and built at the next batchBegin.
// - A trust update keeps the tables and counts of the keys that stay; setting the budget drops all.
// docs/core.md says the same for operators.
import { REGION_TABLES, regionStart, regionSize, regionGrow, regionTruncate } from "../memory/arena";
import { combBuild, COMB_TABLE_SIZE } from "../crypto/fixedBase";
import {
  issuerCount, issuerAt, issuerIndex, issuerPoint, issuerSlot, setIssuerSlot, issuerUses, setIssuerUses,
  issuerLastUse, setIssuerLastUse, issuerFindStaged, issuerStagedIndex,
} from "./issuerTable";

const SLOT_OWNER: usize = 0;     // u32: issuer index + 1, 0 when free
const SLOT_NEXT: usize = 4;      // u32: the owner once a trust update is committed
const SLOT_TABLE: usize = 16;
const SLOT_SIZE: usize = SLOT_TABLE + COMB_TABLE_SIZE;

/** A key gets a table from this use on. */
export const ADMIT_AFTER_USES: u32 = 2;
const AGING_PER_SLOT: u32 = 16;

let maxSlots: u32 = <u32>(<usize>(16 << 20) / COMB_TABLE_SIZE);
let usedSlots: u32 = 0;
let clock: u64 = 0;
let usesSinceAging: u32 = 0;
let pending: u32 = 0;             // issuer index + 1 of a key to build at the next batchBegin

// @ts-ignore: decorator
@inline function slotCount(): u32 { return <u32>(regionSize(REGION_TABLES) / SLOT_SIZE); }
// @ts-ignore: decorator
@inline function slotAt(s: u32): usize { return regionStart(REGION_TABLES) + <usize>s * SLOT_SIZE; }

/** Table bytes allowed (whole tables only); drops every table. */
export function setPrecomputeBudget(bytes: u32): void {
  for (let s: u32 = 0; s < slotCount(); s++) {
    const owner = load<u32>(slotAt(s) + SLOT_OWNER);
    if (owner != 0) setIssuerSlot(issuerAt(owner - 1), 0);
  }
  regionTruncate(REGION_TABLES, 0);
  usedSlots = 0;
  pending = 0;
  maxSlots = bytes / <u32>COMB_TABLE_SIZE;
}

/** The comb table of issuer e, or 0 when it has none (plain path). */
export function issuerComb(e: usize): usize {
  const s = issuerSlot(e);
  return s == 0 ? 0 : slotAt(s - 1) + SLOT_TABLE;
}

/** 1 when issuer i has a table, 0 when not, -1 when there is no issuer i. */
export function issuerHasTable(i: u32): i32 {
  if (i >= issuerCount()) return -1;
  return issuerSlot(issuerAt(i)) != 0 ? 1 : 0;
}

function halveCounts(): void {
  const n = issuerCount();
  for (let i: u32 = 0; i < n; i++) {
    const e = issuerAt(i);
    setIssuerUses(e, issuerUses(e) >> 1);
  }
}

/** A slot for a key with `uses` uses, or -1 (the caller fills it). */
function claimSlot(uses: u32): i32 {
  const n = slotCount();
  if (usedSlots < n) {
    for (let s: u32 = 0; s < n; s++) if (load<u32>(slotAt(s) + SLOT_OWNER) == 0) { usedSlots++; return <i32>s; }
  }
  if (n < maxSlots && regionGrow(REGION_TABLES, SLOT_SIZE) != 0) { usedSlots++; return <i32>n; }
  let victim: i32 = -1;
  let oldest: u64 = u64.MAX_VALUE;
  for (let s: u32 = 0; s < n; s++) {
    const t = issuerLastUse(issuerAt(load<u32>(slotAt(s) + SLOT_OWNER) - 1));
    if (t < oldest) { oldest = t; victim = <i32>s; }
  }
  if (victim < 0) return -1;
  const holder = issuerAt(load<u32>(slotAt(<u32>victim) + SLOT_OWNER) - 1);
  if (uses <= issuerUses(holder)) return -1;
  setIssuerSlot(holder, 0);
  return victim;
}

function build(e: usize): void {
  const s = claimSlot(issuerUses(e));
  if (s < 0) return;
  const at = slotAt(<u32>s);
  store<u32>(at + SLOT_OWNER, issuerIndex(e) + 1);
  combBuild(at + SLOT_TABLE, issuerPoint(e));
  setIssuerSlot(e, <u32>s + 1);
}

/**
 * Records a use of issuer e (its signature held). With mayBuild (verify()), a key that qualifies gets
 * its table now; otherwise (inside a batch) it is remembered for the next batchBegin.
 */
export function recordUse(e: usize, mayBuild: bool): void {
  if (maxSlots == 0) return;
  setIssuerLastUse(e, ++clock);
  const uses = issuerUses(e);
  if (uses < u32.MAX_VALUE) setIssuerUses(e, uses + 1);
  if (++usesSinceAging >= AGING_PER_SLOT * max<u32>(maxSlots, 16)) { usesSinceAging = 0; halveCounts(); }
  if (issuerSlot(e) != 0 || issuerUses(e) < ADMIT_AFTER_USES) return;
  if (mayBuild) build(e);
  else if (pending == 0) pending = issuerIndex(e) + 1;
}

/** At the start of a batch: builds the table a key earned in an earlier batch, if it still qualifies. */
export function buildPending(): void {
  const p = pending;
  pending = 0;
  if (p == 0 || p > issuerCount()) return;
  const e = issuerAt(p - 1);
  if (issuerSlot(e) == 0 && issuerUses(e) >= ADMIT_AFTER_USES) build(e);
}

/**
 * Before a staged trust list is committed (its index sorted, the old list still in force): the keys
 * that stay keep their counts and tables. combTrustCommitted() finishes after the commit.
 */
export function combCarryOver(): void {
  const n = issuerCount();
  for (let i: u32 = 0; i < n; i++) {
    const old = issuerAt(i);
    const staged = issuerFindStaged(old);
    if (staged == 0) continue;
    setIssuerUses(staged, issuerUses(old));
    setIssuerLastUse(staged, issuerLastUse(old));
  }
  for (let s: u32 = 0; s < slotCount(); s++) {
    const at = slotAt(s);
    const owner = load<u32>(at + SLOT_OWNER);
    let next: u32 = 0;
    if (owner != 0) {
      const staged = issuerFindStaged(issuerAt(owner - 1));
      if (staged != 0) {
        setIssuerSlot(staged, s + 1);
        next = issuerStagedIndex(staged) + 1;
      }
    }
    store<u32>(at + SLOT_NEXT, next);
  }
}

export function combTrustCommitted(): void {
  usedSlots = 0;
  pending = 0;
  for (let s: u32 = 0; s < slotCount(); s++) {
    const at = slotAt(s);
    const next = load<u32>(at + SLOT_NEXT);
    store<u32>(at + SLOT_OWNER, next);
    if (next != 0) usedSlots++;
  }
}

// Linear memory above the static data: four persistent regions laid end to end, then a scratch area
// for large one-off inputs (trust lists of up to 16 MiB, filters of up to 64 MiB, batches).
//
//   BASE | trust (issuers) | revocations (prefixes, filter) | comb tables | prepared keys | scratch...
//
// A region is replaced atomically: the new content is staged above everything (the only step that
// can fail is growing memory, done before anything changes), filled and checked by its owner, then
// moved into place while later regions shift by the size difference. A failed update therefore
// leaves every region exactly as it was. Regions hold no absolute addresses of other regions: their
// owners read regionStart() each time. Memory grows in large steps, never beyond the limit set by
// memoryLimit(), and never shrinks.

// @ts-ignore: global provided by the compiler
const BASE: usize = (__heap_base + 15) & ~15;

export const REGION_TRUST: u32 = 0;
export const REGION_REVOCATIONS: u32 = 1;
export const REGION_TABLES: u32 = 2;
export const REGION_KEYS: u32 = 3;
const REGIONS: u32 = 4;

// Offsets from BASE and sizes: all zero at start (and after a wipe), i.e. every region empty.
const START: usize = memory.data(<i32>REGIONS * 4, 4);
const SIZE: usize = memory.data(<i32>REGIONS * 4, 4);

const MAX_PAGES: u32 = 65536;           // 4 GiB: all a 32-bit memory can address
let limitPages: u32 = MAX_PAGES;
const MIN_STEP_PAGES: u32 = 16;         // 1 MiB

// @ts-ignore: decorator
@inline function align16(n: u64): u64 { return (n + 15) & ~(<u64>15); }

export function regionStart(r: u32): usize { return BASE + <usize>load<u32>(START + (<usize>r << 2)); }
export function regionSize(r: u32): usize { return <usize>load<u32>(SIZE + (<usize>r << 2)); }
function setStart(r: u32, v: usize): void { store<u32>(START + (<usize>r << 2), <u32>(v - BASE)); }
function setSize(r: u32, v: usize): void { store<u32>(SIZE + (<usize>r << 2), <u32>v); }

/** End of the last region. */
function top(): usize { return regionStart(REGIONS - 1) + regionSize(REGIONS - 1); }

/** Caps linear memory at `pages` pages of 64 KiB (0: no cap beyond 4 GiB); memory already held stays. */
export function setMemoryLimit(pages: u32): void {
  limitPages = pages == 0 || pages > MAX_PAGES ? MAX_PAGES : pages;
}

/** Makes [0, end) addressable: grows by at least a quarter of the memory (1 MiB minimum) when it must. */
function ensure(end: u64): bool {
  const havePages = <u32>memory.size();
  const have = <u64>havePages << 16;
  if (end <= have) return true;
  const needPages = <u32>((end - have + 0xffff) >> 16);
  if (<u64>havePages + <u64>needPages > <u64>limitPages) return false;
  let step = max<u32>(needPages, max<u32>(havePages >> 2, MIN_STEP_PAGES));
  if (havePages + step > limitPages) step = limitPages - havePages;
  if (memory.grow(<i32>step) >= 0) return true;
  return step != needPages && memory.grow(<i32>needPages) >= 0;
}

/** Moves the regions after r by delta bytes (a memmove; delta is a multiple of 16). */
function shiftAfter(r: u32, delta: i64): void {
  if (r + 1 >= REGIONS || delta == 0) return;
  const from = regionStart(r + 1);
  memory.copy(<usize>(<i64>from + delta), from, top() - from);
  for (let q = r + 1; q < REGIONS; q++) setStart(q, <usize>(<i64>regionStart(q) + delta));
}

// The staged replacement of one region, if any.
let stageRegion: i32 = -1;
let stageAt: usize = 0;
let stageSize: usize = 0;

/** Bytes of the regions after r. */
function laterBytes(r: u32): usize { return r + 1 >= REGIONS ? 0 : top() - regionStart(r + 1); }

/**
 * Stages a replacement of region r of `size` bytes; returns where to build it (size rounded up to 16,
 * contents undefined), or 0 when memory cannot grow (then nothing has changed). Drops an open stage.
 * A region that grows by delta needs min(delta, bytes of the later regions) beyond its stage: room for
 * the later regions to move up without touching the stage, or for parking them above it.
 */
export function stageBegin(r: u32, size: u64): usize {
  stageAbort();
  const rounded = align16(size);
  const delta = <i64>rounded - <i64>regionSize(r);
  const later = <u64>laterBytes(r);
  const gap: u64 = delta > 0 && <u64>delta <= later ? <u64>delta : 0;
  const at = <u64>top() + gap;
  const end = at + rounded + (delta > 0 && <u64>delta > later ? later : 0);
  if (end > 0xffffffff || !ensure(end)) return 0;
  stageRegion = <i32>r;
  stageAt = <usize>at;
  stageSize = <usize>rounded;
  return stageAt;
}

export function stageAddress(): usize { return stageRegion < 0 ? 0 : stageAt; }

/** Puts the staged region in force (nothing here can fail). */
export function stageCommit(): void {
  if (stageRegion < 0) return;
  const r = <u32>stageRegion;
  const start = regionStart(r);
  const delta = <i64>stageSize - <i64>regionSize(r);
  const later = laterBytes(r);
  if (delta <= 0) {
    memory.copy(start, stageAt, stageSize);
    shiftAfter(r, delta);
  } else if (<u64>delta <= <u64>later) {
    shiftAfter(r, delta);                     // up into the gap below the stage
    memory.copy(start, stageAt, stageSize);
  } else {
    // Park the later regions above the stage, move the stage down, then the later regions after it.
    const from = start + regionSize(r);
    const parked = stageAt + stageSize;
    memory.copy(parked, from, later);
    memory.copy(start, stageAt, stageSize);
    memory.copy(start + stageSize, parked, later);
    for (let q = r + 1; q < REGIONS; q++) setStart(q, <usize>(<i64>regionStart(q) + delta));
  }
  setSize(r, stageSize);
  stageRegion = -1;
}

/** Bytes of all regions (what a staged update may have to move or park). */
export function persistentBytes(): usize { return top() - BASE; }

/** Grows memory now so that `extra` bytes above the regions are addressable; false when it cannot. */
export function reserveAbove(extra: u64): bool {
  stageAbort();
  const end = <u64>top() + extra;
  return end <= 0xffffffff && ensure(end);
}

/** Forgets the staged region: everything stays as it was. */
export function stageAbort(): void { stageRegion = -1; }

/**
 * Adds `extra` bytes (rounded up to 16) at the end of region r, moving later regions up; returns the
 * address of the added bytes (contents undefined) or 0 when memory cannot grow.
 */
export function regionGrow(r: u32, extra: u64): usize {
  stageAbort();
  const rounded = align16(extra);
  const end = <u64>top() + rounded;
  if (end > 0xffffffff || !ensure(end)) return 0;
  shiftAfter(r, <i64>rounded);
  const at = regionStart(r) + regionSize(r);
  setSize(r, regionSize(r) + <usize>rounded);
  return at;
}

/** Cuts region r to `size` bytes (no more than it has), moving later regions down. */
export function regionTruncate(r: u32, size: usize): void {
  stageAbort();
  const rounded = <usize>align16(size);
  if (rounded >= regionSize(r)) return;
  shiftAfter(r, <i64>rounded - <i64>regionSize(r));
  setSize(r, rounded);
}

/**
 * A scratch region of at least `size` bytes above every region (and above a staged one), valid until
 * the next change to a region; returns 0 when memory cannot grow.
 */
export function scratch(size: usize): usize {
  let p = top();
  if (stageRegion >= 0) p = stageAt + stageSize;
  if (!ensure(<u64>p + <u64>size)) return 0;
  return p;
}

/** Zeroises every byte of linear memory: the data-destruction path (the instance is unusable after). */
export function wipeAll(): void {
  memory.fill(0, 0, (<usize>memory.size()) << 16);
}

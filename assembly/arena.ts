// Linear memory above the static data: a persistent region (issuer tables, revocation prefixes),
// rebuilt as a whole when trust material changes, and a scratch region right above it for large
// one-off inputs (trust lists of up to 16 MiB). Memory grows on demand and never shrinks.

// @ts-ignore: global provided by the compiler
const BASE: usize = (__heap_base + 15) & ~15;
let persistentTop: usize = BASE;

function ensure(end: usize): bool {
  const have = (<usize>memory.size()) << 16;
  if (end <= have) return true;
  const pages = <i32>((end - have + 0xffff) >> 16);
  return memory.grow(pages) >= 0;
}

/** Drops every persistent allocation. */
export function arenaReset(): void { persistentTop = BASE; }

/** Reserves `size` persistent bytes (16-byte aligned); returns 0 when memory cannot grow. */
export function arenaAlloc(size: usize): usize {
  const p = persistentTop;
  const end = (p + size + 15) & ~15;
  if (end < p || !ensure(end)) return 0;
  persistentTop = end;
  return p;
}

/** A scratch region of at least `size` bytes above the persistent region, valid until the next
 *  arenaAlloc; returns 0 when memory cannot grow. */
export function scratch(size: usize): usize {
  const p = persistentTop;
  if (p + size < p || !ensure(p + size)) return 0;
  return p;
}

/** Zeroises every byte of linear memory: the data-destruction path (the instance is unusable after). */
export function wipeAll(): void {
  memory.fill(0, 0, (<usize>memory.size()) << 16);
}

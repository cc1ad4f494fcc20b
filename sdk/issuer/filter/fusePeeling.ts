/**
 * Peeling and assignment of a 3-wise binary fuse table (Graf and Lemire 2022). Each key touches
 * three entries; an entry touched by a single key can be solved last for that key, which removes
 * the key from its other two entries and may leave them with a single key in turn. When every key
 * comes off this way, the keys are assigned in the reverse order: each one sets its own entry so
 * that the XOR of its three entries is its value.
 */
import { FuseLayout, fingerprint, mixInto } from './fuseHash.js';
import { HI, LO } from './keyArray.js';

/** The order in which the keys came off, and the entry each one owns. */
export interface PeelOrder {
  readonly keys: Uint32Array;
  readonly slots: Uint32Array;
}

/**
 * The hashes mix(key + seed) of n keys (words as in keyArray), interleaved hi, lo, into `out`.
 */
export function hashKeys(words: Uint32Array, n: number, seedHi: number, seedLo: number, out: Uint32Array): void {
  const h = new Uint32Array(2);
  for (let i = 0; i < n; i++) {
    mixInto(words[2 * i + HI]!, words[2 * i + LO]!, seedHi, seedLo, h);
    out[2 * i] = h[0]!;
    out[2 * i + 1] = h[1]!;
  }
}

/**
 * The hashes reordered by their top bits, which orders the keys by where their entries lie (p0
 * grows with h): the passes over the table then walk it nearly in order instead of at random,
 * which is most of the build time once the table outgrows the caches.
 */
export interface LocalOrder {
  /** Hashes, interleaved hi, lo, in the new order. */
  readonly hashes: Uint32Array;
  /** For each position in the new order, the key's index in the caller's order. */
  readonly index: Uint32Array;
}

export function localOrder(hashes: Uint32Array, n: number): LocalOrder {
  const bits = Math.max(0, Math.min(16, Math.ceil(Math.log2(Math.max(1, n / 64)))));
  const buckets = 2 ** bits;
  const start = new Uint32Array(buckets + 1);
  const bucketOf = (hi: number): number => (bits === 0 ? 0 : hi >>> (32 - bits));
  for (let i = 0; i < n; i++) start[bucketOf(hashes[2 * i]!) + 1]!++;
  for (let b = 0; b < buckets; b++) start[b + 1]! += start[b]!;
  const sorted = new Uint32Array(2 * n);
  const index = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const hi = hashes[2 * i]!;
    const at = start[bucketOf(hi)]!++;
    sorted[2 * at] = hi;
    sorted[2 * at + 1] = hashes[2 * i + 1]!;
    index[at] = i;
  }
  return { hashes: sorted, index };
}

/**
 * Peels the keys whose hashes are given (interleaved hi, lo; best in local order); null when some
 * keys cannot come off (a 2-core remains, or an entry is touched by 255 keys or more): another seed
 * or a larger table is needed. The order holds positions in `hashes`.
 */
export function peel(hashes: Uint32Array, n: number, layout: FuseLayout): PeelOrder | null {
  const m = layout.length;
  const count = new Uint8Array(m);
  const owner = new Uint32Array(m); // XOR of the indices of the keys touching the entry
  const p = new Uint32Array(3);
  for (let i = 0; i < n; i++) {
    layout.positions(hashes[2 * i]!, hashes[2 * i + 1]!, p);
    for (let j = 0; j < 3; j++) {
      const e = p[j]!;
      if (count[e] === 255) return null;
      count[e]!++;
      owner[e]! ^= i;
    }
  }
  // An entry's count only falls after this point, so it reaches 1 at most once: m slots suffice.
  const queue = new Uint32Array(m);
  let queued = 0;
  for (let e = m - 1; e >= 0; e--) if (count[e] === 1) queue[queued++] = e;
  const keys = new Uint32Array(n);
  const slots = new Uint32Array(n);
  let peeled = 0;
  while (queued > 0) {
    const e = queue[--queued]!;
    if (count[e] !== 1) continue;
    const i = owner[e]!;
    keys[peeled] = i;
    slots[peeled] = e;
    peeled++;
    layout.positions(hashes[2 * i]!, hashes[2 * i + 1]!, p);
    for (let j = 0; j < 3; j++) {
      const f = p[j]!;
      count[f]!--;
      owner[f]! ^= i;
      if (count[f] === 1) queue[queued++] = f;
    }
  }
  return peeled === n ? { keys, slots } : null;
}

/**
 * The entries (each below 2^width) such that, for key i, the XOR of its three entries is its value:
 * bits[i] (i in the caller's order) when `bits` is given (a 1-bit static function), else the key's r-bit fingerprint.
 */
export function assign(order: PeelOrder, local: LocalOrder, layout: FuseLayout, width: number, bits: Uint8Array | null): Uint32Array {
  const { hashes, index } = local;
  const entries = new Uint32Array(layout.length);
  const p = new Uint32Array(3);
  for (let k = order.keys.length - 1; k >= 0; k--) {
    const i = order.keys[k]!;
    const hHi = hashes[2 * i]!;
    const hLo = hashes[2 * i + 1]!;
    layout.positions(hHi, hLo, p);
    const value = bits === null ? fingerprint(hHi, hLo, width) : bits[index[i]!]!;
    // The owned entry is still 0 here, so XOR-ing all three leaves the other two's contribution.
    entries[order.slots[k]!] = (value ^ entries[p[0]!]! ^ entries[p[1]!]! ^ entries[p[2]!]!) >>> 0;
  }
  return entries;
}

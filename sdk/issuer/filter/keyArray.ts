/**
 * Sets of filter keys (PG1 §7.3: H(cti)[0..8] read as a big-endian uint64) held in BigUint64Arrays:
 * sorted natively, 8 bytes a key, and read word by word through a Uint32Array over the same memory
 * (no BigInt per key in the hot loops).
 */

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Index of a key's high word within its pair of words in the Uint32Array view. */
export const HI = LITTLE_ENDIAN ? 1 : 0;
/** Index of a key's low word. */
export const LO = LITTLE_ENDIAN ? 0 : 1;

/** The keys' memory as 32-bit words: key i is (words[2i + HI], words[2i + LO]). */
export function keyWords(keys: BigUint64Array): Uint32Array {
  return new Uint32Array(keys.buffer, keys.byteOffset, keys.length * 2);
}

/** Sorts in place and drops repeats; returns the unique prefix (a view of the same memory). */
export function sortUnique(keys: BigUint64Array): BigUint64Array {
  keys.sort();
  if (keys.length === 0) return keys;
  const w = keyWords(keys);
  let n = 1;
  for (let i = 1; i < keys.length; i++) {
    const hi = w[2 * i + HI]!;
    const lo = w[2 * i + LO]!;
    if (hi === w[2 * (n - 1) + HI] && lo === w[2 * (n - 1) + LO]) continue;
    w[2 * n + HI] = hi;
    w[2 * n + LO] = lo;
    n++;
  }
  return keys.subarray(0, n);
}

/** The shard of a key's high word: its top s bits (0 when s = 0). */
export function shardOf(hi: number, shardBits: number): number {
  return shardBits === 0 ? 0 : hi >>> (32 - shardBits);
}

/**
 * Where each shard's keys start in sorted keys (a shard is the top s bits, so its keys are
 * contiguous): offsets[i] .. offsets[i + 1] for shard i, 2^s + 1 offsets.
 */
export function shardOffsets(sorted: BigUint64Array, shardBits: number): Uint32Array {
  const shards = 2 ** shardBits;
  const offsets = new Uint32Array(shards + 1);
  const w = keyWords(sorted);
  let shard = 0;
  for (let i = 0; i < sorted.length; i++) {
    const s = shardOf(w[2 * i + HI]!, shardBits);
    while (shard < s) offsets[++shard] = i;
  }
  while (shard < shards) offsets[++shard] = sorted.length;
  return offsets;
}

/**
 * For every key of sorted `keys`, 1 if it is in sorted `members`, else 0 (a merge: both are
 * ascending and free of repeats).
 */
export function membership(keys: BigUint64Array, members: BigUint64Array): Uint8Array {
  const out = new Uint8Array(keys.length);
  let j = 0;
  for (let i = 0; i < keys.length && j < members.length; i++) {
    const k = keys[i]!;
    while (j < members.length && members[j]! < k) j++;
    if (j < members.length && members[j] === k) out[i] = 1;
  }
  return out;
}

/** A key from its 8 bytes (big-endian, as §7.1 lists them). */
export function keyFromBytes(bytes: Uint8Array, offset = 0): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset + offset, 8).getBigUint64(0, false);
}

/** Keys from their 8-byte forms (any order, repeats allowed). */
export function keysFromPrefixes(prefixes: readonly Uint8Array[] | Iterable<Uint8Array>): BigUint64Array {
  const list = Array.isArray(prefixes) ? (prefixes as readonly Uint8Array[]) : [...prefixes];
  const out = new BigUint64Array(list.length);
  list.forEach((p, i) => { out[i] = keyFromBytes(p); });
  return out;
}

/** A growable array of keys, for the keys of one shard that reach stage 2. */
export class KeyBuffer {
  private keys = new BigUint64Array(16);
  private words = keyWords(this.keys);
  length = 0;

  push(hi: number, lo: number): void {
    if (this.length === this.keys.length) {
      const next = new BigUint64Array(this.keys.length * 2);
      next.set(this.keys);
      this.keys = next;
      this.words = keyWords(next);
    }
    this.words[2 * this.length + HI] = hi;
    this.words[2 * this.length + LO] = lo;
    this.length++;
  }

  /** The keys so far (a copy that owns its memory, fit for transfer to a worker). */
  toArray(): BigUint64Array {
    return this.keys.slice(0, this.length);
  }
}

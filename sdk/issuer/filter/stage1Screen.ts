/**
 * Stage 1 of every shard, applied to the universe: the keys it lets through (the revoked ones and
 * about 2^-r of the others) are the keys stage 2 must answer for. The tables are kept unpacked, one
 * 32-bit word an entry, in one buffer that worker threads can share.
 */
import { firstPosition, mixInto } from './fuseHash.js';
import type { FuseTable } from './fuseTableBuilder.js';
import { HI, LO, type KeyBuffer } from './keyArray.js';

/** Plain data (structured-clone or shared), so that a worker can rebuild the screen. */
export interface ScreenData {
  readonly shardBits: number;
  /** r per shard; 0 lets every key through. */
  readonly widths: Uint8Array;
  /** Seed per shard as two words, hi then lo. */
  readonly seeds: Uint32Array;
  /** L and S per shard. */
  readonly layouts: Uint32Array;
  /** Where each shard's entries start in `entries` (shards + 1 offsets). */
  readonly offsets: Float64Array;
  readonly entries: Uint32Array;
}

/** The data of the stage-1 tables (null for a shard with r = 0); `shared` puts the entries in a SharedArrayBuffer. */
export function screenData(shardBits: number, tables: readonly (FuseTable | null)[], shared: boolean): ScreenData {
  const shards = tables.length;
  const widths = new Uint8Array(shards);
  const seeds = new Uint32Array(2 * shards);
  const layouts = new Uint32Array(2 * shards);
  const offsets = new Float64Array(shards + 1);
  tables.forEach((t, i) => {
    offsets[i + 1] = offsets[i]! + (t === null ? 0 : t.entries.length);
    if (t === null) return;
    widths[i] = t.width;
    seeds[2 * i] = Number(t.seed >> 32n);
    seeds[2 * i + 1] = Number(t.seed & 0xffffffffn);
    layouts[2 * i] = t.layout.segmentLength;
    layouts[2 * i + 1] = t.layout.segmentCount;
  });
  const total = offsets[shards]!;
  const entries = new Uint32Array(shared ? new SharedArrayBuffer(total * 4) : new ArrayBuffer(total * 4));
  tables.forEach((t, i) => { if (t !== null) entries.set(t.entries, offsets[i]!); });
  return { shardBits, widths, seeds, layouts, offsets, entries };
}

/**
 * Screens keys through stage 1. It runs once per key of the universe (10^8 to 10^9 of them), so
 * each shard's geometry is flattened into typed arrays and the positions are computed here with
 * plain locals, as FuseLayout.positions computes them.
 */
export class Stage1Screen {
  private readonly shardBits: number;
  private readonly seeds: Uint32Array;
  /** Per shard: L, L - 1, the low and high 16 bits of S * L, the fingerprint mask (-1 for r = 32), the first entry. */
  private readonly params: Int32Array;
  /**
   * The entries in the narrowest array that holds them (r is about 7 at national scale: bytes keep
   * 4 times more of the table in cache than words). Words are signed, so that XOR stays in int32.
   */
  private readonly entries: Uint8Array | Uint16Array | Int32Array;
  private readonly hash = new Uint32Array(2);

  constructor(data: ScreenData) {
    this.shardBits = data.shardBits;
    this.seeds = data.seeds;
    const widest = data.widths.reduce((a, b) => Math.max(a, b), 0);
    this.entries =
      widest <= 8 ? Uint8Array.from(data.entries) : widest <= 16 ? Uint16Array.from(data.entries) : new Int32Array(data.entries.buffer, data.entries.byteOffset, data.entries.length);
    const shards = data.widths.length;
    this.params = new Int32Array(6 * shards);
    for (let i = 0; i < shards; i++) {
      const r = data.widths[i]!;
      const L = data.layouts[2 * i]!;
      const span = data.layouts[2 * i + 1]! * L;
      this.params.set([L, L - 1, span & 0xffff, Math.floor(span / 65536), r === 0 ? 0 : r === 32 ? -1 : (1 << r) - 1, data.offsets[i]!], 6 * i);
    }
  }

  /** Whether the key (hi, lo) passes its shard's stage 1 (every key passes a shard with r = 0). */
  passes(hi: number, lo: number): boolean {
    const shard = this.shardBits === 0 ? 0 : hi >>> (32 - this.shardBits);
    const params = this.params;
    const at = 6 * shard;
    const mask = params[at + 4]!;
    if (mask === 0) return true;
    const h = this.hash;
    mixInto(hi, lo, this.seeds[2 * shard]!, this.seeds[2 * shard + 1]!, h);
    const hHi = h[0]!;
    const hLo = h[1]!;
    const L = params[at]!;
    const segmentMask = params[at + 1]!;
    const span0 = params[at + 2]!;
    const span1 = params[at + 3]!;
    const p0 = firstPosition(hHi, hLo, span0, span1);
    const p1 = ((p0 + L) ^ (((hLo >>> 18) | (hHi << 14)) & segmentMask)) >>> 0;
    const p2 = ((p0 + 2 * L) ^ (hLo & segmentMask)) >>> 0;
    const base = params[at + 5]!;
    const e = this.entries;
    return (e[base + p0]! ^ e[base + p1]! ^ e[base + p2]!) === ((hHi ^ hLo) & mask);
  }

  /** Appends to `out` the keys (words as in keyArray, n of them) that pass. */
  collect(words: Uint32Array, n: number, out: KeyBuffer): void {
    for (let i = 0; i < n; i++) {
      const hi = words[2 * i + HI]!;
      const lo = words[2 * i + LO]!;
      if (this.passes(hi, lo)) out.push(hi, lo);
    }
  }
}

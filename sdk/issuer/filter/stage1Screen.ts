/**
 * Stage 1 of every shard, applied to the universe: the keys it lets through (the revoked ones and
 * about 2^-r of the others) are the keys stage 2 must answer for. The tables are kept unpacked, one
 * 32-bit word an entry, in one buffer that worker threads can share.
 */
import { fingerprint, FuseLayout, mixInto } from './fuseHash.js';
import type { FuseTable } from './fuseTableBuilder.js';
import { HI, LO, shardOf, type KeyBuffer } from './keyArray.js';

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

export class Stage1Screen {
  private readonly layouts: (FuseLayout | null)[];
  private readonly hash = new Uint32Array(2);
  private readonly p = new Uint32Array(3);

  constructor(private readonly data: ScreenData) {
    this.layouts = Array.from(data.widths, (w, i) => (w === 0 ? null : new FuseLayout(data.layouts[2 * i]!, data.layouts[2 * i + 1]!)));
  }

  /** Whether the key (hi, lo) passes its shard's stage 1. */
  passes(hi: number, lo: number): boolean {
    const { data, hash, p } = this;
    const shard = shardOf(hi, data.shardBits);
    const layout = this.layouts[shard]!;
    if (layout === null) return true;
    mixInto(hi, lo, data.seeds[2 * shard]!, data.seeds[2 * shard + 1]!, hash);
    layout.positions(hash[0]!, hash[1]!, p);
    const base = data.offsets[shard]!;
    const e = data.entries;
    return ((e[base + p[0]!]! ^ e[base + p[1]!]! ^ e[base + p[2]!]!) >>> 0) === fingerprint(hash[0]!, hash[1]!, data.widths[shard]!);
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

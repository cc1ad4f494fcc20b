/**
 * The work of a streaming filter build, cut into tasks that a worker thread (or the calling thread)
 * runs: counting a chunk of the universe, building a shard's stage, screening a chunk through
 * stage 1. Tasks and results are plain data, cloned or transferred between threads.
 */
import { FuseLayout } from './fuseHash.js';
import type { FuseTable } from './fuseTableBuilder.js';
import { KeyBuffer, keyWords } from './keyArray.js';
import { parseKeyChunk, type KeyChunk, type KeyFormat } from './keyRecords.js';
import { RevocationFilterError, type RevocationFilterErrorCode } from './revocationFilterError.js';
import { addBytesToHistogram, addToHistogram, HISTOGRAM_BITS } from './shardPlan.js';
import { buildStage1, buildStage2 } from './shardStages.js';
import { Stage1Screen, type ScreenData } from './stage1Screen.js';

export type FilterTask =
  | { readonly kind: 'parse'; readonly format: KeyFormat; readonly chunk: KeyChunk }
  | { readonly kind: 'count'; readonly format: KeyFormat; readonly chunk: KeyChunk }
  | { readonly kind: 'stage1'; readonly shards: ShardBatch; readonly widths: Uint8Array; readonly baseSeed: bigint }
  | { readonly kind: 'stage2'; readonly shards: ShardBatch; readonly passing: KeysByShard; readonly baseSeed: bigint }
  | { readonly kind: 'screen-tables'; readonly data: ScreenData }
  | { readonly kind: 'screen'; readonly format: KeyFormat; readonly chunk: KeyChunk };

/**
 * The keys of consecutive shards: shard `first + i` has keys[offsets[i] .. offsets[i + 1]]. Shards
 * go to the threads in batches, so that 65,536 small shards cost a few messages, not 131,072.
 */
export interface KeysByShard {
  readonly keys: BigUint64Array;
  readonly offsets: Uint32Array;
}

export interface ShardBatch {
  readonly first: number;
  /** The batch's revoked keys, by shard. */
  readonly revoked: KeysByShard;
}

const keysOf = (k: KeysByShard, i: number): BigUint64Array => k.keys.subarray(k.offsets[i]!, k.offsets[i + 1]!);

/** A table as plain data (a FuseLayout does not cross threads). */
export interface TableData {
  readonly seed: bigint;
  readonly keys: number;
  readonly segmentLength: number;
  readonly segmentCount: number;
  readonly width: number;
  readonly entries: Uint32Array;
}

export type FilterTaskResult =
  | { readonly kind: 'keys'; readonly keys: BigUint64Array }
  | { readonly kind: 'count'; readonly keys: number; readonly histogram: Float64Array }
  | { readonly kind: 'tables'; readonly tables: readonly (TableData | null)[] }
  | { readonly kind: 'done' }
  | { readonly kind: 'screen'; readonly keys: number; readonly passing: BigUint64Array }
  | { readonly kind: 'error'; readonly code: RevocationFilterErrorCode; readonly message: string };

export function tableData(t: FuseTable | null): TableData | null {
  return t === null ? null : { seed: t.seed, keys: t.keys, segmentLength: t.layout.segmentLength, segmentCount: t.layout.segmentCount, width: t.width, entries: t.entries };
}

export function fuseTable(t: TableData | null): FuseTable | null {
  return t === null ? null : { seed: t.seed, keys: t.keys, layout: new FuseLayout(t.segmentLength, t.segmentCount), width: t.width, entries: t.entries };
}

/** The buffers a result can hand over instead of copying. */
export function transferables(result: FilterTaskResult): ArrayBuffer[] {
  switch (result.kind) {
    case 'keys':
      return [result.keys.buffer as ArrayBuffer];
    case 'count':
      return [result.histogram.buffer as ArrayBuffer];
    case 'tables':
      return result.tables.flatMap((t) => (t === null ? [] : [t.entries.buffer as ArrayBuffer]));
    case 'screen':
      return [result.passing.buffer as ArrayBuffer];
    default:
      return [];
  }
}

/** One thread's state: the stage-1 tables it screens with, once given. */
export class FilterTaskRunner {
  private screen: Stage1Screen | null = null;

  run(task: FilterTask): FilterTaskResult {
    try {
      return this.runTask(task);
    } catch (e) {
      if (e instanceof RevocationFilterError) return { kind: 'error', code: e.code, message: e.message };
      throw e;
    }
  }

  private runTask(task: FilterTask): FilterTaskResult {
    switch (task.kind) {
      case 'parse':
        return { kind: 'keys', keys: parseKeyChunk(task.format, task.chunk) };
      case 'count': {
        const histogram = new Float64Array(2 ** HISTOGRAM_BITS);
        const { bytes } = task.chunk;
        // Binary keys are counted where they lie; text must be parsed (and a cti hashed) first.
        if (task.format === 'bin' && bytes.length % 8 === 0) {
          addBytesToHistogram(bytes, histogram);
          return { kind: 'count', keys: bytes.length / 8, histogram };
        }
        const keys = parseKeyChunk(task.format, task.chunk);
        addToHistogram(keyWords(keys), keys.length, histogram);
        return { kind: 'count', keys: keys.length, histogram };
      }
      case 'stage1': {
        const { first, revoked } = task.shards;
        return {
          kind: 'tables',
          tables: Array.from(task.widths, (r, i) => tableData(buildStage1(keysOf(revoked, i), r, task.baseSeed, first + i))),
        };
      }
      case 'stage2': {
        const { first, revoked } = task.shards;
        return {
          kind: 'tables',
          tables: Array.from({ length: revoked.offsets.length - 1 }, (_, i) =>
            tableData(buildStage2(keysOf(task.passing, i), keysOf(revoked, i), task.baseSeed, first + i)),
          ),
        };
      }
      case 'screen-tables':
        this.screen = new Stage1Screen(task.data);
        return { kind: 'done' };
      case 'screen': {
        if (this.screen === null) throw new Error('screen task before the stage-1 tables');
        const keys = parseKeyChunk(task.format, task.chunk);
        const passing = new KeyBuffer();
        this.screen.collect(keyWords(keys), keys.length, passing);
        return { kind: 'screen', keys: keys.length, passing: passing.toArray() };
      }
    }
  }
}

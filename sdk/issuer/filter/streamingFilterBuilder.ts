/**
 * A revocation filter for a national issuer on one machine. The revoked set is held (8 bytes a
 * key); the universe is never held whole but read in two passes: the first counts its keys by
 * shard (and checks every record), the second screens it through the stage-1 tables, keeping only
 * the keys they let through (the revoked ones and about 2^-r of the others): those are all that
 * stage 2 needs. Chunks and shards go to worker threads.
 */
import type { CborValue } from '../../cbor/deterministicEncoder.js';
import { checkCovers, shardItem, signFilter, type FilterEnvelope } from './filterEncoding.js';
import { startFilterThreads, type FilterThreads } from './filterThreads.js';
import { fuseTable, type FilterTask, type FilterTaskResult, type KeysByShard, type ShardBatch } from './filterTasks.js';
import type { FuseTable } from './fuseTableBuilder.js';
import { shardOffsets, sortUnique } from './keyArray.js';
import type { KeySource } from './keySource.js';
import { RevocationFilterError } from './revocationFilterError.js';
import { randomBaseSeed } from './seedSequence.js';
import { checkStageSizes, checkWidth, chooseShardBits, HISTOGRAM_BITS, planShards, shardBitsOf } from './shardPlan.js';
import { screenData } from './stage1Screen.js';

/**
 * The phases of a streaming build, in order: reading the revoked keys, counting the universe by shard,
 * building stage 1, screening the universe through it, building stage 2.
 */
export type FilterBuildPhase = 'revoked' | 'count' | 'stage1' | 'screen' | 'stage2';

/** How far a phase is: bytes read for the passes over files, shards built for the stages. */
export interface FilterBuildProgress {
  /** The phase in progress. */
  readonly phase: FilterBuildPhase;
  /** Bytes read, or shards built, so far in this phase. */
  readonly done: number;
  /** Null when the source does not know its size. */
  readonly total: number | null;
}

/** What {@link buildRevocationFilterStreaming} builds and signs (PG1 §7.3). */
export interface BuildRevocationFilterStreamingOptions extends FilterEnvelope {
  /** U: every token that may still be presented with iat <= covers; read twice, never held whole. */
  readonly universe: KeySource;
  /** The revoked keys (held in memory, 8 bytes a key); those missing from the universe join it. */
  readonly revoked: KeySource;
  /** A power of two from 1 to 65,536; by default as few as keep every shard's build small. */
  readonly shards?: number;
  /** r for every shard (0 to 32); by default each shard's own. */
  readonly r?: number;
  /** Base of every table's seed, for a reproducible build (default: random). */
  readonly seed?: bigint;
  /** Build threads: worker threads when more than 1 (Node), else the calling thread. Default 1. */
  readonly threads?: number;
  /**
   * Told how far each phase is, as it goes (e.g. to draw a progress bar).
   *
   * @param progress - The phase and how far it is.
   */
  readonly onProgress?: (progress: FilterBuildProgress) => void;
}

/** What a streaming build made, for the operator's log and for sizing the next one. */
export interface FilterBuildStats {
  /** Shards of the filter. */
  readonly shards: number;
  /** Keys read from the universe, repeats included. */
  readonly universeRecords: number;
  /** Distinct revoked keys. */
  readonly revoked: number;
  /** Distinct keys stage 2 answers for, over all shards. */
  readonly stage2Keys: number;
  /** How many shards have each r. */
  readonly widths: Readonly<Record<number, number>>;
  /** Bytes of the signed filter. */
  readonly bytes: number;
}

/** A signed filter and how it was built. */
export interface StreamingFilterResult {
  /** The signed filter (COSE_Sign1), to serve as a static file. */
  readonly bytes: Uint8Array;
  /** Sizes and counts of the build. */
  readonly stats: FilterBuildStats;
}

/** Chunks in flight per thread: one being worked on, one waiting. */
const CHUNKS_PER_THREAD = 2;

function unwrap(source: string, result: FilterTaskResult): FilterTaskResult {
  if (result.kind === 'error') throw new RevocationFilterError(result.code, `${source}: ${result.message}`);
  return result;
}

/** Runs one task per chunk of the source on the threads, a bounded number at a time. */
async function pass(
  source: KeySource,
  threads: FilterThreads,
  kind: 'parse' | 'count' | 'screen',
  onResult: (r: FilterTaskResult) => void,
  progress: (done: number) => void,
): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  let done = 0;
  let failed: unknown = null;
  for await (const chunk of source.chunks()) {
    const task: FilterTask = { kind, format: source.format, chunk };
    const length = chunk.bytes.length; // before the bytes are handed to a worker
    const p = threads
      .run(task, [chunk.bytes.buffer as ArrayBuffer])
      .then((r) => {
        onResult(unwrap(source.name, r));
        done += length;
        progress(done);
      })
      .catch((e: unknown) => { failed ??= e; })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
    if (inFlight.size >= threads.size * CHUNKS_PER_THREAD) await Promise.race(inFlight);
    if (failed !== null) break;
  }
  await Promise.all(inFlight);
  if (failed !== null) throw failed;
}

function concat(parts: readonly BigUint64Array[]): BigUint64Array {
  const out = new BigUint64Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Batches per thread: enough to even out shards of unequal size. */
const BATCHES_PER_THREAD = 8;

/** Keys of shards from..to of sorted keys split by `offsets`, with offsets of their own. */
function shardSlice(keys: BigUint64Array, offsets: Uint32Array, from: number, to: number): KeysByShard {
  const base = offsets[from]!;
  return { keys: keys.slice(base, offsets[to]!), offsets: offsets.slice(from, to + 1).map((o) => o - base) };
}

/**
 * Runs a stage's tasks over the shards in batches, as many at once as there are threads; `task`
 * makes the task of shards from..to.
 */
async function buildTables(
  shards: number,
  threads: FilterThreads,
  task: (from: number, to: number) => { task: FilterTask; transfer: ArrayBuffer[] },
  progress: (done: number) => void,
): Promise<(FuseTable | null)[]> {
  const tables: (FuseTable | null)[] = new Array<FuseTable | null>(shards).fill(null);
  const size = Math.ceil(shards / (threads.size * BATCHES_PER_THREAD));
  let next = 0;
  let done = 0;
  const lane = async (): Promise<void> => {
    while (next < shards) {
      const from = next;
      const to = Math.min(shards, from + size);
      next = to;
      const t = task(from, to);
      const result = unwrap(`shards ${from} to ${to - 1}`, await threads.run(t.task, t.transfer));
      if (result.kind !== 'tables') throw new Error(`unexpected ${result.kind} result`);
      result.tables.forEach((table, i) => { tables[from + i] = fuseTable(table); });
      done += to - from;
      progress(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(shards, threads.size) }, lane));
  return tables;
}

/**
 * Builds and signs a filter from key sources read in passes: the revoked keys are held, the universe is
 * read twice and only the keys stage 2 needs are kept. Chunks and shards go to worker threads (Node).
 * Makes the same filter as {@link buildRevocationFilter} from the same keys and seed.
 *
 * @param options - The root key, version, times, covers, the two key sources and the build's sizes.
 * @throws {@link RevocationFilterError} for unreadable keys, options out of range, a shard too large or a
 *   filter over 64 MiB; {@link KeyError} `BAD_SECRET_KEY`.
 */
export async function buildRevocationFilterStreaming(options: BuildRevocationFilterStreamingOptions): Promise<StreamingFilterResult> {
  checkCovers(options);
  const fixedShardBits = options.shards === undefined ? undefined : shardBitsOf(options.shards);
  const fixedWidth = options.r === undefined ? undefined : checkWidth(options.r);
  const threadCount = options.threads ?? 1;
  if (!Number.isInteger(threadCount) || threadCount < 1) throw new RevocationFilterError('BAD_OPTION', `threads must be a whole number from 1, got ${threadCount}`);
  const report = (phase: FilterBuildPhase, total: number | null) => (done: number) => options.onProgress?.({ phase, done, total });
  const baseSeed = options.seed ?? randomBaseSeed();
  const threads = await startFilterThreads(threadCount);
  try {
    const revokedParts: BigUint64Array[] = [];
    await pass(options.revoked, threads, 'parse', (r) => { if (r.kind === 'keys') revokedParts.push(r.keys); }, report('revoked', options.revoked.size ?? null));
    const revoked = sortUnique(concat(revokedParts));
    revokedParts.length = 0;

    const histogram = new Float64Array(2 ** HISTOGRAM_BITS);
    let universeRecords = 0;
    await pass(options.universe, threads, 'count', (r) => {
      if (r.kind !== 'count') return;
      universeRecords += r.keys;
      for (let b = 0; b < histogram.length; b++) histogram[b]! += r.histogram[b]!;
    }, report('count', options.universe.size ?? null));

    const shardBits = fixedShardBits ?? chooseShardBits(Math.max(universeRecords, revoked.length), revoked.length, threadCount);
    const shards = 2 ** shardBits;
    const offsets = shardOffsets(revoked, shardBits);
    const plan = planShards(histogram, Uint32Array.from({ length: shards }, (_, i) => offsets[i + 1]! - offsets[i]!), shardBits, fixedWidth);
    checkStageSizes(plan);
    const batch = (from: number, to: number): ShardBatch => ({ first: from, revoked: shardSlice(revoked, offsets, from, to) });

    const stage1 = await buildTables(shards, threads, (from, to) => {
      const own = batch(from, to);
      return { task: { kind: 'stage1', shards: own, widths: plan.widths.slice(from, to), baseSeed }, transfer: [own.revoked.keys.buffer as ArrayBuffer] };
    }, report('stage1', shards));

    await threads.broadcast({ kind: 'screen-tables', data: screenData(shardBits, stage1, threads.size > 1) });
    const passingParts: BigUint64Array[] = [];
    await pass(options.universe, threads, 'screen', (r) => { if (r.kind === 'screen') passingParts.push(r.passing); }, report('screen', options.universe.size ?? null));
    const passing = sortUnique(concat(passingParts));
    passingParts.length = 0;
    const passingOffsets = shardOffsets(passing, shardBits);

    const stage2 = await buildTables(shards, threads, (from, to) => {
      const own = batch(from, to);
      const ownPassing = shardSlice(passing, passingOffsets, from, to);
      return {
        task: { kind: 'stage2', shards: own, passing: ownPassing, baseSeed },
        transfer: [own.revoked.keys.buffer as ArrayBuffer, ownPassing.keys.buffer as ArrayBuffer],
      };
    }, report('stage2', shards));

    const widths: Record<number, number> = {};
    const items: CborValue[][] = stage1.map((table, shard) => {
      const r = table?.width ?? 0;
      widths[r] = (widths[r] ?? 0) + 1;
      return shardItem({ stage1: table, stage2: stage2[shard]! });
    });
    const stage2Keys = stage2.reduce((n, t) => n + t!.keys, 0);
    const bytes = signFilter(options, items);
    return { bytes, stats: { shards, universeRecords, revoked: revoked.length, stage2Keys, widths, bytes: bytes.length } };
  } finally {
    await threads.close();
  }
}

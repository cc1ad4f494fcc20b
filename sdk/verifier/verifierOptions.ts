/** The options of createVerifier, checked once: every misuse is a PassgateError that says what is wrong. */
import { PassgateError } from '../errors.js';
import { fromHex } from '../encoding/hex.js';
import { DEFAULT_SYNC_TIMEOUT_MS, type Fetch } from '../sync/index.js';
import { redirectOrigins } from '../sync/redirectPolicy.js';
import type { SpawnWorker } from '../worker/workerPool.js';
import { isKeyStore, isStorageAdapter, type KeyStore, type StorageAdapter } from '../storage/storageAdapter.js';
import type { ScanLogOptions } from './scanLog.js';
import { defaultStorage } from '../storage/defaultStorage.js';
import { MemoryStorage } from '../storage/memoryStorage.js';
import { requireWebCrypto } from '../storage/storageKey.js';
import { isVersionFloorStore, type VersionFloorStore } from '../storage/versionFloorStore.js';

/** PG1 §5 step 7: the default clock skew. */
export const DEFAULT_SKEW = 60;

/** What {@link createVerifier} takes: only `roots` is required. Every misuse is a `BAD_ARGUMENT` naming the option. */
export interface VerifierOptions {
  /** Root public keys provisioned out of band (32 bytes each, or hex). */
  readonly roots: readonly (Uint8Array | string)[];
  /** Default skew in seconds (60). */
  readonly skew?: number;
  /** Clock in Unix seconds (defaults to the system clock). */
  readonly now?: () => number;
  /**
   * Where the state in force is kept between runs: IndexedDB in browsers, memory in Node by default
   * (pass `new FileStorage(dir)` from 'passgate/node' on devices); null keeps nothing.
   */
  readonly storage?: StorageAdapter | null;
  /**
   * Where the key that seals stored records is kept (default: the storage's own, a key file or an
   * IndexedDB CryptoKey). A device can keep it in its platform keystore: destroy() deletes it first.
   */
  readonly keyStore?: KeyStore;
  /**
   * Optional: a floor for the versions the store may come back with, kept outside it (a platform
   * keystore entry, a monotonic counter). Without it, a copy of the whole store taken earlier and put
   * back (state and anchor together) is restored as it was, until the lists' `expires` ends it; with
   * it, that store is refused (a restore problem) and no list below the floor is accepted.
   */
  readonly versionFloor?: VersionFloorStore;
  /** Off by default: counts of verifications per hour, venue category and result (no personal data). */
  readonly scanLog?: ScanLogOptions;
  /** The fetch used by sync() (defaults to the global fetch). */
  readonly fetch?: Fetch;
  /** Milliseconds each sync() request may take, headers and body together (30 s). */
  readonly syncTimeoutMs?: number;
  /**
   * Origins sync() may follow a redirect to besides the list URL's own, such as a CDN
   * (`['https://cdn.example.org']`: scheme, host and port). Redirects to any other origin are not
   * followed (the URL's sync entry fails saying so), nor more than 5 hops (`MAX_SYNC_REDIRECTS`).
   */
  readonly syncRedirectOrigins?: readonly string[];
  /**
   * Destroy stored data automatically when the trust list's sunset is reached (default true). A
   * one-shot verifier that stores nothing (the command line) answers SUNSET instead and stays usable.
   */
  readonly destroyAtSunset?: boolean;
  /**
   * Worker threads for verifyBatch (worker_threads in Node, Web Workers in browsers), which also takes a
   * share itself: a count (the number of cores - 1), or a count with a custom spawner for bundlers that
   * place workers themselves, and the time after which a silent worker with work in flight is taken as
   * lost (stallMs, 30 s: its work is redone on the calling thread).
   */
  readonly workers?: number | {
    /** Workers to spawn (at least 1). */
    readonly count: number;
    /** How to spawn one (default: worker_threads under Node, a module Web Worker elsewhere). */
    readonly spawn?: SpawnWorker;
    /** Milliseconds of silence with work in flight after which a worker is taken as lost (30 s). */
    readonly stallMs?: number;
  };
  /**
   * Seconds past a list's `expires` during which passes are still checked as if the list were current,
   * with `stale: true` on each result and onStale called (default 0: exactly PG1, TRUST_LIST_EXPIRED).
   * For fleets that must not all stop at once when an uplink fails; past the grace, TRUST_LIST_EXPIRED.
   */
  readonly staleGrace?: number;
  /**
   * Told when a result was given under the stale grace (once per list expiry), to warn the operator.
   *
   * @param info - Which list is past its expires, and since when.
   */
  readonly onStale?: (info: StaleInfo) => void;
  /**
   * Called when lists put in force could not be stored (a full disk, a failing medium): they stay in
   * force in memory and are stored by the next update that can be; {@link Verifier.storageFailure} holds
   * the error meanwhile.
   *
   * @param error - `STORAGE_FAILED`, saying what the store could not take and why.
   */
  readonly onStorageFailure?: (error: PassgateError) => void;
  /**
   * Memory for per-issuer precomputed tables (165,120 bytes a key; default 16 MiB, about 100 keys).
   * Keys beyond it verify on the plain path: same results, about twice the time. Tables follow use: a
   * key gets one from its second verified use, and the least recently used gives way to a key used more.
   */
  readonly precompute?: {
    /** Bytes for tables (0: none, every key on the plain path). */
    readonly maxBytes: number;
  };
}

/** Which list is past its expires while results are still given under the stale grace. */
export interface StaleInfo {
  /** The list past its expires. */
  readonly list: 'trust' | 'revocations';
  /** Its expires, Unix seconds. */
  readonly expires: number | bigint;
  /** The verification's time, Unix seconds. */
  readonly now: number;
}

export interface ResolvedOptions {
  readonly roots: Uint8Array[];
  readonly skew: number;
  readonly clock: () => number;
  readonly storage: StorageAdapter;
  readonly keyStore: KeyStore | undefined;
  readonly versionFloor: VersionFloorStore | undefined;
  readonly scanLog: ScanLogOptions | undefined;
  readonly fetch: Fetch | undefined;
  readonly syncTimeoutMs: number;
  readonly syncRedirectOrigins: readonly string[];
  readonly destroyAtSunset: boolean;
  readonly workers: { readonly count: number; readonly spawn?: SpawnWorker; readonly stallMs?: number } | undefined;
  readonly staleGrace: number;
  readonly onStale: ((info: StaleInfo) => void) | undefined;
  readonly onStorageFailure: ((error: PassgateError) => void) | undefined;
  readonly precomputeBytes: number | undefined;
}

const bad = (message: string): PassgateError => new PassgateError('BAD_ARGUMENT', message);

function rootBytes(key: unknown, i: number): Uint8Array {
  let bytes: Uint8Array;
  if (typeof key === 'string') {
    try {
      bytes = fromHex(key);
    } catch {
      throw bad(`roots[${i}] is not a hex key: ${key}`);
    }
  } else if (key instanceof Uint8Array) {
    bytes = key.slice();
  } else {
    throw bad(`roots[${i}] must be 32 bytes or 64 hex digits`);
  }
  if (bytes.length !== 32) throw bad(`roots[${i}] must be 32 bytes, got ${bytes.length}`);
  return bytes;
}

function seconds(v: unknown, what: string, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw bad(`${what} must be a non-negative integer number of seconds`);
  return v;
}

function milliseconds(v: unknown, what: string, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw bad(`${what} must be a positive number of milliseconds`);
  return v;
}

function workersOf(v: VerifierOptions['workers']): ResolvedOptions['workers'] {
  if (v === undefined) return undefined;
  const spec = typeof v === 'number' ? { count: v } : v;
  if (typeof spec !== 'object' || spec === null || !Number.isSafeInteger(spec.count) || spec.count < 1) {
    throw bad('workers must be a positive integer, or { count: positive integer, spawn?, stallMs? }');
  }
  if (spec.spawn !== undefined && typeof spec.spawn !== 'function') throw bad('workers.spawn must be a function');
  if (spec.stallMs !== undefined && !(typeof spec.stallMs === 'number' && spec.stallMs > 0 && Number.isFinite(spec.stallMs))) {
    throw bad('workers.stallMs must be a positive number of milliseconds');
  }
  return spec;
}

export function resolveOptions(options: VerifierOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw bad('createVerifier needs an options object with roots');
  if (!Array.isArray(options.roots) || options.roots.length === 0) throw bad('options.roots must be a non-empty array of root public keys');
  if (options.storage !== undefined && options.storage !== null && !isStorageAdapter(options.storage)) {
    throw bad('options.storage is not a storage adapter (read, write, exclusive, destroy): use FileStorage, IndexedDbStorage, MemoryStorage or null');
  }
  if (options.keyStore !== undefined && !isKeyStore(options.keyStore)) throw bad('options.keyStore is not a key store (load, create, destroy)');
  if (options.versionFloor !== undefined && !isVersionFloorStore(options.versionFloor)) throw bad('options.versionFloor is not a version floor store (read, write, optional destroy)');
  for (const [name, f] of [['now', options.now], ['fetch', options.fetch], ['onStale', options.onStale], ['onStorageFailure', options.onStorageFailure]] as const) {
    if (f !== undefined && typeof f !== 'function') throw bad(`options.${name} must be a function`);
  }
  const precompute = options.precompute;
  if (precompute !== undefined && (typeof precompute !== 'object' || precompute === null || !Number.isSafeInteger(precompute.maxBytes) || precompute.maxBytes < 0)) {
    throw bad('precompute.maxBytes must be a non-negative integer number of bytes');
  }
  requireWebCrypto();
  const clock = options.now ?? ((): number => Math.floor(Date.now() / 1000));
  return {
    roots: (options.roots as readonly unknown[]).map(rootBytes),
    skew: seconds(options.skew, 'options.skew', DEFAULT_SKEW),
    clock,
    storage: options.storage === undefined ? defaultStorage() : (options.storage ?? new MemoryStorage()),
    keyStore: options.keyStore,
    versionFloor: options.versionFloor,
    scanLog: options.scanLog,
    fetch: options.fetch,
    syncTimeoutMs: milliseconds(options.syncTimeoutMs, 'options.syncTimeoutMs', DEFAULT_SYNC_TIMEOUT_MS),
    syncRedirectOrigins: redirectOrigins(options.syncRedirectOrigins, 'options.syncRedirectOrigins'),
    destroyAtSunset: options.destroyAtSunset ?? true,
    workers: workersOf(options.workers),
    staleGrace: seconds(options.staleGrace, 'options.staleGrace', 0),
    onStale: options.onStale,
    onStorageFailure: options.onStorageFailure,
    precomputeBytes: precompute?.maxBytes,
  };
}

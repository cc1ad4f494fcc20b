import { compileCore, instantiateCore } from '../core/loadCore.js';
import { VerifierCore, type CoreVerifyOptions } from '../core/verifierCore.js';
import { verificationOf, type Verification } from './verificationResult.js';
import { compareUint, type Uint } from '../cbor/shape.js';
import type { TrustList } from '../pg1/trustList.js';
import { DEFAULT_POLICY, ruleFor, requiredClaimNames, type Policy } from '../pg1/policy.js';
import { PassgateError } from '../errors.js';
import { ScanLog, type ScanLogCount } from './scanLog.js';
import { syncLists, type Fetch, type SyncEntry, type SyncOptions, type SyncUrls } from '../sync/index.js';
import { WorkerPool, type SpawnWorker, type WorkerPoolOptions } from '../worker/workerPool.js';
import { resolveOptions, type ResolvedOptions, type VerifierOptions } from './verifierOptions.js';
import { coreOptions, uint64, type VerifyOptions } from '../core/verifyOptions.js';
import type { PresentationRead } from '../pg1/presentationRead.js';
import { batchOptionsChecked, poolInputsOf, type BatchEntry, type PoolInput } from '../worker/batchEntries.js';
import { Lifecycle } from './lifecycle.js';
import { SunsetTimer } from './sunsetTimer.js';
import { CoreLoading } from '../state/coreLoading.js';
import { StateStore } from '../state/stateStore.js';
import { Updater, type ListKind } from '../state/updater.js';
import type { StateInForce } from '../state/stateInForce.js';
import type { RestoreProblem } from '../state/stateRestore.js';
import { MemoryKeyStore } from '../storage/memoryStorage.js';
import { snapshotOf } from '../state/stateSnapshot.js';
import { BatchVerification } from './batchVerification.js';
import { abortFollowing } from '../sync/abortFollowing.js';
import { ResultObserver } from './resultObserver.js';
import { syncTargetOf } from './syncTarget.js';
import { installedExplainer } from './explainHook.js';

export type { Verification } from './verificationResult.js';
export type { VerifyOptions } from '../core/verifyOptions.js';
export type { VerifierOptions, StaleInfo } from './verifierOptions.js';
export type { RestoreProblem } from '../state/stateRestore.js';
export { DEFAULT_SKEW } from './verifierOptions.js';
export { MAX_LIST_BYTES, MAX_FILTER_BYTES } from '../state/listAcceptance.js';

type DestroyHook = () => void | Promise<void>;

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Verifies PG1 presentations offline against the trust material in force. Made by {@link createVerifier};
 * open until {@link Verifier.close} (stored data kept) or {@link Verifier.destroy} (erased), after which
 * every call throws CLOSED or DESTROYED.
 */
// A thin facade: the state in force and its updates (state/updater.ts), storage (state/stateStore.ts),
// the worker pool, the scan log, the sunset timer and the verifier's life (lifecycle.ts) are modules of
// their own.
export class Verifier {
  /** Stored state that could not be put back in force when the verifier was created (and why). */
  readonly restoreProblems: RestoreProblem[] = [];
  private readonly lifecycle = new Lifecycle();
  private readonly loading: CoreLoading;
  private readonly store: StateStore;
  private readonly updater: Updater;
  private readonly log: ScanLog | null;
  private readonly sunset: SunsetTimer;
  /** Set when the sunset (§6) ended the programme: from then on every presentation is SUNSET. */
  private sunsetReached = false;
  private readonly hooks: DestroyHook[] = [];
  private pool: WorkerPool | null = null;
  /** The compiled core the pool's workers instantiate (the page compiles it once, workers never). */
  private coreModule: WebAssembly.Module | null = null;
  private unwatch: (() => void) | undefined;
  private destroying: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private readonly batches: BatchVerification;
  private readonly observer: ResultObserver;
  /** Aborted by close() and destroy(): ends every sync in flight. */
  private readonly syncsEnd = new AbortController();

  private readonly options: ResolvedOptions;

  /** @internal Use createVerifier(): the core is not something an application can make. */
  constructor(private readonly core: VerifierCore, verifierOptions: VerifierOptions) {
    const options = (this.options = resolveOptions(verifierOptions));
    for (const [i, r] of options.roots.entries()) {
      if (core.keyStatus(r) !== 0) throw new PassgateError('BAD_ARGUMENT', `roots[${i}] is not a canonical Ed25519 point of large order`);
    }
    const storage = options.storage;
    this.store = new StateStore(storage, options.keyStore ?? storage.defaultKeyStore?.() ?? new MemoryKeyStore(), options.versionFloor ?? null);
    this.loading = new CoreLoading(core, options.staleGrace);
    this.updater = new Updater(core, this.loading, this.store, options.roots, (state) => this.stateChanged(state), (e) => options.onStorageFailure?.(e));
    this.log = options.scanLog ? new ScanLog(this.store, options.scanLog, options.clock) : null;
    this.sunset = new SunsetTimer(() => this.options.clock() * 1000, () => this.checkSunset());
    this.batches = new BatchVerification(core, () => this.loading.issuerNames);
    this.observer = new ResultObserver({
      log: this.log, staleGrace: options.staleGrace, onStale: options.onStale, state: () => this.state, sunsetResult: (now) => this.checkSunset(now),
    });
  }

  private get state(): StateInForce {
    return this.updater.state;
  }

  /** The trust list in force, if any. */
  get trustList(): TrustList | null {
    return this.state.trust?.list ?? null;
  }

  /**
   * The revocation state in force, if any: its base (a list or a filter), the version and expiry of the
   * last list, filter or delta applied, and the prefixes listed (on a filter: added by its deltas).
   */
  get revocationList(): {
    /** The base: a list (§7.1) or a filter (§7.3), with the deltas applied on it. */
    kind: 'list' | 'filter';
    /** The version of the last list, filter or delta applied. */
    version: Uint;
    /** Unix seconds: the expiry of the last one applied. */
    expires: Uint;
    /** Prefixes listed (on a filter: those its deltas added). */
    count: number;
    /** A filter's covers: it answers for tokens with iat up to it. */
    covers?: Uint;
  } | null {
    const r = this.state.revocations;
    if (!r) return null;
    const state = { kind: r.kind, version: r.version, expires: r.expires, count: r.prefixes.length / 8 };
    return r.filter ? { ...state, covers: r.filter.covers } : state;
  }

  /**
   * Why the lists in force are not all stored, or null when they are: an update that passed its checks
   * is put in force even when the store cannot take it (a full disk: a revocation does not wait for
   * disk space); this error (`STORAGE_FAILED`) says so until a later update is stored, which stores
   * them all. A restart meanwhile comes back with the lists last stored.
   */
  get storageFailure(): PassgateError | null {
    return this.updater.storageFailure;
  }

  /** The policy in force: the trust list's, else the default of §8. */
  get policy(): Policy {
    return this.trustList?.policy ?? DEFAULT_POLICY;
  }

  /** True once destroy() has completed (or the sunset triggered it). */
  get isDestroyed(): boolean {
    return this.lifecycle.current === 'destroyed';
  }

  /** @internal createVerifier's restore of the stored state. */
  async restore(): Promise<void> {
    this.restoreProblems.push(...(await this.updater.restore()));
    const logProblem = await this.log?.load();
    if (logProblem) this.restoreProblems.push({ list: 'log', reason: logProblem });
    this.checkSunset();
  }

  private stateChanged(state: StateInForce): void {
    this.observer.reset();
    this.sunset.arm(state.trust?.list.sunset);
    this.loadPool(state);
    if (this.lifecycle.current === 'open') queueMicrotask(() => this.checkSunset());
  }

  private apply(kind: ListKind, bytes: Uint8Array, etag?: { url: string; value: string | null }): Promise<StateInForce> {
    if (!(bytes instanceof Uint8Array)) return Promise.reject(new PassgateError('BAD_ARGUMENT', 'a signed list must be a Uint8Array'));
    return this.lifecycle.track(() => this.updater.apply(kind, bytes, etag ? { url: etag.url, etag: etag.value } : undefined));
  }

  /**
   * Applies a signed trust list (PG1 §6). Resolves once it is in force and stored (or in force and
   * reported in storageFailure when the store cannot take it); throws
   * ListRefusedError saying why when it is refused, and then nothing has changed.
   *
   * @param bytes - The signed list as served (raw COSE_Sign1).
   * @param etag - The URL and ETag it was fetched with, so that the next sync() of that URL sends
   *   If-None-Match (sync() passes it; applications rarely do).
   * @returns The list now in force.
   * @throws {@link ListRefusedError} when refused; {@link PassgateError} `STORAGE_FAILED` when another
   *   process held the store's lock too long (it is then not in force), `OUT_OF_MEMORY`, `BAD_ARGUMENT`
   *   for bytes that are not a Uint8Array, `CLOSED` or `DESTROYED`. A list the store cannot take (a full
   *   disk) is in force all the same: see {@link Verifier.storageFailure}.
   */
  async applyTrustList(bytes: Uint8Array, etag?: { url: string; value: string }): Promise<TrustList> {
    return (await this.apply('trust', bytes, etag)).trust!.list;
  }

  /**
   * Applies a signed revocation list, delta or filter (PG1 §7), like {@link Verifier.applyTrustList}.
   *
   * @param bytes - The signed list, delta or filter as served.
   * @param etag - The URL and ETag it was fetched with (see applyTrustList).
   * @returns The version now in force and the prefixes listed (on a filter: added by deltas).
   * @throws {@link ListRefusedError} when refused (a delta on another version: `WRONG_BASE`); otherwise
   *   as applyTrustList.
   */
  async applyRevocations(bytes: Uint8Array, etag?: { url: string; value: string }): Promise<{
    /** The version now in force. */
    version: Uint;
    /** Prefixes listed (on a filter: those its deltas added). */
    count: number;
  }> {
    const r = (await this.apply('revocations', bytes, etag)).revocations!;
    return { version: r.version, count: r.prefixes.length / 8 };
  }

  /**
   * Adopts what another verifier sharing this storage committed (another tab, process or worker):
   * createVerifier subscribes to the storage's change notices, so applications rarely call this.
   */
  reload(): Promise<void> {
    return this.lifecycle.track(() => this.updater.reload());
  }

  /**
   * Fetches the lists (ETag / If-None-Match), verifies them before use and puts them in force; a list
   * that cannot be fetched or is refused leaves the last good one in force. Each request has a deadline
   * (options.timeoutMs, else the verifier's syncTimeoutMs, 30 s) and a byte cap; trust and revocation
   * URLs download at once and are applied trust list first. Never throws for network or list problems:
   * the report says what happened with each URL, and why.
   *
   * @param urls - The trust list's URL and the revocation URLs (a delta's before the full list's: the
   *   first that applies wins).
   * @param options - This call's deadline per request.
   * @returns One entry per URL fetched: updated, unchanged or failed, and why.
   * @throws {@link PassgateError} `SYNC_FAILED` when there is no fetch at all, `CLOSED` or `DESTROYED`.
   */
  sync(urls: SyncUrls, options: SyncOptions = {}): Promise<SyncEntry[]> {
    return this.lifecycle.track(async () => {
      const fetchImpl = this.options.fetch ?? (globalThis.fetch as unknown as Fetch | undefined);
      if (!fetchImpl) throw new PassgateError('SYNC_FAILED', 'no fetch available: pass options.fetch');
      // close() and destroy() end the syncs in flight: a list server that never answers holds no shutdown.
      const ended = new AbortController();
      const unfollow = abortFollowing(ended, this.syncsEnd.signal, options.signal);
      try {
        return await syncLists(fetchImpl, urls, syncTargetOf(this.updater, this.core), {
          timeoutMs: options.timeoutMs ?? this.options.syncTimeoutMs,
          redirectOrigins: this.options.syncRedirectOrigins,
          signal: ended.signal,
        });
      } finally {
        unfollow();
      }
    });
  }

  /** @internal Follows changes other verifiers make to the same storage: their updates, and their destruction. */
  watchStorage(): void {
    this.unwatch ??= this.options.storage.watch?.((change) => {
      if (this.lifecycle.current !== 'open') return;
      if (change === 'destroyed') void this.destroy().catch(() => undefined);
      else void this.reload().catch(() => undefined);
    });
  }

  /**
   * Starts the worker pool (createVerifier does this when options.workers is set). Does nothing when a
   * pool is running or count is below 1.
   *
   * @param count - Workers to spawn.
   * @param spawn - How to spawn one (default: worker_threads in Node, a module Web Worker elsewhere).
   * @param options - The pool's stall time and loss limit.
   * @throws Whatever the spawner throws (nothing is left running); {@link PassgateError} `CLOSED` or `DESTROYED`.
   */
  async startWorkers(count: number, spawn?: SpawnWorker, options: WorkerPoolOptions = {}): Promise<void> {
    this.lifecycle.check();
    if (this.pool || count < 1) return;
    this.coreModule ??= await compileCore();
    this.pool = await WorkerPool.start(count, spawn, options);
    this.loadPool(this.state);
  }

  /** Sends the pool's workers the state in force, with the compiled core to hold it. */
  private loadPool(state: StateInForce): void {
    if (!this.pool || !this.coreModule) return;
    this.pool.load({ module: this.coreModule, roots: this.options.roots, skew: this.options.skew, staleGrace: this.options.staleGrace, snapshot: snapshotOf(state) });
  }

  /**
   * Registers a hook that destroy() runs after wiping (e.g. to clear the app's own caches), also when
   * the sunset or another tab's destroy() triggers it. A hook that throws makes destroy() reject with
   * `STORAGE_FAILED` after every step has run.
   *
   * @param hook - Called once, after the data is gone; awaited.
   */
  onDestroy(hook: () => void | Promise<void>): void {
    this.hooks.push(hook);
  }

  /**
   * Data destruction: stops new work and waits for the work in flight, deletes the storage key (every
   * record and every earlier copy of one becomes unreadable), then the records, zeroises the core's
   * memory and the SDK's copies of the lists, runs the hooks, and leaves this verifier unusable (every
   * call then throws DESTROYED). Safe to call more than once.
   *
   * On flash the key's deletion is what erases: the sealed records' old copies in free blocks are
   * unreadable without it. Keep the key in a platform keystore (VerifierOptions.keyStore) where the
   * medium cannot delete reliably.
   *
   * @throws {@link PassgateError} `STORAGE_FAILED` when a step failed (every step is still attempted, and
   *   the verifier is destroyed either way).
   */
  destroy(): Promise<void> {
    this.destroying ??= (async () => {
      this.syncsEnd.abort();
      await this.lifecycle.end('destroying');
      const failures: unknown[] = [];
      const attempt = async (step: () => unknown): Promise<void> => {
        try {
          await step();
        } catch (e) {
          failures.push(e);
        }
      };
      this.stopBackground();
      await attempt(() => this.log?.settled());
      await attempt(() => this.pool?.close());
      this.pool = null;
      await attempt(() => this.store.exclusive(() => this.store.destroy()).catch(() => this.store.destroy()));
      this.core.wipe();
      this.updater.wipe();
      this.lifecycle.finish('destroyed');
      for (const hook of this.hooks) await attempt(hook);
      if (failures.length > 0) {
        throw new PassgateError('STORAGE_FAILED', `destroy finished with ${failures.length} failure(s): ${failures.map(message).join('; ')}`);
      }
    })();
    return this.destroying;
  }

  /**
   * Stops the workers, timers and storage watch and writes the scan log, keeping every stored record:
   * for a clean shutdown (a Node process then exits by itself). A sync in flight is aborted (its
   * requests end at once, the lists in force stay). The verifier is unusable afterwards.
   */
  close(): Promise<void> {
    if (this.destroying) return this.destroying;
    this.closing ??= (async () => {
      this.syncsEnd.abort();
      await this.log?.flush();
      await this.lifecycle.end('closing');
      this.stopBackground();
      await this.pool?.close();
      this.pool = null;
      this.lifecycle.finish('closed');
    })();
    return this.closing;
  }

  private stopBackground(): void {
    this.sunset.disarm();
    this.unwatch?.();
    this.unwatch = undefined;
    this.log?.stop();
  }

  /** The end of the programme (§6 sunset): from then on SUNSET, and stored data is destroyed. */
  private checkSunset(now: number = this.options.clock()): void {
    const sunset = this.trustList?.sunset;
    if (!this.options.destroyAtSunset || sunset === undefined || compareUint(now, sunset) < 0) return;
    if (this.lifecycle.current !== 'open') return;
    this.sunsetReached = true;
    void this.destroy().catch(() => undefined);
  }

  /**
   * After the sunset destroyed the verifier, §6 still answers: every presentation is SUNSET (not an
   * error an app must special-case); a destroy() the app called throws DESTROYED instead.
   */
  private afterSunset(inputs: readonly PoolInput[]): Verification[] | null {
    if (!this.sunsetReached) return null;
    return inputs.map(() => ({ result: 'SUNSET' }));
  }

  /**
   * Resolves when every update and scan-log count so far has reached storage (e.g. before shutdown).
   *
   * @throws {@link PassgateError} `STORAGE_FAILED` when the scan log could not be written, `CLOSED` or `DESTROYED`.
   */
  async flush(): Promise<void> {
    this.lifecycle.check();
    await this.lifecycle.track(() => this.updater.settled());
    await this.log?.flush();
    if (this.log?.lastError !== undefined) {
      throw new PassgateError('STORAGE_FAILED', `scan log not stored: ${message(this.log.lastError)}`);
    }
  }

  /** The scan log's counts per hour, venue category and result (empty unless enabled). */
  scanLog(): ScanLogCount[] {
    return this.log?.counts() ?? [];
  }

  /**
   * The claims a wallet must disclose at this venue, by name: only what its rule looks at.
   *
   * @param venue - A venue category of the policy in force.
   * @throws {@link PassgateError} `UNKNOWN_VENUE` for a category the policy does not name.
   */
  requiredDisclosures(venue: string): string[] {
    return requiredClaimNames(ruleFor(this.policy, venue));
  }

  private now(options: VerifyOptions): bigint {
    return uint64(options.now ?? this.options.clock(), 'now');
  }

  private ready(): void {
    this.lifecycle.check();
    if (!this.trustList) throw new PassgateError('NO_TRUST_LIST', 'no trust list has been applied');
  }

  /**
   * Verifies one presentation: `PG1:` + base45 text or hex text, or the raw bytes (NFC/BLE). Bad input
   * never throws: it gives a result code. Throws only on misuse (no trust list, unknown venue). Once the
   * trust list's sunset has destroyed the verifier, every presentation is `SUNSET` (PG1 §6).
   *
   * @param input - What the QR code or the NFC tap carried.
   * @param options - The venue category, the reader's nonce, the time, and whether to explain.
   * @throws {@link PassgateError} `NO_TRUST_LIST`, `UNKNOWN_VENUE`, `BAD_ARGUMENT` (input of another type,
   *   a bad now, skew or nonce; explain without `passgate/explain` loaded), `CLOSED` or `DESTROYED`.
   */
  verify(input: string | Uint8Array, options: VerifyOptions = {}): Verification {
    const isText = typeof input === 'string';
    // Misuse throws even after a sunset (which answers every presentation SUNSET).
    if (!isText && !(input instanceof Uint8Array)) throw new PassgateError('BAD_ARGUMENT', 'a presentation is a string or a Uint8Array');
    const ended = this.afterSunset([input]);
    if (ended) return ended[0]!;
    this.ready();
    const now = this.now(options);
    const core = this.coreOptions(options, now);
    const bytes = isText ? new TextEncoder().encode(input) : input;
    // The result is made while the outputs are still views into the core's memory (zeroised after).
    let made: Verification | undefined;
    const names = this.loading.issuerNames;
    this.core.verifyInto(bytes, isText, core, { add: (out) => { made = verificationOf(out, names); } });
    if (isText) bytes.fill(0);
    const result = this.observer.observe([made!], Number(now), options.venue)[0]!;
    return options.explain === true ? this.explained(result, input, core, options.venue, options) : result;
  }

  /** The result with its detail (explain/), read after the core's verdict. */
  private explained(v: Verification, input: string | Uint8Array, core: CoreVerifyOptions, venue: string | undefined, read: PresentationRead): Verification {
    const explain = installedExplainer();
    if (!explain) throw new PassgateError('BAD_ARGUMENT', "verify(..., { explain: true }) needs the explain module: import 'passgate/explain' once");
    const detail = explain(v, input, {
      now: core.now, skew: core.skew, trustList: this.trustList!, revocations: this.revocationList, staleGrace: this.options.staleGrace,
      cardGiven: read.card !== undefined,
      ...(read.document ? { document: read.document } : {}),
      ...(core.rule && venue !== undefined ? { rule: core.rule, venue } : {}),
      ...(core.nonce ? { nonce: core.nonce } : {}),
      isStrictCbor: (b) => this.core.isStrictCbor(b),
      keyStatus: (k) => this.core.keyStatus(k),
    });
    return Object.defineProperty(v, 'detail', { value: detail, enumerable: true });
  }

  /**
   * Verifies several presentations (a burst at a gate): their signatures are checked together in one
   * batch equation per 64, so each costs a fraction of a single verification; a batch that fails is
   * bisected, so every presentation gets exactly the result verify() would give. After a batch with
   * bad signatures, presentations are verified one by one for a while (a flood of bad signatures then
   * costs what verify() costs, not the bisection's several times that). With workers, large batches
   * are spread over them. Results in input order.
   *
   * @param entries - Presentations, as verify() takes them, or `{ presentation, card?, document? }` with
   *   what was read with each (PG1 §10).
   * @param options - As verify()'s, without card and document (given per item; explain is not applied
   *   to batches).
   * @throws Rejects with what verify() would throw for the same misuse; `BAD_ARGUMENT` when `entries`
   *   is not an array, or an item is not a presentation or a `{ presentation, card?, document? }`
   *   (checked, and the array copied, at the call).
   */
  verifyBatch(entries: readonly BatchEntry[], options: VerifyOptions = {}): Promise<Verification[]> {
    let inputs: PoolInput[];
    try {
      inputs = poolInputsOf(entries); // checked and copied now: later changes to the caller's array change nothing
      batchOptionsChecked(options);
      const ended = this.afterSunset(inputs);
      if (ended) return Promise.resolve(ended);
    } catch (e) {
      return Promise.reject(e);
    }
    return this.lifecycle.track(async () => {
      const pool = this.pool;
      if (!this.batches.usesPool(pool, inputs.length)) return this.localBatch(inputs, options);
      this.ready();
      const now = this.now(options);
      this.coreOptions(options, now); // misuse throws before any work
      const results = await this.batches.pooled(pool, inputs, { ...options, now: Number(now) }, () => this.coreOptions(options, now));
      return this.observer.observe(results, Number(now), options.venue);
    });
  }

  /**
   * verifyBatch in the calling thread, synchronously.
   *
   * @param entries - As verifyBatch()'s.
   * @param options - As verifyBatch()'s.
   * @throws What verify() would throw for the same misuse; `BAD_ARGUMENT` as verifyBatch's.
   */
  verifyBatchLocal(entries: readonly BatchEntry[], options: VerifyOptions = {}): Verification[] {
    const inputs = poolInputsOf(entries);
    batchOptionsChecked(options);
    const ended = this.afterSunset(inputs);
    if (ended) return ended;
    return this.localBatch(inputs, options);
  }

  /** A batch already checked and copied, in the calling thread. */
  private localBatch(inputs: readonly PoolInput[], options: VerifyOptions): Verification[] {
    this.ready();
    const now = this.now(options);
    return this.observer.observe(this.batches.local(inputs, this.coreOptions(options, now)), Number(now), options.venue);
  }

  private coreOptions(options: VerifyOptions, now: bigint): CoreVerifyOptions {
    return coreOptions(options, this.policy, now, this.options.skew);
  }
}

/**
 * A verifier with its own core instance, restored from its storage: the stored lists are verified
 * again before anything is trusted (what could not be restored is in {@link Verifier.restoreProblems}).
 *
 * @param options - The provisioned roots, storage, clock, workers and the rest.
 * @throws {@link PassgateError} `BAD_ARGUMENT` for a misused option or a root that is not a strong
 *   Ed25519 key (the message names it), `NO_CRYPTO` without WebCrypto, `UNSUPPORTED_PLATFORM` when the
 *   core cannot load; whatever a custom spawner throws. Unreadable stored records are not thrown: they
 *   are reported in restoreProblems and left unused.
 */
export async function createVerifier(options: VerifierOptions): Promise<Verifier> {
  const { precomputeBytes } = resolveOptions(options); // misuse is reported before any work
  const core = new VerifierCore(await instantiateCore(), precomputeBytes === undefined ? {} : { precomputeBytes });
  const verifier = new Verifier(core, options);
  await verifier.restore();
  verifier.watchStorage();
  const workers = options.workers;
  if (workers !== undefined) {
    await verifier.startWorkers(typeof workers === 'number' ? workers : workers.count, typeof workers === 'number' ? undefined : workers.spawn,
      typeof workers === 'number' || workers.stallMs === undefined ? {} : { stallMs: workers.stallMs });
  }
  return verifier;
}

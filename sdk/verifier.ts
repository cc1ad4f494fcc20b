import { instantiateCore } from './core/loadCore.js';
import { VerifierCore, type BatchInput, type CoreVerifyOptions } from './core/verifierCore.js';
import { BatchGovernor } from './core/batchGovernor.js';
import { verifyGoverned } from './core/governedBatch.js';
import { ResultPacker, unpackResults } from './worker/resultPacking.js';
import { verificationOf, type Verification } from './verificationResult.js';
import { compareUint, type Uint } from './cbor/shape.js';
import type { TrustList } from './trustList.js';
import { checkTrustList, checkRevocations, rootOf, type Root, type RevocationState } from './listAcceptance.js';
import { DEFAULT_POLICY, ruleFor, requiredClaimNames, type Policy } from './policy.js';
import { PassgateError } from './errors.js';
import { fromHex, toHex } from './encoding/hex.js';
import type { StorageAdapter, StoredTrust } from './storage/storageAdapter.js';
import { defaultStorage } from './storage/defaultStorage.js';
import { MemoryStorage } from './storage/memoryStorage.js';
import { ScanLog, type ScanLogOptions } from './scanLog.js';
import { syncLists, listDigest, DEFAULT_SYNC_TIMEOUT_MS, type Fetch, type SyncEntry, type SyncOptions, type SyncTarget, type SyncUrls } from './sync.js';
import { WorkerPool, type SpawnWorker, type WorkerPoolOptions } from './worker/workerPool.js';

export type { Verification } from './verificationResult.js';
export { MAX_LIST_BYTES } from './listAcceptance.js';

/** Below this many presentations, a batch is verified in the calling thread alone. */
const POOL_MIN_BATCH = 256;
/** PG1 §5 step 7: the default clock skew. */
export const DEFAULT_SKEW = 60;

export interface VerifyOptions {
  /** Unix seconds; defaults to the verifier's clock. */
  readonly now?: number | bigint;
  /** A venue category of the policy in force: adds the §8 checks. */
  readonly venue?: string;
  /** The nonce this reader issued to the holder (interactive readers). */
  readonly nonce?: Uint8Array;
  /** Seconds of clock skew for nbf/exp; defaults to the verifier's (60). */
  readonly skew?: number;
}

export interface VerifierOptions {
  /** Root public keys provisioned out of band (32 bytes each, or hex). */
  readonly roots: readonly (Uint8Array | string)[];
  /** Default skew in seconds (60). */
  readonly skew?: number;
  /** Clock in Unix seconds (defaults to the system clock). */
  readonly now?: () => number;
  /**
   * Where trust material is kept between runs: IndexedDB in browsers, memory in Node by default
   * (pass `new FileStorage(dir)` from 'passgate/node' on devices); null keeps nothing.
   */
  readonly storage?: StorageAdapter | null;
  /** Off by default: a log of (time, venue, result) with no personal data, purged after `retention` s. */
  readonly scanLog?: ScanLogOptions;
  /** The fetch used by sync() (defaults to the global fetch). */
  readonly fetch?: Fetch;
  /** Milliseconds each sync() request may take, headers and body together (30 s). */
  readonly syncTimeoutMs?: number;
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
  readonly workers?: number | { readonly count: number; readonly spawn?: SpawnWorker; readonly stallMs?: number };
}

/** Why a stored list could not be restored (it is then dropped; the verifier starts from what did). */
export interface RestoreProblem {
  readonly list: 'trust' | 'revocations';
  readonly reason: string;
}

type DestroyHook = () => void | Promise<void>;

function bytesOf(key: Uint8Array | string): Uint8Array {
  if (typeof key !== 'string') return key;
  try {
    return fromHex(key);
  } catch {
    throw new PassgateError('BAD_ARGUMENT', `not a hex key: ${key}`);
  }
}

const U64_LIMIT = 1n << 64n;

/** A time or a skew: a non-negative integer below 2^64 (PG1 times are CBOR uints). */
function uint64(value: number | bigint, what: string): bigint {
  const ok = typeof value === 'bigint' || Number.isSafeInteger(value);
  const v = ok ? BigInt(value) : -1n;
  if (v < 0n || v >= U64_LIMIT) throw new PassgateError('BAD_ARGUMENT', `${what} must be an integer from 0 to 2^64 - 1, got ${String(value)}`);
  return v;
}

/**
 * Verifies PG1 presentations offline against the trust material in force. Trust lists and revocation
 * lists are applied as successive updates (§6, §7); a refused list leaves the current one in force.
 */
export class Verifier {
  private roots: readonly Root[];
  private trust: TrustList | null = null;
  private revocations: RevocationState | null = null;
  private destroyed = false;
  private destroying: Promise<void> | null = null;
  private readonly skew: number;
  private readonly clock: () => number;
  private readonly storage: StorageAdapter;
  private readonly fetchImpl: Fetch | undefined;
  private readonly syncTimeoutMs: number;
  private readonly hooks: DestroyHook[] = [];
  private readonly log: ScanLog | null;
  private sunsetTimer: ReturnType<typeof setTimeout> | undefined;
  /** The signed lists behind the state in force, as stored. */
  private stored: StoredTrust = { trustLists: [], revocationLists: [], etags: {} };
  /** Serialises updates: each verifies, persists, then swaps the state in force. */
  private updates: Promise<unknown> = Promise.resolve();
  private pool: WorkerPool | null = null;
  private readonly destroyAtSunset: boolean;
  /** The provisioned roots: workers replay the stored lists from them. */
  private readonly provisioned: readonly Uint8Array[];
  /** Batch sizes, or singles, by how many bad signatures recent batches met (issue 11 item 10). */
  private readonly batchGovernor = new BatchGovernor();
  /** Stored lists that no longer verified when the verifier was created. */
  readonly restoreProblems: RestoreProblem[] = [];

  constructor(private readonly core: VerifierCore, options: VerifierOptions) {
    if (options.roots.length === 0) throw new PassgateError('BAD_ARGUMENT', 'at least one root key is required');
    this.roots = options.roots.map((r) => {
      const pub = bytesOf(r);
      if (pub.length !== 32 || core.keyStatus(pub) !== 0) {
        throw new PassgateError('BAD_ARGUMENT', 'a root key is not a canonical Ed25519 point of large order');
      }
      return rootOf(pub);
    });
    this.provisioned = this.roots.map((r) => r.pub);
    this.destroyAtSunset = options.destroyAtSunset ?? true;
    this.skew = options.skew ?? DEFAULT_SKEW;
    this.clock = options.now ?? ((): number => Math.floor(Date.now() / 1000));
    this.storage = options.storage === undefined ? defaultStorage() : (options.storage ?? new MemoryStorage());
    this.fetchImpl = options.fetch;
    this.syncTimeoutMs = options.syncTimeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS;
    this.log = options.scanLog ? new ScanLog(this.storage, options.scanLog) : null;
  }

  /** The trust list in force, if any. */
  get trustList(): TrustList | null {
    return this.trust;
  }

  /** The version, expiry and size of the revocation list in force, if any. */
  get revocationList(): { version: Uint; expires: Uint; count: number } | null {
    const r = this.revocations;
    return r ? { version: r.version, expires: r.expires, count: r.prefixes.length / 8 } : null;
  }

  /** The policy in force: the trust list's, else the default of §8. */
  get policy(): Policy {
    return this.trust?.policy ?? DEFAULT_POLICY;
  }

  private alive(): void {
    if (this.destroyed) throw new PassgateError('DESTROYED', 'this verifier has been destroyed');
  }

  /** iss and kid (hex) of each issuer key in force, by its index in the core's table. */
  private issuerNames: readonly { iss: string; kid: string }[] = [];

  private commitTrustList(list: TrustList): void {
    this.core.load(list.issuers, list.expires, list.sunset, this.revocations);
    this.issuerNames = list.issuers.map((k) => ({ iss: k.iss, kid: toHex(k.kid) }));
    this.trust = list;
    this.roots = list.roots.map(rootOf);
    this.scheduleSunset();
  }

  private commitRevocations(state: RevocationState): void {
    if (this.trust) this.core.load(this.trust.issuers, this.trust.expires, this.trust.sunset, state);
    this.revocations = state;
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.updates.then(task, task);
    this.updates = run.catch(() => undefined);
    return run;
  }

  /** Starts the worker pool (createVerifier does this when options.workers is set). */
  async startWorkers(count: number, spawn?: SpawnWorker, options: WorkerPoolOptions = {}): Promise<void> {
    if (this.pool || count < 1) return;
    this.pool = await WorkerPool.start(count, spawn, options);
    this.syncWorkers();
  }

  /** Hands the lists in force to the workers: they replay them from the provisioned roots. */
  private syncWorkers(): void {
    this.pool?.load({
      roots: this.provisioned,
      skew: this.skew,
      trustLists: this.stored.trustLists,
      revocationLists: this.stored.revocationLists,
    });
  }

  private async persist(next: StoredTrust): Promise<void> {
    try {
      await this.storage.save(next);
    } catch (e) {
      throw new PassgateError('STORAGE_FAILED', `could not store the update (${this.storage.kind}): ${e instanceof Error ? e.message : String(e)}`);
    }
    this.stored = next;
  }

  /**
   * Applies a signed trust list (PG1 §6): verified, stored, then put in force. Throws ListRefusedError
   * saying why when it is refused; the list in force then stays in force.
   */
  applyTrustList(bytes: Uint8Array, etag?: { url: string; value: string }): Promise<TrustList> {
    return this.exclusive(async () => {
      this.alive();
      const list = checkTrustList(this.core, this.roots, this.trust, bytes);
      await this.persist({
        ...this.stored,
        trustLists: [...this.stored.trustLists, bytes.slice()],
        etags: etag ? { ...this.stored.etags, [etag.url]: etag.value } : this.stored.etags,
      });
      this.commitTrustList(list);
      this.syncWorkers();
      this.checkSunset();
      return list;
    });
  }

  /** Applies a signed revocation list or delta (PG1 §7); throws ListRefusedError when refused. */
  applyRevocations(bytes: Uint8Array, etag?: { url: string; value: string }): Promise<{ version: Uint; count: number }> {
    return this.exclusive(async () => {
      this.alive();
      const { state, full } = checkRevocations(this.core, this.roots, this.revocations, bytes);
      await this.persist({
        ...this.stored,
        // A full list replaces the chain; a delta extends it.
        revocationLists: full ? [bytes.slice()] : [...this.stored.revocationLists, bytes.slice()],
        etags: etag ? { ...this.stored.etags, [etag.url]: etag.value } : this.stored.etags,
      });
      this.commitRevocations(state);
      this.syncWorkers();
      return { version: state.version, count: state.prefixes.length / 8 };
    });
  }

  /** Replays the stored lists from the provisioned roots; whatever no longer verifies is dropped. */
  async restore(): Promise<void> {
    let saved: StoredTrust | undefined;
    try {
      saved = await this.storage.load();
    } catch (e) {
      this.restoreProblems.push({ list: 'trust', reason: `unreadable store: ${e instanceof Error ? e.message : String(e)}` });
    }
    if (saved) this.restoreProblems.push(...this.replay(saved));
    await this.log?.load(this.clock());
    this.checkSunset();
  }

  /**
   * Puts stored lists in force, replayed from the provisioned roots as if received again; stops at the
   * first that no longer verifies, and returns why.
   */
  private replay(saved: StoredTrust): RestoreProblem[] {
    const problems: RestoreProblem[] = [];
    this.roots = this.provisioned.map(rootOf);
    this.trust = null;
    this.revocations = null;
    const trustLists: Uint8Array[] = [];
    for (const bytes of saved.trustLists) {
      try {
        this.commitTrustList(checkTrustList(this.core, this.roots, this.trust, bytes));
        trustLists.push(bytes);
      } catch (e) {
        problems.push({ list: 'trust', reason: e instanceof Error ? e.message : String(e) });
        break;
      }
    }
    const revocationLists: Uint8Array[] = [];
    for (const bytes of saved.revocationLists) {
      try {
        this.commitRevocations(checkRevocations(this.core, this.roots, this.revocations, bytes).state);
        revocationLists.push(bytes);
      } catch (e) {
        problems.push({ list: 'revocations', reason: e instanceof Error ? e.message : String(e) });
        break;
      }
    }
    this.stored = { trustLists, revocationLists, etags: saved.etags };
    this.syncWorkers();
    return problems;
  }

  /**
   * Adopts what another verifier sharing this storage saved (another tab, a worker): createVerifier
   * subscribes to the storage's change notices, so applications rarely call this themselves. A store
   * that no longer verifies in full changes nothing.
   */
  reload(): Promise<void> {
    return this.exclusive(async () => {
      this.alive();
      const saved = await this.storage.load();
      if (!saved) return;
      const previous = this.stored;
      if (this.replay(saved).length > 0) this.replay(previous);
      this.checkSunset();
    });
  }

  /**
   * Fetches the lists (ETag / If-None-Match), verifies them before use and puts them in force; a list
   * that cannot be fetched or is refused leaves the last good one in force. Each request has a deadline
   * (options.timeoutMs, else the verifier's syncTimeoutMs, 30 s) and a byte cap; trust and revocation
   * URLs download at once. Never throws for network or list problems: the report says what happened
   * with each URL, and why (sdk/sync/listSync.ts).
   */
  async sync(urls: SyncUrls, options: SyncOptions = {}): Promise<SyncEntry[]> {
    this.alive();
    const fetchImpl = this.fetchImpl ?? (globalThis.fetch as unknown as Fetch | undefined);
    if (!fetchImpl) throw new PassgateError('SYNC_FAILED', 'no fetch available: pass options.fetch');
    return syncLists(fetchImpl, urls, this.syncTarget, { timeoutMs: options.timeoutMs ?? this.syncTimeoutMs });
  }

  // --- sync target (resilience branch): what sync() needs of the verifier ---
  private readonly syncTarget: SyncTarget = {
    etag: (url) => this.stored.etags[url],
    inForce: async (list) => {
      const state = list === 'trust' ? this.trust : this.revocations;
      const bytes = (list === 'trust' ? this.stored.trustLists : this.stored.revocationLists).at(-1);
      return state && bytes ? { version: state.version, sha256: await listDigest(bytes) } : null;
    },
    apply: (list, bytes, etag) => (list === 'trust' ? this.applyTrustList(bytes, etag) : this.applyRevocations(bytes, etag)),
  };
  // --- end sync target ---

  private unwatch: (() => void) | undefined;

  /** Follows changes other verifiers make to the same storage: their updates, and their destruction. */
  watchStorage(): void {
    this.unwatch ??= this.storage.watch?.((change) => {
      if (this.destroyed) return;
      if (change === 'destroyed') void this.destroy().catch(() => undefined);
      else void this.reload().catch(() => undefined);
    });
  }

  // --- close (resilience branch; the lead may fold it into the lifecycle rewrite) ---
  /**
   * Stops the worker pool, the sunset timer and the storage watch, once the updates in progress are
   * stored; stored data is kept (unlike destroy()), so a restart restores it. A Node process whose
   * verifier has workers can exit afterwards. A batch in flight finishes on the calling thread, and so
   * do later ones.
   */
  async close(): Promise<void> {
    if (this.sunsetTimer !== undefined) clearTimeout(this.sunsetTimer);
    this.sunsetTimer = undefined;
    this.unwatch?.();
    this.unwatch = undefined;
    const pool = this.pool;
    this.pool = null;
    await pool?.close();
    await this.updates;
    await this.log?.flush();
  }
  // --- end close ---

  /** Registers a hook that destroy() runs after wiping (e.g. to clear the app's own caches). */
  onDestroy(hook: DestroyHook): void {
    this.hooks.push(hook);
  }

  /** True once destroy() has completed (or the sunset triggered it). */
  get isDestroyed(): boolean {
    return this.destroyed;
  }

  /**
   * Data destruction: deletes everything the SDK stored (database or files, scan log), zeroises the
   * core's memory and the SDK's copies of the lists, runs the hooks, and leaves this verifier unusable
   * (every call then throws DESTROYED). Safe to call more than once.
   */
  destroy(): Promise<void> {
    this.destroying ??= (async () => {
      const failures: unknown[] = [];
      if (this.sunsetTimer !== undefined) clearTimeout(this.sunsetTimer);
      this.unwatch?.();
      await this.updates;
      try {
        await this.pool?.close();
      } catch (e) {
        failures.push(e);
      }
      this.pool = null;
      await this.log?.flush();
      try {
        await this.storage.destroy();
      } catch (e) {
        failures.push(e);
      }
      this.core.wipe();
      for (const l of [...this.stored.trustLists, ...this.stored.revocationLists]) l.fill(0);
      this.revocations?.prefixes.fill(0);
      this.stored = { trustLists: [], revocationLists: [], etags: {} };
      this.trust = null;
      this.revocations = null;
      this.destroyed = true;
      for (const hook of this.hooks) {
        try {
          await hook();
        } catch (e) {
          failures.push(e);
        }
      }
      if (failures.length > 0) {
        throw new PassgateError('STORAGE_FAILED', `destroy finished with ${failures.length} failure(s): ${failures.map(String).join('; ')}`);
      }
    })();
    return this.destroying;
  }

  /** The end of the programme (§6 sunset): from then on SUNSET, and stored data is destroyed. */
  private checkSunset(now: number = this.clock()): boolean {
    const sunset = this.trust?.sunset;
    if (!this.destroyAtSunset || sunset === undefined || compareUint(now, sunset) < 0) return false;
    void this.destroy().catch(() => undefined);
    return true;
  }

  private scheduleSunset(): void {
    if (this.sunsetTimer !== undefined) clearTimeout(this.sunsetTimer);
    this.sunsetTimer = undefined;
    const sunset = this.trust?.sunset;
    if (sunset === undefined) return;
    const ms = (Number(sunset) - this.clock()) * 1000;
    if (ms <= 0 || ms > 2 ** 31 - 1) return; // now (checked by the caller) or later than a timer can wait
    const timer = setTimeout(() => this.checkSunset(), ms);
    (timer as { unref?: () => void }).unref?.();
    this.sunsetTimer = timer;
  }

  /** Resolves when every update and scan-log entry so far has reached storage (e.g. before shutdown). */
  async flush(): Promise<void> {
    await this.updates;
    await this.log?.flush();
    if (this.log?.lastError !== undefined) {
      throw new PassgateError('STORAGE_FAILED', `scan log not stored: ${String(this.log.lastError)}`);
    }
  }

  /** The scan log (empty unless enabled). */
  scanLog(): readonly { at: number; venue: string | null; result: string }[] {
    return this.log?.list() ?? [];
  }

  /** The claims a wallet must disclose at this venue, by name: only what its rule looks at. */
  requiredDisclosures(venue: string): string[] {
    return requiredClaimNames(ruleFor(this.policy, venue));
  }

  /**
   * Verifies one presentation: `PG1:` + base45 text or hex text, or the raw bytes (NFC/BLE). Bad input
   * never throws: it gives a result code. Throws only on misuse (no trust list, unknown venue).
   */
  verify(input: string | Uint8Array, options: VerifyOptions = {}): Verification {
    this.alive();
    if (!this.trust) throw new PassgateError('NO_TRUST_LIST', 'no trust list has been applied');
    const rule = options.venue === undefined ? undefined : ruleFor(this.policy, options.venue);
    const isText = typeof input === 'string';
    const bytes = isText ? new TextEncoder().encode(input) : input;
    const now = uint64(options.now ?? this.clock(), 'now');
    const raw = this.core.verify(bytes, isText, {
      now,
      skew: uint64(options.skew ?? this.skew, 'skew'),
      ...(options.nonce ? { nonce: options.nonce } : {}),
      ...(rule ? { rule } : {}),
    });
    if (isText) bytes.fill(0);
    return this.observe([verificationOf(raw, this.issuerNames)], Number(now), options.venue)[0]!;
  }

  /**
   * Verifies several presentations (a burst at a gate): their signatures are checked together in one
   * batch equation per 64, so each costs a fraction of a single verification; a batch that fails is
   * bisected, so every presentation gets exactly the result verify() would give. After a batch with
   * bad signatures, presentations are verified one by one for a while (a flood of bad signatures then
   * costs what verify() costs, not the bisection's several times that). With workers, large batches
   * are spread over them. Results in input order.
   */
  async verifyBatch(inputs: readonly (string | Uint8Array)[], options: VerifyOptions = {}): Promise<Verification[]> {
    this.alive();
    const pool = this.pool;
    if (!pool || inputs.length < POOL_MIN_BATCH) return this.verifyBatchLocal(inputs, options);
    if (!this.trust) throw new PassgateError('NO_TRUST_LIST', 'no trust list has been applied');
    if (options.venue !== undefined) ruleFor(this.policy, options.venue);
    const now = Number(uint64(options.now ?? this.clock(), 'now'));
    if (options.skew !== undefined) uint64(options.skew, 'skew');
    const shared = {
      now,
      ...(options.venue === undefined ? {} : { venue: options.venue }),
      ...(options.nonce ? { nonce: options.nonce } : {}),
      ...(options.skew === undefined ? {} : { skew: options.skew }),
    };
    // The calling thread takes a share too: with N cores, N - 1 workers and this thread use them all.
    const results = await pool.verify(inputs, shared, (share) => this.batchInThisThread(share, { ...options, now }),
      (out) => verificationOf(out, this.issuerNames));
    return this.observe(results, now, options.venue);
  }

  /** verifyBatch in the calling thread, synchronously. */
  verifyBatchLocal(inputs: readonly (string | Uint8Array)[], options: VerifyOptions = {}): Verification[] {
    this.alive();
    const now = Number(uint64(options.now ?? this.clock(), 'now'));
    return this.observe(this.batchInThisThread(inputs, { ...options, now }), now, options.venue);
  }

  private batchInThisThread(inputs: readonly (string | Uint8Array)[], options: VerifyOptions): Verification[] {
    const items = inputs.map((x) => (typeof x === 'string' ? { text: x } : { bytes: x, isText: false }));
    return unpackResults(this.verifyEncodedBatchPacked(items, options)).map((out) => verificationOf(out, this.issuerNames));
  }

  private batchOptions(options: VerifyOptions): CoreVerifyOptions {
    this.alive();
    if (!this.trust) throw new PassgateError('NO_TRUST_LIST', 'no trust list has been applied');
    const rule = options.venue === undefined ? undefined : ruleFor(this.policy, options.venue);
    return {
      now: uint64(options.now ?? this.clock(), 'now'),
      skew: uint64(options.skew ?? this.skew, 'skew'),
      ...(options.nonce ? { nonce: options.nonce } : {}),
      ...(rule ? { rule } : {}),
    };
  }

  /**
   * The batch path on inputs already in bytes (text as its UTF-8 with isText), returning the core's
   * outputs packed in one transferable buffer: what pool workers call on the buffer they receive. It
   * neither logs nor acts on a sunset: the verifier that hands out the work does.
   */
  verifyEncodedBatchPacked(items: readonly BatchInput[], options: VerifyOptions = {}): ArrayBuffer {
    const coreOptions = this.batchOptions(options);
    const packer = new ResultPacker();
    try {
      verifyGoverned(this.core, this.batchGovernor, items, coreOptions, packer); // batches, or singles under a flood of bad signatures
      return packer.finish();
    } finally {
      packer.wipe();
    }
  }

  /** The scan log and the sunset see every result handed to the application. */
  private observe<T extends Verification[]>(results: T, now: number, venue: string | undefined): T {
    for (const r of results) {
      if (r.result === 'SUNSET') this.checkSunset(now);
      this.log?.record({ at: now, venue: venue ?? null, result: r.result });
    }
    return results;
  }

}

/**
 * A verifier with its own core instance, restored from its storage: the stored lists are verified
 * again from the provisioned roots before anything is trusted.
 */
export async function createVerifier(options: VerifierOptions): Promise<Verifier> {
  const verifier = new Verifier(new VerifierCore(await instantiateCore()), options);
  await verifier.restore();
  verifier.watchStorage();
  const workers = options.workers;
  if (workers !== undefined) {
    const count = typeof workers === 'number' ? workers : workers.count;
    await verifier.startWorkers(count, typeof workers === 'number' ? undefined : workers.spawn,
      typeof workers === 'number' || workers.stallMs === undefined ? {} : { stallMs: workers.stallMs });
  }
  return verifier;
}

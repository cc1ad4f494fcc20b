/**
 * Applies signed lists as successive updates of the state in force. Each update runs as the only
 * writer of the store: it first adopts what other verifiers committed, then checks the list (PG1 §6,
 * §7), puts the result into the core, and commits it to storage; only then is it in force. An update
 * that fails at any step (refused, no memory in the core, storage) leaves core, SDK and storage as
 * they were.
 */
import type { VerifierCore } from '../core/verifierCore.js';
import { PassgateError } from '../errors.js';
import { initialState, sameKeySet, wipeState, type StateInForce } from './stateInForce.js';
import { restoreState, type RestoreProblem } from './stateRestore.js';
import { withRevocations, withSource, withTrustList } from './stateTransitions.js';
import { listDigest } from './listAcceptance.js';
import type { StateStore } from './stateStore.js';
import type { CoreLoading } from './coreLoading.js';
import { Mutex } from '../storage/mutex.js';

export type ListKind = 'trust' | 'revocations';

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class Updater {
  private current: StateInForce;
  private failure: PassgateError | null = null;
  /** This verifier's updates and reloads, one at a time (other verifiers wait on the store's lock). */
  private readonly queue = new Mutex();

  constructor(
    private readonly core: VerifierCore,
    private readonly loading: CoreLoading,
    private readonly store: StateStore,
    private readonly provisioned: readonly Uint8Array[],
    /** Told of every new state in force (workers, sunset timer). */
    private readonly onChange: (state: StateInForce) => void,
    /** Told when lists in force could not be stored. */
    private readonly onStorageFailure: (e: PassgateError) => void = () => undefined,
  ) {
    this.current = initialState(provisioned);
  }

  get state(): StateInForce {
    return this.current;
  }

  /** Reads the stored state and puts what verifies in force; returns what could not be restored. */
  async restore(): Promise<RestoreProblem[]> {
    const stored = await this.store.read();
    const fresh = initialState(this.provisioned);
    const problems = [...stored.problems];
    let anchor = stored.anchor;
    let record = stored.record;
    if (anchor && !sameKeySet(anchor.provisioned, this.provisioned)) {
      problems.push({ list: 'store', reason: 'the store was provisioned with other root keys: its state is not used' });
      anchor = null;
      record = null;
    }
    const restored = restoreState(this.core, fresh.anchor, anchor, record, stored.floor);
    problems.push(...restored.problems);
    this.install(restored.state);
    return problems;
  }

  private install(state: StateInForce): void {
    this.loading.put(state);
    this.current = state;
    this.onChange(state);
  }

  /**
   * Adopts another verifier's commit to the same store, if there was one since ours. Reading needs no
   * lock: a commit writes the state before its anchor, so the anchor read first is never the newer.
   */
  private async follow(): Promise<void> {
    const generation = await this.store.generation();
    if (generation === this.current.anchor.generation) return;
    const stored = await this.store.read();
    if (!stored.anchor || !stored.record) return; // nothing readable to adopt: keep what is in force
    const restored = restoreState(this.core, initialState(this.provisioned).anchor, stored.anchor, stored.record);
    if (restored.problems.length > 0) return; // a store that does not verify in full changes nothing
    this.install(restored.state);
  }

  /** Re-reads the store (another verifier saved); resolves once adopted. */
  reload(): Promise<void> {
    return this.queue.run(() => this.follow());
  }

  /**
   * Applies a trust list or a revocation list, delta or filter; throws ListRefusedError when refused.
   * A list that passes its checks goes in force even when the store cannot take it (a full disk: a
   * revocation must not wait for disk space); that is reported (storageFailure) and the next commit
   * that succeeds stores it.
   */
  apply(kind: ListKind, bytes: Uint8Array, source?: { url: string; etag: string | null }): Promise<StateInForce> {
    const copy = bytes.slice();
    return this.queue.run(async () => {
      let locked = false;
      try {
        return await this.store.exclusive(async () => {
          locked = true;
          await this.follow();
          return this.update(kind, copy, source);
        });
      } catch (e) {
        // The store could not even be locked by a failing medium (a full disk cannot take the lock
        // file): the list goes in force in memory all the same. A lock held too long, CLOSED, DESTROYED
        // and refusals are thrown as they are.
        if (locked || e instanceof PassgateError) throw e;
        return this.update(kind, copy, source, e);
      }
    });
  }

  /** One update; `unlocked` is why the store could not be locked (nothing is written then: another writer may be at work). */
  private async update(kind: ListKind, copy: Uint8Array, source: { url: string; etag: string | null } | undefined, unlocked?: unknown): Promise<StateInForce> {
    const previous = this.current;
    let next = kind === 'trust' ? withTrustList(this.core, previous, copy) : withRevocations(this.core, previous, copy);
    // The list just applied is the anchor's latest: its digest is already there (a 64 MiB filter is not hashed twice).
    if (source) next = withSource(next, source.url, source.etag, (kind === 'trust' ? next.anchor.trust : next.anchor.revocations)!.digest);
    const generation = previous.anchor.generation + 1;
    next = { ...next, anchor: { ...next.anchor, generation } };
    this.loading.put(next); // OUT_OF_MEMORY: the core keeps the previous state, nothing else changed
    try {
      await this.commit(next, generation, unlocked);
    } catch (e) {
      if (e instanceof PassgateError && e.code === 'DESTROYED') {
        this.loading.put(previous);
        throw e;
      }
      // In force, not stored: the generation stays the stored one, so that following the store does not
      // bring the older state back; the next commit writes this state whole.
      next = { ...next, anchor: { ...next.anchor, generation: previous.anchor.generation } };
    }
    this.current = next;
    this.onChange(next);
    return next;
  }

  /** Commits, and keeps storageFailure current: set when a commit fails, cleared when one succeeds. */
  private async commit(state: StateInForce, generation: number, unlocked?: unknown): Promise<void> {
    try {
      if (unlocked !== undefined) throw unlocked;
      await this.store.commit(state, generation);
    } catch (e) {
      if (e instanceof PassgateError && e.code === 'DESTROYED') throw e;
      const failure = new PassgateError('STORAGE_FAILED', `the lists in force could not be stored (${this.store.storage.kind}): ${message(e)}; they stay in force until the process ends, and the next update that can be stored stores them`);
      this.failure = failure;
      this.onStorageFailure(failure);
      throw failure;
    }
    this.failure = null;
  }

  /** Why the lists in force are not all stored (a full disk), or null when they are. */
  get storageFailure(): PassgateError | null {
    return this.failure;
  }

  /** Records a source's validator without changing the lists (a 304, or the same bytes again). */
  noteSource(url: string, etag: string | null, bytes: Uint8Array): Promise<void> {
    return this.exclusive(async () => {
      await this.follow();
      const generation = this.current.anchor.generation + 1;
      const next = withSource(this.current, url, etag, listDigest(this.core, bytes));
      const committed = { ...next, anchor: { ...next.anchor, generation } };
      await this.commit(committed, generation);
      this.current = committed;
    });
  }

  /** Resolves when every update queued so far has finished. */
  settled(): Promise<void> {
    return this.queue.run(async () => undefined);
  }

  /** Runs an update as the only writer of the store, after this verifier's earlier ones. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.queue.run(() => this.store.exclusive(task));
  }

  /** Zeroises the SDK's copies of the lists in force (destroy). */
  wipe(): void {
    wipeState(this.current);
    this.current = initialState(this.provisioned);
  }
}

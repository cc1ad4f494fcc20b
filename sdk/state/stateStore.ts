/**
 * The state in force on a storage medium: sealed records (AES-GCM, recordCipher.ts) under a key kept
 * by a KeyStore apart from the data. A commit writes the state record, then the anchor: a crash between
 * the two leaves a state newer than its anchor, which a restore accepts (the anchor only bounds from below).
 */
import type { KeyStore, RecordName, StorageAdapter } from '../storage/storageAdapter.js';
import { openRecord, sealRecord } from '../storage/recordCipher.js';
import { PassgateError } from '../errors.js';
import { decodeAnchor, decodeStateRecord, encodeAnchor, encodeStateRecord, type StateRecord } from './stateRecord.js';
import type { Anchor, StateInForce } from './stateInForce.js';
import type { RestoreProblem } from './stateRestore.js';
import type { VersionFloors, VersionFloorStore } from '../storage/versionFloorStore.js';

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export interface StoredState {
  readonly anchor: Anchor | null;
  readonly record: StateRecord | null;
  /** What the floor kept outside the store holds (null without one, or when it holds nothing). */
  readonly floor: VersionFloors | null;
  readonly problems: RestoreProblem[];
}

export class StateStore {
  private key: CryptoKey | undefined;

  constructor(readonly storage: StorageAdapter, readonly keys: KeyStore, readonly floor: VersionFloorStore | null = null) {}

  /** Runs task as the only writer of this store (across tabs, workers and processes). */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.storage.exclusive(task);
  }

  private async open(name: RecordName): Promise<Uint8Array | undefined> {
    const sealed = await this.storage.read(name);
    if (sealed === undefined) return undefined;
    this.key ??= await this.keys.load();
    if (!this.key) throw new Error(`the ${name} record exists but the storage key is gone: it cannot be read`);
    return openRecord(this.key, name, sealed);
  }

  /** Reads the anchor and the state record; what cannot be read or decoded is reported, not thrown. */
  async read(): Promise<StoredState> {
    const problems: RestoreProblem[] = [];
    let anchor: Anchor | null = null;
    let record: StateRecord | null = null;
    try {
      const bytes = await this.open('anchor');
      if (bytes) anchor = decodeAnchor(bytes);
    } catch (e) {
      problems.push({ list: 'store', reason: `rollback anchor unreadable (${message(e)})` });
    }
    try {
      const bytes = await this.open('state');
      if (bytes) record = decodeStateRecord(bytes);
    } catch (e) {
      problems.push({ list: 'store', reason: `state record unreadable (${message(e)})` });
    }
    let floor: VersionFloors | null = null;
    try {
      floor = (await this.floor?.read()) ?? null;
    } catch (e) {
      problems.push({ list: 'store', reason: `the version floor (${this.floor?.kind}) could not be read (${message(e)}): versions are bounded by the store alone` });
    }
    return { anchor, record, floor, problems };
  }

  /** The generation of the last commit on the medium (by any verifier), or -1 when it cannot be read. */
  async generation(): Promise<number> {
    try {
      const bytes = await this.open('anchor');
      return bytes ? decodeAnchor(bytes).generation : 0;
    } catch {
      return -1;
    }
  }

  /**
   * The key, made on the first commit. A key that was there and is gone means another verifier
   * destroyed the store: nothing may be written again.
   */
  private async writingKey(): Promise<CryptoKey> {
    const present = await this.keys.load();
    if (present) return (this.key = present);
    if (this.key) throw new PassgateError('DESTROYED', 'the store was destroyed by another verifier');
    return (this.key = await this.keys.create());
  }

  /** Writes the state and its anchor as generation `generation`; call inside exclusive(). */
  async commit(state: StateInForce, generation: number): Promise<void> {
    const key = await this.writingKey();
    const record = encodeStateRecord(state, generation);
    const anchor = encodeAnchor({ ...state.anchor, generation });
    try {
      await this.storage.write([
        { name: 'state', bytes: await sealRecord(key, 'state', record) },
        { name: 'anchor', bytes: await sealRecord(key, 'anchor', anchor) },
      ]);
    } finally {
      record.fill(0);
    }
    await this.floor?.write({ trust: state.anchor.trust?.version ?? null, revocations: state.anchor.revocations?.version ?? null });
  }

  async readLog(): Promise<Uint8Array | undefined> {
    return this.open('log');
  }

  async writeLog(plain: Uint8Array<ArrayBuffer>): Promise<void> {
    const key = await this.writingKey();
    await this.storage.write([{ name: 'log', bytes: await sealRecord(key, 'log', plain) }]);
  }

  /** Deletes the key first (everything sealed under it is unreadable from then on), then the records. */
  async destroy(): Promise<void> {
    this.key = undefined;
    let failure: unknown;
    try {
      await this.keys.destroy();
    } catch (e) {
      failure = e;
    }
    await this.storage.destroy();
    await this.floor?.destroy?.();
    if (failure !== undefined) throw failure;
  }
}

import { createStore, get, set, type UseStore } from 'idb-keyval';
import type { ScanLogEntry, StorageAdapter, StorageChange, StoredTrust } from './storageAdapter.js';

/** The IndexedDB database every Passgate verifier in a browser origin uses by default. */
export const DEFAULT_DATABASE = 'passgate';
const STORE = 'state';
const TRUST_KEY = 'trust';
const LOG_KEY = 'scan-log';

/**
 * IndexedDB through idb-keyval (the default in browsers). Each save is one put of one record, which
 * IndexedDB commits atomically. destroy() closes the connection and deletes the whole database.
 */
export class IndexedDbStorage implements StorageAdapter {
  readonly kind = 'indexeddb';
  private store: UseStore | undefined;

  /** Distinguishes this adapter's own notices from other contexts' on the shared channel. */
  private readonly id = Math.random().toString(36).slice(2);

  constructor(readonly database: string = DEFAULT_DATABASE) {}

  private channelName(): string {
    return `passgate-storage:${this.database}`;
  }

  private notify(change: StorageChange): void {
    if (typeof BroadcastChannel === 'undefined') return;
    const channel = new BroadcastChannel(this.channelName());
    channel.postMessage({ from: this.id, change });
    channel.close();
  }

  watch(listener: (change: StorageChange) => void): () => void {
    if (typeof BroadcastChannel === 'undefined') return () => undefined;
    const channel = new BroadcastChannel(this.channelName());
    channel.onmessage = (e: MessageEvent<{ from?: string; change?: StorageChange }>) => {
      if (e.data.from !== this.id && (e.data.change === 'saved' || e.data.change === 'destroyed')) listener(e.data.change);
    };
    return () => channel.close();
  }

  private db(): UseStore {
    if (!this.store) {
      const store = createStore(this.database, STORE);
      // Another verifier's destroy() (another tab, a worker) deletes the database: let it through.
      void store('readonly', (s) => {
        const db = s.transaction.db;
        db.onversionchange = () => db.close();
      });
      this.store = store;
    }
    return this.store;
  }

  async load(): Promise<StoredTrust | undefined> {
    return get<StoredTrust>(TRUST_KEY, this.db());
  }

  async save(state: StoredTrust): Promise<void> {
    await set(TRUST_KEY, { trustLists: [...state.trustLists], revocationLists: [...state.revocationLists], etags: { ...state.etags } }, this.db());
    this.notify('saved');
  }

  async loadLog(): Promise<ScanLogEntry[]> {
    return (await get<ScanLogEntry[]>(LOG_KEY, this.db())) ?? [];
  }

  async saveLog(entries: readonly ScanLogEntry[]): Promise<void> {
    await set(LOG_KEY, [...entries], this.db());
  }

  async destroy(): Promise<void> {
    if (this.store) {
      // deleteDatabase waits for open connections: close idb-keyval's first.
      const db = await this.store('readonly', (s) => s.transaction.db);
      db.close();
      this.store = undefined;
    }
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.deleteDatabase(this.database);
      req.onsuccess = () => resolve();
      req.onerror = () => reject(req.error ?? new Error('deleteDatabase failed'));
      // onblocked: other connections get versionchange and close; the request then succeeds.
    });
    this.notify('destroyed');
  }
}

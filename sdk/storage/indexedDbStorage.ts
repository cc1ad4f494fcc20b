import { createStore, get, set, setMany, type UseStore } from 'idb-keyval';
import type { KeyStore, RecordName, StorageAdapter, StorageChange, StoredRecord } from './storageAdapter.js';
import { Mutex } from './mutex.js';
import { generateStorageKey } from './storageKey.js';
import { PassgateError } from '../errors.js';

/** The IndexedDB database every Passgate verifier in a browser origin uses by default. */
export const DEFAULT_DATABASE = 'passgate';
const STORE = 'state';
const KEY_STORE = 'key';
const KEY = 'storage-key';

/** Whether a database exists, without opening it (opening would create it). */
async function databaseExists(name: string): Promise<boolean> {
  const list = (indexedDB as { databases?: () => Promise<{ name?: string }[]> }).databases;
  if (!list) return true; // cannot tell: assume it does, opening it is then harmless
  return (await list.call(indexedDB)).some((d) => d.name === name);
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error ?? new Error(`deleteDatabase(${name}) failed`));
    // onblocked: other connections get versionchange and close; the request then succeeds.
  });
}

/** An idb-keyval store whose connection closes when another context deletes the database. */
class Connection {
  private store: UseStore | undefined;
  constructor(private readonly database: string, private readonly objectStore: string) {}

  get(): UseStore {
    if (!this.store) {
      const store = createStore(this.database, this.objectStore);
      void store('readonly', (s) => {
        const db = s.transaction.db;
        db.onversionchange = () => { db.close(); if (this.store === store) this.store = undefined; };
      }).catch(() => undefined);
      this.store = store;
    }
    return this.store;
  }

  async close(): Promise<void> {
    const store = this.store;
    this.store = undefined;
    if (store) (await store('readonly', (s) => s.transaction.db)).close();
  }
}

/**
 * The storage key as a non-extractable CryptoKey in a database of its own (`<database>-key`): the
 * page can use it but never read its bytes, and destroy() deletes that database first.
 */
export class IndexedDbKeyStore implements KeyStore {
  /** `'indexeddb-key'`. */
  readonly kind = 'indexeddb-key';
  private readonly connection: Connection;
  /**
   * A key store in its own database; nothing is opened until the verifier asks.
   *
   * @param database - The key's database name (IndexedDbStorage uses `<its database>-key`).
   */
  constructor(
    /** The key's database name. */
    readonly database: string,
  ) {
    this.connection = new Connection(database, KEY_STORE);
  }

  async load(): Promise<CryptoKey | undefined> {
    if (!(await databaseExists(this.database))) return undefined;
    return get<CryptoKey>(KEY, this.connection.get());
  }

  async create(): Promise<CryptoKey> {
    const key = await generateStorageKey();
    await set(KEY, key, this.connection.get());
    return key;
  }

  async destroy(): Promise<void> {
    await this.connection.close();
    await deleteDatabase(this.database);
  }
}

/**
 * IndexedDB through idb-keyval (the default in browsers). A write of several records is one
 * transaction (all or nothing); one writer at a time across tabs and workers of the origin through the
 * Web Locks API; destroy() deletes the whole database.
 */
export class IndexedDbStorage implements StorageAdapter {
  /** `'indexeddb'`. */
  readonly kind = 'indexeddb';
  private readonly connection: Connection;
  private readonly mutex = new Mutex();
  private destroyed = false;

  /** Distinguishes this adapter's own notices from other contexts' on the shared channel. */
  private readonly id = Math.random().toString(36).slice(2);

  /**
   * A store in an IndexedDB database of the page's origin; nothing is opened until the verifier asks.
   *
   * @param database - The database name ({@link DEFAULT_DATABASE}); verifiers of the origin that use the
   *   same name share their lists.
   */
  constructor(
    /** The database name. */
    readonly database: string = DEFAULT_DATABASE,
  ) {
    this.connection = new Connection(database, STORE);
  }

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

  async read(name: RecordName): Promise<Uint8Array | undefined> {
    if (!(await databaseExists(this.database))) return undefined;
    return get<Uint8Array>(name, this.connection.get());
  }

  async write(records: readonly StoredRecord[]): Promise<void> {
    if (this.destroyed) throw new PassgateError('DESTROYED', `the database ${this.database} has been destroyed`);
    await setMany(records.map((r) => [r.name, r.bytes.slice()]), this.connection.get());
    this.notify('saved');
  }

  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
    if (!locks) return this.mutex.run(task);
    return this.mutex.run(() => locks.request(`passgate:${this.database}`, { mode: 'exclusive' }, task) as Promise<T>);
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    await this.connection.close();
    await deleteDatabase(this.database);
    this.notify('destroyed');
  }

  defaultKeyStore(): KeyStore {
    return new IndexedDbKeyStore(`${this.database}-key`);
  }
}

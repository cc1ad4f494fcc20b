import type { KeyStore, RecordName, StorageAdapter, StoredRecord } from './storageAdapter.js';
import { Mutex } from './mutex.js';
import { generateStorageKey } from './storageKey.js';
import { PassgateError } from '../errors.js';

/** Keeps the key in memory only (MemoryStorage's default). */
export class MemoryKeyStore implements KeyStore {
  /** `'memory'`. */
  readonly kind = 'memory';
  private key: CryptoKey | undefined;

  async load(): Promise<CryptoKey | undefined> {
    return this.key;
  }

  async create(): Promise<CryptoKey> {
    this.key = await generateStorageKey();
    return this.key;
  }

  async destroy(): Promise<void> {
    this.key = undefined;
  }
}

/**
 * Keeps records in memory only: nothing survives the process (the default in Node). Verifiers that
 * share one MemoryStorage share its records, as they would share a directory.
 */
export class MemoryStorage implements StorageAdapter {
  /** `'memory'`. */
  readonly kind = 'memory';
  private readonly records = new Map<RecordName, Uint8Array>();
  private readonly mutex = new Mutex();
  private readonly keys = new MemoryKeyStore();
  private destroyed = false;

  async read(name: RecordName): Promise<Uint8Array | undefined> {
    return this.records.get(name)?.slice();
  }

  async write(records: readonly StoredRecord[]): Promise<void> {
    if (this.destroyed) throw new PassgateError('DESTROYED', 'this store has been destroyed');
    for (const r of records) this.records.set(r.name, r.bytes.slice());
  }

  exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.mutex.run(task);
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    for (const bytes of this.records.values()) bytes.fill(0);
    this.records.clear();
  }

  defaultKeyStore(): KeyStore {
    return this.keys;
  }
}

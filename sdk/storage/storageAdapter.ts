/**
 * Where a verifier keeps its state between runs. The verifier hands the adapter sealed records
 * (AES-GCM under a key from a KeyStore, see recordCipher.ts): an adapter stores opaque bytes and never
 * sees a list, a version or a log entry in the clear. Nothing about holders is ever written.
 */

/**
 * The records of a store: the state in force (trust list, revocation base and deltas), the rollback
 * anchor (highest versions accepted, roots trusted now: kept apart so that a lost or corrupt state
 * record cannot lower it), and the optional scan log of counts.
 */
export type RecordName = 'state' | 'anchor' | 'log';

/** One record to write: its name and its sealed bytes. */
export interface StoredRecord {
  /** Which record. */
  readonly name: RecordName;
  /** The sealed (encrypted) bytes: opaque to the adapter. */
  readonly bytes: Uint8Array;
}

/** Notices of changes made by other verifiers on the same store (another tab, worker or process). */
export type StorageChange = 'saved' | 'destroyed';

/**
 * Where a verifier keeps its sealed records: {@link IndexedDbStorage}, {@link MemoryStorage}, `FileStorage`
 * (`passgate/node`), or your own (a device's secure file system, a database). An adapter that throws
 * makes the update fail with `STORAGE_FAILED` and leaves the state in force as it was.
 */
export interface StorageAdapter {
  /** A short name for messages ("indexeddb", "files", "memory"). */
  readonly kind: string;
  /**
   * The bytes of a record, or undefined when there is none.
   *
   * @param name - Which record.
   */
  read(name: RecordName): Promise<Uint8Array | undefined>;
  /**
   * Writes records in the order given; each is replaced atomically (after a crash a reader sees the old
   * or the new bytes, never a mix). Throws once the store has been destroyed.
   *
   * @param records - The records to replace, in order.
   * @throws {@link PassgateError} `DESTROYED` once destroy() was called (the adapters of this package).
   */
  write(records: readonly StoredRecord[]): Promise<void>;
  /**
   * Runs `task` while no other verifier on this store, in this process or another, runs its own
   * exclusive task: the verifier reads, decides and writes inside it, so concurrent writers never lose
   * each other's updates.
   *
   * @param task - The work to run alone; its result is passed through.
   */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
  /**
   * Removes everything this adapter ever wrote (records, temporary files, locks, the database or
   * directory it created) and refuses writes from then on.
   */
  destroy(): Promise<void>;
  /**
   * Optional: notices of other verifiers' saves and destruction on this store. Returns an unsubscribe.
   *
   * @param listener - Told `saved` or `destroyed`.
   */
  watch?(listener: (change: StorageChange) => void): () => void;
  /** Optional: where this medium keeps the storage key by default (a key file, a CryptoKey in IndexedDB). */
  defaultKeyStore?(): KeyStore;
}

/**
 * Keeps the key that seals the records, apart from them. destroy() deletes it first: every record and
 * every earlier copy of one left in free blocks or flash pages becomes unreadable (cryptographic erase,
 * NIST SP 800-88). A device can keep the key in its platform keystore (TPM, secure element, Android
 * Keystore) by implementing this interface.
 */
export interface KeyStore {
  /** A short name for messages ("key-file", "indexeddb", "memory"). */
  readonly kind: string;
  /** The key, or undefined when none was made yet (or it was destroyed). Never creates one. */
  load(): Promise<CryptoKey | undefined>;
  /** Makes and keeps a new AES-256-GCM key (non-extractable where the medium allows). */
  create(): Promise<CryptoKey>;
  /** Deletes the key for good. */
  destroy(): Promise<void>;
}

/** True for an object with the methods of a StorageAdapter (checked where users pass one in). */
export function isStorageAdapter(v: unknown): v is StorageAdapter {
  const s = v as Partial<StorageAdapter> | null;
  return typeof s === 'object' && s !== null && typeof s.kind === 'string' && typeof s.read === 'function'
    && typeof s.write === 'function' && typeof s.exclusive === 'function' && typeof s.destroy === 'function';
}

/** True for an object with the methods of a KeyStore. */
export function isKeyStore(v: unknown): v is KeyStore {
  const k = v as Partial<KeyStore> | null;
  return typeof k === 'object' && k !== null && typeof k.load === 'function' && typeof k.create === 'function'
    && typeof k.destroy === 'function';
}

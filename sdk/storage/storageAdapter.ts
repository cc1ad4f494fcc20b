/**
 * Where a verifier keeps its trust material between runs. Only trust material is stored (the signed
 * lists as received, re-verified on every load), and, when enabled, a scan log with no personal data.
 * Nothing about holders is ever written.
 */

/** The signed lists in force, replayed in order on load (so a rotated root is re-derived, not trusted). */
export interface StoredTrust {
  /** Every accepted trust list since provisioning, oldest first. */
  readonly trustLists: readonly Uint8Array[];
  /** The last full revocation list and the deltas applied on top of it, oldest first. */
  readonly revocationLists: readonly Uint8Array[];
  /** HTTP validators of the last successful sync, by URL. */
  readonly etags: Readonly<Record<string, string>>;
}

/** One verification in the optional scan log: when, where, what. No token bytes, no claims. */
export interface ScanLogEntry {
  readonly at: number;
  readonly venue: string | null;
  readonly result: string;
}

export interface StorageAdapter {
  /** A short name for messages ("indexeddb", "files", "memory"). */
  readonly kind: string;
  load(): Promise<StoredTrust | undefined>;
  /** Replaces the stored trust material atomically: after a crash either the old or the new state is read. */
  save(state: StoredTrust): Promise<void>;
  loadLog(): Promise<ScanLogEntry[]>;
  saveLog(entries: readonly ScanLogEntry[]): Promise<void>;
  /** Removes everything this adapter ever wrote (databases, files, directories it created). */
  destroy(): Promise<void>;
  /**
   * Optional: notices of changes made through other adapters on the same store (another tab or worker
   * of the same origin): 'saved' after a save, 'destroyed' after a destroy. Returns an unsubscribe.
   */
  watch?(listener: (change: StorageChange) => void): () => void;
}

export type StorageChange = 'saved' | 'destroyed';

import type { ScanLogEntry, StorageAdapter, StoredTrust } from './storageAdapter.js';

/** Keeps state in memory only: nothing survives the process (the default in Node). */
export class MemoryStorage implements StorageAdapter {
  readonly kind = 'memory';
  private state: StoredTrust | undefined;
  private log: ScanLogEntry[] = [];

  async load(): Promise<StoredTrust | undefined> {
    return this.state;
  }

  async save(state: StoredTrust): Promise<void> {
    this.state = state;
  }

  async loadLog(): Promise<ScanLogEntry[]> {
    return [...this.log];
  }

  async saveLog(entries: readonly ScanLogEntry[]): Promise<void> {
    this.log = [...entries];
  }

  async destroy(): Promise<void> {
    for (const l of this.state?.trustLists ?? []) l.fill(0);
    for (const l of this.state?.revocationLists ?? []) l.fill(0);
    this.state = undefined;
    this.log = [];
  }
}

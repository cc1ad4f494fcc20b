import type { ScanLogEntry, StorageAdapter } from './storage/storageAdapter.js';

export interface ScanLogOptions {
  /** Seconds an entry is kept; older entries are purged on every write and on load. */
  readonly retention: number;
}

/**
 * An optional record of verifications for operators (how many passed, where, when) that holds no
 * personal data: time, venue category and result code only, never token bytes or claims.
 */
export class ScanLog {
  private entries: ScanLogEntry[] = [];
  private writing: Promise<void> = Promise.resolve();
  /** The last storage failure, if the latest write failed (the next write retries with everything). */
  lastError: unknown = undefined;

  constructor(
    private readonly storage: StorageAdapter,
    private readonly options: ScanLogOptions,
  ) {
    if (!(options.retention > 0)) throw new RangeError('scan log retention must be a positive number of seconds');
  }

  async load(now: number): Promise<void> {
    this.entries = (await this.storage.loadLog()).filter((e) => e.at > now - this.options.retention);
  }

  record(entry: ScanLogEntry): void {
    this.entries.push(entry);
    this.purge(entry.at);
    const snapshot = [...this.entries];
    // Writes are serialised; a failed write is retried by the next one.
    this.writing = this.writing
      .then(() => this.storage.saveLog(snapshot))
      .then(() => { this.lastError = undefined; }, (e: unknown) => { this.lastError = e; });
  }

  purge(now: number): void {
    const cutoff = now - this.options.retention;
    if (this.entries.length > 0 && this.entries[0]!.at <= cutoff) this.entries = this.entries.filter((e) => e.at > cutoff);
  }

  list(): readonly ScanLogEntry[] {
    return [...this.entries];
  }

  /** Resolves when every recorded entry has been handed to storage. */
  flush(): Promise<void> {
    return this.writing;
  }
}

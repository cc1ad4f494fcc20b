/**
 * An optional record of verifications for operators that holds no personal data and no per-scan rows:
 * counts per hour, venue category and result code. Recording costs the same whatever the period;
 * counts reach storage at most every `writeIntervalMs` and on flush(), merged under the store's lock
 * with what other verifiers on the same store counted.
 */
import { encode, type CborValue } from '../cbor/deterministicEncoder.js';
import { decodeValue } from '../cbor/valueDecoder.js';
import { asArray, asText, asUint } from '../cbor/shape.js';
import { PassgateError } from '../errors.js';

/** Turns the scan log on (VerifierOptions.scanLog): counts only, never a presentation or a claim. */
export interface ScanLogOptions {
  /** Seconds counts are kept (by whole hours); older hours are dropped on every write and on load. */
  readonly retention: number;
  /** Longest time counts wait in memory before they are written (default 5,000 ms). */
  readonly writeIntervalMs?: number;
}

/** Verifications in one hour at one venue category with one result. */
export interface ScanLogCount {
  /** Start of the hour, Unix seconds. */
  readonly hour: number;
  /** The venue category verified for, or null without one. */
  readonly venue: string | null;
  /** The result code. */
  readonly result: string;
  /** Verifications counted. */
  readonly count: number;
}

const HOUR = 3600;
const keyOf = (hour: number, venue: string | null, result: string): string => JSON.stringify([hour, venue, result]);

/** Counts by (hour, venue, result). */
class Counts {
  readonly map = new Map<string, ScanLogCount>();

  add(hour: number, venue: string | null, result: string, n: number): void {
    const k = keyOf(hour, venue, result);
    const c = this.map.get(k);
    this.map.set(k, { hour, venue, result, count: (c?.count ?? 0) + n });
  }

  merge(other: Counts): void {
    for (const c of other.map.values()) this.add(c.hour, c.venue, c.result, c.count);
  }

  purge(cutoff: number): void {
    for (const [k, c] of this.map) if (c.hour + HOUR <= cutoff) this.map.delete(k);
  }

  encode(): Uint8Array<ArrayBuffer> {
    const rows: CborValue[] = [...this.map.values()].map((c) => [c.hour, c.venue, c.result, c.count]);
    return encode(rows) as Uint8Array<ArrayBuffer>;
  }

  static decode(bytes: Uint8Array): Counts {
    const counts = new Counts();
    for (const row of asArray(decodeValue(bytes), 'scan log')) {
      const [hour, venue, result, count] = asArray(row, 'scan log row');
      counts.add(Number(asUint(hour, 'hour')), venue === null ? null : asText(venue, 'venue'), asText(result, 'result'), Number(asUint(count, 'count')));
    }
    return counts;
  }
}

/** Where the log is kept: the state store's sealed `log` record, under its lock. */
export interface ScanLogStore {
  exclusive<T>(task: () => Promise<T>): Promise<T>;
  readLog(): Promise<Uint8Array | undefined>;
  writeLog(bytes: Uint8Array<ArrayBuffer>): Promise<void>;
}

export class ScanLog {
  /** Everything known: what was stored plus what this verifier counted since. */
  private all = new Counts();
  /** Counted here and not yet written. */
  private pending = new Counts();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private stopped = false;
  /** The last storage failure, if the latest write failed (the next write retries with everything). */
  lastError: unknown = undefined;

  constructor(
    private readonly store: ScanLogStore,
    private readonly options: ScanLogOptions,
    private readonly clock: () => number,
  ) {
    if (typeof options.retention !== 'number' || !(options.retention > 0)) {
      throw new PassgateError('BAD_ARGUMENT', 'scanLog.retention must be a positive number of seconds');
    }
  }

  /** Reads the stored counts; a corrupt log is dropped and its reason returned. */
  async load(): Promise<string | undefined> {
    try {
      const bytes = await this.store.readLog();
      this.all = bytes ? Counts.decode(bytes) : new Counts();
      this.all.purge(this.clock() - this.options.retention);
      return undefined;
    } catch (e) {
      this.all = new Counts();
      return `scan log unreadable and dropped: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  record(at: number, venue: string | null, result: string): void {
    if (this.stopped) return;
    const hour = at - (at % HOUR);
    this.all.add(hour, venue, result, 1);
    this.pending.add(hour, venue, result, 1);
    if (this.timer === undefined) {
      this.timer = setTimeout(() => { this.timer = undefined; void this.flush(); }, this.options.writeIntervalMs ?? 5_000);
      (this.timer as { unref?: () => void }).unref?.();
    }
  }

  counts(): ScanLogCount[] {
    this.all.purge(this.clock() - this.options.retention);
    return [...this.all.map.values()].sort((a, b) => a.hour - b.hour || String(a.venue).localeCompare(String(b.venue)) || a.result.localeCompare(b.result));
  }

  /** Writes the pending counts now (merged with the stored ones); resolves when they are stored. */
  flush(): Promise<void> {
    if (this.timer !== undefined) { clearTimeout(this.timer); this.timer = undefined; }
    this.writing = this.writing.then(() => this.write());
    return this.writing;
  }

  private async write(): Promise<void> {
    if (this.stopped || this.pending.map.size === 0) return;
    const pending = this.pending;
    this.pending = new Counts();
    try {
      await this.store.exclusive(async () => {
        const stored = await this.store.readLog().then((b) => (b ? Counts.decode(b) : new Counts()), () => new Counts());
        stored.merge(pending);
        stored.purge(this.clock() - this.options.retention);
        const bytes = stored.encode();
        await this.store.writeLog(bytes);
        this.all = stored;
        this.all.merge(this.pending); // counted while writing
      });
      this.lastError = undefined;
    } catch (e) {
      this.pending.merge(pending); // retried by the next write
      this.lastError = e;
    }
  }

  /** Stops recording and writing (destroy, close after flush). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Resolves when the write under way, if any, is over. */
  settled(): Promise<void> {
    return this.writing;
  }
}

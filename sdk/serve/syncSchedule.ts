/**
 * Syncs the lists on a schedule (Verifier.sync: ETags, verified before use, a refused or unreachable
 * list leaves the last good one in force): once at start, then every `everySeconds`, never two at
 * once. A sync that misses a list is retried sooner (1 s, doubling up to the schedule): a gate that
 * boots before its uplink, or whose server hiccups, need not wait a whole period to get its lists.
 * It remembers when each kind of list was last confirmed current, for /health and /metrics.
 */
import type { SyncEntry, SyncUrls } from '../sync/index.js';
import type { Verifier } from '../verifier/verifier.js';

export interface SyncStatus {
  readonly everySeconds: number;
  /** Unix seconds, on the gate's clock (--now when fixed), of the last sync started, and of the last that reached every list. */
  readonly lastAttempt: number | null;
  readonly lastSuccess: number | null;
  /** When each kind of list was last fetched and found current (updated, or unchanged). */
  readonly lastConfirmed: { readonly trust: number | null; readonly revocations: number | null };
  readonly lastReport: readonly SyncEntry[];
}

const FIRST_RETRY_SECONDS = 1;

/** Seconds until the next sync: the schedule, or sooner after syncs that missed a list. */
export function nextSyncDelay(everySeconds: number, missedInARow: number): number {
  if (missedInARow === 0) return everySeconds;
  return Math.min(everySeconds, FIRST_RETRY_SECONDS * 2 ** Math.min(missedInARow - 1, 30));
}

export class SyncSchedule {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private lastAttempt: number | null = null;
  private lastSuccess: number | null = null;
  private readonly lastConfirmed: { trust: number | null; revocations: number | null } = { trust: null, revocations: null };
  private lastReport: SyncEntry[] = [];
  private missedInARow = 0;
  /** Aborted by stop(): a list server that never answers holds no shutdown. */
  private readonly ending = new AbortController();

  constructor(
    private readonly verifier: Verifier,
    private readonly urls: SyncUrls,
    private readonly everySeconds: number,
    private readonly log: (line: string) => void,
    /** The gate's clock, the one /health reports `now` on: one clock for every time it shows. */
    private readonly clock: () => number,
  ) {}

  /** The first sync now, the next ones on the schedule. */
  start(): void {
    this.runOnce();
  }

  /** One sync (the scheduled one, or on demand); resolves when it is done. */
  runOnce(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.running ??= this.sync().then((complete) => {
      this.missedInARow = complete ? 0 : this.missedInARow + 1;
    }).finally(() => {
      this.running = undefined;
      if (!this.stopped) this.timer = setTimeout(() => void this.runOnce(), nextSyncDelay(this.everySeconds, this.missedInARow) * 1000);
    });
    return this.running;
  }

  /** One sync; true when it reached every list. */
  private async sync(): Promise<boolean> {
    const started = this.clock();
    this.lastAttempt = started;
    try {
      this.lastReport = await this.verifier.sync(this.urls, { signal: this.ending.signal });
    } catch (e) {
      this.log(`sync: ${e instanceof Error ? e.message : String(e)}`);
      if (this.verifier.isDestroyed) this.stopped = true; // the sunset ended the programme: nothing left to sync
      return false;
    }
    for (const e of this.lastReport) {
      if (settled(e)) this.lastConfirmed[e.list] = started;
      // A delta with nothing to apply is said as such, not as a failure (its reason says "nothing to apply").
      this.log(`sync: ${e.list} ${e.url}: ${e.outcome === 'skipped' ? (e.reason ?? 'nothing to apply') : `${e.outcome}${e.reason ? ` (${e.reason})` : ''}`}`);
    }
    const trustOk = this.urls.trust === undefined || this.lastReport.some((e) => e.list === 'trust' && settled(e));
    const revocationsOk = this.urls.revocations === undefined || this.lastReport.some((e) => e.list === 'revocations' && settled(e));
    if (trustOk && revocationsOk) this.lastSuccess = started;
    return trustOk && revocationsOk;
  }

  status(): SyncStatus {
    return {
      everySeconds: this.everySeconds,
      lastAttempt: this.lastAttempt,
      lastSuccess: this.lastSuccess,
      lastConfirmed: { ...this.lastConfirmed },
      lastReport: this.lastReport,
    };
  }

  /** Stops the schedule, aborts a sync in progress and waits for it to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.ending.abort();
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.running;
  }
}

/** A URL that confirmed its list: applied, or the list in force again. */
function settled(e: SyncEntry): boolean {
  return e.outcome === 'updated' || e.outcome === 'unchanged';
}

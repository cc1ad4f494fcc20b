/**
 * Syncs the lists on a schedule (Verifier.sync: ETags, verified before use, a refused or unreachable
 * list leaves the last good one in force): once at start, then every `everySeconds`, never two at
 * once. It remembers when each kind of list was last confirmed current, for /health and /metrics.
 */
import type { SyncEntry, SyncUrls } from '../sync.js';
import type { Verifier } from '../verifier.js';

export interface SyncStatus {
  readonly everySeconds: number;
  /** Wall-clock Unix seconds of the last sync started, and of the last that reached every list. */
  readonly lastAttempt: number | null;
  readonly lastSuccess: number | null;
  /** When each kind of list was last fetched and found current (updated, or unchanged). */
  readonly lastConfirmed: { readonly trust: number | null; readonly revocations: number | null };
  readonly lastReport: readonly SyncEntry[];
}

const wallClock = (): number => Math.floor(Date.now() / 1000);

export class SyncSchedule {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private lastAttempt: number | null = null;
  private lastSuccess: number | null = null;
  private readonly lastConfirmed: { trust: number | null; revocations: number | null } = { trust: null, revocations: null };
  private lastReport: SyncEntry[] = [];

  constructor(
    private readonly verifier: Verifier,
    private readonly urls: SyncUrls,
    private readonly everySeconds: number,
    private readonly log: (line: string) => void,
  ) {}

  /** The first sync now, the next ones on the schedule. */
  start(): void {
    this.runOnce();
  }

  /** One sync (the scheduled one, or on demand); resolves when it is done. */
  runOnce(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.running ??= this.sync().finally(() => {
      this.running = undefined;
      if (!this.stopped) this.timer = setTimeout(() => void this.runOnce(), this.everySeconds * 1000);
    });
    return this.running;
  }

  private async sync(): Promise<void> {
    const started = wallClock();
    this.lastAttempt = started;
    try {
      this.lastReport = await this.verifier.sync(this.urls);
    } catch (e) {
      this.log(`sync: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    for (const e of this.lastReport) {
      if (e.outcome !== 'failed') this.lastConfirmed[e.list] = started;
      this.log(`sync: ${e.list} ${e.url}: ${e.outcome}${e.reason ? ` (${e.reason})` : ''}`);
    }
    const trustOk = this.urls.trust === undefined || this.lastReport.some((e) => e.list === 'trust' && e.outcome !== 'failed');
    const revocationsOk = this.urls.revocations === undefined || this.lastReport.some((e) => e.list === 'revocations' && e.outcome !== 'failed');
    if (trustOk && revocationsOk) this.lastSuccess = started;
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

  /** Stops the schedule and waits for a sync in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.running;
  }
}

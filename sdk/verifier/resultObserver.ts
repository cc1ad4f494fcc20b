/**
 * What every result handed to the application goes through: the scan log's counts, the sunset (a
 * SUNSET result destroys the stored data) and the stale grace (results past a list's expires are
 * marked, and the application is told once per list expiry).
 */
import { compareUint } from '../cbor/shape.js';
import type { ScanLog } from './scanLog.js';
import type { Verification } from './verificationResult.js';
import type { StaleInfo } from './verifierOptions.js';
import type { StateInForce } from '../state/stateInForce.js';

export interface ObserverOptions {
  readonly log: ScanLog | null;
  readonly staleGrace: number;
  readonly onStale: ((info: StaleInfo) => void) | undefined;
  readonly state: () => StateInForce;
  readonly sunsetResult: (now: number) => void;
}

export class ResultObserver {
  private readonly told = new Set<string>();

  constructor(private readonly o: ObserverOptions) {}

  /** A new state is in force: its expiries have not been told yet. */
  reset(): void {
    this.told.clear();
  }

  /** Whether `now` is past a list's expires, for results given under the stale grace. */
  private staleList(now: number): StaleInfo | undefined {
    if (this.o.staleGrace === 0) return undefined;
    const { trust, revocations } = this.o.state();
    if (trust && compareUint(now, trust.list.expires) >= 0) return { list: 'trust', expires: trust.list.expires, now };
    if (revocations && compareUint(now, revocations.expires) >= 0) return { list: 'revocations', expires: revocations.expires, now };
    return undefined;
  }

  observe<T extends Verification[]>(results: T, now: number, venue: string | undefined): T {
    const stale = this.staleList(now);
    for (const r of results) {
      if (r.result === 'SUNSET') this.o.sunsetResult(now);
      this.o.log?.record(now, venue ?? null, r.result);
      if (stale && r.result !== 'TRUST_LIST_EXPIRED' && r.result !== 'SUNSET') (r as { stale?: true }).stale = true;
    }
    const key = stale && `${stale.list}:${stale.expires}`;
    if (stale && key && this.o.onStale && !this.told.has(key)) {
      this.told.add(key);
      try {
        this.o.onStale(stale);
      } catch {
        // the application's callback must not break verification
      }
    }
    return results;
  }
}

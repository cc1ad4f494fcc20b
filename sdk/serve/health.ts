/**
 * GET /health: the lists in force (version, expiry, when sync last confirmed them) and whether the
 * gate can answer: 200 when a trust list is in force and no list in force has expired, else 503 with
 * the reasons (empty, stale, sunset, closed), so that a load balancer or a watchdog can act on it.
 * Lists in force that could not be stored (a full disk) show in `storage`, with a 200: the answers are right.
 */
import { compareUint } from '../cbor/shape.js';
import type { Verifier } from '../verifier/verifier.js';
import type { SyncStatus } from './syncSchedule.js';

export interface HealthReport {
  readonly status: 200 | 503;
  readonly body: Readonly<Record<string, unknown>>;
}

/** How the gate treats a request without ?venue=: its --venue, a 400 (required), or --no-venue (neither). */
export interface VenueMode {
  readonly default: string | null;
  readonly required: boolean;
}

export function healthReport(verifier: Verifier, now: number, sync: SyncStatus | null, version: string, venue: VenueMode): HealthReport {
  const problems: string[] = [];
  if (verifier.isDestroyed) problems.push('destroyed: the stored data was destroyed (sunset or destroy)');
  const t = verifier.isDestroyed ? null : verifier.trustList;
  const r = verifier.isDestroyed ? null : verifier.revocationList;
  if (!t && !verifier.isDestroyed) problems.push('empty: no trust list in force');
  if (t && t.sunset !== undefined && compareUint(now, t.sunset) >= 0) problems.push('sunset: the programme has ended');
  if (t && compareUint(now, t.expires) >= 0) problems.push('stale: the trust list has expired');
  if (r && compareUint(now, r.expires) >= 0) problems.push('stale: the revocation state has expired');
  const body = {
    status: problems.length === 0 ? 'ok' : problems[0]!.slice(0, problems[0]!.indexOf(':')),
    passgate: version,
    now,
    problems,
    // --no-venue shows here as { default: null, required: false }: no venue policy unless a request names one.
    venue: { default: venue.default, required: venue.required, no_venue: venue.default === null && !venue.required },
    trust: t
      ? { version: t.version, issued_at: t.issuedAt, expires: t.expires, ...(t.sunset === undefined ? {} : { sunset: t.sunset }), issuers: t.issuers.length, last_sync: sync?.lastConfirmed.trust ?? null }
      : null,
    // Lists in force that the store could not take (a full disk): the gate answers rightly, a restart would not.
    storage: verifier.storageFailure ? { stored: false, problem: verifier.storageFailure.message } : { stored: true },
    revocations: r ? { kind: r.kind, version: r.version, expires: r.expires, count: r.count, last_sync: sync?.lastConfirmed.revocations ?? null } : null,
    sync: sync
      ? { every: sync.everySeconds, last_attempt: sync.lastAttempt, last_success: sync.lastSuccess, report: sync.lastReport }
      : null,
  };
  return { status: problems.length === 0 ? 200 : 503, body };
}

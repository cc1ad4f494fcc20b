/** Messages between the turnstile page and its verification worker. */
import type { IdentityDocument, PassgateErrorCode, ScanLogCount, Verification } from '../../../sdk/index.js';

export type ToWorker =
  | { readonly type: 'init'; readonly venue: string; readonly clockOffset: number }
  | { readonly type: 'stress'; readonly count: number }
  /** A QR code the page's camera read (passgate/scanner): verified here, answered by id. */
  /**
   * A QR code the page's camera or an image read (passgate/scanner): verified here, answered by id; with
   * the identity document the reader panel read for it (PG1 §10.2), used for that decision only.
   */
  | { readonly type: 'verify-text'; readonly id: number; readonly text: string; readonly document?: IdentityDocument }
  /** The scan log's counts (written to storage first). */
  | { readonly type: 'scan-log' };

export interface TrustSummary {
  readonly trustVersion: string;
  readonly revocationVersion: string;
  readonly revokedCount: number;
}

export type FromWorker =
  | ({ readonly type: 'ready' } & TrustSummary)
  | ({ readonly type: 'synced' } & TrustSummary)
  /** One tap verified: the result code and how long the check took. */
  | { readonly type: 'checked'; readonly result: string; readonly ms: number }
  | { readonly type: 'stress-progress'; readonly done: number; readonly total: number }
  | { readonly type: 'stress-done'; readonly count: number; readonly ms: number; readonly byResult: Readonly<Record<string, number>> }
  | { readonly type: 'text-verified'; readonly id: number; readonly verification: Verification }
  | { readonly type: 'text-refused'; readonly id: number; readonly code: PassgateErrorCode; readonly message: string }
  | { readonly type: 'scan-log'; readonly counts: readonly ScanLogCount[] }
  | { readonly type: 'destroyed' }
  | { readonly type: 'error'; readonly message: string };

/** What explain/ needs to know of the verification it explains and of the verifier that made it. */
import type { Rule } from '../policy.js';
import type { TrustList } from '../trustList.js';
import type { Uint } from '../cbor/shape.js';

export interface ExplainContext {
  readonly now: bigint;
  readonly skew: bigint;
  readonly venue?: string;
  readonly rule?: Rule;
  /** The nonce the reader issued, if any. */
  readonly nonce?: Uint8Array;
  readonly trustList: TrustList;
  /** The revocation state in force (last list, filter or delta applied). */
  readonly revocations: { readonly kind: string; readonly version: Uint; readonly expires: Uint; readonly covers?: Uint } | null;
  /** VerifierOptions.staleGrace, seconds. */
  readonly staleGrace: number;
  /** The core's strict PG1 §1 validator, for one document without tags. */
  isStrictCbor(bytes: Uint8Array): boolean;
  /** The core's key check: 0 for a canonical point of large order. */
  keyStatus(pub: Uint8Array): number;
}

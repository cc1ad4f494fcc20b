/** What explain/ needs to know of the verification it explains and of the verifier that made it. */
import type { Rule } from '../pg1/policy.js';
import type { TrustList } from '../pg1/trustList.js';
import type { Uint } from '../cbor/shape.js';
import type { IdentityDocument } from '../pg1/presentationRead.js';

/**
 * What {@link explainResult} needs besides the result and the input: the verifier makes it for
 * verify(..., { explain: true }); a tool calling explainResult itself gives the same values.
 */
export interface ExplainContext {
  /** The verification's time, Unix seconds. */
  readonly now: bigint;
  /** The clock skew allowed, seconds. */
  readonly skew: bigint;
  /** The venue category verified for, if any. */
  readonly venue?: string;
  /** That venue's rule (with venue). */
  readonly rule?: Rule;
  /** The nonce the reader issued, if any. */
  readonly nonce?: Uint8Array;
  /** Whether the serial of the card read was given (PG1 §10.1). */
  readonly cardGiven?: boolean;
  /** The identity document read with the presentation (PG1 §10.2); details never show it. */
  readonly document?: IdentityDocument;
  /** The trust list in force. */
  readonly trustList: TrustList;
  /** The revocation state in force (last list, filter or delta applied). */
  readonly revocations: {
    /** `'list'` or `'filter'`. */
    readonly kind: string;
    /** The version of the last one applied. */
    readonly version: Uint;
    /** Its expiry, Unix seconds. */
    readonly expires: Uint;
    /** A filter's covers. */
    readonly covers?: Uint;
  } | null;
  /** VerifierOptions.staleGrace, seconds. */
  readonly staleGrace: number;
  /**
   * The core's strict PG1 §1 validator, for one document without tags.
   *
   * @param bytes - One encoded item.
   */
  isStrictCbor(bytes: Uint8Array): boolean;
  /**
   * The core's key check: 0 for a canonical point of large order.
   *
   * @param pub - A 32-byte public key.
   */
  keyStatus(pub: Uint8Array): number;
}

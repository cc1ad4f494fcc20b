/**
 * Why a verification gave its result (VerifyOptions.explain): the step of PG1 §5 that decided it, the
 * check made there, and the values compared. It holds no claim value the venue was not shown: times,
 * the kid, the rule and the window, and for policy codes only disclosed claims; never a cti, a salt,
 * a device key or an undisclosed claim.
 */
import type { ResultCode } from '../resultCodes.js';

/** A value in a detail: JSON-shaped (bigint for times beyond 2^53). */
export type DetailValue = number | bigint | string | boolean | null | readonly DetailValue[] | { readonly [name: string]: DetailValue };

/** Why a verification gave its result: {@link Verification.detail}, with VerifyOptions.explain. */
export interface ResultDetail {
  /** The step of PG1 §5 that failed (1 to 11); null for OK. */
  readonly step: number | null;
  /** The check made at that step, in the words of the specification. */
  readonly check: string;
  /** The values compared, by the specification's names (times in Unix seconds, kid in lowercase hex). */
  readonly values: { readonly [name: string]: DetailValue };
}

/** Thrown by the readers of explain/ when the presentation breaks a rule: the code it gives, and why. */
export class DetailFound extends Error {
  override readonly name = 'DetailFound';
  constructor(readonly code: ResultCode, readonly detail: ResultDetail) {
    super(detail.check);
  }
}

/** A broken rule of the structures (MALFORMED unless said otherwise) at a step of §5. */
export function fault(step: number, check: string, values: ResultDetail['values'] = {}, code: ResultCode = 'MALFORMED'): DetailFound {
  return new DetailFound(code, { step, check, values });
}

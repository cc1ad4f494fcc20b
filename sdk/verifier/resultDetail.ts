/**
 * Why a verification gave its result (VerifyOptions.explain): the step of PG1 §5 that decided it, the
 * check made there, and the values compared. It holds no claim value the venue was not shown: times,
 * the kid, the rule and the window, and for policy codes only disclosed claims; never a cti, a salt,
 * a device key or an undisclosed claim.
 */
import type { ResultCode } from '../pg1/resultCodes.js';

/**
 * A value in a detail: JSON-safe, so that `JSON.stringify` of any result works. Integers are numbers;
 * one beyond 2^53 - 1 (a time no honest list or pass carries) is its decimal digits, as a string.
 */
export type DetailValue = number | string | boolean | null | readonly DetailValue[] | { readonly [name: string]: DetailValue };

/** A value as explain/'s readers compute it: times and sums may be bigint (the core's clock is). */
export type RawDetailValue = number | bigint | string | boolean | null | readonly RawDetailValue[] | { readonly [name: string]: RawDetailValue };

/** A detail before {@link jsonSafe}. */
export interface RawDetail {
  readonly step: number | null;
  readonly check: string;
  readonly values: { readonly [name: string]: RawDetailValue };
}

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
  constructor(readonly code: ResultCode, readonly detail: RawDetail) {
    super(detail.check);
  }
}

/** A broken rule of the structures (MALFORMED unless said otherwise) at a step of §5. */
export function fault(step: number, check: string, values: RawDetail['values'] = {}, code: ResultCode = 'MALFORMED'): DetailFound {
  return new DetailFound(code, { step, check, values });
}

function safeValue(v: RawDetailValue): DetailValue {
  if (typeof v === 'bigint') return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  if (Array.isArray(v)) return v.map(safeValue);
  if (v !== null && typeof v === 'object') return safeValues(v as { readonly [name: string]: RawDetailValue });
  return v as DetailValue;
}

function safeValues(values: { readonly [name: string]: RawDetailValue }): { [name: string]: DetailValue } {
  const out: { [name: string]: DetailValue } = {};
  for (const [name, v] of Object.entries(values)) out[name] = safeValue(v);
  return out;
}

/** The detail with every bigint a number (or, beyond 2^53 - 1, its digits): what a result carries. */
export function jsonSafe(d: RawDetail): ResultDetail {
  return { step: d.step, check: d.check, values: safeValues(d.values) };
}

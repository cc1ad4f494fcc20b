/**
 * PG1 result codes (PG1 §5), in check order. The numeric values are the core's
 * (assembly/pg1/resultCode.ts); the SDK and the command line speak the names.
 */
export const RESULT_CODES = [
  'OK',
  'SUNSET',
  'TRUST_LIST_EXPIRED',
  'MALFORMED',
  'UNSUPPORTED_ALG',
  'UNKNOWN_KID',
  'BAD_SIGNATURE',
  'ISSUER_MISMATCH',
  'KEY_NOT_VALID',
  'KEY_REVOKED',
  'NOT_YET_VALID',
  'EXPIRED',
  'TOKEN_REVOKED',
  'DISCLOSURE_INVALID',
  'HOLDER_BINDING_FAILED',
  'STALE_PRESENTATION',
  'CARD_MISMATCH',
  'DOCUMENT_MISMATCH',
  'BINDING_REQUIRED',
  'CLAIM_REQUIRED',
  'STATUS_NOT_ALLOWED',
  'NAT_POSITIVE',
  'NAT_TOO_OLD',
  'DOSES_REQUIRED',
  'ABROAD_RECENT',
  'RISK_AREA_RECENT',
] as const;

/**
 * The answer to a verification: `'OK'`, or the first check of PG1 §5 that failed. Policy codes
 * ({@link POLICY_CODES}) mean a genuine pass this venue's rule refuses. {@link describeResult} gives each in
 * words for the holder and the guard (the table in docs/integrators.md is generated from it).
 */
export type ResultCode = (typeof RESULT_CODES)[number];

/** Policy codes (§8): the token itself is genuine, the venue's rule refuses it. */
// Step 11 is the last of §5: the policy codes are RESULT_CODES from its first check on, in order.
export const POLICY_CODES: ReadonlySet<ResultCode> = new Set<ResultCode>(RESULT_CODES.slice(RESULT_CODES.indexOf('BINDING_REQUIRED')));

export function resultCodeName(code: number): ResultCode {
  const name = RESULT_CODES[code];
  if (name === undefined) throw new RangeError(`unknown core result code ${code}`);
  return name;
}

/**
 * Whether a refusal comes from the venue's rule (PG1 §8) rather than from the pass: the holder may be
 * admitted elsewhere, and apps usually word it differently from a forged or revoked pass.
 *
 * @param code - A result of verify(); anything else is simply not a policy code.
 */
export function isPolicyCode(code: ResultCode): boolean {
  return POLICY_CODES.has(code);
}

/**
 * The codes only the foreign-pass gateway gives (PG1 §11.2): `KEY_USAGE` (the signer's extended key usage
 * does not allow the certificate's kind) and `SCHEMA_INVALID` (the certificate fails the EU DCC schema of
 * its version). Not in {@link RESULT_CODES}: `passgate verify` never answers them.
 */
export const TRANSCODE_ONLY_CODES = ['KEY_USAGE', 'SCHEMA_INVALID'] as const;

/** The codes of PG1 §11.2, in check order: the shared ones the gateway uses, then its own. */
export const TRANSCODE_RESULT_CODES = [
  'OK',
  'MALFORMED',
  'UNSUPPORTED_ALG',
  'UNKNOWN_KID',
  'BAD_SIGNATURE',
  'NOT_YET_VALID',
  'EXPIRED',
  'KEY_USAGE',
  'SCHEMA_INVALID',
] as const satisfies readonly (ResultCode | (typeof TRANSCODE_ONLY_CODES)[number])[];

/** The answer of the foreign-pass gateway (PG1 §11.2) for one HC1 pass: `'OK'` or the first check that failed. */
export type TranscodeResultCode = (typeof TRANSCODE_RESULT_CODES)[number];

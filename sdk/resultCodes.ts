/**
 * PG1 result codes (PG1 §5), in check order. The numeric values are the core's
 * (assembly/resultCode.ts); the SDK and the command line speak the names.
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
  'CLAIM_REQUIRED',
  'STATUS_NOT_ALLOWED',
  'NAT_POSITIVE',
  'NAT_TOO_OLD',
  'DOSES_REQUIRED',
  'ABROAD_RECENT',
  'RISK_AREA_RECENT',
] as const;

export type ResultCode = (typeof RESULT_CODES)[number];

/** Policy codes (§8): the token itself is genuine, the venue's rule refuses it. */
export const POLICY_CODES: ReadonlySet<ResultCode> = new Set<ResultCode>([
  'CLAIM_REQUIRED',
  'STATUS_NOT_ALLOWED',
  'NAT_POSITIVE',
  'NAT_TOO_OLD',
  'DOSES_REQUIRED',
  'ABROAD_RECENT',
  'RISK_AREA_RECENT',
]);

export function resultCodeName(code: number): ResultCode {
  const name = RESULT_CODES[code];
  if (name === undefined) throw new RangeError(`unknown core result code ${code}`);
  return name;
}

export function isPolicyCode(code: ResultCode): boolean {
  return POLICY_CODES.has(code);
}

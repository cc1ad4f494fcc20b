/** Reference verifier errors: a refused list, or a usage error (PG1 §6-§8). */

export type ListRefusalCode =
  | 'TOO_LARGE'
  | 'MALFORMED'
  | 'UNSUPPORTED_ALG'
  | 'UNKNOWN_ROOT'
  | 'BAD_SIGNATURE'
  | 'ROLLBACK'
  | 'KID_MISMATCH'
  | 'DUPLICATE_KID'
  | 'WEAK_KEY'
  | 'NO_BASE'
  | 'BASE_MISMATCH'
  | 'ADD_LISTED'
  | 'REMOVE_UNLISTED';

/** A trust list or revocation list was refused; the lists in force are unchanged. */
export class ListRefusedError extends Error {
  override readonly name = 'ListRefusedError';
  constructor(
    readonly code: ListRefusalCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export type UsageErrorCode = 'UNKNOWN_VENUE' | 'BAD_OPTION';

/** The caller asked for something PG1 does not define (§8: an unknown venue category). */
export class ReferenceUsageError extends Error {
  override readonly name = 'ReferenceUsageError';
  constructor(
    readonly code: UsageErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Why a revocation filter (PG1 §7.3) could not be built. */
export type RevocationFilterErrorCode =
  /** A key file or key list does not hold keys as the builder reads them. */
  | 'BAD_KEYS'
  /** An option is out of its range (covers after issued_at, a shard count that is not a power of two...). */
  | 'BAD_OPTION'
  /** A shard's stage holds more keys than one build can take in memory: use more shards. */
  | 'SHARD_TOO_LARGE'
  /** The filter would exceed the 64 MiB that §1 allows. */
  | 'TOO_LARGE'
  /** A worker thread failed. */
  | 'WORKER_FAILED';

/** Thrown by the revocation filter builders; the message names the key, line or option. */
export class RevocationFilterError extends Error {
  /** `'RevocationFilterError'`. */
  override readonly name = 'RevocationFilterError';
  /**
   * Thrown by the toolkit; callers catch it and read `code`.
   *
   * @param code - What was wrong.
   * @param message - The same in words.
   */
  constructor(
    /** What was wrong. */
    readonly code: RevocationFilterErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Typed errors of the SDK. Verification itself never throws for bad input: it returns a code. */

/**
 * What went wrong, as {@link PassgateError.code}: a misuse or a condition of the platform, never a bad
 * presentation (that is a {@link ResultCode}).
 */
export type PassgateErrorCode =
  /** A trust list or revocation list was refused: the error is a {@link ListRefusedError} saying why. */
  | 'LIST_REFUSED'
  /** verify() or verifyBatch() before any trust list was applied or restored. */
  | 'NO_TRUST_LIST'
  /** The venue category is not named by the policy in force (PG1 §8). */
  | 'UNKNOWN_VENUE'
  /** An argument or option of the wrong type or out of range; the message names it. */
  | 'BAD_ARGUMENT'
  /** The verifier (or its storage) has been destroyed: every call after destroy() or the sunset. */
  | 'DESTROYED'
  /** Storage could not be read or written (disk full, locked too long, a damaged key file). */
  | 'STORAGE_FAILED'
  /** sync() has no fetch to download with (pass VerifierOptions.fetch). Network failures are reported, not thrown. */
  | 'SYNC_FAILED'
  /** The core's memory cannot hold the lists (issuer keys, revocation state); the lists in force stay. */
  | 'OUT_OF_MEMORY'
  /** The verifier or scanner has been closed with close(). */
  | 'CLOSED'
  /** WebCrypto is missing: an insecure context (not https or localhost) in a browser. */
  | 'NO_CRYPTO'
  /** The platform lacks what loading the core needs (DecompressionStream: Node 18+, current browsers). */
  | 'UNSUPPORTED_PLATFORM'
  /** The scanner (passgate/scanner): no camera, no camera API (not a secure context), or the camera is in use. */
  | 'CAMERA_UNAVAILABLE'
  /** The user or the browser's policy refused access to the camera. */
  | 'CAMERA_DENIED'
  /** An image given to the scanner holds no QR code that could be read. */
  | 'NO_QR_CODE'
  /** An image given to the scanner could not be decoded as an image. */
  | 'IMAGE_UNREADABLE'
  /** The QR decoder (its worker or its WebAssembly) could not start or stopped working. */
  | 'DECODER_FAILED';

/**
 * Every error the SDK throws on purpose: branch on {@link PassgateError.code}, show the message to an
 * operator (it says what was wrong, never a holder's data).
 */
export class PassgateError extends Error {
  /** `'PassgateError'`, or the subclass's name. */
  override readonly name: string = 'PassgateError';
  /**
   * Thrown by the SDK; applications catch it and read `code`.
   *
   * @param code - What went wrong.
   * @param message - The same in words, for logs and operators.
   */
  constructor(
    /** What went wrong, for programs to branch on. */
    readonly code: PassgateErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Why a trust list or revocation list was refused (PG1 §6, §7); the lists in force stay in force. */
export type ListRefusal =
  /** Larger than the verifier accepts ({@link MAX_LIST_BYTES}, {@link MAX_FILTER_BYTES}). */
  | 'TOO_LARGE'
  /** Not a COSE_Sign1 with a payload of the list's shape, or not strict CBOR. */
  | 'MALFORMED'
  /** Signed with an algorithm other than EdDSA (-8) or Ed25519 (-19). */
  | 'UNSUPPORTED_ALG'
  /** The signer's kid is not one of the roots trusted now. */
  | 'UNTRUSTED_SIGNER'
  /** The root's signature does not verify. */
  | 'BAD_SIGNATURE'
  /** Its version is not above the highest accepted: an old list replayed (the very list in force may come again). */
  | 'ROLLBACK'
  /** An issuer's kid is not the first 8 bytes of SHA-256 of its public key. */
  | 'BAD_KID'
  /** Two issuers of the trust list share a kid. */
  | 'DUPLICATE_KID'
  /** An issuer or root key is not a canonical Ed25519 point of large order. */
  | 'WEAK_KEY'
  /** Not given by this version: revocation lists are checked against the roots trusted now, trust list or not. Kept so that code matching on it compiles. */
  | 'NO_TRUST_LIST'
  /** A delta whose base version is not the revocation state in force. */
  | 'WRONG_BASE'
  /** A delta that adds a prefix already listed or removes one that is not. */
  | 'BAD_DELTA';

/**
 * A signed list was refused (PG1 §6, §7): thrown by applyTrustList() and applyRevocations(), reported
 * by sync(). The lists in force stay in force, and nothing was stored.
 */
export class ListRefusedError extends PassgateError {
  /** `'ListRefusedError'`. */
  override readonly name = 'ListRefusedError';
  /**
   * Thrown by the SDK; applications catch it and read `reason`.
   *
   * @param list - Which list was refused.
   * @param reason - Why, as PG1 names it.
   * @param detail - Which value failed, for the message.
   */
  constructor(
    /** Which list was refused. */
    readonly list: 'trust' | 'revocations',
    /** Why it was refused. */
    readonly reason: ListRefusal,
    detail: string,
  ) {
    super('LIST_REFUSED', `${list === 'trust' ? 'trust list' : 'revocation list'} refused (${reason}): ${detail}`);
  }
}

/** Typed errors of the SDK. Verification itself never throws for bad input: it returns a code. */

export type PassgateErrorCode =
  | 'LIST_REFUSED'
  | 'NO_TRUST_LIST'
  | 'UNKNOWN_VENUE'
  | 'BAD_ARGUMENT'
  | 'DESTROYED'
  | 'STORAGE_FAILED'
  | 'SYNC_FAILED'
  | 'OUT_OF_MEMORY'
  | 'CLOSED'
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

export class PassgateError extends Error {
  override readonly name: string = 'PassgateError';
  constructor(
    readonly code: PassgateErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Why a trust list or revocation list was refused (PG1 §6, §7); the lists in force stay in force. */
export type ListRefusal =
  | 'TOO_LARGE'
  | 'MALFORMED'
  | 'UNSUPPORTED_ALG'
  | 'UNTRUSTED_SIGNER'
  | 'BAD_SIGNATURE'
  | 'ROLLBACK'
  | 'BAD_KID'
  | 'DUPLICATE_KID'
  | 'WEAK_KEY'
  | 'NO_TRUST_LIST'
  | 'WRONG_BASE'
  | 'BAD_DELTA';

export class ListRefusedError extends PassgateError {
  override readonly name = 'ListRefusedError';
  constructor(
    readonly list: 'trust' | 'revocations',
    readonly reason: ListRefusal,
    detail: string,
  ) {
    super('LIST_REFUSED', `${list === 'trust' ? 'trust list' : 'revocation list'} refused (${reason}): ${detail}`);
  }
}

/** Why a card could not be read or written: the codes of passgate/card, never a verification result. */

/**
 * What went wrong with a card, as {@link CardError.code}. A tap that ends in one of these is not a pass:
 * a gate shows it as "try again" or "no pass on this card", and `passgate verify` answers its read line
 * `MALFORMED`.
 */
export type CardErrorCode =
  /** The card holds no pass: no NDEF application, an empty NDEF file, or a message whose first record is not `application/pg1` (or has no payload). */
  | 'NO_PASS'
  /** The card's NDEF data breaks the NFC Forum rules or passgate's limits: a bad capability container (CCLEN, version, MLe or MLc 0, file id, size, access), NLEN past the file, a record longer than the message, a chunked record, a message over 4,096 bytes. */
  | 'NOT_NDEF'
  /** The card left the field (or was reset) before the read or write was over. */
  | 'CARD_REMOVED'
  /** The card (or reader) did not answer one command within the deadline ({@link CardOptions.apduTimeoutMs}). */
  | 'CARD_TIMEOUT'
  /** The card answered a command with an error status word ({@link CardError.statusWord}) or with a response of the wrong shape. */
  | 'CARD_ERROR'
  /** No PC/SC here: the optional `smartcard` package is not installed, the PC/SC service (pcscd) is not running, or no reader has the name asked for. */
  | 'NO_PCSC'
  /** No Web NFC here: the browser has no `NDEFReader` (only Chrome on Android has one), or the page is not a secure context. */
  | 'NO_NFC'
  /** No card was brought into the field before the time allowed ran out. */
  | 'NO_CARD'
  /** The card cannot take the pass: its NDEF file is read-only or smaller than the message. */
  | 'NOT_WRITABLE'
  /** After writing, the card read back something other than what was written. */
  | 'WRITE_UNCONFIRMED';

/**
 * The one error passgate/card throws (readers in a loop get it as a value, see {@link CardTap}). Its
 * message says what happened, never the card's serial or its pass.
 */
export class CardError extends Error {
  /** `'CardError'`. */
  override readonly name = 'CardError';
  /**
   * Thrown by passgate/card; applications catch it and read `code`.
   *
   * @param code - What went wrong.
   * @param message - The same in words, for logs and operators.
   * @param statusWord - For `CARD_ERROR` from a status word: SW1 SW2 as one number (e.g. 0x6a82).
   */
  constructor(
    /** What went wrong, for programs to branch on. */
    readonly code: CardErrorCode,
    message: string,
    /** SW1 SW2 as one number when the card answered with an error status word; otherwise undefined. */
    readonly statusWord?: number,
  ) {
    super(message);
  }
}

/** The status word as the four hex digits people read off a card trace. */
export function statusWordText(sw: number): string {
  return sw.toString(16).padStart(4, '0');
}

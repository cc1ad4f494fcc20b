/** Reading and writing a card pass (PG1 §10.1) over any APDU transport. */
import { CardError } from './cardError.js';
import { DEFAULT_APDU_TIMEOUT_MS, withDeadline, type ApduTransport } from './apduTransport.js';
import { checkedSerial, readerUid, type SerialSource } from './cardSerial.js';
import { decodeNdefMessage, encodeNdefMessage } from './ndefMessage.js';
import { readNdefMessage, writeNdefMessage } from './type4Tag.js';

/** How a card is read or written. */
export interface CardOptions {
  /**
   * The deadline of each command to the card, in ms (default {@link DEFAULT_APDU_TIMEOUT_MS}): a card
   * that stops answering is `CARD_TIMEOUT` after this long.
   */
  readonly apduTimeoutMs?: number;
  /**
   * The serial the pass is checked against (PG1 §10.1): the bytes themselves, or a {@link SerialSource}
   * run on the card's channel. Default: the UID the reader reports (GET DATA), which can be cloned; a
   * transit operator passes the application serial its SAM authenticates.
   */
  readonly serial?: Uint8Array | SerialSource;
}

/**
 * One tap, as a reader hands it to the verifier: the presentation and the serial of the card it was read
 * from, or why it could not be read. Give both to `verify()` (the card's serial as its card option) or
 * write them as a §10.4 read line ({@link readLine}); keep neither past the decision.
 */
export type CardTap =
  | {
      /** The raw presentation bytes: the payload of the card's `application/pg1` record. */
      readonly presentation: Uint8Array;
      /** The serial of the card it was read from, 1 to 64 bytes. */
      readonly serial: Uint8Array;
      /** Absent on a read that worked. */
      readonly error?: undefined;
    }
  | {
      /** Absent on a failed read. */
      readonly presentation?: undefined;
      /** The card's serial when it was read before the failure. */
      readonly serial?: Uint8Array;
      /** Why the tap gave no presentation. */
      readonly error: CardError;
    };

function timeoutOf(options: CardOptions): number {
  const ms = options.apduTimeoutMs ?? DEFAULT_APDU_TIMEOUT_MS;
  if (!Number.isFinite(ms) || ms <= 0) throw new CardError('CARD_ERROR', 'apduTimeoutMs must be a positive number of ms');
  return ms;
}

function asCardError(e: unknown): CardError {
  return e instanceof CardError ? e : new CardError('CARD_ERROR', `the card could not be read: ${e instanceof Error ? e.message : String(e)}`);
}

async function serialOf(transmit: ApduTransport, source: Uint8Array | SerialSource | undefined): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return checkedSerial(source);
  try {
    return checkedSerial(await (source ?? readerUid)(transmit));
  } catch (e) {
    throw asCardError(e);
  }
}

/**
 * Reads the card pass on the card in the field: its serial first (so that a failed read still says which
 * card it was), then the NDEF message of its Type 4 Tag application. Never throws: a hostile or faulty
 * card, or one pulled away, gives a tap with an `error`.
 *
 * @param transmit - The channel to the card (for instance a PC/SC card's transmit).
 * @param options - The per-command deadline and where the serial comes from.
 * @returns The presentation and serial, or the error and the serial where known.
 */
export async function readCard(transmit: ApduTransport, options: CardOptions = {}): Promise<CardTap> {
  let serial: Uint8Array | undefined;
  try {
    const timed = withDeadline(transmit, timeoutOf(options));
    serial = await serialOf(timed, options.serial);
    const presentation = decodeNdefMessage(await readNdefMessage(timed));
    return { presentation, serial };
  } catch (e) {
    return serial === undefined ? { error: asCardError(e) } : { error: asCardError(e), serial };
  }
}

/**
 * Writes a card pass: §10.1's NDEF message with the presentation, written as the Type 4 Tag mapping
 * writes (NLEN 0, the data, then NLEN) and read back to confirm.
 *
 * @param transmit - The channel to the card.
 * @param presentation - The raw presentation bytes (a card pass's, issued for this card's serial).
 * @param options - The per-command deadline (the serial is not used).
 * @throws {@link CardError} with what went wrong: `NOT_WRITABLE`, `WRITE_UNCONFIRMED`, `CARD_REMOVED`, `CARD_TIMEOUT`, `CARD_ERROR`, `NO_PASS` (no NDEF application), `NOT_NDEF`.
 */
export async function writeCard(transmit: ApduTransport, presentation: Uint8Array, options: CardOptions = {}): Promise<void> {
  const message = encodeNdefMessage(presentation);
  try {
    await writeNdefMessage(withDeadline(transmit, timeoutOf(options)), message);
  } catch (e) {
    throw asCardError(e);
  }
}

/**
 * The serial of the card in the field, as {@link readCard} would take it (to issue a card pass for it).
 *
 * @param transmit - The channel to the card.
 * @param options - The per-command deadline and where the serial comes from.
 * @returns The serial, 1 to 64 bytes.
 * @throws {@link CardError} when it cannot be read.
 */
export async function readCardSerial(transmit: ApduTransport, options: CardOptions = {}): Promise<Uint8Array> {
  return serialOf(withDeadline(transmit, timeoutOf(options)), options.serial);
}

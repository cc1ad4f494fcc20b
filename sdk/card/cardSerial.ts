/**
 * The serial a card pass is bound to (PG1 §10.1): by default the identifier the reader reports for the
 * card in its field (PC/SC GET DATA, FF CA 00 00 00: the ISO/IEC 14443 UID), or what the integrator's
 * own source gives.
 *
 * Why an integrator should give its own: a UID is sent in clear before any security and blank cards with
 * a writable UID are sold by the thousand, so a pass bound to a UID resists only being copied to an
 * ordinary card. A transit operator's terminal already authenticates its cards with a SAM in every fare
 * transaction (a mutual challenge-response under keys the card never reveals); the application serial
 * number it checks that way cannot be cloned without the card's keys, and binding passes to it makes a
 * copied pass fail with `CARD_MISMATCH`.
 */
import { CardError } from './cardError.js';
import { exchange, statusError, SW_OK, type ApduTransport } from './apduTransport.js';

/** A serial is 1 to 64 bytes (PG1 §10.1). */
export const MAX_SERIAL_BYTES = 64;

/**
 * Where the serial of the card in the field comes from, when not from GET DATA: a function that runs
 * the integrator's own transaction on the same channel (a SAM-authenticated read of a transit card's
 * application serial number, say) and resolves with the serial, 1 to 64 bytes. It may reject with a
 * {@link CardError}; anything else it throws is taken as `CARD_ERROR`.
 *
 * @param transmit - The channel to the card in the field, each command under the read's deadline.
 * @returns The serial, 1 to 64 bytes.
 */
export type SerialSource = (transmit: ApduTransport) => Promise<Uint8Array>;

const GET_DATA_UID = Uint8Array.of(0xff, 0xca, 0x00, 0x00, 0x00);

/** The serial from PC/SC GET DATA (a pseudo-APDU the reader answers for the card in its field). */
export const readerUid: SerialSource = async (transmit) => {
  const r = await exchange(transmit, GET_DATA_UID);
  if (r.sw !== SW_OK) throw statusError('reading the card\'s UID (GET DATA)', r.sw);
  return r.data.slice();
};

/** Checks a serial's length: a card that reports none, or a source that gives 65 bytes, gets no pass checked against it. */
export function checkedSerial(serial: Uint8Array): Uint8Array {
  if (!(serial instanceof Uint8Array) || serial.length < 1 || serial.length > MAX_SERIAL_BYTES) {
    throw new CardError('CARD_ERROR', `the card's serial must be 1 to ${MAX_SERIAL_BYTES} bytes`);
  }
  return serial;
}

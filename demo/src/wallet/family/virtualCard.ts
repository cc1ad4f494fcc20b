/**
 * Writing a relative's card pass: on a real card through Web NFC where the browser has it (Chrome on
 * Android: read the card's serial, have the pass issued for it, write it), elsewhere on a virtual card
 * kept in this page, which "taps" the turnstile over the demo's NFC stand-in channel.
 */
import { CardError } from '../../../../sdk/card/cardError.js';
import { encodeNdefMessage } from '../../../../sdk/card/ndefMessage.js';
import { readWebNfc, webNfcAvailable, writeWebNfc } from '../../../../sdk/card/webNfc.js';
import { toBase64, toHex } from '../../shared/base64.js';
import type { VirtualCard } from './familyStore.js';

/** A new virtual card: a 7-byte UID as NXP cards have (04, the manufacturer, then 6 random bytes). */
function newSerial(): Uint8Array {
  const uid = crypto.getRandomValues(new Uint8Array(7));
  uid[0] = 0x04;
  return uid;
}

export interface WrittenCard {
  /** Set when the pass went to a virtual card (no Web NFC here). */
  readonly virtual?: VirtualCard;
}

/**
 * Gets a card pass for a card and writes it there. `issue` is asked for the pass once the card's serial
 * is known. With Web NFC, the same card must be held to the phone for the read and the write.
 *
 * @throws {@link CardError} what Web NFC refuses; what `issue` throws.
 */
export async function writeCardPass(issue: (serialHex: string) => Promise<Uint8Array>, onWaiting: () => void): Promise<WrittenCard> {
  if (webNfcAvailable()) {
    onWaiting();
    const tap = await readWebNfc({ timeoutMs: 60_000 });
    if (tap.serial === undefined) throw tap.error ?? new CardError('CARD_ERROR', 'no serial');
    const presentation = await issue(toHex(tap.serial));
    await writeWebNfc(presentation);
    return {};
  }
  const serial = newSerial();
  const presentation = await issue(toHex(serial));
  return { virtual: { serial: toHex(serial), message: toBase64(encodeNdefMessage(presentation)) } };
}

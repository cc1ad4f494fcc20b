/**
 * Card passes (PG1 §10.1): reading and writing passes on contactless cards, over PC/SC in Node
 * ({@link openPcscReader}) and Web NFC in browsers ({@link readWebNfc}), or over any APDU transport
 * ({@link readCard}). A tap gives a presentation and the serial of its card, for `verify()` with the card
 * option or as a `passgate verify` read line ({@link readLine}); a tap that cannot be read gives a
 * {@link CardError} code.
 *
 * @module passgate/card
 */
export { CardError } from './cardError.js';
export type { CardErrorCode } from './cardError.js';
export { encodeNdefMessage, decodeNdefMessage, PG1_MEDIA_TYPE, MAX_NDEF_MESSAGE_BYTES } from './ndefMessage.js';
export { DEFAULT_APDU_TIMEOUT_MS } from './apduTransport.js';
export type { ApduTransport } from './apduTransport.js';
export { readCard, writeCard, readCardSerial } from './cardPass.js';
export type { CardOptions, CardTap } from './cardPass.js';
export { readerUid, MAX_SERIAL_BYTES } from './cardSerial.js';
export type { SerialSource } from './cardSerial.js';
export { readLine } from './readLine.js';
export type { CardReader, PcscReaderOptions, WaitOptions } from './cardReader.js';
export { openPcscReader } from '#pcsc-reader';
export { webNfcAvailable, readWebNfc, writeWebNfc } from './webNfc.js';

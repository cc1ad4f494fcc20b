/**
 * The NFC Forum Type 4 Tag procedure (T4T 2.0, with the 1.0 application as a fallback): select the NDEF
 * application, read and check the capability container, then read or write the NDEF file. Every value
 * the card reports is checked before it is used, so a hostile card can make a read fail with a code but
 * not make it loop, over-read or allocate past {@link MAX_NDEF_MESSAGE_BYTES}.
 */
import { CardError } from './cardError.js';
import { exchange, statusError, SW_OK, type ApduTransport, type ApduResponse } from './apduTransport.js';
import { MAX_NDEF_MESSAGE_BYTES } from './ndefMessage.js';

/** NDEF Tag Application, mapping 2.0 and the older 1.0. */
const AID_V2 = [0xd2, 0x76, 0x00, 0x00, 0x85, 0x01, 0x01];
const AID_V1 = [0xd2, 0x76, 0x00, 0x00, 0x85, 0x01, 0x00];
const CC_FILE = 0xe103;
const CC_BYTES = 15;
const SW_NOT_FOUND = 0x6a82;
/** READ BINARY's Le and UPDATE BINARY's Lc are one byte in a short APDU. */
const SHORT_APDU_MAX = 255;

/** What the capability container says, once checked. */
export interface CapabilityContainer {
  /** 1 or 2: the mapping the application follows (1.0 selects files with P2 00 and no Le). */
  readonly majorVersion: number;
  /** The most bytes one READ BINARY may ask for. */
  readonly mle: number;
  /** The most bytes one UPDATE BINARY may carry. */
  readonly mlc: number;
  /** The NDEF file's identifier. */
  readonly fileId: number;
  /** The NDEF file's size, NLEN's two bytes included. */
  readonly maxSize: number;
  /** Whether the NDEF file may be written (write access byte 00). */
  readonly writable: boolean;
}

/** A Type 4 Tag session on one card: its transport, each command under its deadline (withDeadline). */
type Session = ApduTransport;

const send = (s: Session, apdu: readonly number[]): Promise<ApduResponse> => exchange(s, Uint8Array.from(apdu));

function notNdef(why: string): CardError {
  return new CardError('NOT_NDEF', `not an NFC Forum Type 4 Tag: ${why}`);
}

async function selectApplication(s: Session): Promise<1 | 2> {
  const v2 = await send(s, [0x00, 0xa4, 0x04, 0x00, AID_V2.length, ...AID_V2, 0x00]);
  if (v2.sw === SW_OK) return 2;
  const v1 = await send(s, [0x00, 0xa4, 0x04, 0x00, AID_V1.length, ...AID_V1]);
  if (v1.sw === SW_OK) return 1;
  if (v2.sw === SW_NOT_FOUND && v1.sw === SW_NOT_FOUND) throw new CardError('NO_PASS', 'the card has no NDEF application');
  throw statusError('selecting the NDEF application', v1.sw === SW_NOT_FOUND ? v2.sw : v1.sw);
}

async function selectFile(s: Session, mapping: 1 | 2, fileId: number, what: string): Promise<void> {
  // Mapping 2.0 selects by file id with no answer data (P2 0C); 1.0 with P2 00.
  const r = await send(s, [0x00, 0xa4, 0x00, mapping === 2 ? 0x0c : 0x00, 0x02, fileId >> 8, fileId & 0xff]);
  if (r.sw !== SW_OK) throw statusError(`selecting the ${what}`, r.sw);
}

async function readBinary(s: Session, offset: number, length: number, what: string): Promise<Uint8Array> {
  const r = await send(s, [0x00, 0xb0, offset >> 8, offset & 0xff, length]);
  if (r.sw !== SW_OK) throw statusError(`reading the ${what}`, r.sw);
  if (r.data.length !== length) {
    throw new CardError('CARD_ERROR', `reading the ${what}: asked for ${length} bytes, the card sent ${r.data.length}`);
  }
  return r.data;
}

async function updateBinary(s: Session, offset: number, data: Uint8Array, what: string): Promise<void> {
  const r = await send(s, [0x00, 0xd6, offset >> 8, offset & 0xff, data.length, ...data]);
  if (r.sw !== SW_OK) throw statusError(`writing the ${what}`, r.sw);
}

/** File ids the mapping reserves (the CC's own, the MF's, ISO 7816-4's and RFU). */
const RESERVED_FILE_IDS = new Set([0x0000, 0xe102, 0xe103, 0x3f00, 0x3fff, 0xffff]);

/** The capability container's 15 bytes, checked field by field (T4T 2.0 §5.1). */
export function parseCapabilityContainer(cc: Uint8Array): CapabilityContainer {
  const view = new DataView(cc.buffer, cc.byteOffset, cc.length);
  const cclen = view.getUint16(0);
  if (cclen < CC_BYTES || cclen === 0xffff) throw notNdef(`CCLEN ${cclen} is out of range`);
  const version = cc[2]!;
  const majorVersion = version >> 4;
  if (majorVersion !== 1 && majorVersion !== 2) throw notNdef(`mapping version ${majorVersion}.${version & 15} is not 1.x or 2.x`);
  const mle = view.getUint16(3);
  if (mle < 0x0f) throw notNdef(`MLe ${mle} is below 15`);
  const mlc = view.getUint16(5);
  if (mlc === 0) throw notNdef('MLc is 0');
  if (cc[7] !== 0x04 || cc[8] !== 0x06) throw notNdef('the first TLV is not an NDEF File Control TLV (04 06)');
  const fileId = view.getUint16(9);
  if (RESERVED_FILE_IDS.has(fileId)) throw notNdef(`the NDEF file id ${fileId.toString(16).padStart(4, '0')} is reserved`);
  const maxSize = view.getUint16(11);
  if (maxSize < 5 || maxSize === 0xffff) throw notNdef(`the NDEF file's maximum size ${maxSize} is out of range`);
  const read = cc[13]!;
  if (read !== 0x00) throw notNdef(`read access ${read.toString(16).padStart(2, '0')} is not granted`);
  const write = cc[14]!;
  if (write !== 0x00 && write !== 0xff && write < 0x80) throw notNdef(`write access ${write.toString(16).padStart(2, '0')} is reserved`);
  return { majorVersion, mle, mlc, fileId, maxSize, writable: write === 0x00 };
}

/** Selects the application, reads the CC and selects the NDEF file: where both a read and a write start. */
async function openNdefFile(s: Session): Promise<CapabilityContainer> {
  const mapping = await selectApplication(s);
  await selectFile(s, mapping, CC_FILE, 'capability container');
  const cc = parseCapabilityContainer(await readBinary(s, 0, CC_BYTES, 'capability container'));
  await selectFile(s, mapping, cc.fileId, 'NDEF file');
  return cc;
}

/** NLEN then the message, in chunks of at most min(MLe, 255); the NDEF file must be selected. */
async function readSelectedNdefFile(s: Session, cc: CapabilityContainer): Promise<Uint8Array> {
  const nlenBytes = await readBinary(s, 0, 2, 'NDEF file length');
  const nlen = (nlenBytes[0]! << 8) | nlenBytes[1]!;
  if (nlen === 0) throw new CardError('NO_PASS', 'the NDEF file is empty');
  if (nlen > cc.maxSize - 2) throw notNdef(`NLEN ${nlen} runs past the NDEF file (${cc.maxSize} bytes)`);
  if (nlen > MAX_NDEF_MESSAGE_BYTES) throw notNdef(`NLEN ${nlen} is over the ${MAX_NDEF_MESSAGE_BYTES} bytes passgate reads`);
  const message = new Uint8Array(nlen);
  const chunk = Math.min(cc.mle, SHORT_APDU_MAX);
  for (let at = 0; at < nlen; at += chunk) {
    message.set(await readBinary(s, 2 + at, Math.min(chunk, nlen - at), 'NDEF file'), at);
  }
  return message;
}

/**
 * Reads the NDEF message on a Type 4 Tag.
 *
 * @returns The message (not yet decoded).
 */
export async function readNdefMessage(s: Session): Promise<Uint8Array> {
  const cc = await openNdefFile(s);
  return readSelectedNdefFile(s, cc);
}

/**
 * Writes an NDEF message as the mapping does (NLEN 0, the data in chunks of at most min(MLc, 255), then
 * NLEN, so that a card pulled away mid-write holds an empty file, not half a pass), then reads it back.
 */
export async function writeNdefMessage(s: Session, message: Uint8Array): Promise<void> {
  const cc = await openNdefFile(s);
  if (!cc.writable) throw new CardError('NOT_WRITABLE', 'the NDEF file is read-only');
  if (message.length + 2 > cc.maxSize) {
    throw new CardError('NOT_WRITABLE', `the message (${message.length} bytes) does not fit the NDEF file (${cc.maxSize - 2} bytes)`);
  }
  await updateBinary(s, 0, new Uint8Array(2), 'NDEF file length');
  const chunk = Math.min(cc.mlc, SHORT_APDU_MAX);
  for (let at = 0; at < message.length; at += chunk) {
    await updateBinary(s, 2 + at, message.subarray(at, Math.min(message.length, at + chunk)), 'NDEF file');
  }
  await updateBinary(s, 0, Uint8Array.of(message.length >> 8, message.length & 0xff), 'NDEF file length');
  const back = await readSelectedNdefFile(s, cc);
  if (back.length !== message.length || back.some((b, i) => b !== message[i])) {
    throw new CardError('WRITE_UNCONFIRMED', 'the card read back something other than what was written');
  }
}

/**
 * The NDEF message a card pass sits in (PG1 §10.1; NFC Forum NDEF 1.0): the first record has TNF 2
 * (media type), type `application/pg1` and the raw presentation as its payload. The decoder reads a
 * message from a card, so it is strict and bounded: every length is checked against what is left,
 * chunked records are refused (a pass is never chunked, and joining chunks is work a hostile card could
 * make expensive), and nothing is kept but the first record's payload.
 */
import { CardError } from './cardError.js';

/** The media type of a card pass's record (PG1 §10.1). */
export const PG1_MEDIA_TYPE = 'application/pg1';

/** The largest NDEF message passgate reads or writes: a pass is some 240 bytes; anything this far past it is not one. */
export const MAX_NDEF_MESSAGE_BYTES = 4096;

const MB = 0x80;
const ME = 0x40;
const CF = 0x20;
const SR = 0x10;
const IL = 0x08;
const TNF_MASK = 0x07;
const TNF_EMPTY = 0;
const TNF_MEDIA = 2;
const TNF_UNKNOWN = 5;
const TNF_UNCHANGED = 6;
const TNF_RESERVED = 7;

const MEDIA_TYPE_BYTES = new TextEncoder().encode(PG1_MEDIA_TYPE);

/**
 * The NDEF message of a card pass: one short (or, past 255 bytes, long) record, MB and ME set, TNF 2,
 * type `application/pg1`, no ID, the presentation as its payload.
 *
 * @param presentation - The raw presentation bytes (PG1 §4), not its `PG1:` text.
 * @returns The message, ready for a Type 4 Tag's NDEF file or Web NFC.
 * @throws {@link CardError} `NOT_NDEF` when the presentation is empty or the message would pass {@link MAX_NDEF_MESSAGE_BYTES}.
 */
export function encodeNdefMessage(presentation: Uint8Array): Uint8Array {
  if (presentation.length === 0) throw new CardError('NOT_NDEF', 'a card pass needs a presentation: it is empty');
  const short = presentation.length <= 255;
  const header = 2 + (short ? 1 : 4) + MEDIA_TYPE_BYTES.length;
  const size = header + presentation.length;
  if (size > MAX_NDEF_MESSAGE_BYTES) {
    throw new CardError('NOT_NDEF', `the NDEF message would be ${size} bytes, over the ${MAX_NDEF_MESSAGE_BYTES} a card pass may have`);
  }
  const out = new Uint8Array(size);
  let at = 0;
  out[at++] = MB | ME | (short ? SR : 0) | TNF_MEDIA;
  out[at++] = MEDIA_TYPE_BYTES.length;
  if (short) {
    out[at++] = presentation.length;
  } else {
    new DataView(out.buffer).setUint32(at, presentation.length);
    at += 4;
  }
  out.set(MEDIA_TYPE_BYTES, at);
  out.set(presentation, at + MEDIA_TYPE_BYTES.length);
  return out;
}

/** Media types compare without regard to ASCII case (RFC 2045 §5.1). */
function isPg1MediaType(type: Uint8Array): boolean {
  if (type.length !== MEDIA_TYPE_BYTES.length) return false;
  for (let i = 0; i < type.length; i++) {
    const c = type[i]!;
    const lower = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
    if (lower !== MEDIA_TYPE_BYTES[i]) return false;
  }
  return true;
}

function notNdef(why: string): CardError {
  return new CardError('NOT_NDEF', `not an NDEF message: ${why}`);
}

/**
 * The presentation in a card pass's NDEF message: the payload of its first record. The whole message
 * is checked (record lengths, MB on the first record only, ME on the last, nothing after it), so a
 * message that is not NDEF is never taken for one whose first record happens to look right. A record's
 * ID field is legal NDEF and is skipped.
 *
 * @param message - The NDEF message as read from the card (the NDEF file's content after NLEN).
 * @returns The raw presentation bytes (a copy: nothing else of the message is kept).
 * @throws {@link CardError} `NOT_NDEF` for a message that breaks NDEF or is over {@link MAX_NDEF_MESSAGE_BYTES}; `NO_PASS` for a well-formed message whose first record is not a non-empty `application/pg1` record.
 */
export function decodeNdefMessage(message: Uint8Array): Uint8Array {
  if (message.length === 0) throw new CardError('NO_PASS', 'the NDEF message is empty');
  if (message.length > MAX_NDEF_MESSAGE_BYTES) throw notNdef(`${message.length} bytes, over the ${MAX_NDEF_MESSAGE_BYTES} passgate reads`);
  let at = 0;
  let first: { tnf: number; type: Uint8Array; payload: Uint8Array } | null = null;
  for (let index = 0; ; index++) {
    if (at + 3 > message.length) throw notNdef(`record ${index} is cut short in its header`);
    const flags = message[at]!;
    const typeLength = message[at + 1]!;
    at += 2;
    let payloadLength: number;
    if (flags & SR) {
      payloadLength = message[at]!;
      at += 1;
    } else {
      if (at + 4 > message.length) throw notNdef(`record ${index} is cut short in its payload length`);
      payloadLength = new DataView(message.buffer, message.byteOffset + at, 4).getUint32(0);
      at += 4;
    }
    let idLength = 0;
    if (flags & IL) {
      if (at + 1 > message.length) throw notNdef(`record ${index} is cut short in its ID length`);
      idLength = message[at]!;
      at += 1;
    }
    // Compared one by one against what is left: a 4-byte payload length cannot overflow the sum.
    const left = message.length - at;
    if (typeLength > left || idLength > left - typeLength || payloadLength > left - typeLength - idLength) {
      throw notNdef(`record ${index} claims more bytes than the message has`);
    }
    if (Boolean(flags & MB) !== (index === 0)) throw notNdef(`record ${index} ${index === 0 ? 'lacks' : 'has'} the message-begin flag`);
    if (flags & CF) throw notNdef(`record ${index} is chunked`);
    const tnf = flags & TNF_MASK;
    if (tnf === TNF_RESERVED) throw notNdef(`record ${index} has the reserved TNF 7`);
    if (tnf === TNF_UNCHANGED) throw notNdef(`record ${index} has TNF 6 (unchanged) outside a chunked record`);
    if (tnf === TNF_EMPTY && (typeLength !== 0 || idLength !== 0 || payloadLength !== 0)) throw notNdef(`record ${index} is empty (TNF 0) but has a type, ID or payload`);
    if (tnf === TNF_UNKNOWN && typeLength !== 0) throw notNdef(`record ${index} has TNF 5 (unknown) and a type`);
    if (tnf !== TNF_EMPTY && tnf !== TNF_UNKNOWN && typeLength === 0) throw notNdef(`record ${index} has TNF ${tnf} and no type`);
    const type = message.subarray(at, at + typeLength);
    at += typeLength + idLength;
    const payload = message.subarray(at, at + payloadLength);
    at += payloadLength;
    if (index === 0) first = { tnf, type, payload };
    if (flags & ME) break;
  }
  if (at !== message.length) throw notNdef(`${message.length - at} bytes follow the message-end record`);
  if (first === null || first.tnf !== TNF_MEDIA || !isPg1MediaType(first.type)) {
    throw new CardError('NO_PASS', `the first NDEF record is not ${PG1_MEDIA_TYPE}`);
  }
  if (first.payload.length === 0) throw new CardError('NO_PASS', `the ${PG1_MEDIA_TYPE} record is empty`);
  return first.payload.slice();
}

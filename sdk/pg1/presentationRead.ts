/**
 * What a reader read with a presentation (PG1 §10): the serial of the card it came from, and the
 * holder's identity document. Checked here for range, then written as the core's read record
 * (assembly/pg1/readBinding.ts): serialLen u32 | numberLen u32 | nameLen u32 | pad u32 | serial | number | name.
 */
import { PassgateError } from '../errors.js';
import { fromHex } from '../encoding/hex.js';

/** The holder's identity document as a document reader gives it (PG1 §10.2). */
export interface IdentityDocument {
  /** The document's number, 1 to 64 code points (a resident identity card's 18 characters, say). */
  readonly number: string;
  /** The holder's name on the document, 1 to 64 code points, where the reader has one. */
  readonly name?: string;
}

/** What was read with one presentation, besides the presentation itself. */
export interface PresentationRead {
  /**
   * The serial of the card the presentation was read from (PG1 §10.1), 1 to 64 bytes: raw bytes, or hex
   * in either case. A card pass is `CARD_MISMATCH` without it; other passes do not use it.
   */
  readonly card?: Uint8Array | string;
  /** The holder's identity document read with it: a document check (PG1 §10.2) applies. */
  readonly document?: IdentityDocument;
}

export const MAX_SERIAL_BYTES = 64;
export const MAX_DOCUMENT_CODE_POINTS = 64;
const HEADER = 16;
const HEX = /^[0-9a-fA-F]*$/;
const EMPTY = new Uint8Array(0);
const encoder = new TextEncoder();
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Little-endian u32, as the core's read record holds its lengths. */
function putU32(out: Uint8Array, at: number, n: number): void {
  out[at] = n & 0xff;
  out[at + 1] = (n >>> 8) & 0xff;
  out[at + 2] = (n >>> 16) & 0xff;
  out[at + 3] = n >>> 24;
}

/** The serial's bytes, or why it is not a serial of §10.1. */
export function serialProblem(card: unknown): Uint8Array | string {
  let bytes: Uint8Array;
  if (card instanceof Uint8Array) bytes = card;
  else if (typeof card === 'string') {
    if (card.length % 2 !== 0 || !HEX.test(card)) return 'card must be hex of the serial (an even number of hex digits)';
    bytes = fromHex(card);
  } else return 'card must be a Uint8Array or hex text';
  if (bytes.length < 1 || bytes.length > MAX_SERIAL_BYTES) return `card must be 1 to ${MAX_SERIAL_BYTES} bytes, got ${bytes.length}`;
  return bytes;
}

/** Whether `text` is text of 1 to 64 code points (no lone surrogate: it could not be UTF-8). */
export function isDocumentText(text: unknown): text is string {
  if (typeof text !== 'string' || text.length === 0 || text.length > 2 * MAX_DOCUMENT_CODE_POINTS) return false;
  if (LONE_SURROGATE.test(text)) return false;
  let n = 0;
  for (const _ of text) n++;
  return n <= MAX_DOCUMENT_CODE_POINTS;
}

/** Why `document` is not a document of §10.2, or null. */
export function documentProblem(document: unknown): string | null {
  if (typeof document !== 'object' || document === null) return 'document must be an object { number, name? }';
  const { number, name } = document as { number?: unknown; name?: unknown };
  if (!isDocumentText(number)) return `document.number must be text of 1 to ${MAX_DOCUMENT_CODE_POINTS} code points`;
  if (name !== undefined && !isDocumentText(name)) return `document.name must be text of 1 to ${MAX_DOCUMENT_CODE_POINTS} code points`;
  return null;
}

/**
 * The core's read record for what was read with a presentation, or undefined when nothing was.
 *
 * @throws {@link PassgateError} `BAD_ARGUMENT` for a card or document out of range or of the wrong type.
 */
export function readRecord(read: PresentationRead): Uint8Array | undefined {
  if (read.card === undefined && read.document === undefined) return undefined;
  let serial: Uint8Array = EMPTY;
  if (read.card !== undefined) {
    const s = serialProblem(read.card);
    if (typeof s === 'string') throw new PassgateError('BAD_ARGUMENT', s);
    serial = s;
  }
  let number: Uint8Array = EMPTY, name: Uint8Array = EMPTY;
  if (read.document !== undefined) {
    const problem = documentProblem(read.document);
    if (problem !== null) throw new PassgateError('BAD_ARGUMENT', problem);
    number = encoder.encode(read.document.number);
    if (read.document.name !== undefined) name = encoder.encode(read.document.name);
  }
  // Built on every tap: no allocation beyond the record itself (a card read is most of a transit gate's work).
  const record = new Uint8Array(HEADER + serial.length + number.length + name.length);
  putU32(record, 0, serial.length);
  putU32(record, 4, number.length);
  putU32(record, 8, name.length);
  record.set(serial, HEADER);
  if (number.length > 0) {
    record.set(number, HEADER + serial.length);
    record.set(name, HEADER + serial.length + number.length);
    number.fill(0);
    name.fill(0);
  }
  return record;
}

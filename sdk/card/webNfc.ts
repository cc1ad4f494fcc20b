/**
 * Card passes in browsers, over Web NFC (`NDEFReader`: Chrome on Android, in a secure context, after a
 * user gesture). Web NFC hands over parsed NDEF records, not APDUs, so the Type 4 Tag procedure is the
 * phone's; what is checked here is the message (its first record `application/pg1`, a presentation in
 * it, the message's size).
 *
 * The serial is the tag's `serialNumber` as the browser reports it: the UID, unauthenticated. It binds a
 * pass against being copied to an ordinary card only (PG1 §10.1): a gate that must resist cloned cards
 * authenticates the card itself (a transit SAM) and reads over PC/SC.
 */
import { CardError } from './cardError.js';
import { encodeNdefMessage, PG1_MEDIA_TYPE } from './ndefMessage.js';
import type { CardTap } from './cardPass.js';
import type { WaitOptions } from './cardReader.js';
import { MAX_SERIAL_BYTES } from './cardSerial.js';

/** The parts of Web NFC used here (not yet in TypeScript's DOM types). */
interface NdefRecordLike {
  readonly recordType: string;
  readonly mediaType?: string | undefined;
  readonly data?: DataView | undefined;
}
interface NdefReadingEvent extends Event {
  readonly serialNumber: string;
  readonly message: { readonly records: readonly NdefRecordLike[] };
}
interface NdefReaderLike extends EventTarget {
  scan(options?: { signal?: AbortSignal }): Promise<void>;
  write(message: { records: { recordType: string; mediaType: string; data: Uint8Array }[] }, options?: { signal?: AbortSignal; overwrite?: boolean }): Promise<void>;
}
type NdefReaderConstructor = new () => NdefReaderLike;

function ndefReaderClass(): NdefReaderConstructor {
  const ctor = (globalThis as { NDEFReader?: NdefReaderConstructor }).NDEFReader;
  const secure = (globalThis as { isSecureContext?: boolean }).isSecureContext !== false;
  if (typeof ctor !== 'function' || !secure) {
    throw new CardError('NO_NFC', 'this browser has no Web NFC (NDEFReader: Chrome on Android, over https)');
  }
  return ctor;
}

/**
 * Whether Web NFC is here: `NDEFReader` exists in a secure context. The phone's NFC may still be off,
 * or the user may refuse; the read or write then fails with `NO_NFC`.
 *
 * @returns True where {@link readWebNfc} and {@link writeWebNfc} can be tried.
 */
export function webNfcAvailable(): boolean {
  try {
    ndefReaderClass();
    return true;
  } catch {
    return false;
  }
}

/** `04:a2:3b:7a` as the browser writes it, to bytes; nothing else is a serial. */
function serialFromText(text: string): Uint8Array | undefined {
  if (!/^[0-9a-f]{2}(:[0-9a-f]{2}){0,63}$/i.test(text)) return undefined;
  const parts = text.split(':');
  if (parts.length > MAX_SERIAL_BYTES) return undefined;
  return Uint8Array.from(parts, (p) => parseInt(p, 16));
}

/** A reading from the browser as a tap: the first record must be the pass. */
function tapOf(event: NdefReadingEvent): CardTap {
  const serial = serialFromText(event.serialNumber);
  if (serial === undefined) return { error: new CardError('CARD_ERROR', 'the browser reported no serial for the card') };
  const first = event.message.records[0];
  if (first === undefined || first.recordType !== 'mime' || first.mediaType?.toLowerCase() !== PG1_MEDIA_TYPE) {
    return { error: new CardError('NO_PASS', `the first NDEF record is not ${PG1_MEDIA_TYPE}`), serial };
  }
  const data = first.data;
  if (data === undefined || data.byteLength === 0) return { error: new CardError('NO_PASS', `the ${PG1_MEDIA_TYPE} record is empty`), serial };
  const presentation = new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  try {
    encodeNdefMessage(presentation); // the size limit a PC/SC read applies too
  } catch (e) {
    return { error: e as CardError, serial };
  }
  return { presentation, serial };
}

function refused(e: unknown): CardError {
  return e instanceof CardError ? e : new CardError('NO_NFC', `Web NFC refused: ${e instanceof Error ? e.message : String(e)}`);
}

/**
 * Waits for a card on the phone's NFC and reads its pass. Call it from a user gesture (a tap on a button):
 * Chrome asks for permission the first time.
 *
 * @param options - How long to wait (`NO_CARD` after) and a signal to stop.
 * @returns The tap; `NO_NFC` as its error where there is no Web NFC, or the user or the phone refused.
 */
export async function readWebNfc(options: WaitOptions = {}): Promise<CardTap> {
  let reader: NdefReaderLike;
  try {
    reader = new (ndefReaderClass())();
  } catch (e) {
    return { error: refused(e) };
  }
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  options.signal?.addEventListener('abort', onAbort);
  try {
    return await new Promise<CardTap>((resolve) => {
      const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => resolve({ error: new CardError('NO_CARD', 'no card was brought to the phone') }), options.timeoutMs);
      stop.signal.addEventListener('abort', () => { clearTimeout(timer); resolve({ error: new CardError('NO_CARD', 'the read was stopped') }); });
      reader.addEventListener('reading', (event) => { clearTimeout(timer); resolve(tapOf(event as NdefReadingEvent)); }, { once: true });
      reader.addEventListener('readingerror', () => { clearTimeout(timer); resolve({ error: new CardError('NOT_NDEF', 'the card holds no NDEF message the phone could read') }); }, { once: true });
      reader.scan({ signal: stop.signal }).catch((e: unknown) => { clearTimeout(timer); resolve({ error: refused(e) }); });
    });
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    stop.abort(); // stops the scan
  }
}

/**
 * Writes a card pass to the next card brought to the phone (one `application/pg1` record, PG1 §10.1).
 * Web NFC does not say which card it wrote to: issue the pass for the serial {@link readWebNfc} reported
 * for the same card.
 *
 * @param presentation - The raw presentation bytes.
 * @param options - A signal to stop waiting (`timeoutMs` is not used: the browser waits for the card).
 * @throws {@link CardError} `NO_NFC` where there is no Web NFC or the write was refused; `NOT_NDEF` for a presentation too large for a card pass.
 */
export async function writeWebNfc(presentation: Uint8Array, options: WaitOptions = {}): Promise<void> {
  encodeNdefMessage(presentation);
  const reader = new (ndefReaderClass())();
  try {
    await reader.write({ records: [{ recordType: 'mime', mediaType: PG1_MEDIA_TYPE, data: presentation }] }, options.signal === undefined ? {} : { signal: options.signal });
  } catch (e) {
    throw refused(e);
  }
}

/** The presentation `passgate card write` takes: a file of `PG1:` text, hex, or the raw bytes. */
import { decodeBase45 } from '../encoding/base45.js';
import { fromHex } from '../encoding/hex.js';
import { UsageError } from './args.js';

const HEX_LINE = /^[0-9a-fA-F]+\r?\n?$/;

/** The raw presentation in a file's bytes; text is tried first (a presentation's CBOR is never ASCII hex or `PG1:`). */
export function presentationFromFile(bytes: Uint8Array, path: string): Uint8Array {
  const text = new TextDecoder('latin1').decode(bytes);
  if (text.startsWith('PG1:')) {
    try {
      return decodeBase45(text.slice(4).replace(/\r?\n$/, ''));
    } catch (e) {
      throw new UsageError(`--presentation ${path}: the PG1: text is not base45 (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  if (HEX_LINE.test(text)) {
    const digits = text.replace(/\r?\n$/, '');
    if (digits.length % 2 === 0) return fromHex(digits);
  }
  if (bytes.length === 0) throw new UsageError(`--presentation ${path} is empty`);
  return bytes;
}

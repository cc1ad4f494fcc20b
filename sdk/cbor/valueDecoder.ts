/**
 * Decodes one CBOR item into the value model of the deterministic encoder (itemReader.ts): tags come
 * back as Tagged, whatever their number (no Date, bigint or typed-array conversions), byte strings as
 * plain Uint8Array copies that callers may keep after the input is wiped, 8-byte integers in the safe
 * range as numbers (a value has one representation whatever its head). It checks well-formedness, not
 * PG1's strict rules: untrusted input goes through a strict validator first.
 */
import type { CborValue } from './deterministicEncoder.js';
import { ItemReadError, readItem } from './itemReader.js';

export type CborDecodeErrorCode = 'NOT_WELL_FORMED' | 'UNSUPPORTED_VALUE';

export class CborDecodeError extends Error {
  override readonly name = 'CborDecodeError';
  constructor(
    readonly code: CborDecodeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Decodes one complete CBOR item (no trailing bytes) into the encoder's value model. */
export function decodeValue(bytes: Uint8Array): CborValue {
  try {
    return readItem(bytes, true);
  } catch (e) {
    if (e instanceof ItemReadError) throw new CborDecodeError(e.kind === 'unsupported' ? 'UNSUPPORTED_VALUE' : 'NOT_WELL_FORMED', e.message);
    throw e;
  }
}

/**
 * Reads CBOR that the core has already validated strictly (PG1 §1: definite lengths, shortest heads,
 * no tags, no floats, UTF-8 text) into the encoder's value model. Verification decodes every disclosed
 * value with it: a few dozen lines beat a general decoder's set-up on values of a few bytes. Input that
 * is not validated CBOR throws.
 */
import type { CborValue } from './deterministicEncoder.js';
import { readItem } from './itemReader.js';

/** Decodes one validated item (no trailing bytes). */
export function readValidated(bytes: Uint8Array): CborValue {
  try {
    return readItem(bytes, false);
  } catch {
    throw new RangeError('not validated CBOR');
  }
}

/**
 * The same, with tags read as Tagged: for a whole presentation, whose token carries tag 18 (read by
 * explain/). The caller checks that the tags are where PG1 places them.
 */
export function readValidatedTagged(bytes: Uint8Array): CborValue {
  try {
    return readItem(bytes, true);
  } catch {
    throw new RangeError('not validated CBOR');
  }
}

/**
 * Decodes CBOR that a strict validator has already accepted into the value model of the
 * deterministic encoder. cbor-x is lenient (it accepts non-shortest heads, unsorted maps, floats,
 * trailing-free garbage in some cases), so it must never be the first thing to see untrusted input.
 *
 * What cbor-x does and how it is normalised here:
 * - tag 18 (and any tag without a registered extension) comes back as its own `Tag` class: it is
 *   turned into our `Tagged`. Tags with cbor-x extensions (0, 1, 2, 3, 64–87, 258, 259…) would be
 *   converted to Date, bigint, typed arrays or Set; the validator lets no such tag through, and if
 *   one gets here anyway the result is refused rather than silently reinterpreted.
 * - integers with an 8-byte head (0x1b / 0x3b) always come back as bigint, even when small: those
 *   in the safe range become numbers, so a value has one representation whatever its head.
 * - byte strings may come back as Node Buffers or views into the input: they are copied into plain
 *   Uint8Arrays so that callers can keep them after the input is wiped.
 */
import { Decoder, Tag } from 'cbor-x';
import { Tagged, type CborValue } from './deterministicEncoder.js';

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

// int64AsNumber stays off (the default): 64-bit values arrive exact, as bigint.
const decoder = new Decoder({ mapsAsObjects: false, useRecords: false });

function normalise(v: unknown): CborValue {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') {
    // cbor-x returns floats as numbers too: only integers are PG1 values.
    if (!Number.isInteger(v)) throw new CborDecodeError('UNSUPPORTED_VALUE', `float ${v}`);
    return v;
  }
  if (typeof v === 'bigint') {
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  }
  if (v instanceof Uint8Array) return new Uint8Array(v); // copies; also turns a Buffer into a Uint8Array
  if (Array.isArray(v)) return v.map((item: unknown) => normalise(item));
  if (v instanceof Map) {
    const out = new Map<CborValue, CborValue>();
    for (const [k, x] of v as Map<unknown, unknown>) out.set(normalise(k), normalise(x));
    return out;
  }
  if (v instanceof Tag) {
    const tag: unknown = v.tag;
    if (typeof tag !== 'number') throw new CborDecodeError('UNSUPPORTED_VALUE', 'tag without a number');
    return new Tagged(tag, normalise(v.value));
  }
  const what = v === undefined ? 'undefined' : typeof v === 'object' ? (v.constructor?.name ?? 'object') : typeof v;
  throw new CborDecodeError('UNSUPPORTED_VALUE', `cbor-x produced a ${what}`);
}

/** Decodes one complete CBOR item (no trailing bytes) into the encoder's value model. */
export function decodeValue(bytes: Uint8Array): CborValue {
  let raw: unknown;
  try {
    raw = decoder.decode(bytes);
  } catch (e) {
    throw new CborDecodeError('NOT_WELL_FORMED', e instanceof Error ? e.message : String(e));
  }
  return normalise(raw);
}

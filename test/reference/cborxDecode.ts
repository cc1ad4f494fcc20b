/**
 * An oracle for the SDK's CBOR reader: cbor-x (a general decoder, lenient, and not the SDK's) with
 * its results brought into the encoder's value model: tags as Tagged, 8-byte integers in the safe
 * range as numbers, byte strings as plain Uint8Array. Values cbor-x converts (tags 0-3, 64-87, 258...)
 * or has no place for in the model are refused.
 */
import { Decoder, Tag } from 'cbor-x';
import { Tagged, type CborValue } from '../../sdk/cbor/deterministicEncoder.js';

// int64AsNumber stays off (the default): 64-bit values arrive exact, as bigint.
const decoder = new Decoder({ mapsAsObjects: false, useRecords: false });

function normalise(v: unknown): CborValue {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new Error(`float ${v}`);
    return v;
  }
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  if (v instanceof Uint8Array) return new Uint8Array(v);
  if (Array.isArray(v)) return v.map((item: unknown) => normalise(item));
  if (v instanceof Map) {
    const out = new Map<CborValue, CborValue>();
    for (const [k, x] of v as Map<unknown, unknown>) out.set(normalise(k), normalise(x));
    return out;
  }
  if (v instanceof Tag && typeof v.tag === 'number') return new Tagged(v.tag, normalise(v.value));
  throw new Error(`cbor-x produced a ${typeof v === 'object' ? (v?.constructor?.name ?? 'object') : typeof v}`);
}

/** One complete item as cbor-x reads it, in the encoder's value model. */
export function cborxDecode(bytes: Uint8Array): CborValue {
  return normalise(decoder.decode(bytes));
}

/**
 * Deterministic CBOR encoder (RFC 8949 §4.2.1 core deterministic encoding, as PG1 §1 requires):
 * shortest heads, definite lengths, map keys sorted bytewise by their encoded bytes, duplicate keys
 * refused. It encodes only what PG1 can carry: integers, text, bytes, booleans, null, arrays, maps
 * with integer or text keys, and tags. Floats and `undefined` are refused rather than converted,
 * so an issuer can never emit something a verifier must reject as MALFORMED by accident.
 */

/** A tagged item, e.g. `new Tagged(18, [...])` for a COSE_Sign1. */
export class Tagged {
  /**
   * A tag on an item; the encoder checks the tag number.
   *
   * @param tag - The tag number (an unsigned 64-bit integer).
   * @param value - The item it tags.
   */
  constructor(
    /** The tag number. */
    readonly tag: number | bigint,
    /** The item it tags. */
    readonly value: CborValue,
  ) {}
}

/**
 * An item that is already encoded, emitted verbatim. It lets a presentation embed a token exactly
 * as signed (re-encoding could only change it), and lets negative tests inject non-deterministic
 * bytes. The caller vouches that the bytes are one well-formed item.
 */
export class RawCbor {
  /**
   * Wraps bytes the caller vouches for.
   *
   * @param bytes - One encoded item, emitted as it is.
   */
  constructor(
    /** The encoded item. */
    readonly bytes: Uint8Array,
  ) {}
}

/**
 * A value the deterministic encoder takes: integers (number up to 2^53, bigint up to 2^64 - 1, negative
 * ones down to -2^64), text, bytes, booleans, null, arrays, maps (integer or text keys) and tags.
 */
export type CborValue =
  | number
  | bigint
  | string
  | Uint8Array
  | boolean
  | null
  | readonly CborValue[]
  | ReadonlyMap<CborValue, CborValue>
  | Tagged
  | RawCbor;

/** Why a value could not be encoded: PG1 CBOR carries none of these (§1). */
export type CborEncodeErrorCode =
  /** A number that is not an integer. */
  | 'FLOAT'
  /** `undefined`. */
  | 'UNDEFINED'
  /** An integer beyond 64 bits, or a number beyond 2^53 (pass a bigint). */
  | 'INTEGER_RANGE'
  /** Text with a lone surrogate (not UTF-8). */
  | 'BAD_TEXT'
  /** A map key that is not an integer or text. */
  | 'BAD_KEY'
  /** Two map keys with the same encoding. */
  | 'DUPLICATE_KEY'
  /** A tag number that is not an unsigned 64-bit integer. */
  | 'BAD_TAG'
  /** Anything else (an object, a function, a symbol). */
  | 'UNSUPPORTED_TYPE';

/** Thrown by the issuer toolkit for a claim or option value PG1 CBOR cannot carry. */
export class CborEncodeError extends Error {
  /** `'CborEncodeError'`. */
  override readonly name = 'CborEncodeError';
  /**
   * Thrown by the toolkit; callers catch it and read `code`.
   *
   * @param code - What could not be encoded.
   * @param message - The same in words.
   */
  constructor(
    /** What could not be encoded. */
    readonly code: CborEncodeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const MAX_U64 = (1n << 64n) - 1n;

/** Growable output buffer; avoids quadratic concatenation for large trust lists. */
class ByteWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  private reserve(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.len++] = b;
  }

  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** Shortest head for major type `major` and argument `arg` (0 ≤ arg < 2^64). */
function writeHead(w: ByteWriter, major: number, arg: bigint): void {
  const mt = major << 5;
  if (arg < 24n) {
    w.byte(mt | Number(arg));
  } else if (arg <= 0xffn) {
    w.byte(mt | 24);
    w.byte(Number(arg));
  } else if (arg <= 0xffffn) {
    w.byte(mt | 25);
    w.byte(Number(arg >> 8n));
    w.byte(Number(arg & 0xffn));
  } else if (arg <= 0xffffffffn) {
    w.byte(mt | 26);
    for (let s = 24n; s >= 0n; s -= 8n) w.byte(Number((arg >> s) & 0xffn));
  } else {
    w.byte(mt | 27);
    for (let s = 56n; s >= 0n; s -= 8n) w.byte(Number((arg >> s) & 0xffn));
  }
}

function writeInteger(w: ByteWriter, v: bigint): void {
  if (v >= 0n) {
    if (v > MAX_U64) throw new CborEncodeError('INTEGER_RANGE', `integer ${v} does not fit in 64 bits`);
    writeHead(w, 0, v);
  } else {
    const n = -1n - v;
    if (n > MAX_U64) throw new CborEncodeError('INTEGER_RANGE', `integer ${v} does not fit in 64 bits`);
    writeHead(w, 1, n);
  }
}

/** JS strings may hold lone surrogates, which have no UTF-8 form; TextEncoder would silently replace them. */
function assertWellFormed(s: string): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) throw new CborEncodeError('BAD_TEXT', 'text holds a lone surrogate');
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      throw new CborEncodeError('BAD_TEXT', 'text holds a lone surrogate');
    }
  }
}

const utf8 = new TextEncoder();

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

function isMap(v: unknown): v is ReadonlyMap<CborValue, CborValue> {
  return v instanceof Map;
}

function writeValue(w: ByteWriter, v: CborValue | undefined): void {
  if (v === undefined) throw new CborEncodeError('UNDEFINED', 'undefined has no place in PG1 CBOR');
  if (v === null) return w.byte(0xf6);
  if (v === false) return w.byte(0xf4);
  if (v === true) return w.byte(0xf5);
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new CborEncodeError('FLOAT', `${v} is not an integer; floats are not allowed`);
    if (!Number.isSafeInteger(v)) throw new CborEncodeError('INTEGER_RANGE', `${v} is not a safe integer; pass a bigint`);
    return writeInteger(w, BigInt(v));
  }
  if (typeof v === 'bigint') return writeInteger(w, v);
  if (typeof v === 'string') {
    assertWellFormed(v);
    const b = utf8.encode(v);
    writeHead(w, 3, BigInt(b.length));
    return w.bytes(b);
  }
  if (v instanceof Uint8Array) {
    writeHead(w, 2, BigInt(v.length));
    return w.bytes(v);
  }
  if (v instanceof RawCbor) return w.bytes(v.bytes);
  if (v instanceof Tagged) {
    const tag = BigInt(v.tag);
    if (tag < 0n || tag > MAX_U64 || (typeof v.tag === 'number' && !Number.isSafeInteger(v.tag))) {
      throw new CborEncodeError('BAD_TAG', `tag ${String(v.tag)} is not an unsigned 64-bit integer`);
    }
    writeHead(w, 6, tag);
    return writeValue(w, v.value);
  }
  if (Array.isArray(v)) {
    const arr: readonly CborValue[] = v;
    writeHead(w, 4, BigInt(arr.length));
    for (const item of arr) writeValue(w, item);
    return;
  }
  if (isMap(v)) return writeMap(w, v);
  throw new CborEncodeError('UNSUPPORTED_TYPE', `cannot encode a ${describe(v)}`);
}

function describe(v: unknown): string {
  if (typeof v !== 'object' || v === null) return typeof v;
  return v.constructor?.name ?? 'object';
}

function writeMap(w: ByteWriter, m: ReadonlyMap<CborValue, CborValue>): void {
  const entries: { key: Uint8Array; value: CborValue }[] = [];
  for (const [k, value] of m) {
    const keyIsInt = typeof k === 'bigint' || (typeof k === 'number' && Number.isInteger(k));
    if (!keyIsInt && typeof k !== 'string') {
      throw new CborEncodeError('BAD_KEY', `map keys must be integers or text, not a ${describe(k)}`);
    }
    entries.push({ key: encode(k), value });
  }
  // RFC 8949 §4.2.1: bytewise lexicographic order of the encoded keys.
  entries.sort((a, b) => compareBytes(a.key, b.key));
  for (let i = 1; i < entries.length; i++) {
    if (compareBytes(entries[i - 1]!.key, entries[i]!.key) === 0) {
      throw new CborEncodeError('DUPLICATE_KEY', 'map has two keys with the same encoding');
    }
  }
  writeHead(w, 5, BigInt(entries.length));
  for (const e of entries) {
    w.bytes(e.key);
    writeValue(w, e.value);
  }
}

/** The deterministic encoding of `value`. Throws CborEncodeError on anything PG1 cannot carry. */
export function encode(value: CborValue): Uint8Array {
  const w = new ByteWriter();
  writeValue(w, value);
  return w.result();
}

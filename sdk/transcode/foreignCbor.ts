/**
 * A tolerant CBOR reader (RFC 8949) for foreign passes (PG1 §11.2 step 1): member states encoded HC1 in
 * many ways, so floats, indefinite lengths, any tag, non-shortest heads and unsorted keys are read. PG1's
 * own rules (§1) do not apply here. Bounded: nesting, item count and the input size (a pass inflates to at
 * most 64 KiB), so hostile input is refused in linear time, never by exhausting the stack.
 */

/** A tag and its content, e.g. 18 (COSE_Sign1) or 61 (CWT). */
export class ForeignTag {
  constructor(readonly tag: number | bigint, readonly value: ForeignValue) {}
}

/** A float (half, single or double), kept apart from integers: §11.2 step 8 reads only integers as numbers. */
export class ForeignFloat {
  constructor(readonly value: number) {}
}

/** Simple values other than false, true, null and undefined. */
export class ForeignSimple {
  constructor(readonly value: number) {}
}

/** What the reader gives: integers as numbers in the safe range and bigint beyond it, floats as ForeignFloat. */
export type ForeignValue =
  | number
  | bigint
  | string
  | boolean
  | null
  | undefined
  | Uint8Array
  | readonly ForeignValue[]
  | ReadonlyMap<ForeignValue, ForeignValue>
  | ForeignTag
  | ForeignFloat
  | ForeignSimple;

/** The bytes are not one well-formed CBOR item, or break the reader's bounds. */
export class ForeignCborError extends Error {
  override readonly name = 'ForeignCborError';
}

/** Deeper than any HC1 (about 6 levels); shallow enough for the call stack. */
export const MAX_FOREIGN_DEPTH = 32;
/** Items in one document: a 64 KiB pass cannot hold more than one per byte. */
export const MAX_FOREIGN_ITEMS = 65_536;

const utf8 = new TextDecoder('utf-8', { fatal: true });

class Reader {
  at = 0;
  items = 0;
  constructor(private readonly bytes: Uint8Array) {}

  private need(n: number): void {
    if (n > this.bytes.length - this.at) throw new ForeignCborError('the item ends early');
  }

  private byte(): number {
    this.need(1);
    return this.bytes[this.at++]!;
  }

  /** The argument of a head; null for an indefinite length (info 31). */
  private argument(info: number): number | bigint | null {
    if (info < 24) return info;
    if (info === 31) return null;
    const width = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (width === 0) throw new ForeignCborError(`reserved additional information ${info}`);
    this.need(width);
    if (width === 8) {
      let v = 0n;
      for (let i = 0; i < 8; i++) v = (v << 8n) | BigInt(this.bytes[this.at++]!);
      return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
    }
    let n = 0;
    for (let i = 0; i < width; i++) n = n * 256 + this.bytes[this.at++]!;
    return n;
  }

  /** A definite length or count, which must fit in what is left (every item takes a byte at least). */
  private count(n: number | bigint): number {
    if (typeof n !== 'number') throw new ForeignCborError('the item ends early');
    this.need(n);
    return n;
  }

  /** The chunks of an indefinite-length string, each a definite string of the same major type. */
  private chunks(major: number): Uint8Array {
    const parts: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const initial = this.byte();
      if (initial === 0xff) break;
      if (initial >> 5 !== major) throw new ForeignCborError('a chunk of another type in an indefinite string');
      const n = this.argument(initial & 31);
      if (n === null) throw new ForeignCborError('a nested indefinite chunk');
      const len = this.count(n);
      parts.push(this.bytes.subarray(this.at, this.at + len));
      this.at += len;
      total += len;
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.length; }
    return out;
  }

  private string(major: number, n: number | bigint | null): Uint8Array {
    if (n === null) return this.chunks(major);
    const len = this.count(n);
    const out = this.bytes.slice(this.at, this.at + len);
    this.at += len;
    return out;
  }

  private text(bytes: Uint8Array): string {
    try {
      return utf8.decode(bytes);
    } catch {
      throw new ForeignCborError('a text string that is not UTF-8');
    }
  }

  item(depth: number): ForeignValue {
    if (depth > MAX_FOREIGN_DEPTH) throw new ForeignCborError(`nested deeper than ${MAX_FOREIGN_DEPTH}`);
    if (++this.items > MAX_FOREIGN_ITEMS) throw new ForeignCborError(`more than ${MAX_FOREIGN_ITEMS} items`);
    const initial = this.byte();
    const major = initial >> 5;
    const info = initial & 31;
    if (major === 7) return this.simple(info);
    const n = this.argument(info);
    switch (major) {
      case 0:
        if (n === null) throw new ForeignCborError('an indefinite integer');
        return n;
      case 1:
        if (n === null) throw new ForeignCborError('an indefinite integer');
        return typeof n === 'number' ? -1 - n : -1n - n;
      case 2:
        return this.string(2, n);
      case 3:
        return this.text(this.string(3, n));
      case 4: {
        const out: ForeignValue[] = [];
        if (n === null) {
          while (!this.breakNext()) out.push(this.item(depth + 1));
        } else {
          const len = this.count(n);
          for (let i = 0; i < len; i++) out.push(this.item(depth + 1));
        }
        return out;
      }
      case 5: {
        const out = new Map<ForeignValue, ForeignValue>();
        const entry = (): void => {
          const key = this.item(depth + 1);
          if (typeof key === 'object' && key !== null) throw new ForeignCborError('a map key that is not a number, text or simple value');
          if (out.has(key)) throw new ForeignCborError('a duplicate map key');
          out.set(key, this.item(depth + 1));
        };
        if (n === null) {
          while (!this.breakNext()) entry();
        } else {
          const len = this.count(n);
          for (let i = 0; i < len; i++) entry();
        }
        return out;
      }
      default: // 6: a tag
        if (n === null) throw new ForeignCborError('an indefinite tag');
        return new ForeignTag(n, this.item(depth + 1));
    }
  }

  private breakNext(): boolean {
    this.need(1);
    if (this.bytes[this.at] !== 0xff) return false;
    this.at++;
    return true;
  }

  private simple(info: number): ForeignValue {
    if (info < 20) return new ForeignSimple(info);
    switch (info) {
      case 20: return false;
      case 21: return true;
      case 22: return null;
      case 23: return undefined;
      case 24: {
        const v = this.byte();
        if (v < 32) throw new ForeignCborError('a simple value in two bytes below 32');
        return new ForeignSimple(v);
      }
      case 25: {
        this.need(2);
        const v = halfToNumber((this.bytes[this.at]! << 8) | this.bytes[this.at + 1]!);
        this.at += 2;
        return new ForeignFloat(v);
      }
      case 26: case 27: {
        const width = info === 26 ? 4 : 8;
        this.need(width);
        const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.at, width);
        this.at += width;
        return new ForeignFloat(width === 4 ? view.getFloat32(0) : view.getFloat64(0));
      }
      default:
        throw new ForeignCborError(info === 31 ? 'a break outside an indefinite item' : `reserved simple value ${info}`);
    }
  }
}

function halfToNumber(h: number): number {
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  const sign = h & 0x8000 ? -1 : 1;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/**
 * Reads one CBOR item that spans all of `bytes`.
 *
 * @throws {@link ForeignCborError} when the bytes are not exactly one well-formed item within the bounds.
 */
export function readForeignCbor(bytes: Uint8Array): ForeignValue {
  const reader = new Reader(bytes);
  const value = reader.item(1);
  if (reader.at !== bytes.length) throw new ForeignCborError('bytes after the item');
  return value;
}

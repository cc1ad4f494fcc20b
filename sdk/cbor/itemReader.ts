/**
 * One CBOR reader for the SDK's two uses: validated input on the hot path (validatedReader.ts: no
 * tags) and everything else (valueDecoder.ts: tags too). It reads into the encoder's value model:
 * integers (numbers; bigint beyond the safe range), byte strings (copies), text, arrays, maps (Map),
 * tags (Tagged), false, true, null. Heads need not be the shortest and map keys need not be sorted
 * (RFC 8949 well-formedness); PG1's strict rules are the validators' (the core's isStrictCbor).
 * Floats, undefined, other simple values and indefinite lengths have no place in the model: refused.
 */
import { Tagged, type CborValue } from './deterministicEncoder.js';

/** Why an item could not be read: the bytes end early or are not CBOR, or hold what the model has no place for. */
export class ItemReadError extends Error {
  constructor(readonly kind: 'malformed' | 'unsupported', message: string) {
    super(message);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Deeper nesting than any PG1 structure, and shallow enough never to exhaust the call stack. */
const MAX_DEPTH = 64;

class Reader {
  private at = 0;
  constructor(private readonly bytes: Uint8Array, private readonly tags: boolean) {}

  private need(n: number): void {
    if (n > this.bytes.length - this.at) throw new ItemReadError('malformed', 'the item ends early');
  }

  private argument(info: number): number | bigint {
    const b = this.bytes;
    if (info < 24) return info;
    const width = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (width === 0) throw new ItemReadError(info === 31 ? 'unsupported' : 'malformed', info === 31 ? 'indefinite length' : `reserved additional information ${info}`);
    this.need(width);
    if (width === 8) {
      let v = 0n;
      for (let i = 0; i < 8; i++) v = (v << 8n) | BigInt(b[this.at++]!);
      return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
    }
    let n = 0;
    for (let i = 0; i < width; i++) n = n * 256 + b[this.at++]!;
    return n;
  }

  /** A length or count, which must fit in what is left of the input (every item takes a byte at least). */
  private count(info: number): number {
    const n = this.argument(info);
    if (typeof n !== 'number') throw new ItemReadError('malformed', 'the item ends early');
    this.need(n);
    return n;
  }

  item(depth = 0): CborValue {
    if (depth > MAX_DEPTH) throw new ItemReadError('unsupported', `nested deeper than ${MAX_DEPTH}`);
    this.need(1);
    const initial = this.bytes[this.at++]!;
    const major = initial >> 5;
    const info = initial & 31;
    switch (major) {
      case 0: return this.argument(info);
      case 1: {
        const n = this.argument(info);
        // -1 - n stays a number only where it is exact (down to -(2^53 - 1)).
        return typeof n === 'number' && n < Number.MAX_SAFE_INTEGER ? -1 - n : -1n - BigInt(n);
      }
      case 2:
      case 3: {
        const n = this.count(info);
        const slice = this.bytes.subarray(this.at, this.at + n);
        this.at += n;
        if (major === 2) return new Uint8Array(slice); // a copy, and a plain Uint8Array even from a Buffer
        try {
          return utf8.decode(slice);
        } catch {
          throw new ItemReadError('malformed', 'text is not UTF-8');
        }
      }
      case 4: {
        const n = this.count(info);
        const out: CborValue[] = [];
        for (let i = 0; i < n; i++) out.push(this.item(depth + 1));
        return out;
      }
      case 5: {
        const n = this.count(info);
        const out = new Map<CborValue, CborValue>();
        for (let i = 0; i < n; i++) {
          const k = this.item(depth + 1);
          out.set(k, this.item(depth + 1));
        }
        return out;
      }
      case 6: {
        if (!this.tags) throw new ItemReadError('unsupported', 'a tag');
        const tag = this.argument(info);
        return new Tagged(tag, this.item(depth + 1));
      }
      default:
        if (info === 20) return false;
        if (info === 21) return true;
        if (info === 22) return null;
        throw new ItemReadError('unsupported', info >= 25 && info <= 27 ? 'a float' : info === 23 ? 'undefined' : `simple value ${info}`);
    }
  }

  end(): void {
    if (this.at !== this.bytes.length) throw new ItemReadError('malformed', 'bytes after the item');
  }
}

/** Reads one complete item (no trailing bytes); `tags`: whether tags are read (as Tagged) or refused. */
export function readItem(bytes: Uint8Array, tags: boolean): CborValue {
  const reader = new Reader(bytes, tags);
  const value = reader.item();
  reader.end();
  return value;
}

/**
 * Reads CBOR that the core has already validated strictly (PG1 §1: definite lengths, shortest heads,
 * no tags, no floats, UTF-8 text) into the encoder's value model. Verification decodes every disclosed
 * value with it: a few dozen lines beat a general decoder's set-up on values of a few bytes. Input that
 * is not validated CBOR throws; cbor-x (valueDecoder.ts) remains the reader for everything else.
 */
import { Tagged, type CborValue } from './deterministicEncoder.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

class Reader {
  private at = 0;
  constructor(private readonly bytes: Uint8Array, private readonly tags: boolean) {}

  private argument(info: number): number | bigint {
    const b = this.bytes;
    if (info < 24) return info;
    let n = 0;
    const width = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (width === 0 || this.at + width > b.length) throw new RangeError('not validated CBOR');
    if (width === 8) {
      let v = 0n;
      for (let i = 0; i < 8; i++) v = (v << 8n) | BigInt(b[this.at++]!);
      return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
    }
    for (let i = 0; i < width; i++) n = n * 256 + b[this.at++]!;
    return n;
  }

  /** A length or count: validated input never has one beyond the safe integers. */
  private length(info: number): number {
    const n = this.argument(info);
    if (typeof n !== 'number') throw new RangeError('not validated CBOR');
    return n;
  }

  item(): CborValue {
    if (this.at >= this.bytes.length) throw new RangeError('not validated CBOR');
    const initial = this.bytes[this.at++]!;
    const major = initial >> 5;
    const info = initial & 31;
    switch (major) {
      case 0: return this.argument(info);
      case 1: {
        const n = this.argument(info);
        return typeof n === 'number' ? -1 - n : -1n - n;
      }
      case 2:
      case 3: {
        const n = this.length(info);
        if (this.at + n > this.bytes.length) throw new RangeError('not validated CBOR');
        const slice = this.bytes.subarray(this.at, this.at + n);
        this.at += n;
        return major === 2 ? slice.slice() : utf8.decode(slice);
      }
      case 4: {
        const n = this.length(info);
        const out: CborValue[] = [];
        for (let i = 0; i < n; i++) out.push(this.item());
        return out;
      }
      case 5: {
        const n = this.length(info);
        const out = new Map<CborValue, CborValue>();
        for (let i = 0; i < n; i++) {
          const k = this.item();
          out.set(k, this.item());
        }
        return out;
      }
      case 6:
        if (!this.tags) throw new RangeError('not validated CBOR');
        return new Tagged(this.argument(info), this.item());
      case 7:
        if (info === 20) return false;
        if (info === 21) return true;
        if (info === 22) return null;
        throw new RangeError('not validated CBOR');
      default:
        throw new RangeError('not validated CBOR');
    }
  }

  end(): void {
    if (this.at !== this.bytes.length) throw new RangeError('not validated CBOR');
  }
}

function read(bytes: Uint8Array, tags: boolean): CborValue {
  const r = new Reader(bytes, tags);
  const v = r.item();
  r.end();
  return v;
}

/** Decodes one validated item (no trailing bytes, no tags). */
export function readValidated(bytes: Uint8Array): CborValue {
  return read(bytes, false);
}

/**
 * The same, with tags read as Tagged: for a whole presentation, whose token carries tag 18. The
 * caller checks that the tags are where PG1 places them.
 */
export function readValidatedTagged(bytes: Uint8Array): CborValue {
  return read(bytes, true);
}

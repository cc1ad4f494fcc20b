/**
 * Reference: the PG1 §1 encoding rules as a plain recursive-descent check over the bytes, written
 * without cbor-x (which is lenient) and without the SDK encoder, so that it can judge both.
 *
 * A document passes iff it is one well-formed CBOR item with no bytes after it that
 * - has definite lengths only and the shortest head for every integer, length and tag;
 * - has each map's keys strictly increasing by their encoded bytes (so no duplicate);
 * - holds only major types 0-6 and the simple values false, true and null;
 * - has valid UTF-8 in every text string;
 * - nests at most 16 levels (top item level 1, each array or map adds one; tags add none);
 * - has tag 18 only where the caller's TagRule allows it, and no other tag anywhere.
 */

export type StrictCborErrorCode =
  | 'EMPTY'
  | 'TRUNCATED'
  | 'TRAILING_BYTES'
  | 'RESERVED_INFO'
  | 'INDEFINITE_LENGTH'
  | 'NOT_SHORTEST'
  | 'FLOAT'
  | 'FORBIDDEN_SIMPLE'
  | 'BAD_UTF8'
  | 'UNSORTED_KEYS'
  | 'DUPLICATE_KEY'
  | 'TOO_DEEP'
  | 'FORBIDDEN_TAG';

export class StrictCborError extends Error {
  override readonly name = 'StrictCborError';
  constructor(
    readonly code: StrictCborErrorCode,
    readonly offset: number,
  ) {
    super(`${code} at offset ${offset}`);
  }
}

/**
 * Where PG1 places its one tag: nowhere (embedded documents), on the top item (a bare token, a
 * trust list, a revocation list), or on the first element of the top array (a presentation).
 */
export type TagRule = 'none' | 'root' | 'rootArrayFirst';

export const MAX_DEPTH = 16;
const COSE_SIGN1_TAG = 18n;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

interface Head {
  readonly major: number;
  readonly info: number;
  readonly arg: bigint;
  readonly end: number;
}

class Checker {
  constructor(
    private readonly b: Uint8Array,
    private readonly rule: TagRule,
  ) {}

  private fail(code: StrictCborErrorCode, at: number): never {
    throw new StrictCborError(code, at);
  }

  private head(pos: number): Head {
    const b = this.b;
    if (pos >= b.length) this.fail('TRUNCATED', pos);
    const ib = b[pos]!;
    const major = ib >> 5;
    const info = ib & 0x1f;
    if (info < 24) return { major, info, arg: BigInt(info), end: pos + 1 };
    if (info === 31) this.fail(major >= 2 && major <= 5 ? 'INDEFINITE_LENGTH' : 'RESERVED_INFO', pos);
    if (info > 27) this.fail('RESERVED_INFO', pos);
    const n = 1 << (info - 24); // 1, 2, 4 or 8 argument bytes
    if (pos + 1 + n > b.length) this.fail('TRUNCATED', pos);
    let arg = 0n;
    for (let i = 0; i < n; i++) arg = (arg << 8n) | BigInt(b[pos + 1 + i]!);
    // Major 7 uses these widths for floats and simple values: judged by the caller, not here.
    if (major !== 7) {
      const floor = info === 24 ? 24n : info === 25 ? 0x100n : info === 26 ? 0x10000n : 0x100000000n;
      if (arg < floor) this.fail('NOT_SHORTEST', pos);
    }
    return { major, info, arg, end: pos + 1 + n };
  }

  private compare(a0: number, a1: number, b0: number, b1: number): number {
    const b = this.b;
    const n = Math.min(a1 - a0, b1 - b0);
    for (let i = 0; i < n; i++) {
      const d = b[a0 + i]! - b[b0 + i]!;
      if (d !== 0) return d;
    }
    return a1 - a0 - (b1 - b0);
  }

  /** Checks the item at `pos` (at nesting `level`) and returns where it ends. */
  item(pos: number, level: number, tagAllowed: boolean, isRoot: boolean): number {
    const h = this.head(pos);
    const remaining = BigInt(this.b.length - h.end);
    switch (h.major) {
      case 0:
      case 1:
        return h.end;
      case 2:
      case 3: {
        if (h.arg > remaining) this.fail('TRUNCATED', pos);
        const end = h.end + Number(h.arg);
        if (h.major === 3) {
          try {
            utf8.decode(this.b.subarray(h.end, end));
          } catch {
            this.fail('BAD_UTF8', pos);
          }
        }
        return end;
      }
      case 4: {
        if (h.arg > remaining) this.fail('TRUNCATED', pos);
        if (h.arg > 0n && level + 1 > MAX_DEPTH) this.fail('TOO_DEEP', pos);
        let p = h.end;
        for (let i = 0n; i < h.arg; i++) {
          const firstOfRoot = isRoot && i === 0n && this.rule === 'rootArrayFirst';
          p = this.item(p, level + 1, firstOfRoot, false);
        }
        return p;
      }
      case 5: {
        if (h.arg * 2n > remaining) this.fail('TRUNCATED', pos);
        if (h.arg > 0n && level + 1 > MAX_DEPTH) this.fail('TOO_DEEP', pos);
        let p = h.end;
        let prevKey: [number, number] | null = null;
        for (let i = 0n; i < h.arg; i++) {
          const keyStart = p;
          p = this.item(p, level + 1, false, false);
          if (prevKey !== null) {
            const c = this.compare(prevKey[0], prevKey[1], keyStart, p);
            if (c === 0) this.fail('DUPLICATE_KEY', keyStart);
            if (c > 0) this.fail('UNSORTED_KEYS', keyStart);
          }
          prevKey = [keyStart, p];
          p = this.item(p, level + 1, false, false);
        }
        return p;
      }
      case 6:
        if (!tagAllowed || h.arg !== COSE_SIGN1_TAG) this.fail('FORBIDDEN_TAG', pos);
        // A tag adds no level; its content is not itself a place for a tag.
        return this.item(h.end, level, false, false);
      default: {
        // major 7: only f4 (false), f5 (true), f6 (null)
        if (h.info >= 25 && h.info <= 27) this.fail('FLOAT', pos);
        if (h.info === 20 || h.info === 21 || h.info === 22) return h.end;
        return this.fail('FORBIDDEN_SIMPLE', pos);
      }
    }
  }
}

/** Throws StrictCborError unless `bytes` is one document that meets every rule of PG1 §1. */
export function checkStrictCbor(bytes: Uint8Array, rule: TagRule): void {
  if (bytes.length === 0) throw new StrictCborError('EMPTY', 0);
  const end = new Checker(bytes, rule).item(0, 1, rule === 'root', true);
  if (end !== bytes.length) throw new StrictCborError('TRAILING_BYTES', end);
}

export function isStrictCbor(bytes: Uint8Array, rule: TagRule): boolean {
  try {
    checkStrictCbor(bytes, rule);
    return true;
  } catch (e) {
    if (e instanceof StrictCborError) return false;
    throw e;
  }
}

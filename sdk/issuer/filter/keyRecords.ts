/**
 * Key files as `passgate revocations filter` reads them: binary (8-byte keys back to back, in any
 * order) or text (one hex value a line: 16 digits for a key H(cti)[0..8], 32 for a cti, whose key
 * is computed). Files are read in chunks cut at record boundaries; a chunk knows where it starts,
 * so that an error names its line.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { HI, keyWords, LO } from './keyArray.js';
import { RevocationFilterError } from './revocationFilterError.js';

/** `'bin'`: 8-byte keys back to back; `'hex'`: text, one hex key (16 digits) or cti (32) a line. */
export type KeyFormat = 'bin' | 'hex';

/** Part of a key source, cut at a record boundary. */
export interface KeyChunk {
  /** Whole keys (binary) or whole lines (text). */
  readonly bytes: Uint8Array;
  /** The number (from 1) of the chunk's first line (text) or first key (binary). */
  readonly first: number;
}

/** A file name ending in `.bin` holds binary keys; any other, text. */
export function keyFormatOf(name: string): KeyFormat {
  return name.toLowerCase().endsWith('.bin') ? 'bin' : 'hex';
}

function binaryKeys(bytes: Uint8Array, first: number): BigUint64Array {
  if (bytes.length % 8 !== 0) throw new RevocationFilterError('BAD_KEYS', `key ${first + Math.floor(bytes.length / 8)} is cut short: a binary key file holds 8 bytes a key`);
  const n = bytes.length / 8;
  const keys = new BigUint64Array(n);
  const w = keyWords(keys);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  for (let i = 0, o = 0; i < n; i++, o += 8) {
    w[2 * i + HI] = view.getUint32(o, false);
    w[2 * i + LO] = view.getUint32(o + 4, false);
  }
  return keys;
}

/** The value of an ASCII hex digit, or -1. */
function digit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

const SPACE = new Set([0x20, 0x09, 0x0d]);

function textKeys(bytes: Uint8Array, first: number): BigUint64Array {
  const out: number[] = []; // hi, lo, hi, lo...
  const cti = new Uint8Array(16);
  let line = first;
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    let a = start;
    let b = end;
    while (a < b && SPACE.has(bytes[a]!)) a++;
    while (b > a && SPACE.has(bytes[b - 1]!)) b--;
    const digits = b - a;
    if (digits > 0) {
      for (let i = a; i < b; i++) {
        if (digit(bytes[i]!) < 0) {
          throw new RevocationFilterError('BAD_KEYS', `line ${line}: "${new TextDecoder().decode(bytes.subarray(a, Math.min(b, a + 40)))}" is not hex`);
        }
      }
      if (digits === 16) {
        let hi = 0;
        let lo = 0;
        for (let i = 0; i < 8; i++) hi = hi * 16 + digit(bytes[a + i]!);
        for (let i = 8; i < 16; i++) lo = lo * 16 + digit(bytes[a + i]!);
        out.push(hi, lo);
      } else if (digits === 32) {
        for (let i = 0; i < 16; i++) cti[i] = digit(bytes[a + 2 * i]!) * 16 + digit(bytes[a + 2 * i + 1]!);
        const h = sha256(cti);
        out.push(((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0, ((h[4]! << 24) | (h[5]! << 16) | (h[6]! << 8) | h[7]!) >>> 0);
      } else {
        throw new RevocationFilterError('BAD_KEYS', `line ${line}: ${digits} hex digits; a line holds 16 (a key, H(cti)[0..8]) or 32 (a cti)`);
      }
    }
    line++;
    start = end + 1;
  }
  const keys = new BigUint64Array(out.length / 2);
  const w = keyWords(keys);
  for (let i = 0; i < keys.length; i++) {
    w[2 * i + HI] = out[2 * i]!;
    w[2 * i + LO] = out[2 * i + 1]!;
  }
  return keys;
}

/** The keys of a chunk, in file order (repeats kept). */
export function parseKeyChunk(format: KeyFormat, chunk: KeyChunk): BigUint64Array {
  return format === 'bin' ? binaryKeys(chunk.bytes, chunk.first) : textKeys(chunk.bytes, chunk.first);
}

/** Lines in a text chunk (to number the next one). */
export function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

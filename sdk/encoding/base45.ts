/**
 * Base45 (RFC 9285), strict. PG1 §4 puts base45 text in QR alphanumeric mode, so only the 45
 * characters of the RFC alphabet are accepted (no lower case), and the decoder refuses what the
 * RFC calls invalid: a length of 1 mod 3, a triple above 65535, a final pair above 255.
 */

export type Base45ErrorCode = 'BAD_CHARACTER' | 'BAD_LENGTH' | 'BAD_VALUE';

export class Base45Error extends Error {
  override readonly name = 'Base45Error';
  constructor(
    readonly code: Base45ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const BASE45_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

const VALUE_OF: ReadonlyMap<number, number> = new Map(
  Array.from(BASE45_ALPHABET, (ch, i) => [ch.charCodeAt(0), i] as const),
);

export function encodeBase45(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 1 < bytes.length; i += 2) {
    let n = bytes[i]! * 256 + bytes[i + 1]!;
    const c = n % 45;
    n = (n - c) / 45;
    const d = n % 45;
    const e = (n - d) / 45;
    out += BASE45_ALPHABET[c]! + BASE45_ALPHABET[d]! + BASE45_ALPHABET[e]!;
  }
  if (i < bytes.length) {
    const n = bytes[i]!;
    out += BASE45_ALPHABET[n % 45]! + BASE45_ALPHABET[Math.floor(n / 45)]!;
  }
  return out;
}

function valueAt(text: string, index: number): number {
  const v = VALUE_OF.get(text.charCodeAt(index));
  if (v === undefined) throw new Base45Error('BAD_CHARACTER', `character ${JSON.stringify(text[index])} at offset ${index} is not base45`);
  return v;
}

export function decodeBase45(text: string): Uint8Array {
  if (text.length % 3 === 1) throw new Base45Error('BAD_LENGTH', `base45 text of length ${text.length} (1 mod 3)`);
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  let i = 0;
  for (; i + 2 < text.length; i += 3) {
    const n = valueAt(text, i) + valueAt(text, i + 1) * 45 + valueAt(text, i + 2) * 2025;
    if (n > 0xffff) throw new Base45Error('BAD_VALUE', `base45 triple at offset ${i} is ${n} (> 65535)`);
    out[o++] = n >> 8;
    out[o++] = n & 0xff;
  }
  if (i < text.length) {
    const n = valueAt(text, i) + valueAt(text, i + 1) * 45;
    if (n > 0xff) throw new Base45Error('BAD_VALUE', `final base45 pair is ${n} (> 255)`);
    out[o++] = n;
  }
  return out;
}

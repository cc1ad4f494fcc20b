/** Hex text <-> bytes. Output is lowercase (PG1 §9); input may be either case. */

export type HexErrorCode = 'ODD_LENGTH' | 'BAD_CHARACTER';

export class HexError extends Error {
  override readonly name = 'HexError';
  constructor(
    readonly code: HexErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const DIGITS = '0123456789abcdef';

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += DIGITS[b >> 4]! + DIGITS[b & 15]!;
  return out;
}

function nibble(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30; // 0-9
  if (code >= 0x61 && code <= 0x66) return code - 0x57; // a-f
  if (code >= 0x41 && code <= 0x46) return code - 0x37; // A-F
  return -1;
}

/** Strict: every character must be a hex digit (no whitespace, no 0x prefix). */
export function fromHex(text: string): Uint8Array {
  if (text.length % 2 !== 0) throw new HexError('ODD_LENGTH', 'hex text has an odd number of digits');
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(text.charCodeAt(2 * i));
    const lo = nibble(text.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) throw new HexError('BAD_CHARACTER', `not a hex digit at offset ${hi < 0 ? 2 * i : 2 * i + 1}`);
    out[i] = (hi << 4) | lo;
  }
  return out;
}

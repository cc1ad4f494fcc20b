/**
 * Reference transport decoding (PG1 §4, §9): `PG1:` + strict base45, or hex of the raw bytes in
 * either case, or raw bytes. Written independently of sdk/encoding so that the SDK's codecs are
 * checked against it rather than trusted by it. Returns null for anything that is not valid.
 */

const B45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

function strictBase45(text: string): Uint8Array | null {
  if (text.length % 3 === 1) return null;
  const values: number[] = [];
  for (const ch of text) {
    const v = B45.indexOf(ch);
    if (v < 0) return null; // includes lower case: QR alphanumeric mode has none
    values.push(v);
  }
  const out: number[] = [];
  for (let i = 0; i < values.length; i += 3) {
    if (i + 2 < values.length) {
      const n = values[i]! + values[i + 1]! * 45 + values[i + 2]! * 45 * 45;
      if (n > 0xffff) return null;
      out.push(n >> 8, n & 0xff);
    } else {
      const n = values[i]! + values[i + 1]! * 45;
      if (n > 0xff) return null;
      out.push(n);
    }
  }
  return Uint8Array.from(out);
}

function strictHex(text: string): Uint8Array | null {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return null;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * The presentation bytes carried by one input line (without its line terminator), or null.
 * An empty line is null: §9 makes it MALFORMED.
 */
export function transportBytes(input: string | Uint8Array): Uint8Array | null {
  if (typeof input !== 'string') return input;
  if (input.length === 0) return null;
  if (input.startsWith('PG1:')) return strictBase45(input.slice(4));
  return strictHex(input);
}

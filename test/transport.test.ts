// The core's transport decoders (assembly/encoding/base45.ts, assembly/encoding/hex.ts and transportTextDecodeTo):
// PG1 §4 (`PG1:` + base45, RFC 9285) and §9 (hex of the raw bytes, either case).
//
// Sources are placed flush against the end of the core's linear memory, so a read past the given
// length traps instead of going unnoticed.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { instantiateCore, type CoreExports } from '../sdk/core/loadCore.js';

let core: CoreExports;
beforeAll(async () => {
  core = await instantiateCore();
});

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

function fromHex(s: string): Uint8Array {
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}
const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** Copies bytes to the very end of linear memory; returns their address. */
function place(bytes: Uint8Array): number {
  const mem = new Uint8Array(core.memory.buffer);
  const ptr = mem.length - bytes.length;
  mem.set(bytes, ptr);
  return ptr;
}

type Decoder = 'base45DecodeTo' | 'hexDecodeTo' | 'transportTextDecodeTo';

/** Decodes into a separate buffer (the I/O area) and, independently, in place; both must agree. */
function decode(fn: Decoder, text: Uint8Array): Uint8Array | null {
  const dst = core.ioBuffer();
  const n = core[fn](place(text), text.length, dst);
  const separate = n < 0 ? null : new Uint8Array(core.memory.buffer, dst, n).slice();
  const src = place(text);
  const m = core[fn](src, text.length, src);
  const inPlace = m < 0 ? null : new Uint8Array(core.memory.buffer, src, m).slice();
  expect(n).toBe(m);
  expect(n >= -1).toBe(true);
  if (separate && inPlace) expect(toHex(inPlace)).toBe(toHex(separate));
  return separate;
}

/** RFC 9285 §4 encoder, written from the RFC text. */
function base45Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = bytes[i]! * 256 + bytes[i + 1]!;
    for (let k = 0; k < 3; k++) {
      out += ALPHABET[n % 45];
      n = Math.floor(n / 45);
    }
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1]!;
    out += ALPHABET[n % 45]! + ALPHABET[Math.floor(n / 45)]!;
  }
  return out;
}

/** Strict reference decoder (RFC 9285 §4 and §6), independent of the core's. */
function base45Reference(text: string): Uint8Array | null {
  if (text.length % 3 === 1) return null;
  const v = Array.from(text, (c) => ALPHABET.indexOf(c));
  if (v.some((x) => x < 0)) return null;
  const out: number[] = [];
  for (let i = 0; i < v.length; i += 3) {
    if (i + 2 < v.length) {
      const n = v[i]! + v[i + 1]! * 45 + v[i + 2]! * 45 * 45;
      if (n > 0xffff) return null;
      out.push(n >> 8, n & 0xff);
    } else {
      const n = v[i]! + v[i + 1]! * 45;
      if (n > 0xff) return null;
      out.push(n);
    }
  }
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------------------------------------

interface Rfc9285 {
  valid: { section: string; bytes_hex: string; base45: string }[];
  invalid: { section: string; base45: string; reason: string }[];
  derived_not_from_rfc_text: {
    valid: { bytes_hex: string; base45: string }[];
    invalid: { base45: string; reason: string }[];
  };
}
const rfc = JSON.parse(
  readFileSync(new URL('./vectors/base45/rfc9285-examples.json', import.meta.url), 'utf8'),
) as Rfc9285;

describe('base45: RFC 9285 examples', () => {
  const valid = [...rfc.valid, ...rfc.derived_not_from_rfc_text.valid];
  const invalid = [...rfc.invalid, ...rfc.derived_not_from_rfc_text.invalid];
  it('has the expected examples', () => {
    expect(rfc.valid.length).toBe(5);
    expect(invalid.length).toBe(7);
  });
  for (const v of valid) {
    it(`decodes "${v.base45}" to ${v.bytes_hex || '(empty)'}`, () => {
      const got = decode('base45DecodeTo', ascii(v.base45));
      expect(got && toHex(got)).toBe(v.bytes_hex);
      expect(base45Encode(fromHex(v.bytes_hex))).toBe(v.base45);
      expect(base45Reference(v.base45) && toHex(base45Reference(v.base45)!)).toBe(v.bytes_hex);
    });
  }
  for (const v of invalid) {
    it(`refuses "${v.base45}" (${v.reason})`, () => {
      expect(decode('base45DecodeTo', ascii(v.base45))).toBeNull();
      expect(base45Reference(v.base45)).toBeNull();
    });
  }
});

describe('base45: every error class', () => {
  it('refuses every byte outside the 45-character alphabet, in every position of a group', () => {
    const bad = Array.from({ length: 256 }, (_, i) => i).filter((c) => !ALPHABET.includes(String.fromCharCode(c)));
    expect(bad).toHaveLength(256 - 45);
    for (const c of bad) {
      for (const base of ['000', '00']) {
        for (let at = 0; at < base.length; at++) {
          const t = ascii(base);
          t[at] = c;
          expect(decode('base45DecodeTo', t), `byte ${c} at ${at} of ${base}`).toBeNull();
        }
      }
    }
  });

  it('refuses lower case letters (base45 has no case folding)', () => {
    for (const c of 'abcdefghijklmnopqrstuvwxyz') {
      expect(decode('base45DecodeTo', ascii(`${c}${c}`))).toBeNull();
      expect(decode('base45DecodeTo', ascii(`${c.toUpperCase()}0`))).not.toBeNull();
    }
  });

  it('refuses every length ≡ 1 (mod 3)', () => {
    for (let n = 1; n <= 40; n += 3) expect(decode('base45DecodeTo', ascii('0'.repeat(n))), `length ${n}`).toBeNull();
    for (let n = 0; n <= 40; n++) if (n % 3 !== 1) expect(decode('base45DecodeTo', ascii('0'.repeat(n)))).toHaveLength(n - Math.ceil(n / 3));
  });

  it('a 3-character group: 65535 is accepted, 65536 and above refused', () => {
    expect(toHex(decode('base45DecodeTo', ascii('FGW'))!)).toBe('ffff'); // 15 + 16*45 + 32*2025
    expect(decode('base45DecodeTo', ascii('GGW'))).toBeNull(); // 65536
    expect(decode('base45DecodeTo', ascii(':::'))).toBeNull(); // 91124, the largest
    expect(decode('base45DecodeTo', ascii('000GGW'))).toBeNull(); // not only in the first group
    expect(decode('base45DecodeTo', ascii('GGW00'))).toBeNull();
    // Exhaustive over the last character: values e*2025 + 15 + 16*45 for e = 0..44.
    for (let e = 0; e < 45; e++) {
      const n = 15 + 16 * 45 + e * 2025;
      const got = decode('base45DecodeTo', ascii(`FG${ALPHABET[e]}`));
      if (n <= 0xffff) expect(got && toHex(got)).toBe(n.toString(16).padStart(4, '0'));
      else expect(got).toBeNull();
    }
  });

  it('a final 2-character group: 255 is accepted, 256 and above refused', () => {
    expect(toHex(decode('base45DecodeTo', ascii('U5'))!)).toBe('ff'); // 30 + 5*45
    expect(decode('base45DecodeTo', ascii('V5'))).toBeNull(); // 256
    expect(decode('base45DecodeTo', ascii('06'))).toBeNull(); // 270
    expect(decode('base45DecodeTo', ascii('::'))).toBeNull(); // 2024
    expect(decode('base45DecodeTo', ascii('BB8V5'))).toBeNull(); // after a good group
    for (let n = 0; n < 45 * 45; n++) {
      const got = decode('base45DecodeTo', ascii(ALPHABET[n % 45]! + ALPHABET[Math.floor(n / 45)]!));
      if (n <= 0xff) expect(got && toHex(got)).toBe(n.toString(16).padStart(2, '0'));
      else expect(got).toBeNull();
    }
  });

  it('the empty string decodes to nothing', () => {
    expect(decode('base45DecodeTo', new Uint8Array(0))).toHaveLength(0);
  });
});

describe('base45: properties (fast-check)', () => {
  it('round trip: decode(encode(bytes)) = bytes, separately and in place', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const got = decode('base45DecodeTo', ascii(base45Encode(bytes)));
        expect(got && toHex(got)).toBe(toHex(bytes));
      }),
      { numRuns: 3000 },
    );
  });

  it('arbitrary text: the core agrees with the reference decoder', () => {
    const ch = fc.oneof(
      fc.constantFrom(...ALPHABET),
      fc.constantFrom(':', '/', 'W', 'G', 'a', '=', '\n', '\u00ff'),
      fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)),
    );
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 20 }), (chars) => {
        const text = chars.join('');
        const want = base45Reference(text);
        const got = decode('base45DecodeTo', Uint8Array.from(chars, (c) => c.charCodeAt(0)));
        expect(got && toHex(got)).toBe(want && toHex(want));
      }),
      { numRuns: 5000 },
    );
  });

  it('a large input (the whole I/O area) decodes in place', () => {
    const bytes = Uint8Array.from({ length: 40_000 }, (_, i) => (i * 7919) & 0xff);
    const text = ascii(base45Encode(bytes));
    const ptr = core.ioBuffer();
    new Uint8Array(core.memory.buffer).set(text, ptr);
    const n = core.base45DecodeTo(ptr, text.length, ptr);
    expect(n).toBe(bytes.length);
    expect(toHex(new Uint8Array(core.memory.buffer, ptr, n))).toBe(toHex(bytes));
  });
});

// ---------------------------------------------------------------------------------------------

describe('hex', () => {
  it('decodes either case and mixed case', () => {
    expect(toHex(decode('hexDecodeTo', ascii('00ff7F80aBcD'))!)).toBe('00ff7f80abcd');
    expect(toHex(decode('hexDecodeTo', ascii('0123456789abcdefABCDEF'))!)).toBe('0123456789abcdefabcdef');
    expect(decode('hexDecodeTo', new Uint8Array(0))).toHaveLength(0);
  });

  it('refuses odd lengths', () => {
    for (const s of ['0', '000', 'abcde', 'f'.repeat(99)]) expect(decode('hexDecodeTo', ascii(s)), s).toBeNull();
  });

  it('refuses every byte that is not a hex digit, in either position', () => {
    const digits = '0123456789abcdefABCDEF';
    for (let c = 0; c < 256; c++) {
      const ok = digits.includes(String.fromCharCode(c));
      for (let at = 0; at < 2; at++) {
        const t = ascii('a0a0');
        t[2 + at] = c;
        expect(decode('hexDecodeTo', t) !== null, `byte ${c} at ${at}`).toBe(ok);
      }
    }
  });

  it('round trip in either case, separately and in place', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (bytes, upper) => {
        const h = toHex(bytes);
        const got = decode('hexDecodeTo', ascii(upper ? h.toUpperCase() : h));
        expect(got && toHex(got)).toBe(h);
      }),
      { numRuns: 2000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('transportTextDecodeTo: a PG1 text line (§4 QR text, §9 hex)', () => {
  const doc = fromHex('d28443a10127a0450102030405' + '5840' + '11'.repeat(64));

  it('PG1: + base45 decodes to the raw bytes', () => {
    const got = decode('transportTextDecodeTo', ascii(`PG1:${base45Encode(doc)}`));
    expect(got && toHex(got)).toBe(toHex(doc));
  });

  it('hex of the raw bytes (either case) decodes to the same bytes', () => {
    expect(toHex(decode('transportTextDecodeTo', ascii(toHex(doc)))!)).toBe(toHex(doc));
    expect(toHex(decode('transportTextDecodeTo', ascii(toHex(doc).toUpperCase()))!)).toBe(toHex(doc));
  });

  it('the prefix is exact: lower case, missing colon, or a space before are refused', () => {
    // (Characters after the colon, such as ' ' or ':', are base45 characters: they belong to the body.)
    const b45 = base45Encode(doc);
    for (const p of ['pg1:', 'Pg1:', 'PG1', 'PG2:', ' PG1:', 'PG1;']) {
      expect(decode('transportTextDecodeTo', ascii(p + b45)), p).toBeNull();
    }
  });

  it('a bad base45 body after the prefix is refused (no fallback to hex)', () => {
    expect(decode('transportTextDecodeTo', ascii('PG1:A'))).toBeNull();
    expect(decode('transportTextDecodeTo', ascii('PG1:GGW'))).toBeNull();
  });

  it('an empty line or a bare prefix decodes to nothing, which cborValidate refuses (MALFORMED)', () => {
    for (const line of ['', 'PG1:']) {
      const src = place(ascii(line));
      const n = core.transportTextDecodeTo(src, line.length, src);
      expect(n).toBe(0);
      expect(core.cborValidate(src, n, 1)).toBe(3);
    }
  });

  it('end to end in the I/O area: text in, decode in place, validate', () => {
    const text = ascii(`PG1:${base45Encode(doc)}`);
    const ptr = core.ioBuffer();
    new Uint8Array(core.memory.buffer).set(text, ptr);
    const n = core.transportTextDecodeTo(ptr, text.length, ptr);
    expect(n).toBe(doc.length);
    expect(core.cborValidate(ptr, n, 1)).toBe(0);
    expect(core.cborValidate(ptr, n, 0)).toBe(3);
  });

  it('round trip property for both transports', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const a = decode('transportTextDecodeTo', ascii(`PG1:${base45Encode(bytes)}`));
        const b = decode('transportTextDecodeTo', ascii(toHex(bytes)));
        expect(a && toHex(a)).toBe(toHex(bytes));
        expect(b && toHex(b)).toBe(toHex(bytes));
      }),
      { numRuns: 1000 },
    );
  });
});

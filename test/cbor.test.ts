// The core's strict CBOR reader (assembly/encoding/cbor.ts, assembly/encoding/utf8.ts) against PG1 §1.
//
// Inputs are placed flush against the end of the core's linear memory, so a read at or past the end
// of the input is an out-of-bounds access that traps (and fails the test) instead of going unnoticed.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { instantiateCore, type CoreExports } from '../sdk/core/loadCore.js';

const MALFORMED = 3;

let core: CoreExports;
beforeAll(async () => {
  core = await instantiateCore();
});

// ---------------------------------------------------------------------------------------------
// Helpers

function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  if (clean.length % 2 !== 0) throw new Error(`odd hex: ${s}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function repeat(b: number, n: number): Uint8Array {
  return new Uint8Array(n).fill(b);
}

/** Copies bytes to the very end of linear memory; returns their address. */
function place(bytes: Uint8Array): number {
  const mem = new Uint8Array(core.memory.buffer);
  const ptr = mem.length - bytes.length;
  mem.set(bytes, ptr);
  return ptr;
}

function validate(bytes: Uint8Array, allowTag18 = false): boolean {
  const r = core.cborValidate(place(bytes), bytes.length, allowTag18 ? 1 : 0);
  expect(r === 0 || r === MALFORMED).toBe(true);
  return r === 0;
}

// ---------------------------------------------------------------------------------------------
// An independent reference: a plain recursive decoder into a value model, written from PG1 §1 and
// RFC 8949 directly (BigInt arithmetic, DataView, TextDecoder), and a canonical encoder.

type Value =
  | { k: 'uint'; v: bigint }
  | { k: 'nint'; v: bigint } // the head argument: the integer is -1 - v
  | { k: 'bytes'; v: Uint8Array }
  | { k: 'text'; v: Uint8Array } // UTF-8 bytes
  | { k: 'array'; v: Value[] }
  | { k: 'map'; v: [Value, Value][] }
  | { k: 'simple'; v: 20 | 21 | 22 };

class Reject extends Error {}

function refDecodeDocument(buf: Uint8Array, allowTag18: boolean): Value | null {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let pos = 0;

  function need(n: number): void {
    if (pos + n > buf.length) throw new Reject('truncated');
  }
  function head(): { major: number; arg: bigint; ai: number } {
    need(1);
    const ib = buf[pos++]!;
    const major = ib >> 5;
    const ai = ib & 31;
    let arg: bigint;
    if (ai < 24) arg = BigInt(ai);
    else if (ai === 24) {
      need(1);
      arg = BigInt(dv.getUint8(pos));
      pos += 1;
      if (arg < 24n) throw new Reject('non-shortest');
    } else if (ai === 25) {
      need(2);
      arg = BigInt(dv.getUint16(pos));
      pos += 2;
      if (arg < 0x100n) throw new Reject('non-shortest');
    } else if (ai === 26) {
      need(4);
      arg = BigInt(dv.getUint32(pos));
      pos += 4;
      if (arg < 0x10000n) throw new Reject('non-shortest');
    } else if (ai === 27) {
      need(8);
      arg = dv.getBigUint64(pos);
      pos += 8;
      if (arg < 0x100000000n) throw new Reject('non-shortest');
    } else throw new Reject('reserved or indefinite');
    if (major === 7 && ai !== 20 && ai !== 21 && ai !== 22) throw new Reject('float or simple');
    return { major, arg, ai };
  }
  function item(level: number): Value {
    if (level > 16) throw new Reject('too deep');
    const { major, arg } = head();
    switch (major) {
      case 0:
        return { k: 'uint', v: arg };
      case 1:
        return { k: 'nint', v: arg };
      case 2:
      case 3: {
        if (arg > BigInt(buf.length - pos)) throw new Reject('string too long');
        const s = buf.slice(pos, pos + Number(arg));
        pos += s.length;
        if (major === 3) {
          try {
            fatal.decode(s);
          } catch {
            throw new Reject('bad utf-8');
          }
          return { k: 'text', v: s };
        }
        return { k: 'bytes', v: s };
      }
      case 4: {
        if (arg > BigInt(buf.length - pos)) throw new Reject('count too large');
        const v: Value[] = [];
        for (let i = 0n; i < arg; i++) v.push(item(level + 1));
        return { k: 'array', v };
      }
      case 5: {
        if (arg > BigInt(buf.length - pos)) throw new Reject('count too large');
        const v: [Value, Value][] = [];
        let prev: Uint8Array | null = null;
        for (let i = 0n; i < arg; i++) {
          const start = pos;
          const key = item(level + 1);
          const enc = buf.subarray(start, pos);
          if (prev !== null && cmp(prev, enc) >= 0) throw new Reject('keys not increasing');
          prev = enc;
          v.push([key, item(level + 1)]);
        }
        return { k: 'map', v };
      }
      case 6:
        throw new Reject('tag');
      default:
        return { k: 'simple', v: Number(arg) as 20 | 21 | 22 };
    }
  }
  try {
    if (buf.length === 0) return null;
    if (allowTag18 && buf[0]! >> 5 === 6) {
      const { arg } = head();
      if (arg !== 18n) return null;
    }
    const v = item(1);
    return pos === buf.length ? v : null;
  } catch (e) {
    if (e instanceof Reject) return null;
    throw e;
  }
}

function cmp(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function encHead(major: number, arg: bigint): Uint8Array {
  const m = major << 5;
  if (arg < 24n) return Uint8Array.of(m | Number(arg));
  if (arg < 0x100n) return Uint8Array.of(m | 24, Number(arg));
  if (arg < 0x10000n) return Uint8Array.of(m | 25, Number(arg >> 8n), Number(arg & 0xffn));
  const size = arg < 0x100000000n ? 4 : 8;
  const out = new Uint8Array(1 + size);
  out[0] = m | (size === 4 ? 26 : 27);
  for (let i = 0; i < size; i++) out[size - i] = Number((arg >> BigInt(8 * i)) & 0xffn);
  return out;
}

/** Canonical (PG1 §1) encoding; map entries are sorted by encoded key and duplicates dropped. */
function encode(v: Value): Uint8Array {
  switch (v.k) {
    case 'uint':
      return encHead(0, v.v);
    case 'nint':
      return encHead(1, v.v);
    case 'bytes':
      return concat(encHead(2, BigInt(v.v.length)), v.v);
    case 'text':
      return concat(encHead(3, BigInt(v.v.length)), v.v);
    case 'array':
      return concat(encHead(4, BigInt(v.v.length)), ...v.v.map(encode));
    case 'map': {
      const entries = v.v.map(([k, x]) => [encode(k), encode(x)] as const).sort((a, b) => cmp(a[0], b[0]));
      const kept = entries.filter((e, i) => i === 0 || cmp(entries[i - 1]![0], e[0]) !== 0);
      return concat(encHead(5, BigInt(kept.length)), ...kept.flatMap(([k, x]) => [k, x]));
    }
    case 'simple':
      return Uint8Array.of(0xe0 | v.v);
  }
}

// ---------------------------------------------------------------------------------------------
// RFC 8949 / RFC 7049 Appendix A (test/vectors/cbor/appendix_a.json)

interface AppendixEntry {
  hex: string;
  roundtrip: boolean;
  decoded?: unknown;
  diagnostic?: string;
}
const appendix = JSON.parse(
  readFileSync(new URL('./vectors/cbor/appendix_a.json', import.meta.url), 'utf8'),
) as AppendixEntry[];

// Every Appendix A example that PG1 §1 refuses, with the rule it breaks. All others are accepted:
// integers (major 0 and 1 with any shortest-form argument, including 2^64-1 and -2^64, which are CDDL
// `int`), byte and text strings, definite arrays, maps with sorted keys, false, true and null.
const APPENDIX_REJECT: Record<string, string> = {
  c249010000000000000000: 'tag 2 (bignum)',
  c349010000000000000000: 'tag 3 (negative bignum)',
  f90000: 'float', f98000: 'float', f93c00: 'float', fb3ff199999999999a: 'float', f93e00: 'float',
  f97bff: 'float', fa47c35000: 'float', fa7f7fffff: 'float', fb7e37e43c8800759c: 'float',
  f90001: 'float', f90400: 'float', f9c400: 'float', fbc010666666666666: 'float', f97c00: 'float',
  f97e00: 'float', f9fc00: 'float', fa7f800000: 'float', fa7fc00000: 'float', faff800000: 'float',
  fb7ff0000000000000: 'float', fb7ff8000000000000: 'float', fbfff0000000000000: 'float',
  f7: 'undefined',
  f0: 'simple value 16', f818: 'simple value 24', f8ff: 'simple value 255',
  c074323031332d30332d32315432303a30343a30305a: 'tag 0',
  c11a514b67b0: 'tag 1',
  c1fb41d452d9ec200000: 'tag 1 (and a float)',
  d74401020304: 'tag 23',
  d818456449455446: 'tag 24',
  d82076687474703a2f2f7777772e6578616d706c652e636f6d: 'tag 32',
  '5f42010243030405ff': 'indefinite-length byte string',
  '7f657374726561646d696e67ff': 'indefinite-length text string',
  '9fff': 'indefinite-length array',
  '9f018202039f0405ffff': 'indefinite-length array',
  '9f01820203820405ff': 'indefinite-length array',
  '83018202039f0405ff': 'indefinite-length array inside',
  '83019f0203ff820405': 'indefinite-length array inside',
  '9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff': 'indefinite-length array',
  bf61610161629f0203ffff: 'indefinite-length map',
  '826161bf61626163ff': 'indefinite-length map inside',
  bf6346756ef563416d7421ff: 'indefinite-length map',
};

describe('RFC 8949 Appendix A examples', () => {
  it('has the 82 examples and every refusal names an example', () => {
    expect(appendix).toHaveLength(82);
    const all = new Set(appendix.map((e) => e.hex));
    for (const h of Object.keys(APPENDIX_REJECT)) expect(all.has(h), h).toBe(true);
    expect(Object.keys(APPENDIX_REJECT)).toHaveLength(45);
  });

  for (const e of appendix) {
    const reason = APPENDIX_REJECT[e.hex];
    const label = `${e.hex} ${JSON.stringify(e.decoded ?? e.diagnostic)}`;
    it(`${reason === undefined ? 'accepts' : `rejects (${reason})`} ${label}`, () => {
      const bytes = hex(e.hex);
      expect(validate(bytes, false)).toBe(reason === undefined);
      // No example carries tag 18, so allowing it changes nothing.
      expect(validate(bytes, true)).toBe(reason === undefined);
      // The reference agrees, and every accepted example re-encodes to itself.
      const ref = refDecodeDocument(bytes, false);
      expect(ref !== null).toBe(reason === undefined);
      if (ref !== null) expect(toHex(encode(ref))).toBe(e.hex);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Hand-made cases, one group per PG1 §1 rule

type Case = [hexBytes: string, valid: boolean, note: string];

function runCases(cases: Case[], allowTag18 = false): void {
  for (const [h, valid, note] of cases) {
    it(`${valid ? 'accepts' : 'rejects'} ${note}: ${h.length > 48 ? `${h.slice(0, 48)}…` : h}`, () => {
      const bytes = hex(h);
      expect(validate(bytes, allowTag18)).toBe(valid);
      expect(refDecodeDocument(bytes, allowTag18) !== null).toBe(valid);
    });
  }
}

const b = (n: number): string => '00'.repeat(n);

describe('shortest heads (RFC 8949 §4.2.1)', () => {
  const cases: Case[] = [];
  // For every major type with an argument, each width just below its range is refused and the
  // smallest value of the width is accepted. Strings get content, arrays get items, so the item is whole.
  const widths: [ai: number, low: bigint, bad: bigint][] = [
    [24, 24n, 23n],
    [25, 0x100n, 0xffn],
    [26, 0x10000n, 0xffffn],
    [27, 0x100000000n, 0xffffffffn],
  ];
  const argHex = (ai: number, v: bigint): string => v.toString(16).padStart(2 * (1 << (ai - 24)), '0');
  for (const major of [0, 1]) {
    for (const [ai, low, bad] of widths) {
      const ib = ((major << 5) | ai).toString(16);
      cases.push([ib + argHex(ai, bad), false, `major ${major} value ${bad} in ai ${ai}`]);
      cases.push([ib + argHex(ai, low), true, `major ${major} value ${low} in ai ${ai}`]);
    }
    cases.push([((major << 5) | 27).toString(16) + 'ffffffffffffffff', true, `major ${major} argument 2^64-1`]);
    cases.push([((major << 5) | 27).toString(16) + '0000000000000000', false, `major ${major} zero in 8 bytes`]);
  }
  // Lengths and counts: widths 24 and 25 (larger ones would not fit a test sensibly; the head check is shared).
  for (const major of [2, 3, 4]) {
    const fill = major === 4 ? '00' : '61';
    cases.push([((major << 5) | 24).toString(16) + '17' + fill.repeat(23), false, `major ${major} length 23 in 1 byte`]);
    cases.push([((major << 5) | 24).toString(16) + '18' + fill.repeat(24), true, `major ${major} length 24 in 1 byte`]);
    cases.push([((major << 5) | 25).toString(16) + '00ff' + fill.repeat(255), false, `major ${major} length 255 in 2 bytes`]);
    cases.push([((major << 5) | 25).toString(16) + '0100' + fill.repeat(256), true, `major ${major} length 256 in 2 bytes`]);
    cases.push([((major << 5) | 26).toString(16) + '0000ffff' + fill.repeat(0xffff), false, `major ${major} length 65535 in 4 bytes`]);
    cases.push([((major << 5) | 27).toString(16) + '00000000ffffffff', false, `major ${major} length 2^32-1 in 8 bytes`]);
  }
  // Map count: 23 and 24 pairs with sorted keys 0..23.
  const pairs = (n: number): string =>
    Array.from({ length: n }, (_, i) => toHex(encHead(0, BigInt(i))) + 'f6').join('');
  cases.push(['b817' + pairs(23), false, 'map count 23 in 1 byte']);
  cases.push(['b818' + pairs(24), true, 'map count 24 in 1 byte']);
  cases.push(['b700' + b(0), false, 'map count 23 in the head, not enough pairs']);
  cases.push(['b7' + pairs(23), true, 'map count 23 in the head']);
  runCases(cases);
});

describe('additional information 28–31 and major type 7', () => {
  const cases: Case[] = [];
  for (let major = 0; major < 8; major++) {
    for (const ai of [28, 29, 30]) {
      cases.push([((major << 5) | ai).toString(16) + '00', false, `major ${major} reserved ai ${ai}`]);
    }
  }
  cases.push(
    ['1f', false, 'indefinite uint'],
    ['3f', false, 'indefinite nint'],
    ['5fff', false, 'empty indefinite byte string'],
    ['7fff', false, 'empty indefinite text string'],
    ['9fff', false, 'empty indefinite array'],
    ['bfff', false, 'empty indefinite map'],
    ['df00', false, 'indefinite tag'],
    ['ff', false, 'a lone break'],
    ['8100ff', false, 'a break after a definite array'],
    ['f4', true, 'false'],
    ['f5', true, 'true'],
    ['f6', true, 'null'],
    ['f7', false, 'undefined'],
    ['e0', false, 'simple(0)'],
    ['f3', false, 'simple(19)'],
    ['f814', false, 'false as a two-byte simple value'],
    ['f820', false, 'simple(32)'],
    ['f97c00', false, 'half float'],
    ['fa00000000', false, 'single float zero'],
    ['fb0000000000000000', false, 'double float zero'],
    ['fc', false, 'reserved 0xfc'],
    ['83f4f5f6', true, 'false, true, null in an array'],
  );
  runCases(cases);
});

describe('tags: only one tag 18, only on the top item, only when allowed', () => {
  runCases(
    [
      ['d280', true, 'tag 18 on an array'],
      ['d200', true, 'tag 18 on an integer (what it tags is the caller’s business)'],
      ['d2', false, 'tag 18 on nothing'],
      ['d2d280', false, 'tag 18 twice'],
      ['d1d280', false, 'tag 17 then tag 18'],
      ['d180', false, 'tag 17'],
      ['d380', false, 'tag 19'],
      ['c280', false, 'tag 2'],
      ['d81280', false, 'tag 18 in a 1-byte argument (non-shortest)'],
      ['d9001280', false, 'tag 18 in a 2-byte argument'],
      ['d84080', false, 'tag 64'],
      ['81d280', false, 'tag 18 inside an array'],
      ['a100d280', false, 'tag 18 as a map value'],
      ['a1d28000', false, 'tag 18 as a map key'],
      ['d28000', false, 'tag 18, item, trailing byte'],
      ['d284' + '43a10126' + 'a0' + '4400010203' + '5840' + '11'.repeat(64), true, 'a COSE_Sign1 shape'],
    ],
    true,
  );
  runCases([
    ['d280', false, 'tag 18 when not allowed'],
    ['d200', false, 'tag 18 on an integer when not allowed'],
    ['80', true, 'the untagged array when tags are not allowed'],
  ]);
  it('allowTag18 is a flag: any non-zero value allows it', () => {
    const bytes = hex('d280');
    expect(core.cborValidate(place(bytes), bytes.length, 2)).toBe(0);
    expect(core.cborValidate(place(bytes), bytes.length, -1)).toBe(0);
  });
});

describe('maps: keys strictly increasing by encoded bytes', () => {
  runCases([
    ['a0', true, 'empty map'],
    ['a201000200', true, 'keys 1, 2'],
    ['a202000100', false, 'keys 2, 1'],
    ['a201000100', false, 'duplicate key 1'],
    ['a201000101', false, 'duplicate key 1 with different values'],
    ['a3010002000100', false, 'duplicate key 1, not adjacent'],
    ['a2186400 2000', true, 'keys 100, -1 (bytewise: 0x18 < 0x20; length-first would differ)'],
    ['a22000 186400', false, 'keys -1, 100'],
    ['a20a002000', true, 'keys 10, -1'],
    ['a2616100616200', true, 'keys "a", "b"'],
    ['a2616200616100', false, 'keys "b", "a"'],
    ['a261610062616100', true, 'keys "a", "a\\0" (0x61 0x61 < 0x62 ...)'],
    ['a2616100616100', false, 'duplicate text key'],
    ['a2006161 4000', true, 'keys 0, h\'\' (major 0 before major 2)'],
    ['a2400060 00', true, 'keys h\'\', "" (0x40 < 0x60)'],
    ['a26000 4000', false, 'keys "", h\'\''],
    ['a2f400f500', true, 'keys false, true'],
    ['a2f500f400', false, 'keys true, false'],
    ['a2 3a00010000 00 01 00', false, 'claims keys -65537 before 1'],
    ['a2 01 00 3a00010000 00', true, 'claims keys 1 then -65537'],
    ['a2 8100 00 8101 00', true, 'array keys [0], [1]'],
    ['a2 8101 00 8100 00', false, 'array keys [1], [0]'],
    ['a2 a10000 00 a10000 00', false, 'duplicate map keys {0:0}'],
    ['a1 00 a2 0100 0100', false, 'duplicate key in a nested map'],
    ['81 a2 0200 0100', false, 'unsorted map inside an array'],
    ['a1 01', false, 'a key without a value'],
    ['a2 0100', false, 'two pairs announced, one present'],
  ]);
});

describe('strings: lengths within the input, text is strict UTF-8', () => {
  runCases([
    ['40', true, 'empty byte string'],
    ['60', true, 'empty text string'],
    ['41', false, 'byte string missing its byte'],
    ['4300', false, 'byte string 3 with 1 byte'],
    ['63616161', true, 'text "aaa"'],
    ['6361', false, 'text of 3 with 1 byte'],
    ['41ff', true, 'byte strings are not checked as UTF-8'],
    ['43fffefd', true, 'a bstr .cbor body is another document (not checked here)'],
    ['6100', true, 'U+0000'],
    ['62c280', true, 'U+0080'],
    ['62dfbf', true, 'U+07FF'],
    ['63e0a080', true, 'U+0800'],
    ['63ed9fbf', true, 'U+D7FF'],
    ['63ee8080', true, 'U+E000'],
    ['63efbbbf', true, 'U+FEFF (a BOM is just a character)'],
    ['63efbfbf', true, 'U+FFFF'],
    ['64f0908080', true, 'U+10000'],
    ['64f48fbfbf', true, 'U+10FFFF'],
    ['6180', false, 'lone continuation byte'],
    ['61bf', false, 'lone continuation byte 0xbf'],
    ['62c080', false, 'overlong U+0000 (C0 80)'],
    ['62c1bf', false, 'overlong U+007F (C1 BF)'],
    ['63e08080', false, 'overlong 3-byte U+0000'],
    ['63e09fbf', false, 'overlong 3-byte U+07FF'],
    ['64f0808080', false, 'overlong 4-byte U+0000'],
    ['64f08fbfbf', false, 'overlong 4-byte U+FFFF'],
    ['63eda080', false, 'surrogate U+D800'],
    ['63edb080', false, 'surrogate U+DC00'],
    ['63edbfbf', false, 'surrogate U+DFFF'],
    ['66eda0bdedb2a9', false, 'surrogate pair encoded as CESU-8'],
    ['64f4908080', false, 'U+110000'],
    ['64f7bfbfbf', false, 'U+1FFFFF'],
    ['61f5', false, 'byte F5'],
    ['61fe', false, 'byte FE'],
    ['61ff', false, 'byte FF'],
    ['61c3', false, 'truncated 2-byte sequence'],
    ['62e6b0', false, 'truncated 3-byte sequence'],
    ['63f09085', false, 'truncated 4-byte sequence'],
    ['62c328', false, 'bad continuation in a 2-byte sequence'],
    ['63e62861', false, 'bad continuation in a 3-byte sequence (2nd byte)'],
    ['63e6b028', false, 'bad continuation in a 3-byte sequence (3rd byte)'],
    ['64f0908528', false, 'bad continuation in a 4-byte sequence (4th byte)'],
    ['62c3bc', true, '"ü"'],
    ['8261c3 61bc', false, 'a character split across two text strings'],
  ]);
});

describe('depth: at most 16 levels, the top item is level 1', () => {
  const arrays = (n: number, inner: string): string => '81'.repeat(n) + inner;
  const maps = (n: number, inner: string): string => 'a100'.repeat(n) + inner;
  runCases([
    [arrays(15, '80'), true, '16 nested arrays, the innermost empty (level 16)'],
    [arrays(16, '80'), false, '17 nested arrays'],
    [arrays(15, '00'), true, '15 nested arrays around an integer at level 16'],
    [arrays(16, '00'), false, '16 nested arrays around an integer at level 17'],
    [maps(15, 'a0'), true, '16 nested maps (level 16)'],
    [maps(16, 'a0'), false, '17 nested maps'],
    [maps(15, '00'), true, '15 nested maps around a value at level 16'],
    [maps(16, '00'), false, 'a value at level 17 in maps'],
    ['a1' + arrays(14, '80') + '00', true, 'a map key that is 15 nested arrays in a map (level 16)'],
    ['a1' + arrays(15, '80') + '00', false, 'a map key reaching level 17'],
    [arrays(7, maps(8, '80')), true, 'arrays and maps mixed to level 16'],
    [arrays(7, maps(8, '8100')), false, 'arrays and maps mixed to level 17'],
    ['82' + arrays(14, '80') + arrays(14, '80'), true, 'two level-16 branches'],
    [arrays(1000, '00'), false, '1000 nested arrays (no deep recursion)'],
  ]);
  runCases(
    [
      ['d2' + arrays(15, '80'), true, 'tag 18 does not add a level'],
      ['d2' + arrays(16, '80'), false, 'tag 18 over 17 levels'],
    ],
    true,
  );
});

describe('document boundaries', () => {
  runCases([
    ['', false, 'empty input'],
    ['0000', false, 'a trailing byte after an integer'],
    ['8000', false, 'a trailing byte after an array'],
    ['a000', false, 'a trailing byte after a map'],
    ['6161ff', false, 'a trailing break'],
    ['f6f6', false, 'two items'],
  ]);

  // A rich valid document: every prefix must be refused (CBOR items are prefix-free), and with the
  // input flush against the end of memory, any read past the given end would trap.
  const doc = hex(
    'd2 84 43a10127 a0 58 2a' +
      ' a7 01 65434e2d3333 04 1a6553f100 05 1b0000000100000000 06 19ffff 07 50' + '5a'.repeat(16) +
      ' 08 a1 01 a2 01 01 20 06' +
      ' 3a00010000 82 5820' + '01'.repeat(32) + ' 5820' + '02'.repeat(32) +
      ' 5840' + '03'.repeat(64),
  );
  // Fix the payload length: everything between the 0x58 0x2a head and the signature.
  const sigHead = doc.length - 66;
  const payloadStart = 1 + 1 + 4 + 1 + 2;
  doc[payloadStart - 1] = sigHead - payloadStart;

  it('the sample document is valid (and matches the reference)', () => {
    expect(validate(doc, true)).toBe(true);
    expect(refDecodeDocument(doc, true)).not.toBeNull();
    const payload = doc.subarray(payloadStart, sigHead);
    expect(validate(payload, false)).toBe(true);
    expect(validate(doc, false)).toBe(false);
  });

  it('refuses the document truncated at every position', () => {
    for (let k = 0; k < doc.length; k++) {
      expect(validate(doc.subarray(0, k), true), `prefix of ${k} bytes`).toBe(false);
    }
  });

  it('refuses the payload truncated at every position', () => {
    const payload = doc.subarray(payloadStart, sigHead);
    for (let k = 0; k < payload.length; k++) {
      expect(validate(payload.subarray(0, k)), `prefix of ${k} bytes`).toBe(false);
    }
  });

  it('refuses the document with any single byte appended', () => {
    for (let x = 0; x < 256; x++) expect(validate(concat(doc, Uint8Array.of(x)), true)).toBe(false);
  });

  it('reads nothing before ptr or at/after ptr+len (surrounding bytes do not matter)', () => {
    const mem = new Uint8Array(core.memory.buffer);
    const ptr = core.ioBuffer();
    for (const fill of [0x00, 0xff, 0x80]) {
      mem.fill(fill, ptr, ptr + 256);
      mem.set(hex('8201'), ptr + 100);
      // [1, <missing>]: whatever follows in memory, the item is truncated at len.
      expect(core.cborValidate(ptr + 100, 2, 0)).toBe(MALFORMED);
      expect(core.cborValidate(ptr + 100, 1, 0)).toBe(MALFORMED);
      mem.set(hex('8101'), ptr + 100);
      expect(core.cborValidate(ptr + 100, 2, 0)).toBe(0);
    }
  });
});

describe('huge counts and lengths are refused before any loop', () => {
  const cases: Case[] = [];
  for (const [major, name] of [
    [2, 'byte string'],
    [3, 'text string'],
    [4, 'array'],
    [5, 'map'],
  ] as const) {
    const m = major << 5;
    cases.push([(m | 27).toString(16) + 'ffffffffffffffff' + '00'.repeat(8), false, `${name} of 2^64-1`]);
    cases.push([(m | 27).toString(16) + '8000000000000000' + '00'.repeat(8), false, `${name} of 2^63`]);
    cases.push([(m | 27).toString(16) + '0000000100000000', false, `${name} of 2^32`]);
    cases.push([(m | 26).toString(16) + 'ffffffff' + '00'.repeat(8), false, `${name} of 2^32-1`]);
    cases.push([(m | 25).toString(16) + 'ffff' + '00'.repeat(8), false, `${name} of 65535`]);
    cases.push([(m | 4).toString(16) + '00'.repeat(3), false, `${name} of 4 with 3 bytes`]);
  }
  cases.push(
    ['83000000', true, 'array of 3 with exactly 3 items'],
    ['a2 00 00 01', false, 'map of 2 with 3 bytes'],
    ['a2 00 00 01 00', true, 'map of 2 with exactly 4 bytes'],
    ['9a' + 'ffffffff' + '81'.repeat(8), false, 'array of 2^32-1 over nested arrays'],
  );
  runCases(cases);

  it('a huge count at the end of a large input is refused quickly', () => {
    // 60,000 bytes of items, and an outer count of 2^32-1: refused by the count check, not by looping.
    const body = repeat(0x00, 60_000);
    const t0 = performance.now();
    expect(validate(concat(hex('9affffffff'), body))).toBe(false);
    expect(validate(concat(hex('99ea60'), body))).toBe(true);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

// ---------------------------------------------------------------------------------------------
// Integer helper and key comparison

describe('cborReadInt', () => {
  const cases: [string, bigint | null][] = [
    ['00', 0n],
    ['17', 23n],
    ['1818', 24n],
    ['20', -1n],
    ['3863', -100n],
    ['1b7fffffffffffffff', 9223372036854775807n],
    ['3b7fffffffffffffff', -9223372036854775808n],
    ['1b8000000000000000', null],
    ['3b8000000000000000', null],
    ['1bffffffffffffffff', null],
    ['1817', null],
    ['3900ff', null],
    ['19', null],
    ['1a0001', null],
    ['40', null],
    ['f4', null],
    ['c100', null],
    ['', null],
  ];
  for (const [h, want] of cases) {
    it(`${h || '(empty)'} → ${want ?? 'refused'}`, () => {
      const bytes = hex(h);
      const r = core.cborReadInt(place(bytes), bytes.length);
      if (want === null) expect(r).toBe(MALFORMED);
      else {
        expect(r).toBe(0);
        expect(core.cborIntValue()).toBe(want);
      }
    });
  }
  it('reads only the head (following bytes are the caller’s)', () => {
    const bytes = hex('1903e8ffff');
    expect(core.cborReadInt(place(bytes), bytes.length)).toBe(0);
    expect(core.cborIntValue()).toBe(1000n);
  });
});

describe('cborCompareBytes (map-key order)', () => {
  const cases: [string, string, number][] = [
    ['', '', 0],
    ['', '00', -1],
    ['00', '', 1],
    ['01', '01', 0],
    ['01', '02', -1],
    ['02', '01', 1],
    ['0102', '01', 1],
    ['01', '0102', -1],
    ['ff', '0000', 1],
    ['7f', '80', -1],
    ['1864', '20', -1],
  ];
  for (const [a, c, want] of cases) {
    it(`${a || '""'} vs ${c || '""'} → ${want}`, () => {
      const mem = new Uint8Array(core.memory.buffer);
      const base = core.ioBuffer();
      const ab = hex(a);
      const cb = hex(c);
      mem.set(ab, base);
      mem.set(cb, base + 100);
      expect(core.cborCompareBytes(base, ab.length, base + 100, cb.length)).toBe(want);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Properties

const boundaryUint = fc.constantFrom(
  0n, 1n, 23n, 24n, 255n, 256n, 65535n, 65536n, 0xffffffffn, 0x100000000n, 0x7fffffffffffffffn, 0xffffffffffffffffn,
);
const uintArg = fc.oneof(boundaryUint, fc.bigInt({ min: 0n, max: 0xffffffffffffffffn }), fc.bigInt({ min: 0n, max: 300n }));
const textArb = fc.string({ unit: 'binary', maxLength: 6 }).map((s) => new TextEncoder().encode(s));

const { value: valueArb } = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 18 },
    uintArg.map((v): Value => ({ k: 'uint', v })),
    uintArg.map((v): Value => ({ k: 'nint', v })),
    fc.uint8Array({ maxLength: 6 }).map((v): Value => ({ k: 'bytes', v })),
    textArb.map((v): Value => ({ k: 'text', v })),
    fc.constantFrom<20 | 21 | 22>(20, 21, 22).map((v): Value => ({ k: 'simple', v })),
    fc.array(tie('value'), { maxLength: 4 }).map((v): Value => ({ k: 'array', v })),
    fc.array(fc.tuple(tie('value'), tie('value')), { maxLength: 4 }).map((v): Value => ({ k: 'map', v })),
  ),
}));

function depth(v: Value): number {
  if (v.k === 'array') return 1 + Math.max(0, ...v.v.map(depth));
  if (v.k === 'map') return 1 + Math.max(0, ...v.v.flatMap(([k, x]) => [depth(k), depth(x)]));
  return 1;
}

type Mutation = { op: 'set' | 'insert' | 'delete' | 'truncate'; at: number; byte: number };
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('set', 'insert', 'delete', 'truncate'),
  at: fc.nat(),
  byte: fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x18, 0x1b, 0x1f, 0x5f, 0x9f, 0xbf, 0xd2, 0xf7, 0xf9, 0xff)),
});

function mutate(bytes: Uint8Array, ms: Mutation[]): Uint8Array {
  let out = Array.from(bytes);
  for (const m of ms) {
    const at = out.length === 0 ? 0 : m.at % (out.length + (m.op === 'insert' ? 1 : 0));
    if (m.op === 'set' && out.length > 0) out[at] = m.byte;
    else if (m.op === 'insert') out.splice(at, 0, m.byte);
    else if (m.op === 'delete' && out.length > 0) out.splice(at, 1);
    else if (m.op === 'truncate') out = out.slice(0, at);
  }
  return Uint8Array.from(out);
}

describe('properties (fast-check)', () => {
  it('random bytes never trap and agree with the reference', () => {
    const interesting = fc.oneof(
      fc.integer({ min: 0, max: 255 }),
      fc.constantFrom(0x00, 0x18, 0x19, 0x1a, 0x1b, 0x40, 0x60, 0x61, 0x80, 0x81, 0x82, 0xa1, 0xa2, 0xd2, 0xf4, 0xf6, 0xc3, 0xe0, 0xed, 0xf0, 0xf4),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 48 }), fc.array(interesting, { maxLength: 48 }), fc.boolean(), (raw, picked, tag) => {
        for (const bytes of [raw, Uint8Array.from(picked)]) {
          const want = refDecodeDocument(bytes, tag) !== null;
          expect(validate(bytes, tag)).toBe(want);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('every canonical encoding within the depth limit is accepted, deeper ones refused', () => {
    fc.assert(
      fc.property(valueArb, fc.boolean(), (v, tag) => {
        const enc = encode(v);
        const doc = tag ? concat(Uint8Array.of(0xd2), enc) : enc;
        const ok = depth(v) <= 16;
        expect(validate(doc, tag)).toBe(ok);
        expect(refDecodeDocument(doc, tag) !== null).toBe(ok);
      }),
      { numRuns: 3000 },
    );
  });

  it('mutated documents: the core agrees with the reference, and accepted ones re-encode identically', () => {
    let accepted = 0;
    fc.assert(
      fc.property(valueArb, fc.array(mutationArb, { minLength: 1, maxLength: 3 }), fc.boolean(), (v, ms, tag) => {
        const doc = mutate(tag ? concat(Uint8Array.of(0xd2), encode(v)) : encode(v), ms);
        const ref = refDecodeDocument(doc, tag);
        expect(validate(doc, tag)).toBe(ref !== null);
        if (ref !== null) {
          accepted++;
          const reenc = encode(ref);
          expect(toHex(tag && doc[0] === 0xd2 ? concat(Uint8Array.of(0xd2), reenc) : reenc)).toBe(toHex(doc));
        }
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });

  it('utf8Count agrees with a fatal TextDecoder', () => {
    const dec = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const byteArb = fc.oneof(
      fc.integer({ min: 0, max: 255 }),
      fc.integer({ min: 0x80, max: 0xbf }),
      fc.constantFrom(0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff),
    );
    fc.assert(
      fc.property(fc.oneof(fc.array(byteArb, { maxLength: 16 }).map((a) => Uint8Array.from(a)), textArb), (bytes) => {
        let want = -1;
        try {
          want = [...dec.decode(bytes)].length;
        } catch {
          want = -1;
        }
        const ptr = place(bytes);
        expect(core.utf8Count(ptr, bytes.length)).toBe(want);
        expect(core.utf8Check(ptr, bytes.length)).toBe(want >= 0 ? 0 : MALFORMED);
      }),
      { numRuns: 5000 },
    );
  });
});

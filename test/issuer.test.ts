/**
 * The issuer toolkit: its encoder against RFC 8949 Appendix A, its codecs, and round trips through
 * the reference verifier, plus one negative case for every result code and every §1 rule, each
 * built with the toolkit (and its explicit `unsafe` options).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CborEncodeError, encode, RawCbor, Tagged, type CborValue } from '../sdk/cbor/deterministicEncoder.js';
import { decodeValue } from '../sdk/cbor/valueDecoder.js';
import { Base45Error, decodeBase45, encodeBase45 } from '../sdk/encoding/base45.js';
import { fromHex as sdkFromHex, HexError, toHex } from '../sdk/encoding/hex.js';
import { CLAIM_NAMES } from '../sdk/pg1/claims.js';
import { RESULT_CODES, type ResultCode } from '../sdk/pg1/resultCodes.js';
import {
  assemblePresentation,
  buildRevocationDelta,
  buildRevocationList,
  buildTrustList,
  deviceAuthBytes,
  disclosureDigest,
  encodeDisclosure,
  fromQrText,
  generateKeyPair,
  holderBinding,
  issueCardPass,
  issueToken,
  kidOf,
  packPrefixes,
  present,
  PresentationError,
  publicKeyFromSecret,
  randomBytes,
  revokedPrefix,
  RevocationListError,
  sigStructure,
  signSign1,
  toQrText,
  TokenError,
  TrustListError,
  tokenCti,
  wipe,
  type ClaimsInput,
  type IssueTokenOptions,
  type IssuedToken,
} from '../sdk/issuer/index.js';
import { L } from './reference/ed25519Cofactored.js';
import { deviceAuthBytes as refDeviceAuth, sigStructureBytes as refSigStructure } from './reference/minimalEncoder.js';
import { ListRefusedError, ReferenceUsageError, ReferenceVerifier } from './reference/referenceVerifier.js';
import { isStrictCbor } from './reference/strictCbor.js';
import { checkThroughCli, MirroredVerifier, mirrorThroughProduct } from './support/productMirror.js';
import { bytes, fromHex, head, raw, rawMap, unsortedMap } from './support/handCbor.js';
import {
  BASE_CLAIMS,
  bindingNow,
  DAY,
  defaultVerifier,
  device,
  issuerEntry,
  issuerKey,
  nationalEntry,
  nationalKey,
  NOW,
  presentAll,
  root,
  root2,
  stranger,
  token,
  trustList,
  verifierWith,
  verify,
} from './support/issuerFixtures.js';

const here = fileURLToPath(new URL('.', import.meta.url));

// Every list and presentation these cases give the reference verifier also goes through the SDK after
// each test (createVerifier: verify() and verifyBatchLocal()), and, in the last test, through
// `passgate verify`: each must agree with the reference, and so with the code each case states.
mirrorThroughProduct();

// ---------------------------------------------------------------------------------------------
// Deterministic encoder and value decoder
// ---------------------------------------------------------------------------------------------

interface AppendixVector {
  hex: string;
  roundtrip: boolean;
  decoded?: unknown;
  diagnostic?: string;
}

/** JSON.parse loses integers beyond 2^53: keep long integer literals as text and make them bigints. */
function loadAppendixA(): AppendixVector[] {
  const text = readFileSync(join(here, 'vectors', 'cbor-encoder', 'appendix_a.json'), 'utf8');
  const guarded = text.replace(/("decoded": )(-?\d{16,})(\s*[,}])/g, '$1"BIG:$2"$3');
  return JSON.parse(guarded) as AppendixVector[];
}

function fromJson(v: unknown): CborValue {
  if (typeof v === 'string') return v.startsWith('BIG:') ? BigInt(v.slice(4)) : v;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return v;
  if (Array.isArray(v)) return v.map(fromJson);
  return new Map<CborValue, CborValue>(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromJson(x)]));
}

/** The diagnostic-only vectors PG1 can carry, written as values. */
const DIAGNOSTIC_VALUES: Record<string, CborValue> = {
  '0("2013-03-21T20:04:00Z")': new Tagged(0, '2013-03-21T20:04:00Z'),
  '1(1363896240)': new Tagged(1, 1363896240),
  '1(1363896240.5)': new Tagged(1, 1363896240.5),
  Infinity: Infinity,
  '-Infinity': -Infinity,
  NaN: NaN,
  "23(h'01020304')": new Tagged(23, fromHex('01020304')),
  "24(h'6449455446')": new Tagged(24, fromHex('6449455446')),
  '32("http://www.example.com")': new Tagged(32, 'http://www.example.com'),
  "h''": new Uint8Array(0),
  "h'01020304'": fromHex('01020304'),
  '{1: 2, 3: 4}': new Map<CborValue, CborValue>([[1, 2], [3, 4]]),
  "(_ h'0102', h'030405')": fromHex('0102030405'),
};

/** Definite-length deterministic forms of the indefinite-length vectors. */
const DEFINITE_FORM: Record<string, string> = {
  '5f42010243030405ff': '450102030405',
  '7f657374726561646d696e67ff': '6973747265616d696e67',
  '9fff': '80',
  '9f018202039f0405ffff': '8301820203820405',
  '9f01820203820405ff': '8301820203820405',
  '83018202039f0405ff': '8301820203820405',
  '83019f0203ff820405': '8301820203820405',
  '9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff': '98190102030405060708090a0b0c0d0e0f101112131415161718181819',
  'bf61610161629f0203ffff': 'a26161016162820203',
  '826161bf61626163ff': '826161a161626163',
  'bf6346756ef563416d7421ff': 'a263416d74216346756ef5',
};

const isFloatHex = (h: string): boolean => /^(f9|fa|fb|c1fb)/.test(h);

describe('deterministic encoder: RFC 8949 Appendix A', () => {
  const vectors = loadAppendixA();

  it('has the 82 vectors of the file', () => {
    expect(vectors).toHaveLength(82);
  });

  for (const v of vectors) {
    const value = v.decoded !== undefined ? fromJson(v.decoded) : DIAGNOSTIC_VALUES[v.diagnostic ?? ''];
    if (isFloatHex(v.hex)) {
      it(`${v.hex}: a float is refused, or written as the integer it equals`, () => {
        expect(value).toBeDefined();
        let out: Uint8Array | null = null;
        try {
          out = encode(value!);
        } catch (e) {
          expect(e).toBeInstanceOf(CborEncodeError);
          expect(['FLOAT', 'INTEGER_RANGE']).toContain((e as CborEncodeError).code);
        }
        if (out !== null) expect(out[0]! >> 5).toBeLessThanOrEqual(1); // major type 0 or 1, never 7
      });
      continue;
    }
    if (value === undefined) {
      it(`${v.hex} (${v.diagnostic}) cannot be expressed: PG1 has no such value`, () => {
        expect(v.diagnostic).toMatch(/undefined|simple/);
      });
      continue;
    }
    if (typeof value === 'bigint' && (value >= 1n << 64n || value < -(1n << 64n))) {
      it(`${v.hex}: ${value} needs a bignum and is refused`, () => {
        expect(() => encode(value)).toThrow(CborEncodeError);
      });
      continue;
    }
    const want = v.roundtrip ? v.hex : DEFINITE_FORM[v.hex];
    it(`${v.hex} encodes to ${want}`, () => {
      expect(want).toBeDefined();
      expect(toHex(encode(value))).toBe(want);
    });
    if (v.roundtrip) {
      // Tags come back as Tagged whatever their number (0 and 1 too: no Date conversion).
      it(`${v.hex} decodes and re-encodes to the same bytes`, () => {
        expect(toHex(encode(decodeValue(fromHex(v.hex))))).toBe(v.hex);
      });
    }
  }

  it('refuses undefined, floats, NaN and Infinity', () => {
    for (const bad of [undefined, 1.5, NaN, Infinity, -Infinity]) {
      expect(() => encode([bad as unknown as CborValue])).toThrow(CborEncodeError);
    }
    expect(() => encode(undefined as unknown as CborValue)).toThrowError(expect.objectContaining({ code: 'UNDEFINED' }));
    expect(() => encode(0.5)).toThrowError(expect.objectContaining({ code: 'FLOAT' }));
  });
});

describe('deterministic encoder: rules', () => {
  it('sorts map keys by their encoded bytes (not numerically, not by length first)', () => {
    const m = new Map<CborValue, CborValue>([
      ['a', 0],
      [-1, 0],
      [24, 0],
      [1, 0],
      [-65537, 0],
      ['', 0],
    ]);
    // 01 < 18 18 < 20 < 3a 00 01 00 00 < 60 < 61 61
    expect(toHex(encode(m))).toBe('a6' + '0100' + '181800' + '2000' + '3a0001000000' + '6000' + '616100');
  });

  it('refuses duplicate keys, also when one is a number and the other a bigint', () => {
    expect(() => encode(new Map<CborValue, CborValue>([[1, 0], [1n, 0]]))).toThrowError(expect.objectContaining({ code: 'DUPLICATE_KEY' }));
  });

  it('refuses keys that are neither integers nor text', () => {
    for (const k of [new Uint8Array(1), true, null, [1], 1.5]) {
      expect(() => encode(new Map<CborValue, CborValue>([[k, 0]]))).toThrowError(expect.objectContaining({ code: 'BAD_KEY' }));
    }
  });

  it('uses the shortest head at every boundary', () => {
    const cases: [CborValue, string][] = [
      [23, '17'],
      [24, '1818'],
      [255, '18ff'],
      [256, '190100'],
      [65535, '19ffff'],
      [65536, '1a00010000'],
      [0xffffffff, '1affffffff'],
      [0x100000000, '1b0000000100000000'],
      [-24, '37'],
      [-25, '3818'],
      [-65537, '3a00010000'],
      [(1n << 64n) - 1n, '1bffffffffffffffff'],
      [-(1n << 64n), '3bffffffffffffffff'],
      [new Uint8Array(24), '5818' + '00'.repeat(24)],
      ['x'.repeat(256), '790100' + '78'.repeat(256)],
      [new Tagged(18, null), 'd2f6'],
      [new Tagged(24, null), 'd818f6'],
      [new Tagged(256, null), 'd90100f6'],
    ];
    for (const [value, want] of cases) expect(toHex(encode(value))).toBe(want);
  });

  it('refuses integers outside 64 bits, unsafe numbers and bad tags', () => {
    expect(() => encode(1n << 64n)).toThrowError(expect.objectContaining({ code: 'INTEGER_RANGE' }));
    expect(() => encode(-(1n << 64n) - 1n)).toThrowError(expect.objectContaining({ code: 'INTEGER_RANGE' }));
    expect(() => encode(2 ** 53)).toThrowError(expect.objectContaining({ code: 'INTEGER_RANGE' }));
    expect(() => encode(new Tagged(-1, 0))).toThrowError(expect.objectContaining({ code: 'BAD_TAG' }));
  });

  it('refuses text with a lone surrogate and encodes astral characters as 4-byte UTF-8', () => {
    expect(() => encode('\ud800')).toThrowError(expect.objectContaining({ code: 'BAD_TEXT' }));
    expect(() => encode('a\udc00')).toThrowError(expect.objectContaining({ code: 'BAD_TEXT' }));
    expect(toHex(encode('\u{10151}'))).toBe('64f0908591');
  });

  it('refuses objects that are not CBOR values', () => {
    for (const bad of [{}, new Date(0), new Set([1]), () => 1, Symbol('x'), new Uint16Array(2)]) {
      expect(() => encode(bad as unknown as CborValue)).toThrow(CborEncodeError);
    }
  });

  it('copies RawCbor verbatim', () => {
    expect(toHex(encode([new RawCbor(fromHex('1817')), 1]))).toBe('82181701');
  });

  it('produces only what the reference §1 checker accepts (property)', () => {
    const key = fc.oneof(fc.integer({ min: -70000, max: 70000 }), fc.string({ maxLength: 4 }));
    const value = fc.letrec<{ v: CborValue }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small', maxDepth: 4 },
        fc.integer(),
        fc.bigInt({ min: -(1n << 64n), max: (1n << 64n) - 1n }),
        fc.string(),
        fc.uint8Array({ maxLength: 40 }),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('v'), { maxLength: 4 }),
        fc.uniqueArray(fc.tuple(key, tie('v')), { maxLength: 4, selector: ([k]) => (typeof k === 'number' ? `n${k}` : `s${k}`) }).map(
          (entries) => new Map<CborValue, CborValue>(entries),
        ),
      ),
    })).v;
    fc.assert(
      fc.property(value, (v) => {
        const b = encode(v);
        expect(isStrictCbor(b, 'none')).toBe(true);
        expect(toHex(encode(decodeValue(b)))).toBe(toHex(b));
      }),
      { numRuns: 300 },
    );
  });
});

describe('value decoder', () => {
  it('normalises small 8-byte integers to numbers and keeps large ones as bigint', () => {
    expect(decodeValue(fromHex('1b0000000100000000'))).toBe(0x100000000);
    expect(decodeValue(fromHex('1b0020000000000000'))).toBe(2n ** 53n);
    expect(decodeValue(fromHex('1b001fffffffffffff'))).toBe(Number.MAX_SAFE_INTEGER);
    expect(decodeValue(fromHex('3b001ffffffffffffe'))).toBe(Number.MIN_SAFE_INTEGER);
    expect(decodeValue(fromHex('3b001fffffffffffff'))).toBe(-(2n ** 53n));
    expect(decodeValue(fromHex('3bffffffffffffffff'))).toBe(-(2n ** 64n));
  });

  it('turns tag 18 into Tagged and byte strings (even from a Buffer) into plain Uint8Arrays', () => {
    const v = decodeValue(Buffer.from('d2824201024101', 'hex'));
    expect(v).toBeInstanceOf(Tagged);
    const inner = (v as Tagged).value as CborValue[];
    expect(inner[0]!.constructor).toBe(Uint8Array);
    expect(inner[0]).toEqual(Uint8Array.of(1, 2));
  });

  it('decodes maps as Map with integer keys', () => {
    const m = decodeValue(fromHex('a201020304')) as Map<CborValue, CborValue>;
    expect(m).toBeInstanceOf(Map);
    expect(m.get(1)).toBe(2);
    expect(m.get(3)).toBe(4);
  });

  it('refuses what it cannot represent (floats, undefined, simple values, indefinite lengths)', () => {
    for (const hex of ['f93e00', 'fb3ff199999999999a', 'f7', 'f0', '9f01ff', '5f4101ff', 'bf0102ff']) {
      expect(() => decodeValue(fromHex(hex)), hex).toThrowError(expect.objectContaining({ code: 'UNSUPPORTED_VALUE' }));
    }
  });

  it('refuses what is not well-formed: truncated items, counts beyond the input, trailing bytes, bad UTF-8, reserved heads', () => {
    for (const hex of ['', '1a0001', '8201', '9affffffff', 'bb00000000ffffffff', '5a0000ffff00', '0101', '62fffe', '1c', 'c1']) {
      expect(() => decodeValue(fromHex(hex)), hex).toThrowError(expect.objectContaining({ code: 'NOT_WELL_FORMED' }));
    }
  });

  it('refuses nesting deeper than any PG1 structure instead of exhausting the stack', () => {
    expect(decodeValue(fromHex('81'.repeat(64) + '00'))).toBeDefined();
    expect(() => decodeValue(fromHex('81'.repeat(100_000) + '00'))).toThrowError(expect.objectContaining({ code: 'UNSUPPORTED_VALUE' }));
  });
});

describe('hex and base45 codecs', () => {
  it('hex: lowercase out, either case in, strict', () => {
    expect(toHex(Uint8Array.of(0, 0xab, 0xff))).toBe('00abff');
    expect(sdkFromHex('00ABff')).toEqual(Uint8Array.of(0, 0xab, 0xff));
    expect(() => sdkFromHex('abc')).toThrowError(expect.objectContaining({ code: 'ODD_LENGTH' }));
    expect(() => sdkFromHex('0g')).toThrow(HexError);
    expect(() => sdkFromHex(' 0')).toThrow(HexError);
  });

  // RFC 9285 §4.3 encoding examples and §4.4 decoding example.
  it.each([
    ['AB', 'BB8'],
    ['Hello!!', '%69 VD92EX0'],
    ['base-45', 'UJCLQE7W581'],
    ['ietf!', 'QED8WEX0'],
  ])('base45 RFC 9285 example %j <-> %j', (ascii, b45) => {
    const raw = new TextEncoder().encode(ascii);
    expect(encodeBase45(raw)).toBe(b45);
    expect(decodeBase45(b45)).toEqual(raw);
  });

  it.each([
    ['GGW', 'BAD_VALUE'],
    [':6', 'BAD_VALUE'],
    ['A', 'BAD_LENGTH'],
    ['BB8B', 'BAD_LENGTH'],
    ['bb8', 'BAD_CHARACTER'],
    ['BB#', 'BAD_CHARACTER'],
  ])('base45 refuses %j (%s)', (text, code) => {
    expect(() => decodeBase45(text)).toThrowError(expect.objectContaining({ code }));
    expect(() => decodeBase45(text)).toThrow(Base45Error);
  });

  it('base45 and hex round-trip any bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        expect(decodeBase45(encodeBase45(b))).toEqual(b);
        expect(sdkFromHex(toHex(b))).toEqual(b);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Keys, COSE and the toolkit's own checks
// ---------------------------------------------------------------------------------------------

describe('keys and COSE_Sign1', () => {
  it('generates distinct key pairs and derives kid = H(pub)[0..8]', () => {
    const a = generateKeyPair();
    const b = generateKeyPair();
    expect(a.secretKey).not.toEqual(b.secretKey);
    expect(publicKeyFromSecret(a.secretKey)).toEqual(a.publicKey);
    expect(kidOf(a.publicKey)).toEqual(sha256(a.publicKey).slice(0, 8));
    expect(randomBytes(16)).toHaveLength(16);
  });

  it('derives the RFC 8032 §7.1 test 1 public key', () => {
    const sk = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
    expect(toHex(publicKeyFromSecret(sk))).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
  });

  it('wipe zeroises a secret buffer', () => {
    const k = generateKeyPair().secretKey;
    wipe(k);
    expect(k.every((x) => x === 0)).toBe(true);
  });

  it('builds Sig_structure and DeviceAuth exactly as the independent reference encoder does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 70000 }), (p, payload) => {
        expect(sigStructure(p, payload)).toEqual(refSigStructure(p, payload));
      }),
      { numRuns: 30 },
    );
    const cti = randomBytes(16);
    for (const [t, n] of [[0, null], [NOW, randomBytes(12)], [2n ** 64n - 1n, new Uint8Array(0)]] as const) {
      expect(deviceAuthBytes(cti, t, n)).toEqual(refDeviceAuth(cti, BigInt(t), n));
    }
  });

  it('emits tag 18, {1: -19, 4: kid}, an empty unprotected map and a 64-byte signature', () => {
    const kid = kidOf(root.publicKey);
    const v = decodeValue(signSign1(encode(1), root.secretKey, { kid }));
    expect(v).toBeInstanceOf(Tagged);
    const [prot, unprot, payload, sig] = (v as Tagged).value as CborValue[];
    expect(toHex(prot as Uint8Array)).toBe('a201320448' + toHex(kid));
    expect(unprot).toEqual(new Map());
    expect(payload).toEqual(Uint8Array.of(1));
    expect((sig as Uint8Array).length).toBe(64);
  });
});

describe('issueToken', () => {
  it('makes one disclosure per claim, salted, and lists their digests sorted in sd with the decoys', () => {
    const t = token({ decoys: 7, claims: { ...BASE_CLAIMS, name: '张*三', 12: h('0102') } });
    expect(t.keys).toEqual([1, 2, 3, 9, 12]);
    const claims = decodeValue(((decodeValue(t.token) as Tagged).value as CborValue[])[2] as Uint8Array) as Map<CborValue, CborValue>;
    const sd = claims.get(-65537) as Uint8Array[];
    expect(sd).toHaveLength(5 + 7);
    for (let i = 1; i < sd.length; i++) expect(toHex(sd[i - 1]!) < toHex(sd[i]!)).toBe(true);
    const salts = new Set<string>();
    t.disclosures.forEach((d, i) => {
      const [salt, key] = decodeValue(d) as CborValue[];
      expect((salt as Uint8Array).length).toBe(16);
      salts.add(toHex(salt as Uint8Array));
      expect(key).toBe(t.keys[i]);
      expect(sd.map(toHex)).toContain(toHex(disclosureDigest(d)));
    });
    expect(salts.size).toBe(5);
    expect(claims.get(7)).toEqual(t.cti);
    expect(isStrictCbor(t.token, 'root')).toBe(true);
  });

  it.each([
    [{ status: 3 }],
    [{ status: 1.5 }],
    [{ nat: [NOW, 2] }],
    [{ nat: [NOW] }],
    [{ vax: [3, -1] }],
    [{ abroad14: 0 }],
    [{ region: 12345 }],
    [{ id4: '' }],
    [{ id4: '12345' }],
    [{ name: 5 }],
    [{ photo: new Uint8Array(31) }],
    [{ intl: null }],
    [{ 1: 'green' }],
  ])('refuses a wrongly typed known claim %o', (claims) => {
    expect(() => token({ claims: claims as never })).toThrowError(expect.objectContaining({ code: 'BAD_CLAIM' }));
  });

  it('sdLength pads sd with decoys to one length, whatever claims the token holds (the count stays hidden)', () => {
    const sdOf = (t: IssuedToken): Uint8Array[] =>
      (decodeValue(((decodeValue(t.token) as Tagged).value as CborValue[])[2] as Uint8Array) as Map<CborValue, CborValue>).get(-65537) as Uint8Array[];
    const padded = (over: Partial<IssueTokenOptions>): IssuedToken => token({ decoys: undefined, ...over });
    const few = padded({ claims: { status: 0 }, sdLength: 9 });
    const many = padded({ claims: { ...BASE_CLAIMS, abroad14: false, risk14: false, fever: false, region: 330106, id4: '123X', name: '张*三' }, sdLength: 9 });
    expect([sdOf(few).length, sdOf(many).length]).toEqual([9, 9]);
    // The one real digest is among them, the 8 others are decoys no disclosure matches.
    expect(sdOf(few).map(toHex).filter((d) => d === toHex(disclosureDigest(few.disclosures[0]!)))).toHaveLength(1);
    expect(verify(presentAll(few)).result).toBe('OK');
    expect(() => padded({ claims: BASE_CLAIMS, sdLength: 2 })).toThrowError(expect.objectContaining({ code: 'BAD_DECOYS' }));
    expect(() => padded({ sdLength: 9, decoys: 1 })).toThrowError(expect.objectContaining({ code: 'BAD_DECOYS' }));
    for (const bad of [0, 65, 3.5]) expect(() => padded({ sdLength: bad })).toThrowError(expect.objectContaining({ code: 'BAD_DECOYS' }));
    expect(sdOf(padded({ sdLength: 64 }))).toHaveLength(64);
  });

  it('refuses unknown names, a claim given twice, and bad envelope fields', () => {
    expect(() => token({ claims: { colour: 0 } as never })).toThrowError(expect.objectContaining({ code: 'BAD_CLAIM' }));
    expect(() => token({ claims: { status: 0, 1: 0 } })).toThrowError(expect.objectContaining({ code: 'DUPLICATE_CLAIM' }));
    expect(() => token({ iss: '' })).toThrowError(expect.objectContaining({ code: 'BAD_ISS' }));
    expect(() => token({ iss: 'x'.repeat(33) })).toThrowError(expect.objectContaining({ code: 'BAD_ISS' }));
    expect(() => token({ cti: new Uint8Array(15) })).toThrowError(expect.objectContaining({ code: 'BAD_CTI' }));
    expect(() => token({ cnf: new Uint8Array(31) })).toThrowError(expect.objectContaining({ code: 'BAD_CNF' }));
    expect(() => token({ exp: -1 })).toThrowError(expect.objectContaining({ code: 'BAD_TIME' }));
    expect(() => token({ extraClaims: new Map([[7, 0]]) })).toThrowError(expect.objectContaining({ code: 'BAD_EXTRA_CLAIM' }));
    expect(() => token({ claims: {}, decoys: 0 })).toThrowError(expect.objectContaining({ code: 'NO_DIGESTS' }));
    expect(() => token({ decoys: 62 })).toThrowError(expect.objectContaining({ code: 'TOO_MANY_DIGESTS' }));
    expect(() => token({ decoys: 61 })).not.toThrow(); // 3 claims + 61 decoys = 64
    expect(() => token({ decoys: -1 })).toThrow(TokenError);
  });
});

describe('present, QR text and holder binding helpers', () => {
  it('reveals only the requested claims, by name or key', () => {
    const t = token();
    const p = present({ token: t.token, disclosures: t.disclosures, reveal: ['status', 3] });
    const [, ds] = decodeValue(p) as CborValue[];
    expect((ds as Uint8Array[]).map((d) => (decodeValue(d) as CborValue[])[1])).toEqual([1, 3]);
    expect(verify(p).claims).toEqual({ status: 0, vax: [3, NOW - 200 * DAY] });
  });

  it('embeds the token byte for byte', () => {
    const t = token();
    const p = present({ token: t.token, disclosures: t.disclosures, reveal: [] });
    expect(toHex(p)).toBe('82' + toHex(t.token) + '80');
    expect(tokenCti(t.token)).toEqual(t.cti);
  });

  it('refuses to reveal a claim that was not issued, or an unknown name', () => {
    const t = token();
    expect(() => present({ token: t.token, disclosures: t.disclosures, reveal: ['photo'] })).toThrowError(
      expect.objectContaining({ code: 'NOT_ISSUED' }),
    );
    expect(() => present({ token: t.token, disclosures: t.disclosures, reveal: ['colour'] })).toThrowError(
      expect.objectContaining({ code: 'BAD_REVEAL' }),
    );
    expect(() => tokenCti(fromHex('00'))).toThrow(PresentationError);
  });

  it('QR text is PG1: + base45 and reads back; other text is refused', () => {
    const p = presentAll(token());
    const text = toQrText(p);
    expect(text.startsWith('PG1:')).toBe(true);
    expect(/^PG1:[0-9A-Z $%*+\-./:]*$/.test(text)).toBe(true);
    expect(fromQrText(text)).toEqual(p);
    expect(() => fromQrText(toHex(p))).toThrowError(expect.objectContaining({ code: 'BAD_QR_TEXT' }));
    expect(() => fromQrText('PG1:bb8')).toThrowError(expect.objectContaining({ code: 'BAD_QR_TEXT' }));
  });
});

// ---------------------------------------------------------------------------------------------
// Round trips through the reference verifier
// ---------------------------------------------------------------------------------------------

function h(hex: string): Uint8Array {
  return fromHex(hex);
}

describe('round trips through the reference verifier', () => {
  it('token with every claim, as raw bytes, QR text and hex in both cases', () => {
    const photo = randomBytes(32);
    const t = issueToken({
      issuerSecret: nationalKey.secretKey,
      iss: 'CN',
      iat: NOW - 3600,
      exp: NOW + DAY,
      nbf: NOW - 3600,
      claims: {
        ...BASE_CLAIMS,
        abroad14: false,
        risk14: false,
        fever: false,
        region: 330106,
        id4: '123X',
        name: '张*三',
        photo,
        intl: true,
      },
      decoys: 10,
    });
    const p = presentAll(t);
    const want = {
      result: 'OK',
      iss: 'CN',
      kid: toHex(kidOf(nationalKey.publicKey)),
      claims: {
        status: 0,
        nat: [NOW - 20 * 3600, 0],
        vax: [3, NOW - 200 * DAY],
        abroad14: false,
        risk14: false,
        fever: false,
        region: 330106,
        id4: '123X',
        name: '张*三',
        photo: toHex(photo),
        intl: true,
      },
    };
    expect(verify(p)).toEqual(want);
    expect(verify(toQrText(p))).toEqual(want);
    expect(verify(toHex(p))).toEqual(want);
    expect(verify(toHex(p).toUpperCase())).toEqual(want);
  });

  it('any subset of claims round-trips with exactly those claims (property)', () => {
    const t = token({ claims: { ...BASE_CLAIMS, fever: true, region: 110101, 12: h('0102'), 40: [1, 'x', new Map([[1, true]])] } });
    fc.assert(
      fc.property(fc.subarray(t.keys), (reveal) => {
        const r = verify(present({ token: t.token, disclosures: t.disclosures, reveal }));
        expect(r.result).toBe('OK');
        expect(Object.keys(r.claims ?? {}).sort()).toEqual(reveal.map((k) => (k in CLAIM_NAMES ? CLAIM_NAMES[k as 1] : String(k))).sort());
      }),
      { numRuns: 20 },
    );
  });

  it('unknown keys pass through: bytes as hex, maps as objects with string keys, big integers as numbers', () => {
    const t = token({
      claims: {
        12: new Map<CborValue, CborValue>([[1, h('ab')], [-2, [true, null]], ['k', 'v']]),
        13: 2n ** 60n,
        0: -5,
      },
    });
    expect(verify(presentAll(t)).claims).toEqual({ 0: -5, 12: { 1: 'ab', '-2': [true, null], k: 'v' }, 13: 2 ** 60 });
  });

  it('ignores other integer keys of the Claims map', () => {
    const t = token({ extraClaims: new Map<number, CborValue>([[2, 'subject'], [3, 'aud'], [99, [1, new Map([[1, 2]])]], [-70000, null]]) });
    expect(verify(presentAll(t)).result).toBe('OK');
  });

  it('holder binding without a nonce, with a reader nonce, and with alg -8', () => {
    const t = token({ cnf: device.publicKey });
    expect(verify(presentAll(t, bindingNow())).result).toBe('OK');
    const nonce = randomBytes(16);
    expect(verify(presentAll(t, bindingNow({ nonce })), { nonce }).result).toBe('OK');
    const t8 = token({ cnf: device.publicKey, alg: -8 });
    expect(verify(toQrText(presentAll(t8, bindingNow({ presentedAt: NOW - 60 })))).result).toBe('OK');
  });

  it('times up to 2^64 − 1 are exact', () => {
    const t = token({ exp: 2n ** 64n - 1n, nbf: 0 });
    expect(verify(presentAll(t)).result).toBe('OK');
  });

  it('trust list rotation: v1 names a new root, v2 signed by it replaces v1, the old root is no longer trusted', () => {
    const v = new MirroredVerifier([root.publicKey]);
    v.applyTrustList(trustList({ version: 1, issuers: [nationalEntry], roots: [root2.publicKey] }));
    const t = token();
    expect(verify(presentAll(t), {}, v).result).toBe('UNKNOWN_KID');
    expect(() => v.applyTrustList(trustList({ version: 2 }))).toThrowError(expect.objectContaining({ code: 'UNKNOWN_ROOT' }));
    v.applyTrustList(trustList({ rootSecret: root2.secretKey, version: 2, roots: [root2.publicKey] }));
    expect(verify(presentAll(t), {}, v).result).toBe('OK');
  });

  it('overlapping key windows: an old key keeps verifying its tokens while a new one signs', () => {
    const oldKey = issuerKey;
    const newKey = generateKeyPair();
    const v = verifierWith({
      issuers: [issuerEntry({ notAfter: NOW - DAY }), { pub: newKey.publicKey, iss: 'CN-35', notBefore: NOW - 2 * DAY, notAfter: NOW + 100 * DAY }],
    });
    const oldToken = token({ issuerSecret: oldKey.secretKey, iat: NOW - 3 * DAY, exp: NOW + DAY });
    const newToken = token({ issuerSecret: newKey.secretKey, iat: NOW - 3600 });
    const lateOld = token({ issuerSecret: oldKey.secretKey, iat: NOW - 3600 });
    expect(verify(presentAll(oldToken), {}, v).result).toBe('OK');
    expect(verify(presentAll(newToken), {}, v).result).toBe('OK');
    expect(verify(presentAll(lateOld), {}, v).result).toBe('KEY_NOT_VALID');
  });

  it('revocation: full list, then a delta that adds one and removes one', () => {
    const a = token();
    const b = token();
    const v = verifierWith();
    v.applyRevocations(buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW, expires: NOW + DAY, revoked: [revokedPrefix(a.cti)] }));
    expect(verify(presentAll(a), {}, v).result).toBe('TOKEN_REVOKED');
    expect(verify(presentAll(b), {}, v).result).toBe('OK');
    v.applyRevocations(
      buildRevocationDelta({
        rootSecret: root.secretKey,
        version: 2,
        issuedAt: NOW,
        expires: NOW + DAY,
        baseVersion: 1,
        added: [revokedPrefix(b.cti)],
        removed: [revokedPrefix(a.cti)],
      }),
    );
    expect(verify(presentAll(a), {}, v).result).toBe('OK');
    expect(verify(presentAll(b), {}, v).result).toBe('TOKEN_REVOKED');
  });

  it('a trust list policy replaces the default table', () => {
    const v = verifierWith({ policy: { clinic: { allow: [0], natMaxAge: 48 * 3600, minDoses: 2, denyAbroad14: true, denyRisk14: true, require: [8] } } });
    const t = token({ claims: { ...BASE_CLAIMS, abroad14: false, risk14: false, id4: '123X' } });
    expect(verify(presentAll(t), { venue: 'clinic' }, v).result).toBe('OK');
    expect(() => verify(presentAll(t), { venue: 'school' }, v)).toThrow(ReferenceUsageError);
    expect(defaultVerifier.policy.has('school')).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// One negative case (at least) for every result code
// ---------------------------------------------------------------------------------------------

type Case = { name: string; expect: ResultCode; run: () => ResultCode };

function flipLastByte(b: Uint8Array): Uint8Array {
  const c = new Uint8Array(b);
  c[c.length - 1]! ^= 1;
  return c;
}

/** Adds L to S: the same point equation, but S is no longer canonical (S ≥ L). */
function addLToS(sig: Uint8Array): Uint8Array {
  let s = 0n;
  for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(sig[i]!);
  s += L;
  const out = new Uint8Array(sig);
  for (let i = 32; i < 64; i++) {
    out[i] = Number(s & 0xffn);
    s >>= 8n;
  }
  return out;
}

const policyVerifier = verifierWith({
  policy: {
    nat: { allow: [0, 1], natMaxAge: 48 * 3600 },
    doses: { allow: [0, 1], minDoses: 3 },
    abroad: { allow: [0, 1], denyAbroad14: true },
    risk: { allow: [0, 1], denyRisk14: true },
    lax: { allow: [0, 1, 2], denyAbroad14: false },
    needs: { allow: [0], require: [9, 12] },
    gate: { allow: [0, 1], bound: true },
  },
});

function atVenue(venue: string, over: Partial<IssueTokenOptions>, v = policyVerifier): ResultCode {
  return verify(presentAll(token(over)), { venue }, v).result;
}

const RESULT_CASES: Case[] = [
  { name: 'a genuine token', expect: 'OK', run: () => verify(presentAll(token())).result },
  {
    name: 'now at the sunset',
    expect: 'SUNSET',
    run: () => verify(presentAll(token()), {}, verifierWith({ sunset: NOW })).result,
  },
  {
    name: 'trust list expires at now',
    expect: 'TRUST_LIST_EXPIRED',
    run: () => verify(presentAll(token()), {}, verifierWith({ expires: NOW })).result,
  },
  {
    name: 'revocation list in force expired',
    expect: 'TRUST_LIST_EXPIRED',
    run: () => {
      const v = verifierWith();
      v.applyRevocations(buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW - 2 * DAY, expires: NOW - 1, revoked: [] }));
      return verify(presentAll(token()), {}, v).result;
    },
  },
  { name: 'an empty line', expect: 'MALFORMED', run: () => verify('').result },
  { name: 'alg -7 (ES256)', expect: 'UNSUPPORTED_ALG', run: () => verify(presentAll(token({ alg: -7 }))).result },
  { name: 'alg −2^63 (a big negative integer)', expect: 'UNSUPPORTED_ALG', run: () => verify(presentAll(token({ alg: -(2n ** 63n) }))).result },
  { name: 'a key not in the trust list', expect: 'UNKNOWN_KID', run: () => verify(presentAll(token({ issuerSecret: stranger.secretKey }))).result },
  {
    name: 'payload altered after signing',
    expect: 'BAD_SIGNATURE',
    run: () => {
      const other = encode(new Map<CborValue, CborValue>([[1, 'CN-35']]));
      return verify(presentAll(token({ unsafe: { sign1: { payloadAfterSigning: other } } }))).result;
    },
  },
  { name: 'a flipped signature bit', expect: 'BAD_SIGNATURE', run: () => verify(presentAll(token({ unsafe: { sign1: { mapSignature: flipLastByte } } }))).result },
  { name: 'S + L in place of S (S ≥ L)', expect: 'BAD_SIGNATURE', run: () => verify(presentAll(token({ unsafe: { sign1: { mapSignature: addLToS } } }))).result },
  {
    name: 'kid of the real issuer, signature by another key',
    expect: 'BAD_SIGNATURE',
    run: () => verify(presentAll(token({ issuerSecret: stranger.secretKey, unsafe: { kid: kidOf(issuerKey.publicKey) } }))).result,
  },
  { name: 'CN-35 key signs iss CN-36', expect: 'ISSUER_MISMATCH', run: () => verify(presentAll(token({ iss: 'CN-36' }))).result },
  { name: 'iat before not_before', expect: 'KEY_NOT_VALID', run: () => verify(presentAll(token({ iat: NOW - 101 * DAY }))).result },
  {
    name: 'iat at not_after (the window is half-open)',
    expect: 'KEY_NOT_VALID',
    run: () => verify(presentAll(token({ iat: NOW + 100 * DAY, exp: NOW + 101 * DAY }))).result,
  },
  {
    name: 'revoked_at equal to iat',
    expect: 'KEY_REVOKED',
    run: () => verify(presentAll(token({ iat: NOW - 3600 })), {}, verifierWith({ issuers: [issuerEntry({ revokedAt: NOW - 3600 })] })).result,
  },
  {
    name: 'revoked_at 0 revokes every token',
    expect: 'KEY_REVOKED',
    run: () => verify(presentAll(token()), {}, verifierWith({ issuers: [issuerEntry({ revokedAt: 0 })] })).result,
  },
  { name: 'nbf 61 s ahead (skew 60)', expect: 'NOT_YET_VALID', run: () => verify(presentAll(token({ nbf: NOW + 61 }))).result },
  { name: 'nbf 1 s ahead with skew 0', expect: 'NOT_YET_VALID', run: () => verify(presentAll(token({ nbf: NOW + 1 })), { skew: 0 }).result },
  { name: 'exp 60 s ago (skew 60)', expect: 'EXPIRED', run: () => verify(presentAll(token({ exp: NOW - 60 }))).result },
  { name: 'exp now with skew 0', expect: 'EXPIRED', run: () => verify(presentAll(token({ exp: NOW })), { skew: 0 }).result },
  {
    name: 'cti on the revocation list',
    expect: 'TOKEN_REVOKED',
    run: () => {
      const t = token();
      const v = verifierWith();
      v.applyRevocations(buildRevocationList({ rootSecret: root.secretKey, version: 7, issuedAt: NOW, expires: NOW + DAY, revoked: [revokedPrefix(randomBytes(16)), revokedPrefix(t.cti)] }));
      return verify(presentAll(t), {}, v).result;
    },
  },
  {
    name: "another token's disclosure",
    expect: 'DISCLOSURE_INVALID',
    run: () => {
      const t = token();
      const u = token();
      return verify(assemblePresentation(t.token, [t.disclosures[0]!, u.disclosures[1]!])).result;
    },
  },
  {
    name: 'a disclosure with a changed value',
    expect: 'DISCLOSURE_INVALID',
    run: () => {
      const t = token();
      const [salt] = decodeValue(t.disclosures[0]!) as CborValue[];
      return verify(assemblePresentation(t.token, [encodeDisclosure(salt as Uint8Array, 1, 1)])).result;
    },
  },
  { name: 'holder-bound token without binding', expect: 'HOLDER_BINDING_FAILED', run: () => verify(presentAll(token({ cnf: device.publicKey }))).result },
  {
    name: 'binding signed by another device',
    expect: 'HOLDER_BINDING_FAILED',
    run: () => verify(presentAll(token({ cnf: device.publicKey }), bindingNow({ deviceSecret: stranger.secretKey }))).result,
  },
  {
    name: 'binding nonce differs from the reader nonce',
    expect: 'HOLDER_BINDING_FAILED',
    run: () => verify(presentAll(token({ cnf: device.publicKey }), bindingNow({ nonce: randomBytes(16) })), { nonce: randomBytes(16) }).result,
  },
  {
    name: 'binding nonce null when the reader issued one',
    expect: 'HOLDER_BINDING_FAILED',
    run: () => verify(presentAll(token({ cnf: device.publicKey }), bindingNow()), { nonce: randomBytes(16) }).result,
  },
  {
    name: 'binding with a nonce when the reader issued none',
    expect: 'HOLDER_BINDING_FAILED',
    run: () => verify(presentAll(token({ cnf: device.publicKey }), bindingNow({ nonce: randomBytes(16) }))).result,
  },
  {
    name: 'binding signed over another cti (replayed from another token)',
    expect: 'HOLDER_BINDING_FAILED',
    run: () => {
      const t = token({ cnf: device.publicKey });
      return verify(assemblePresentation(t.token, t.disclosures, holderBinding(randomBytes(16), bindingNow()))).result;
    },
  },
  {
    name: 'binding whose presented_at was changed after signing',
    expect: 'HOLDER_BINDING_FAILED',
    run: () => {
      const t = token({ cnf: device.publicKey });
      const [, nonce, sig] = holderBinding(t.cti, bindingNow()) as CborValue[];
      return verify(assemblePresentation(t.token, t.disclosures, [NOW - 1, nonce!, sig!])).result;
    },
  },
  {
    name: 'cnf key that is not a curve point',
    expect: 'HOLDER_BINDING_FAILED',
    run: () => verify(presentAll(token({ cnf: h('ed' + 'ff'.repeat(30) + '7f') }), bindingNow())).result,
  },
  {
    name: 'binding presented 61 s ago',
    expect: 'STALE_PRESENTATION',
    run: () => verify(presentAll(token({ cnf: device.publicKey }), bindingNow({ presentedAt: NOW - 61 }))).result,
  },
  {
    name: 'binding presented 61 s ahead, even with a skew of 300',
    expect: 'STALE_PRESENTATION',
    run: () => verify(presentAll(token({ cnf: device.publicKey }), bindingNow({ presentedAt: NOW + 61 })), { skew: 300 }).result,
  },
  {
    name: 'a card pass read with the serial of another card',
    expect: 'CARD_MISMATCH',
    run: () => verify(issueCardPass({ issuerSecret: issuerKey.secretKey, iss: 'CN-35', iat: NOW - 3600, serial: h('0401'), status: 0 }).presentation, { card: h('0402') }).result,
  },
  {
    name: 'a printed pass with another holder’s document',
    expect: 'DOCUMENT_MISMATCH',
    run: () => verify(presentAll(token({ claims: { status: 0, id4: '441X' } })), { document: { number: '110101199003077777' } }).result,
  },
  { name: 'a bound venue: a printed pass without its document', expect: 'BINDING_REQUIRED', run: () => atVenue('gate', { claims: { status: 0, id4: '441X' } }) },
  { name: 'school: status withheld', expect: 'CLAIM_REQUIRED', run: () => verify(present({ ...token(), reveal: ['nat'] }), { venue: 'school' }).result },
  { name: 'require: key 12 withheld', expect: 'CLAIM_REQUIRED', run: () => atVenue('needs', { claims: { status: 0, name: 'x' } }) },
  { name: 'nat rule without nat', expect: 'CLAIM_REQUIRED', run: () => atVenue('nat', { claims: { status: 0 } }) },
  { name: 'school: yellow', expect: 'STATUS_NOT_ALLOWED', run: () => verify(presentAll(token({ claims: { status: 1 } })), { venue: 'school' }).result },
  { name: 'taxi: red', expect: 'STATUS_NOT_ALLOWED', run: () => verify(presentAll(token({ claims: { status: 2 } })), { venue: 'taxi' }).result },
  { name: 'positive nucleic-acid test', expect: 'NAT_POSITIVE', run: () => atVenue('nat', { claims: { status: 0, nat: [NOW - 3600, 1] } }) },
  { name: 'test sampled 48 h + 1 s ago', expect: 'NAT_TOO_OLD', run: () => atVenue('nat', { claims: { status: 0, nat: [NOW - 48 * 3600 - 1, 0] } }) },
  { name: 'two doses where three are needed', expect: 'DOSES_REQUIRED', run: () => atVenue('doses', { claims: { status: 0, vax: [2, NOW - DAY] } }) },
  { name: 'abroad within 14 days', expect: 'ABROAD_RECENT', run: () => atVenue('abroad', { claims: { status: 0, abroad14: true } }) },
  { name: 'risk area within 14 days', expect: 'RISK_AREA_RECENT', run: () => atVenue('risk', { claims: { status: 1, risk14: true } }) },
];

describe('every result code, built with the toolkit', () => {
  it('covers all result codes of §5', () => {
    const covered = new Set(RESULT_CASES.map((c) => c.expect));
    expect(RESULT_CODES.filter((c) => !covered.has(c))).toEqual([]);
  });
  for (const c of RESULT_CASES) {
    it(`${c.name} -> ${c.expect}`, () => {
      expect(c.run()).toBe(c.expect);
    });
  }

  it('boundaries just inside the limits are OK', () => {
    expect(verify(presentAll(token({ nbf: NOW + 60 }))).result).toBe('OK');
    expect(verify(presentAll(token({ exp: NOW - 59 }))).result).toBe('OK');
    expect(verify(presentAll(token({ iat: NOW - 100 * DAY }))).result).toBe('OK');
    expect(verify(presentAll(token({ iat: NOW - 3600 })), {}, verifierWith({ issuers: [issuerEntry({ revokedAt: NOW - 3599 })] })).result).toBe('OK');
    expect(verify(presentAll(token()), {}, verifierWith({ sunset: NOW + 1, expires: NOW + 1 })).result).toBe('OK');
    const bound = token({ cnf: device.publicKey });
    expect(verify(presentAll(bound, bindingNow({ presentedAt: NOW - 60 }))).result).toBe('OK');
    expect(verify(presentAll(bound, bindingNow({ presentedAt: NOW + 60 }))).result).toBe('OK');
    expect(atVenue('nat', { claims: { status: 0, nat: [NOW - 48 * 3600, 0] } })).toBe('OK');
    expect(atVenue('doses', { claims: { status: 0, vax: [3, NOW - DAY] } })).toBe('OK');
    expect(atVenue('abroad', { claims: { status: 0, abroad14: false } })).toBe('OK');
    expect(atVenue('lax', { claims: { status: 2 } })).toBe('OK'); // deny_abroad14 false looks at nothing
    expect(atVenue('needs', { claims: { status: 0, name: 'x', 12: 0 } })).toBe('OK');
  });
});

// ---------------------------------------------------------------------------------------------
// Every §1 rule, in each kind of document a presentation holds
// ---------------------------------------------------------------------------------------------

/** Non-deterministic or forbidden encodings, as items that are otherwise fine under an ignored key. */
const BAD_ITEMS: [string, RawCbor][] = [
  ['integer with a non-shortest head (1-byte head for 5)', raw('1805')],
  ['integer with a non-shortest head (8-byte head for 2^32 − 1)', raw('1b00000000ffffffff')],
  ['length with a non-shortest head', raw('590001' + '00')],
  ['indefinite-length byte string', raw('5f4101ff')],
  ['indefinite-length text', raw('7f6161ff')],
  ['indefinite-length array', raw('9f01ff')],
  ['indefinite-length map', raw('bf0101ff')],
  ['map keys out of order', rawMap([[2, 0], [1, 0]])],
  ['map keys out of order by encoded bytes (24 before -1)', rawMap([[-1, 0], [24, 0]])],
  ['duplicate map key', rawMap([[1, 0], [1, 0]])],
  ['half-precision float', raw('f93c00')],
  ['double-precision float', raw('fb3ff8000000000000')],
  ['undefined', raw('f7')],
  ['simple value 16', raw('f0')],
  ['a tag other than 18 (tag 1)', raw('c11a514b67b0')],
  ['tag 18 outside its place', raw('d28100')],
  ['tag with a non-shortest head', raw('d8128100')],
  ['invalid UTF-8 text', raw('62c328')],
  ['UTF-8 surrogate in text', raw('63eda080')],
  ['nesting 17 levels deep', raw('81'.repeat(15) + '80')], // under a level-2 value: 15 more arrays reach level 17
];

describe('every §1 rule, in claims (step 5), disclosures (step 9) and the presentation (step 2)', () => {
  for (const [what, item] of BAD_ITEMS) {
    it(`claims: ${what} under an ignored claim key -> MALFORMED`, () => {
      expect(verify(presentAll(token({ extraClaims: new Map<number, CborValue>([[99, item]]) }))).result).toBe('MALFORMED');
    });
    it(`disclosure: ${what} as the value of unknown key 12 -> MALFORMED`, () => {
      const d = encodeDisclosure(randomBytes(16), 12, item);
      const t = token({ unsafe: { extraDigests: [disclosureDigest(d)] } });
      expect(verify(assemblePresentation(t.token, [...t.disclosures, d])).result).toBe('MALFORMED');
    });
  }

  it('the same items one level shallower are accepted where the nesting rule is concerned', () => {
    const d = encodeDisclosure(randomBytes(16), 12, raw('81'.repeat(14) + '80')); // innermost at level 16
    const t = token({ unsafe: { extraDigests: [disclosureDigest(d)] } });
    expect(verify(assemblePresentation(t.token, [...t.disclosures, d])).result).toBe('OK');
  });

  const t = token();
  const good = presentAll(t);
  const ds = t.disclosures.map((d) => encode(d));
  const presentationCases: [string, Uint8Array][] = [
    ['top array with a non-shortest head', bytes(head(4, 2, 1), t.token, head(4, ds.length), ...ds)],
    ['indefinite-length top array', bytes([0x9f], t.token, head(4, ds.length), ...ds, [0xff])],
    ['indefinite-length disclosure list', bytes(head(4, 2), t.token, [0x9f], ...ds, [0xff])],
    ['disclosure bstr with a non-shortest length', bytes(head(4, 2), t.token, head(4, 1), head(2, t.disclosures[0]!.length, 2), t.disclosures[0]!)],
    ['a trailing byte', bytes(good, [0x00])],
    ['tag 18 written with a 1-byte head', bytes(head(4, 2), [0xd8, 0x12], t.token.subarray(1), head(4, ds.length), ...ds)],
    ['a disclosure wrapped in tag 18', bytes(head(4, 2), t.token, head(4, 1), [0xd2], ds[0]!)],
    ['binding with a float presented_at', assemblePresentation(t.token, t.disclosures, [raw('fb41da1a2b5c000000'), null, new Uint8Array(64)])],
    ['more than 4,096 bytes', presentAll(token({ claims: { ...BASE_CLAIMS, name: 'x'.repeat(4000) } }))],
  ];
  for (const [what, p] of presentationCases) {
    it(`presentation: ${what} -> MALFORMED`, () => {
      expect(verify(p).result).toBe('MALFORMED');
    });
  }

  it('the presentation limit is 4,096 bytes exactly', () => {
    const sized = (n: number): Uint8Array => presentAll(token({ claims: { name: 'x'.repeat(n) }, decoys: 1 }));
    const n = 3000 + (4096 - sized(3000).length);
    expect(sized(n)).toHaveLength(4096);
    expect(verify(sized(n)).result).toBe('OK');
    expect(verify(sized(n + 1)).result).toBe('MALFORMED');
  });

  it('protected header: non-shortest alg, unsorted keys, tag inside -> MALFORMED', () => {
    const kid = kidOf(issuerKey.publicKey);
    const variants = [
      bytes(fromHex('a20138120448'), kid), // alg -19 as 38 12
      bytes(fromHex('a20448'), kid, fromHex('0132')), // key 4 before key 1
      bytes(fromHex('a201c1320448'), kid), // tag 1 on alg
      bytes(fromHex('a201320448'), kid, fromHex('00')), // trailing byte
    ];
    for (const protectedBytes of variants) {
      expect(verify(presentAll(token({ unsafe: { sign1: { protectedBytes } } }))).result).toBe('MALFORMED');
    }
    expect(verify(presentAll(token({ unsafe: { sign1: { protectedBytes: bytes(fromHex('a201320448'), kid) } } }))).result).toBe('OK');
  });
});

// ---------------------------------------------------------------------------------------------
// Structure (MALFORMED at steps 2, 5 and 9) and the order of the checks
// ---------------------------------------------------------------------------------------------

describe('structure of the presentation and the token (step 2)', () => {
  const t = token();
  const kid = kidOf(issuerKey.publicKey);
  const cases: [string, Uint8Array][] = [
    ['top item is a map', encode(new Map([[1, 1]]))],
    ['array of one', encode([new RawCbor(t.token)])],
    ['array of four', encode([new RawCbor(t.token), [], [NOW, null, new Uint8Array(64)], 0])],
    ['disclosures not an array', encode([new RawCbor(t.token), t.disclosures[0]!])],
    ['a disclosure that is not a bstr', encode([new RawCbor(t.token), [1]])],
    ['binding of two items', assemblePresentation(t.token, [], [NOW, null])],
    ['binding presented_at negative', assemblePresentation(t.token, [], [-1, null, new Uint8Array(64)])],
    ['binding nonce an integer', assemblePresentation(t.token, [], [NOW, 0, new Uint8Array(64)])],
    ['binding signature of 63 bytes', assemblePresentation(t.token, [], [NOW, null, new Uint8Array(63)])],
    ['token without tag 18', presentAll(token({ unsafe: { sign1: { tag: null } } }))],
    ['token with tag 17', presentAll(token({ unsafe: { sign1: { tag: 17 } } }))],
    ['non-empty unprotected map', presentAll(token({ unsafe: { sign1: { unprotected: new Map<CborValue, CborValue>([[4, kid]]) } } }))],
    ['unprotected not a map', presentAll(token({ unsafe: { sign1: { unprotected: [] } } }))],
    ['protected map with a third key', presentAll(token({ unsafe: { sign1: { protectedMap: new Map<CborValue, CborValue>([[1, -19], [3, 0], [4, kid]]) } } }))],
    ['protected map without kid', presentAll(token({ unsafe: { sign1: { protectedMap: new Map<CborValue, CborValue>([[1, -19]]) } } }))],
    ['protected map without alg', presentAll(token({ unsafe: { sign1: { protectedMap: new Map<CborValue, CborValue>([[4, kid]]) } } }))],
    ['empty protected bstr', presentAll(token({ unsafe: { sign1: { protectedBytes: new Uint8Array(0) } } }))],
    ['kid of 7 bytes', presentAll(token({ unsafe: { kid: kid.slice(0, 7) } }))],
    ['kid as text', presentAll(token({ unsafe: { sign1: { protectedMap: new Map<CborValue, CborValue>([[1, -19], [4, 'kid']]) } } }))],
    ['alg as text', presentAll(token({ alg: 'EdDSA' }))],
    ['signature of 65 bytes', presentAll(token({ unsafe: { sign1: { mapSignature: (s) => bytes(s, [0]) } } }))],
    ['payload not a bstr', encode([new Tagged(18, [protectedOf(t.token), new Map(), 5, new Uint8Array(64)]), []])],
    ['a lone text head (raw byte 0x78)', Uint8Array.of(0x78)],
  ];
  for (const [what, p] of cases) {
    it(`${what} -> MALFORMED`, () => {
      expect(verify(p).result).toBe('MALFORMED');
    });
  }

  it('PG1 text with lower-case base45, a bad character or a bad length -> MALFORMED', () => {
    const text = toQrText(presentAll(t));
    expect(verify(text).result).toBe('OK');
    expect(verify('PG1:' + text.slice(4).toLowerCase()).result).toBe('MALFORMED');
    expect(verify(text + '#').result).toBe('MALFORMED');
    expect(verify(text + 'A').result).toBe('MALFORMED');
    expect(verify(text.slice(0, -1)).result).toBe('MALFORMED');
  });

  it('every MALFORMED check of step 2 precedes UNSUPPORTED_ALG', () => {
    expect(verify(presentAll(token({ alg: -7 }))).result).toBe('UNSUPPORTED_ALG');
    expect(verify(presentAll(token({ alg: -7, unsafe: { sign1: { unprotected: new Map<CborValue, CborValue>([[1, -7]]) } } }))).result).toBe('MALFORMED');
    expect(verify(assemblePresentation(token({ alg: -7 }).token, [], [NOW, null, new Uint8Array(3)])).result).toBe('MALFORMED');
  });
});

function protectedOf(tokenBytes: Uint8Array): Uint8Array {
  return ((decodeValue(tokenBytes) as Tagged).value as CborValue[])[0] as Uint8Array;
}

function withClaims(mutate: (m: Map<CborValue, CborValue>) => CborValue): Uint8Array {
  return presentAll(token({ unsafe: { mutateClaims: mutate } }));
}

const sdOf = (m: Map<CborValue, CborValue>): Uint8Array[] => m.get(-65537) as Uint8Array[];

/** n distinct, strictly increasing 32-byte digests. */
function increasingDigests(n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => {
    const d = new Uint8Array(32);
    d[0] = i;
    return d;
  });
}

function cmap(entries: [CborValue, CborValue][]): Map<CborValue, CborValue> {
  return new Map<CborValue, CborValue>(entries);
}

function firstIssuer(payload: Map<CborValue, CborValue>): Map<CborValue, CborValue> {
  return (payload.get(4) as Map<CborValue, CborValue>[])[0]!;
}

describe('structure of the claims (step 5)', () => {
  const cnfMap = (inner: [CborValue, CborValue][]): CborValue => new Map<CborValue, CborValue>([[1, new Map<CborValue, CborValue>(inner)]]);
  const cases: [string, (m: Map<CborValue, CborValue>) => CborValue][] = [
    ['payload is an array', () => [1, 2]],
    ['payload is not CBOR', () => raw('ff')],
    ['a text key', (m) => m.set('note', 1)],
    // Nothing to skip after its head: a reader that only skipped the head and the value would accept it.
    ['an empty text key', (m) => m.set('', 0)],
    ['a byte-string key', (m) => unsortedMap(new Map<CborValue, CborValue>([...m, [new Uint8Array(1), 1]]))],
    ['iss missing', (m) => (m.delete(1), m)],
    ['iss empty', (m) => m.set(1, '')],
    ['iss of 33 bytes', (m) => m.set(1, 'x'.repeat(33))],
    ['iss not text', (m) => m.set(1, new TextEncoder().encode('CN-35'))],
    ['exp missing', (m) => (m.delete(4), m)],
    ['exp negative', (m) => m.set(4, -1)],
    ['exp as text', (m) => m.set(4, String(NOW + DAY))],
    ['nbf as bytes', (m) => m.set(5, new Uint8Array(4))],
    ['iat missing', (m) => (m.delete(6), m)],
    ['cti missing', (m) => (m.delete(7), m)],
    ['cti of 15 bytes', (m) => m.set(7, new Uint8Array(15))],
    ['sd missing', (m) => (m.delete(-65537), m)],
    ['sd empty', (m) => m.set(-65537, [])],
    ['sd of 65 entries', (m) => m.set(-65537, increasingDigests(65))],
    ['sd unsorted', (m) => m.set(-65537, [...sdOf(m)].reverse())],
    ['sd with a duplicate', (m) => m.set(-65537, [sdOf(m)[0]!, ...sdOf(m)])],
    ['sd entry of 31 bytes', (m) => m.set(-65537, [new Uint8Array(31), ...sdOf(m)])],
    ['sd not an array', (m) => m.set(-65537, sdOf(m)[0]!)],
    ['cnf with an extra field', (m) => m.set(8, cnfMap([[1, 1], [-1, 6], [-2, device.publicKey], [2, new Uint8Array(1)]]))],
    ['cnf with an extra outer key', (m) => m.set(8, new Map<CborValue, CborValue>([[1, new Map<CborValue, CborValue>([[1, 1], [-1, 6], [-2, device.publicKey]])], [3, 0]]))],
    ['cnf with crv 7', (m) => m.set(8, cnfMap([[1, 1], [-1, 7], [-2, device.publicKey]]))],
    ['cnf with kty 2', (m) => m.set(8, cnfMap([[1, 2], [-1, 6], [-2, device.publicKey]]))],
    ['cnf key of 31 bytes', (m) => m.set(8, cnfMap([[1, 1], [-1, 6], [-2, device.publicKey.slice(1)]]))],
    ['cnf as bytes', (m) => m.set(8, device.publicKey)],
  ];
  for (const [what, mutate] of cases) {
    it(`${what} -> MALFORMED`, () => {
      expect(verify(withClaims(mutate)).result).toBe('MALFORMED');
    });
  }

  it('sd of exactly 64 entries is accepted', () => {
    const t = token({ unsafe: { mutateClaims: (m) => m.set(-65537, increasingDigests(64)) } });
    expect(verify(assemblePresentation(t.token, [])).result).toBe('OK');
  });

  it('a well-formed cnf built by hand is accepted', () => {
    const p = presentAll(
      token({ unsafe: { mutateClaims: (m) => m.set(8, cnfMap([[1, 1], [-1, 6], [-2, device.publicKey]])) } }),
      bindingNow(),
    );
    expect(verify(p).result).toBe('OK');
  });
});

describe('structure of the disclosures (step 9)', () => {
  function withExtra(...contents: Uint8Array[]): ReturnType<typeof verify> {
    const t = token({ unsafe: { extraDigests: contents.map(disclosureDigest), skipDigestCountCheck: true } });
    return verify(assemblePresentation(t.token, [...t.disclosures, ...contents]));
  }
  const salt = (): Uint8Array => randomBytes(16);
  const cases: [string, Uint8Array][] = [
    ['salt of 15 bytes', encodeDisclosure(randomBytes(15), 12, 0)],
    // From byte 16 of the salt on, the bytes read as key 13 with value h'0000': only the length check refuses it.
    ['salt of 12 bytes whose next bytes, read from byte 16 on, parse as a key and a value', encode([randomBytes(12), 12, fromHex('00000d420000')])],
    ['salt as text', encode(['salt', 12, 0])],
    ['negative key', encode([salt(), -1, 0])],
    ['text key', encode([salt(), 'status', 0])],
    ['array of two', encode([salt(), 12])],
    ['array of four', encode([salt(), 12, 0, 0])],
    ['a map instead of an array', encode(new Map([[1, 0]]))],
    ['empty content', new Uint8Array(0)],
    ['not CBOR', fromHex('ff00')],
    ['status 3', encodeDisclosure(salt(), 1, 3)],
    ['status as text', encodeDisclosure(salt(), 1, 'green')],
    ['nat with result 2', encodeDisclosure(salt(), 2, [NOW, 2])],
    ['nat of three items', encodeDisclosure(salt(), 2, [NOW, 0, 0])],
    ['vax with negative doses', encodeDisclosure(salt(), 3, [-1, NOW])],
    ['abroad14 as 0', encodeDisclosure(salt(), 4, 0)],
    ['risk14 as null', encodeDisclosure(salt(), 5, null)],
    ['fever as text', encodeDisclosure(salt(), 6, 'no')],
    ['region of five digits', encodeDisclosure(salt(), 7, 12345)],
    ['region as text', encodeDisclosure(salt(), 7, '330106')],
    ['id4 empty', encodeDisclosure(salt(), 8, '')],
    ['id4 of five code points', encodeDisclosure(salt(), 8, '1234X')],
    ['name as bytes', encodeDisclosure(salt(), 9, new Uint8Array(2))],
    ['photo of 31 bytes', encodeDisclosure(salt(), 10, new Uint8Array(31))],
    ['intl as 1', encodeDisclosure(salt(), 11, 1)],
  ];
  for (const [what, content] of cases) {
    it(`${what} -> MALFORMED`, () => {
      expect(withExtra(content).result).toBe('MALFORMED');
    });
  }

  it('id4 counts code points, not bytes or UTF-16 units', () => {
    expect(withExtra(encodeDisclosure(salt(), 8, '𐅑𐅑𐅑𐅑')).result).toBe('OK');
  });

  it('two disclosures with the same key -> MALFORMED, also the same disclosure twice', () => {
    const t = token();
    expect(verify(assemblePresentation(t.token, [t.disclosures[0]!, t.disclosures[0]!])).result).toBe('MALFORMED');
    expect(withExtra(encodeDisclosure(salt(), 1, 1)).result).toBe('MALFORMED'); // a second, genuine, status
  });

  it('MALFORMED outranks DISCLOSURE_INVALID within step 9, whatever the order', () => {
    const t = token();
    const stray = token().disclosures[1]!; // not in this token's sd
    const bad = encodeDisclosure(salt(), 1, 9); // wrong type, not in sd either
    expect(verify(assemblePresentation(t.token, [stray, bad])).result).toBe('MALFORMED');
    expect(verify(assemblePresentation(t.token, [bad, stray])).result).toBe('MALFORMED');
  });

  it('a binding on a token without cnf -> MALFORMED (checked at step 5, decision D4)', () => {
    const t = token();
    expect(verify(presentAll(t, bindingNow())).result).toBe('MALFORMED');
    const expired = token({ exp: NOW - DAY });
    expect(verify(presentAll(expired, bindingNow())).result).toBe('MALFORMED'); // step 5 outranks step 7
    const signedByStranger = token({ issuerSecret: stranger.secretKey, unsafe: { kid: kidOf(issuerKey.publicKey) } });
    expect(verify(presentAll(signedByStranger, bindingNow())).result).toBe('BAD_SIGNATURE');
  });
});

describe('order of the checks (§5)', () => {
  const cases: [string, ResultCode, () => ResultCode][] = [
    ['sunset and expired list -> SUNSET', 'SUNSET', () => verify(presentAll(token()), {}, verifierWith({ sunset: NOW - 1, expires: NOW - 1 })).result],
    ['expired list and an empty line -> TRUST_LIST_EXPIRED', 'TRUST_LIST_EXPIRED', () => verify('', {}, verifierWith({ expires: NOW })).result],
    ['unknown kid and tampered payload -> UNKNOWN_KID', 'UNKNOWN_KID', () =>
      verify(presentAll(token({ issuerSecret: stranger.secretKey, unsafe: { sign1: { payloadAfterSigning: encode(0) } } }))).result],
    ['bad signature and malformed claims -> BAD_SIGNATURE', 'BAD_SIGNATURE', () =>
      verify(presentAll(token({ unsafe: { sign1: { payloadAfterSigning: encode([1]) } } }))).result],
    ['malformed claims and wrong issuer -> MALFORMED', 'MALFORMED', () => verify(presentAll(token({ iss: 'CN-36', unsafe: { mutateClaims: (m) => m.set('x', 1) } }))).result],
    ['wrong issuer and key not valid -> ISSUER_MISMATCH', 'ISSUER_MISMATCH', () => verify(presentAll(token({ iss: 'CN-36', iat: NOW - 200 * DAY }))).result],
    ['key not valid and key revoked -> KEY_NOT_VALID', 'KEY_NOT_VALID', () =>
      verify(presentAll(token({ iat: NOW - 200 * DAY })), {}, verifierWith({ issuers: [issuerEntry({ revokedAt: 0 })] })).result],
    ['key revoked and expired -> KEY_REVOKED', 'KEY_REVOKED', () =>
      verify(presentAll(token({ exp: NOW - DAY })), {}, verifierWith({ issuers: [issuerEntry({ revokedAt: 0 })] })).result],
    ['nbf in the future and exp in the past -> NOT_YET_VALID', 'NOT_YET_VALID', () => verify(presentAll(token({ nbf: NOW + DAY, exp: NOW - DAY }))).result],
    ['expired and revoked -> EXPIRED', 'EXPIRED', () => {
      const t = token({ exp: NOW - DAY });
      const v = verifierWith();
      v.applyRevocations(buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW, expires: NOW + DAY, revoked: [revokedPrefix(t.cti)] }));
      return verify(presentAll(t), {}, v).result;
    }],
    ['revoked and a bad disclosure -> TOKEN_REVOKED', 'TOKEN_REVOKED', () => {
      const t = token();
      const v = verifierWith();
      v.applyRevocations(buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW, expires: NOW + DAY, revoked: [revokedPrefix(t.cti)] }));
      return verify(assemblePresentation(t.token, [fromHex('00')]), {}, v).result;
    }],
    ['invalid disclosure and no binding -> DISCLOSURE_INVALID', 'DISCLOSURE_INVALID', () =>
      verify(assemblePresentation(token({ cnf: device.publicKey }).token, [token().disclosures[0]!])).result],
    ['bad binding signature and stale -> HOLDER_BINDING_FAILED', 'HOLDER_BINDING_FAILED', () =>
      verify(presentAll(token({ cnf: device.publicKey }), bindingNow({ deviceSecret: stranger.secretKey, presentedAt: NOW - 600 }))).result],
    ['stale and yellow at a school -> STALE_PRESENTATION', 'STALE_PRESENTATION', () =>
      verify(presentAll(token({ cnf: device.publicKey, claims: { status: 1 } }), bindingNow({ presentedAt: NOW - 600 })), { venue: 'school' }).result],
    ['missing nat and a status not allowed -> CLAIM_REQUIRED first (decision D11)', 'CLAIM_REQUIRED', () =>
      verifyAt(verifierWith({ policy: { v: { allow: [0], natMaxAge: 3600 } } }), 'v', { status: 1 })],
    ['missing required key and a status not allowed -> CLAIM_REQUIRED', 'CLAIM_REQUIRED', () =>
      verifyAt(verifierWith({ policy: { v: { allow: [0], require: [9] } } }), 'v', { status: 1 })],
    ['status not allowed and positive nat -> STATUS_NOT_ALLOWED', 'STATUS_NOT_ALLOWED', () =>
      verifyAt(verifierWith({ policy: { v: { allow: [0], natMaxAge: 3600 } } }), 'v', { status: 1, nat: [NOW, 1] })],
    ['positive and old nat -> NAT_POSITIVE', 'NAT_POSITIVE', () =>
      verifyAt(verifierWith({ policy: { v: { allow: [0], natMaxAge: 3600 } } }), 'v', { status: 0, nat: [NOW - DAY, 1] })],
    ['old nat and too few doses -> NAT_TOO_OLD', 'NAT_TOO_OLD', () =>
      verifyAt(verifierWith({ policy: { v: { allow: [0], natMaxAge: 3600, minDoses: 3 } } }), 'v', { status: 0, nat: [NOW - DAY, 0], vax: [1, 0] })],
    ['too few doses and abroad -> DOSES_REQUIRED', 'DOSES_REQUIRED', () =>
      verifyAt(verifierWith({ policy: { v: { allow: [0], minDoses: 3, denyAbroad14: true } } }), 'v', { status: 0, vax: [1, 0], abroad14: true })],
    ['abroad and risk area -> ABROAD_RECENT', 'ABROAD_RECENT', () =>
      verifyAt(verifierWith({ policy: { v: { allow: [0], denyAbroad14: true, denyRisk14: true } } }), 'v', { status: 0, abroad14: true, risk14: true })],
  ];
  for (const [what, want, run] of cases) {
    it(what, () => {
      expect(run()).toBe(want);
    });
  }

  it('policy results carry iss, kid and the verified claims; failures carry nothing else', () => {
    const r = verify(presentAll(token({ claims: { status: 1 } })), { venue: 'school' });
    expect(r).toEqual({ result: 'STATUS_NOT_ALLOWED', iss: 'CN-35', kid: toHex(kidOf(issuerKey.publicKey)), claims: { status: 1 } });
    expect(verify(presentAll(token({ exp: NOW - DAY })))).toEqual({ result: 'EXPIRED' });
  });

  it('a small-order cnf key binds nothing: HOLDER_BINDING_FAILED (decision D7)', () => {
    const identity = h('01' + '00'.repeat(31));
    const t = token({ cnf: identity });
    // R = identity, S = 0 satisfies the cofactored equation for any message under a small-order A.
    const forged = [NOW, null, h('01' + '00'.repeat(63))] as CborValue;
    expect(verify(assemblePresentation(t.token, t.disclosures, forged)).result).toBe('HOLDER_BINDING_FAILED');
  });
});

function verifyAt(v: ReferenceVerifier, venue: string, claims: ClaimsInput): ResultCode {
  return verify(presentAll(token({ claims })), { venue }, v).result;
}

// ---------------------------------------------------------------------------------------------
// Trust lists and revocation lists that must be refused
// ---------------------------------------------------------------------------------------------

function refusal(apply: () => void): string {
  try {
    apply();
  } catch (e) {
    if (e instanceof ListRefusedError) return e.code;
    throw e;
  }
  return 'ACCEPTED';
}

describe('trust lists (§6)', () => {
  const smallOrder = h('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa');
  const nonCanonical = h('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f');
  const fresh = (): ReferenceVerifier => new MirroredVerifier([root.publicKey]);
  const cases: [string, string, () => Uint8Array][] = [
    ['signed by an unknown root', 'UNKNOWN_ROOT', () => trustList({ rootSecret: stranger.secretKey })],
    ['kid of the root, signature by another key', 'BAD_SIGNATURE', () => trustList({ rootSecret: stranger.secretKey, unsafe: { kid: kidOf(root.publicKey) } })],
    ['a flipped signature bit', 'BAD_SIGNATURE', () => trustList({ unsafe: { sign1: { mapSignature: flipLastByte } } })],
    ['alg -7', 'UNSUPPORTED_ALG', () => trustList({ alg: -7 })],
    ['an issuer kid that is not H(pub)[0..8]', 'KID_MISMATCH', () => trustList({ unsafe: { issuerKids: new Map([[0, new Uint8Array(8)]]) } })],
    ['a kid twice', 'DUPLICATE_KID', () => trustList({ issuers: [issuerEntry(), issuerEntry({ iss: 'CN-36' })], unsafe: { allowDuplicateKids: true } })],
    ['a small-order issuer key', 'WEAK_KEY', () => trustList({ issuers: [issuerEntry({ pub: smallOrder })], unsafe: { allowWeakKeys: true } })],
    ['a non-canonical issuer key', 'WEAK_KEY', () => trustList({ issuers: [issuerEntry({ pub: nonCanonical })], unsafe: { allowWeakKeys: true } })],
    ['a small-order root (decision D8)', 'WEAK_KEY', () => trustList({ roots: [root.publicKey, smallOrder], unsafe: { allowWeakKeys: true } })],
    ['an unknown payload key', 'MALFORMED', () => trustList({ unsafe: { mutatePayload: (m) => m.set(8, 0) } })],
    ['no roots', 'MALFORMED', () => trustList({ unsafe: { mutatePayload: (m) => m.set(5, []) } })],
    ['version missing', 'MALFORMED', () => trustList({ unsafe: { mutatePayload: (m) => (m.delete(1), m) } })],
    ['an IssuerKey with an unknown key', 'MALFORMED', () => trustList({ unsafe: { mutatePayload: (m) => m.set(4, [new Map<CborValue, CborValue>([...firstIssuer(m), [7, 0]])]) } })],
    ['an IssuerKey without not_after', 'MALFORMED', () => trustList({ unsafe: { mutatePayload: (m) => m.set(4, [new Map<CborValue, CborValue>([...firstIssuer(m)].filter(([k]) => k !== 5))]) } })],
    ['a policy rule without allow', 'MALFORMED', () => trustList({ unsafe: { mutatePayload: (m) => m.set(7, cmap([['x', cmap([[2, 1]])]])) } })],
    ['a policy allow of 3', 'MALFORMED', () => trustList({ unsafe: { mutatePayload: (m) => m.set(7, cmap([['x', cmap([[1, [3]]])]])) } })],
    ['a policy rule with an unknown key', 'MALFORMED', () => trustList({ unsafe: { mutatePayload: (m) => m.set(7, cmap([['x', cmap([[1, [0]], [9, true]])]])) } })],
    ['a policy with a numeric category', 'MALFORMED', () => trustList({ unsafe: { mutatePayload: (m) => m.set(7, cmap([[1, cmap([[1, [0]]])]])) } })],
    ['a float in the payload', 'MALFORMED', () => trustList({ unsafe: { mutatePayload: (m) => m.set(2, raw('fb41da1a2b5c000000')) } })],
    ['payload keys unsorted', 'MALFORMED', () => trustList({ unsafe: { mutatePayload: (m) => unsortedMap(new Map([...m].reverse())) } })],
    ['no tag 18', 'MALFORMED', () => trustList({ unsafe: { sign1: { tag: null } } })],
    ['more than 16 MiB', 'TOO_LARGE', () => new Uint8Array(16 * 1024 * 1024 + 1)],
  ];
  for (const [what, code, build] of cases) {
    it(`${what} -> refused (${code}), and the list in force stays`, () => {
      const v = verifierWith();
      expect(refusal(() => v.applyTrustList(build()))).toBe(code);
      expect(verify(presentAll(token()), {}, v).result).toBe('OK');
      expect(refusal(() => fresh().applyTrustList(build()))).toBe(code);
    });
  }

  it('refuses rollback and replay of the same version', () => {
    const v = fresh();
    v.applyTrustList(trustList({ version: 5 }));
    expect(refusal(() => v.applyTrustList(trustList({ version: 4 })))).toBe('ROLLBACK');
    expect(refusal(() => v.applyTrustList(trustList({ version: 5 })))).toBe('ROLLBACK');
    expect(refusal(() => v.applyTrustList(trustList({ version: 6 })))).toBe('ACCEPTED');
  });

  it('accepts an already expired list, which then makes every verification TRUST_LIST_EXPIRED (decision D8)', () => {
    const v = fresh();
    v.applyTrustList(trustList({ issuedAt: NOW - 10 * DAY, expires: NOW - 1 }));
    expect(verify(presentAll(token()), {}, v).result).toBe('TRUST_LIST_EXPIRED');
  });

  it('accepts alg -8 and the first list at version 0', () => {
    expect(refusal(() => fresh().applyTrustList(trustList({ alg: -8, version: 0 })))).toBe('ACCEPTED');
  });

  it('without any trust list every token is UNKNOWN_KID and the default policy applies', () => {
    expect(verify(presentAll(token()), { venue: 'school' }, fresh()).result).toBe('UNKNOWN_KID');
  });

  it('the builder itself refuses weak keys, duplicate kids, bad roots and bad policies', () => {
    expect(() => trustList({ issuers: [issuerEntry({ pub: smallOrder })] })).toThrowError(expect.objectContaining({ code: 'WEAK_KEY' }));
    expect(() => trustList({ issuers: [issuerEntry(), issuerEntry()] })).toThrowError(expect.objectContaining({ code: 'DUPLICATE_KID' }));
    expect(() => trustList({ roots: [] })).toThrowError(expect.objectContaining({ code: 'BAD_ROOTS' }));
    expect(() => trustList({ roots: [nonCanonical] })).toThrowError(expect.objectContaining({ code: 'BAD_ROOTS' }));
    expect(() => trustList({ policy: { x: { allow: [3] } } })).toThrow(TrustListError);
    expect(() => trustList({ policy: { x: { allow: [0], require: [-1] } } })).toThrow(TrustListError);
    expect(() => buildTrustList({ rootSecret: root.secretKey, version: 1, issuedAt: 0, expires: 1, issuers: [issuerEntry({ pub: new Uint8Array(31) })], roots: [root.publicKey] })).toThrowError(
      expect.objectContaining({ code: 'BAD_ISSUER' }),
    );
  });
});

describe('revocation lists (§7)', () => {
  const full = (version: number, revoked: Uint8Array[], over: Partial<Parameters<typeof buildRevocationList>[0]> = {}): Uint8Array =>
    buildRevocationList({ rootSecret: root.secretKey, version, issuedAt: NOW, expires: NOW + DAY, revoked, ...over });
  const delta = (version: number, baseVersion: number, added: Uint8Array[], removed: Uint8Array[], over: Partial<Parameters<typeof buildRevocationDelta>[0]> = {}): Uint8Array =>
    buildRevocationDelta({ rootSecret: root.secretKey, version, issuedAt: NOW, expires: NOW + DAY, baseVersion, added, removed, ...over });
  const p1 = revokedPrefix(randomBytes(16));
  const p2 = revokedPrefix(randomBytes(16));

  const cases: [string, string, Uint8Array[]][] = [
    ['a delta with no list in force', 'NO_BASE', [delta(2, 1, [p1], [])]],
    ['a delta on the wrong base', 'BASE_MISMATCH', [full(1, []), delta(3, 2, [p1], [])]],
    ['a delta adding a listed prefix', 'ADD_LISTED', [full(1, [p1]), delta(2, 1, [p1], [])]],
    ['a delta removing an unlisted prefix', 'REMOVE_UNLISTED', [full(1, [p1]), delta(2, 1, [], [p2])]],
    ['a delta removing and re-adding the same prefix', 'ADD_LISTED', [full(1, [p1]), delta(2, 1, [p1], [p1])]],
    ['a delta whose version is not greater', 'ROLLBACK', [full(3, []), delta(3, 3, [p1], [])]],
    ['a full list rolled back', 'ROLLBACK', [full(3, []), full(2, [])]],
    ['prefixes out of order', 'MALFORMED', [full(1, [...[p1, p2]].sort((a, b) => toHex(b).localeCompare(toHex(a))), { unsafe: { keepOrder: true } })]],
    ['a prefix listed twice', 'MALFORMED', [full(1, [p1, p1], { unsafe: { keepOrder: true } })]],
    ['revoked not a multiple of 8 bytes', 'MALFORMED', [full(1, [p1.slice(1)], { unsafe: { keepOrder: true } })]],
    ['a delta with unsorted added', 'MALFORMED', [full(1, []), delta(2, 1, [...[p1, p2]].sort((a, b) => toHex(b).localeCompare(toHex(a))), [], { unsafe: { keepOrder: true } })]],
    ['a full list with a delta field', 'MALFORMED', [full(1, [], { unsafe: { mutatePayload: (m) => m.set(5, 0) } })]],
    ['revoked as an array', 'MALFORMED', [full(1, [], { unsafe: { mutatePayload: (m) => m.set(4, [p1]) } })]],
    ['signed by an unknown root', 'UNKNOWN_ROOT', [full(1, [], { rootSecret: stranger.secretKey })]],
    ['a bad signature', 'BAD_SIGNATURE', [full(1, [], { unsafe: { sign1: { mapSignature: flipLastByte } } })]],
    ['alg -7', 'UNSUPPORTED_ALG', [full(1, [], { alg: -7 })]],
  ];
  for (const [what, code, lists] of cases) {
    it(`${what} -> refused (${code})`, () => {
      const v = verifierWith();
      const results = lists.map((l) => refusal(() => v.applyRevocations(l)));
      expect(results.slice(0, -1).every((r) => r === 'ACCEPTED')).toBe(true);
      expect(results[results.length - 1]).toBe(code);
    });
  }

  it('a refused delta leaves the list in force', () => {
    const t = token();
    const v = verifierWith();
    v.applyRevocations(full(1, [revokedPrefix(t.cti)]));
    expect(refusal(() => v.applyRevocations(delta(2, 1, [], [p2])))).toBe('REMOVE_UNLISTED');
    expect(verify(presentAll(t), {}, v).result).toBe('TOKEN_REVOKED');
    v.applyRevocations(delta(2, 1, [], [revokedPrefix(t.cti)]));
    expect(verify(presentAll(t), {}, v).result).toBe('OK');
  });

  it('the delta takes its own expires (decision D10)', () => {
    const v = verifierWith();
    v.applyRevocations(full(1, [], { expires: NOW + DAY }));
    v.applyRevocations(delta(2, 1, [p1], [], { expires: NOW }));
    expect(verify(presentAll(token()), {}, v).result).toBe('TRUST_LIST_EXPIRED');
  });

  it('after a root rotation only the new roots sign revocation lists (decision D9)', () => {
    const v = new MirroredVerifier([root.publicKey]);
    expect(refusal(() => v.applyRevocations(full(1, [])))).toBe('ACCEPTED');
    v.applyTrustList(trustList({ roots: [root2.publicKey] }));
    expect(refusal(() => v.applyRevocations(full(2, [])))).toBe('UNKNOWN_ROOT');
    expect(refusal(() => v.applyRevocations(full(2, [], { rootSecret: root2.secretKey })))).toBe('ACCEPTED');
  });

  it('the builder sorts prefixes, refuses duplicates and wrong lengths', () => {
    expect(toHex(packPrefixes([h('0200000000000000'), h('0100000000000000')]))).toBe('0100000000000000' + '0200000000000000');
    expect(() => packPrefixes([p1, p1])).toThrowError(expect.objectContaining({ code: 'DUPLICATE_PREFIX' }));
    expect(() => packPrefixes([p1.slice(1)])).toThrow(RevocationListError);
    expect(revokedPrefix(h('00'.repeat(16)))).toEqual(sha256(new Uint8Array(16)).slice(0, 8));
  });
});

describe('present() with skipMissing', async () => {
  const { present: presentWith, issueToken: issue } = await import('../sdk/issuer/index.js');
  const { issuerKey: key, NOW: now } = await import('./support/issuerFixtures.js');
  const t = issue({ issuerSecret: key.secretKey, iss: 'CN-35', iat: now, exp: now + 10, claims: { status: 0 } });
  it('throws NOT_ISSUED for a claim the token lacks, unless asked to skip it', () => {
    expect(() => presentWith({ token: t.token, disclosures: t.disclosures, reveal: ['status', 'nat'] })).toThrow(/nat|2/);
    const p = presentWith({ token: t.token, disclosures: t.disclosures, reveal: ['status', 'nat'], skipMissing: true });
    expect(p).toEqual(presentWith({ token: t.token, disclosures: t.disclosures, reveal: ['status'] }));
  });
});

// Last: every verification above through the command line (PG1 §9), a few processes in all.
checkThroughCli();

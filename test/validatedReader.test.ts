// The SDK's CBOR reader gives what cbor-x (an oracle, test/reference/cborxDecode.ts) gives, on every
// kind of value PG1 allows, validated (the hot path) or with tags (the general decoder).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encode, Tagged, type CborValue } from '../sdk/cbor/deterministicEncoder.js';
import { decodeValue } from '../sdk/cbor/valueDecoder.js';
import { readValidated, readValidatedTagged } from '../sdk/cbor/validatedReader.js';
import { cborxDecode } from './reference/cborxDecode.js';

const scalar: fc.Arbitrary<CborValue> = fc.oneof(
  fc.integer(),
  fc.bigInt({ min: -(1n << 64n), max: (1n << 64n) - 1n }),
  fc.string(),
  fc.uint8Array({ maxLength: 40 }),
  fc.boolean(),
  fc.constant(null),
);
const value: fc.Arbitrary<CborValue> = fc.letrec<{ v: CborValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('v'), { maxLength: 5 }),
    fc.uniqueArray(fc.tuple(fc.oneof(fc.integer(), fc.string()), tie('v')), { maxLength: 4, selector: (e) => e[0] })
      .map((entries) => new Map<CborValue, CborValue>(entries)),
  ),
})).v;

describe('readValidated', () => {
  it('agrees with cbor-x on random values', () => {
    fc.assert(fc.property(value, (v) => {
      const bytes = encode(v);
      expect(readValidated(bytes)).toEqual(cborxDecode(bytes));
    }), { numRuns: 2000 });
  });

  // Tags cbor-x has no extension for (it turns 0-5, 64-87, 258... into other types).
  it('and the general decoder agrees with cbor-x on random values with tags', () => {
    const tagged = fc.tuple(fc.constantFrom(6, 18, 61, 98, 1000), value).map(([t, v]) => new Tagged(t, [v, new Tagged(18, v)]));
    fc.assert(fc.property(fc.oneof(value, tagged), (v) => {
      const bytes = encode(v);
      expect(decodeValue(bytes)).toEqual(cborxDecode(bytes));
    }), { numRuns: 1000 });
  });

  it('refuses trailing bytes, truncation, floats and tags', () => {
    expect(() => readValidated(new Uint8Array([0x01, 0x02]))).toThrow();
    expect(() => readValidated(new Uint8Array([0x82, 0x01]))).toThrow();
    expect(() => readValidated(new Uint8Array([0xf9, 0x3c, 0x00]))).toThrow();
    expect(() => readValidated(new Uint8Array([0xd2, 0x80]))).toThrow();
    expect(() => readValidated(new Uint8Array([0x62, 0xff, 0xfe]))).toThrow();
  });

  it('reads tags as Tagged only when asked (a whole presentation)', () => {
    const v = readValidatedTagged(new Uint8Array([0x82, 0xd2, 0x80, 0x80]));
    expect(v).toEqual([new Tagged(18, []), []]);
    expect(() => readValidatedTagged(new Uint8Array([0xd2]))).toThrow();
  });
});

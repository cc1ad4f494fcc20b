// The hot-path reader of validated CBOR gives what cbor-x gives, on every kind of value PG1 allows.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encode, Tagged, type CborValue } from '../sdk/cbor/deterministicEncoder.js';
import { decodeValue } from '../sdk/cbor/valueDecoder.js';
import { readValidated, readValidatedTagged } from '../sdk/cbor/validatedReader.js';

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
      expect(readValidated(bytes)).toEqual(decodeValue(bytes));
    }), { numRuns: 2000 });
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

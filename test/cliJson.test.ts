// The JSON writer of passgate verify and passgate serve (sdk/cli/json.ts): what JSON.stringify writes,
// with bigints as exact digits, and no holder-chosen text turned into anything but a string.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toJson } from '../sdk/cli/json.js';

describe('toJson', () => {
  it('writes what JSON.stringify writes for JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      expect(toJson(v)).toBe(JSON.stringify(v));
    }), { numRuns: 300 });
    expect(toJson({ a: undefined, b: [undefined, 1], c: () => 1 })).toBe(JSON.stringify({ a: undefined, b: [undefined, 1], c: () => 1 }));
  });

  it('writes bigints as their digits, exactly', () => {
    expect(toJson({ exp: 18446744073709551615n, nat: [1750000000n, 0] })).toBe('{"exp":18446744073709551615,"nat":[1750000000,0]}');
    expect(JSON.parse(toJson({ n: -(2n ** 63n) }).replace(/-?\d{16,}/, '"$&"'))).toEqual({ n: '-9223372036854775808' });
  });

  it('keeps text as text, whatever characters it holds', () => {
    for (const text of ['\u00001\u0000', '\\u00001\\u0000', '"\u0000-7\u0000"', '\u2028']) {
      expect(JSON.parse(toJson({ claims: { '99': text } }))).toEqual({ claims: { '99': text } });
    }
  });

  it('reads enumerable getters as their values', () => {
    const v = { result: 'OK' };
    Object.defineProperty(v, 'claims', { enumerable: true, get: () => ({ status: 0 }) });
    expect(toJson(v)).toBe('{"result":"OK","claims":{"status":0}}');
  });
});

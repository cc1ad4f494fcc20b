/**
 * The reference verifier against the PG1 public examples (a copy in test/vectors/pg1-examples),
 * and its building blocks against independent vectors.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { POLICY_CODES, type ResultCode } from '../sdk/pg1/resultCodes.js';
import { isStrongPublicKey, verifyCofactored } from './reference/ed25519Cofactored.js';
import { ListRefusedError, ReferenceUsageError, ReferenceVerifier } from './reference/referenceVerifier.js';
import { checkStrictCbor, StrictCborError, type StrictCborErrorCode, type TagRule } from './reference/strictCbor.js';
import { transportBytes } from './reference/transport.js';
import { readOfLine } from './reference/readLine.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const examplesDir = join(here, 'vectors', 'pg1-examples');

function fromHex(h: string): Uint8Array {
  return Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16));
}

interface GroupArgs {
  root: string[];
  trust: string[];
  revocations: string[];
  now: number;
  venue: string | null;
  nonce: string | null;
  skew: number | null;
  expect_exit: 0 | 2;
}

interface Expected {
  result?: ResultCode;
  exit?: number;
  iss?: string;
  kid?: string;
  claims?: Record<string, unknown>;
}

function jsonLines<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

function inputLines(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop(); // the terminator of the last line
  return lines;
}

const groups = readdirSync(examplesDir).filter((d) => existsSync(join(examplesDir, d, 'args.json')));

describe('PG1 public examples through the reference verifier', () => {
  it('finds the example groups', () => {
    expect(groups.length).toBeGreaterThanOrEqual(7);
  });

  for (const group of groups) {
    const dir = join(examplesDir, group);
    const args = JSON.parse(readFileSync(join(dir, 'args.json'), 'utf8')) as GroupArgs;
    const expected = jsonLines<Expected>(join(dir, 'expected.jsonl'));
    const cases = jsonLines<{ description: string }>(join(dir, 'cases.jsonl'));

    const load = (): ReferenceVerifier => {
      const v = new ReferenceVerifier(args.root.map(fromHex));
      for (const f of args.trust) v.applyTrustList(readFileSync(join(dir, f)));
      for (const f of args.revocations) v.applyRevocations(readFileSync(join(dir, f)));
      return v;
    };

    if (args.expect_exit === 2) {
      it(`${group}: ${cases[0]?.description ?? ''}`, () => {
        expect(expected[0]?.exit).toBe(2);
        expect(load).toThrow(ListRefusedError);
      });
      continue;
    }

    const lines = inputLines(join(dir, 'input.txt'));
    it(`${group}: one expected line per input line`, () => {
      expect(lines.length).toBe(expected.length);
    });
    lines.forEach((line, i) => {
      const exp = expected[i]!;
      it(`${group}:${i + 1} ${cases[i]?.description ?? ''} -> ${exp.result}`, () => {
        const v = load();
        const read = readOfLine(line);
        // A line that is not a read is MALFORMED after step 1 (like an empty line).
        const { presentation, ...withIt } = read === 'MALFORMED' ? { presentation: '' } : read;
        const got = v.verify(presentation, {
          ...withIt,
          now: args.now,
          ...(args.venue !== null ? { venue: args.venue } : {}),
          ...(args.nonce !== null ? { nonce: fromHex(args.nonce) } : {}),
          ...(args.skew !== null ? { skew: args.skew } : {}),
        });
        expect(got.result).toBe(exp.result);
        if (exp.result === 'OK' || POLICY_CODES.has(exp.result!)) {
          expect(got.iss).toBe(exp.iss);
          expect(got.kid).toBe(exp.kid);
          expect(got.claims).toEqual(exp.claims);
        } else {
          expect(got.claims).toBeUndefined();
        }
      });
    });
  }
});

describe('reference Ed25519 (cofactored, strict)', () => {
  const cases = JSON.parse(readFileSync(join(here, 'vectors', 'reference-ed25519', 'cases.json'), 'utf8')) as {
    message: string;
    pub_key: string;
    signature: string;
  }[];
  // PG1 §2: cofactored, strict R and A, S < L; small order is not refused at verification time.
  const expectedValid = [true, true, true, true, true, true, false, false, false, false, false, false];

  cases.forEach((c, i) => {
    it(`speccheck case ${i} is ${expectedValid[i] ? 'valid' : 'invalid'}`, () => {
      expect(verifyCofactored(fromHex(c.signature), fromHex(c.message), fromHex(c.pub_key))).toBe(expectedValid[i]);
    });
  });

  it('accepts RFC 8032 §7.1 test 1 and refuses it with a flipped message bit', () => {
    const pub = fromHex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    const sig = fromHex(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
    expect(verifyCofactored(sig, new Uint8Array(0), pub)).toBe(true);
    expect(verifyCofactored(sig, new Uint8Array([0]), pub)).toBe(false);
  });

  it('refuses small-order and non-canonical keys as issuer keys, accepts a normal key', () => {
    expect(isStrongPublicKey(fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa'))).toBe(false); // order 8
    expect(isStrongPublicKey(fromHex('0100000000000000000000000000000000000000000000000000000000000000'))).toBe(false); // identity
    expect(isStrongPublicKey(fromHex('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'))).toBe(false); // y = p
    expect(isStrongPublicKey(fromHex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'))).toBe(true);
  });
});

describe('reference strict CBOR (§1)', () => {
  const bad: [string, StrictCborErrorCode, TagRule?][] = [
    ['', 'EMPTY'],
    ['1817', 'NOT_SHORTEST'],
    ['190017', 'NOT_SHORTEST'],
    ['1a0000ffff', 'NOT_SHORTEST'],
    ['1b00000000ffffffff', 'NOT_SHORTEST'],
    ['5801ff', 'NOT_SHORTEST'],
    ['d81200', 'NOT_SHORTEST', 'root'],
    ['5f4101ff', 'INDEFINITE_LENGTH'],
    ['9fff', 'INDEFINITE_LENGTH'],
    ['bfff', 'INDEFINITE_LENGTH'],
    ['1c', 'RESERVED_INFO'],
    ['f93c00', 'FLOAT'],
    ['fa3f800000', 'FLOAT'],
    ['fb3ff0000000000000', 'FLOAT'],
    ['f7', 'FORBIDDEN_SIMPLE'],
    ['f0', 'FORBIDDEN_SIMPLE'],
    ['f820', 'FORBIDDEN_SIMPLE'],
    ['62c328', 'BAD_UTF8'],
    ['63eda080', 'BAD_UTF8'], // a UTF-16 surrogate encoded in UTF-8
    ['62c0af', 'BAD_UTF8'], // overlong
    ['a20102 0102'.replace(' ', ''), 'DUPLICATE_KEY'],
    ['a203040102', 'UNSORTED_KEYS'],
    ['a2613a01183a02', 'UNSORTED_KEYS'], // "a"=0x61... sorts after 0x18 3a (24-bit head)
    ['c11a00000000', 'FORBIDDEN_TAG', 'root'],
    ['d28100', 'FORBIDDEN_TAG', 'none'],
    ['81d28100', 'FORBIDDEN_TAG', 'root'],
    ['82d28100d28100', 'FORBIDDEN_TAG', 'rootArrayFirst'],
    ['d2d28100', 'FORBIDDEN_TAG', 'root'],
    ['0000', 'TRAILING_BYTES'],
    ['43010203ff', 'TRAILING_BYTES'],
    ['4301', 'TRUNCATED'],
    ['83', 'TRUNCATED'],
    ['19ff', 'TRUNCATED'],
    ['9b0000000100000000', 'TRUNCATED'],
  ];
  for (const [h, code, rule] of bad) {
    it(`refuses ${h || '(empty)'} as ${code}`, () => {
      let caught: unknown;
      try {
        checkStrictCbor(fromHex(h), rule ?? 'none');
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(StrictCborError);
      expect((caught as StrictCborError).code).toBe(code);
    });
  }

  const good: [string, TagRule?][] = [
    ['00'],
    ['17'],
    ['1818'],
    ['1b0000000100000000'],
    ['3bffffffffffffffff'],
    ['f4'],
    ['f5'],
    ['f6'],
    ['a2011818183a02'],
    ['a2613a01626161 02'.replace(' ', '')],
    ['a3 01 00 20 00 61 61 00'.replace(/ /g, '')], // 1, -1, "a": sorted by encoded bytes
    ['d28100', 'root'],
    ['82d2810080', 'rootArrayFirst'],
    ['62efbbbf'.replace('62', '63')], // text holding a BOM is valid UTF-8
  ];
  for (const [h, rule] of good) {
    it(`accepts ${h}`, () => {
      expect(() => checkStrictCbor(fromHex(h), rule ?? 'none')).not.toThrow();
    });
  }

  const nest = (n: number): Uint8Array => Uint8Array.from([...Array<number>(n - 1).fill(0x81), 0x80]);
  it('accepts 16 levels of nesting and refuses 17', () => {
    expect(() => checkStrictCbor(nest(16), 'none')).not.toThrow(); // 16 arrays: the innermost is level 16
    expect(() => checkStrictCbor(Uint8Array.from([...Array<number>(15).fill(0x81), 0x00]), 'none')).not.toThrow();
    expect(() => checkStrictCbor(Uint8Array.from([...Array<number>(16).fill(0x81), 0x00]), 'none')).toThrow(StrictCborError);
    expect(() => checkStrictCbor(nest(17), 'none')).toThrow(StrictCborError);
  });

  it('counts map nesting like array nesting and does not count tags', () => {
    const deepMap = Uint8Array.from([...Array<number>(15).fill(0).flatMap(() => [0xa1, 0x00]), 0x00]); // value at level 16
    expect(() => checkStrictCbor(deepMap, 'none')).not.toThrow();
    expect(() => checkStrictCbor(Uint8Array.from([0xa1, 0x00, ...deepMap]), 'none')).toThrow(StrictCborError);
    expect(() => checkStrictCbor(Uint8Array.from([0xd2, ...Array<number>(15).fill(0x81), 0x00]), 'root')).not.toThrow();
  });
});

describe('reference transport', () => {
  it('reads PG1:base45, hex in either case and raw bytes', () => {
    expect(transportBytes('PG1:BB8')).toEqual(Uint8Array.from([0x41, 0x42]));
    expect(transportBytes('PG1:%69 VD92EX0')).toEqual(new TextEncoder().encode('Hello!!'));
    expect(transportBytes('a1B2')).toEqual(Uint8Array.from([0xa1, 0xb2]));
    expect(transportBytes(Uint8Array.from([1, 2]))).toEqual(Uint8Array.from([1, 2]));
  });

  it.each([
    ['', 'empty line'],
    ['PG1:bb8', 'lower-case base45'],
    ['PG1:BB8#', 'character outside the alphabet'],
    ['PG1:BB8B', 'length 1 mod 3'],
    ['PG1:GGW', 'triple above 65535'],
    ['PG1::6', 'final pair above 255'],
    ['abc', 'odd hex'],
    ['zz', 'not hex'],
    [' a1', 'leading space'],
    ['pg1:BB8', 'lower-case prefix'],
  ])('refuses %j (%s)', (text) => {
    expect(transportBytes(text)).toBeNull();
  });
});

describe('reference verifier usage', () => {
  it('throws a usage error for a venue category the policy does not name', () => {
    const v = new ReferenceVerifier([]);
    expect(() => v.verify('', { now: 0, venue: 'spaceport' })).toThrow(ReferenceUsageError);
    expect(v.verify('', { now: 0, venue: 'school' }).result).toBe('MALFORMED');
  });

  it('refuses negative or fractional times', () => {
    const v = new ReferenceVerifier([]);
    expect(() => v.verify('00', { now: -1 })).toThrow(ReferenceUsageError);
    expect(() => v.verify('00', { now: 1, skew: 0.5 })).toThrow(ReferenceUsageError);
  });
});

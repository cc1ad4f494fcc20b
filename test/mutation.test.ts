/**
 * Mutation test: no byte of a PG1 presentation goes unchecked. The token signature covers the
 * protected header and the payload, the digests in sd cover the disclosures, the holder's signature
 * covers the binding, the unprotected map must be empty and every head is checked for shape, so every
 * single-byte change of a valid presentation, and every single-character change of its `PG1:` text,
 * must be refused. A change that still gives OK is a byte that nothing covers: a bug to report, never
 * a case to skip. A stride of the mutants also goes through the reference, which must agree.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE45_ALPHABET } from '../sdk/encoding/base45.js';
import { issueToken, present, toQrText, type IssueTokenOptions, type PresentOptions } from '../sdk/issuer/index.js';
import { RESULT_CODES, type ResultCode } from '../sdk/pg1/resultCodes.js';
import type { CborValue } from '../sdk/cbor/deterministicEncoder.js';
import type { Verifier } from '../sdk/verifier/verifier.js';
import type { ReferenceVerifier } from './reference/referenceVerifier.js';
import { DAY, device, ISSUERS, NOW, referenceVerifier, sdkVerifier, TRUST_DEFAULT } from './support/differentialWorld.js';

/** How often a mutant is also given to the (slow) reference verifier. */
const REFERENCE_STRIDE = 5;
const READER_NONCE = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);

/** Options both verifiers take. */
interface Options {
  readonly now: number;
  readonly venue?: string;
  readonly nonce?: Uint8Array;
}

interface Sample {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly options: Options;
}

function sample(name: string, token: Omit<IssueTokenOptions, 'issuerSecret' | 'iss'>, presentation: Omit<PresentOptions, 'token' | 'disclosures'>, options: Omit<Options, 'now'> = {}, issuer = ISSUERS.province): Sample {
  const t = issueToken({ issuerSecret: issuer.key.secretKey, iss: issuer.iss, ...token });
  return { name, bytes: present({ token: t.token, disclosures: t.disclosures, ...presentation }), options: { now: NOW, ...options } };
}

const claims = { status: 0, nat: [NOW - 3600, 0], vax: [3, NOW - 100 * DAY], region: 350100, name: '张*三', photo: new Uint8Array(32).fill(5) } as const;
const binding = (nonce: Uint8Array | null = null): PresentOptions['binding'] => ({ deviceSecret: device.secretKey, presentedAt: NOW - 5, nonce });

const SAMPLES: readonly Sample[] = [
  sample('three disclosures, no binding', { iat: NOW - 3600, exp: NOW + DAY, claims, decoys: 4 }, { reveal: ['status', 'nat', 'vax'] }),
  sample('holder-bound, every disclosure', { iat: NOW - 3600, exp: NOW + DAY, claims, cnf: device.publicKey, decoys: 2 }, { reveal: ['status', 'nat', 'vax', 'region', 'name', 'photo'], binding: binding() }),
  sample(
    'holder-bound with a reader nonce, alg -8, nbf',
    { iat: NOW - 3600, nbf: NOW - 60, exp: NOW + DAY, claims, cnf: device.publicKey, alg: -8 },
    { reveal: ['status', 'region'], binding: binding(READER_NONCE) },
    { nonce: READER_NONCE, venue: 'school' },
  ),
  sample(
    'national issuer, an unknown claim holding a map, one disclosure',
    { iat: NOW - DAY, exp: NOW + DAY, claims: { status: 1, 12: new Map<CborValue, CborValue>([[1, 'a'], ['b', [true, null]]]) }, extraClaims: new Map([[100, 'ignored']]) },
    { reveal: [12] },
    {},
    ISSUERS.national,
  ),
  sample('one disclosure, no decoys', { iat: NOW - 3600, exp: NOW + 3600, claims: { status: 0 } }, { reveal: ['status'] }),
];

function byteMutants(x: number): number[] {
  return [...new Set([0x00, 0xff, x ^ 0x01, x ^ 0x80, x ^ 0x20, (x + 1) & 0xff])].filter((v) => v !== x);
}

/** A few other base45 characters for a position: fixed ones and the next one in the alphabet. */
function charMutants(c: string): string[] {
  const next = BASE45_ALPHABET[(BASE45_ALPHABET.indexOf(c) + 1) % 45]!;
  return [...new Set(['0', '9', 'A', 'Z', ' ', ':', '%', next])].filter((v) => v !== c);
}

let sdk: Verifier;
let reference: ReferenceVerifier;

beforeAll(async () => {
  const lists = { trust: [TRUST_DEFAULT.bytes], revocations: [] };
  sdk = await sdkVerifier(lists);
  reference = referenceVerifier(lists);
});

describe('every single-byte and single-character change is refused', () => {
  for (const s of SAMPLES) {
    it(`${s.name}: the original is OK`, () => {
      expect(sdk.verify(s.bytes, s.options).result).toBe('OK');
      expect(reference.verify(s.bytes, s.options).result).toBe('OK');
      expect(sdk.verify(toQrText(s.bytes), s.options).result).toBe('OK');
    });

    it(`${s.name}: each byte × {00, ff, x^01, x^80, x^20, x+1} of the raw bytes (${s.bytes.length} bytes)`, () => {
      const accepted: string[] = [];
      const disagreements: string[] = [];
      const seen = new Map<ResultCode, number>();
      let n = 0;
      for (let i = 0; i < s.bytes.length; i++) {
        for (const v of byteMutants(s.bytes[i]!)) {
          const m = s.bytes.slice();
          m[i] = v;
          const got = sdk.verify(m, s.options).result;
          seen.set(got, (seen.get(got) ?? 0) + 1);
          if (got === 'OK') accepted.push(`byte ${i}: ${s.bytes[i]!.toString(16)} -> ${v.toString(16)}`);
          if (n++ % REFERENCE_STRIDE === 0) {
            const ref = reference.verify(m, s.options).result;
            if (ref !== got) disagreements.push(`byte ${i} -> ${v.toString(16)}: sdk ${got}, reference ${ref}`);
          }
        }
      }
      expect(accepted, 'mutants accepted as OK').toEqual([]);
      expect(disagreements).toEqual([]);
      expect([...seen.keys()].every((c) => RESULT_CODES.includes(c))).toBe(true);
      expect(seen.size).toBeGreaterThan(2); // the mutants reach several checks, not one early refusal
    });

    it(`${s.name}: each character of the PG1: text × 8 base45 characters`, () => {
      const text = toQrText(s.bytes);
      const accepted: string[] = [];
      let n = 0;
      const disagreements: string[] = [];
      for (let i = 0; i < text.length; i++) {
        for (const c of charMutants(text[i]!)) {
          const m = text.slice(0, i) + c + text.slice(i + 1);
          const got = sdk.verify(m, s.options).result;
          if (got === 'OK') accepted.push(`char ${i}: ${JSON.stringify(text[i])} -> ${JSON.stringify(c)}`);
          if (n++ % (REFERENCE_STRIDE * 2) === 0) {
            const ref = reference.verify(m, s.options).result;
            if (ref !== got) disagreements.push(`char ${i} -> ${JSON.stringify(c)}: sdk ${got}, reference ${ref}`);
          }
        }
      }
      expect(accepted, 'mutants accepted as OK').toEqual([]);
      expect(disagreements).toEqual([]);
    });
  }

  it('the verifier still accepts the originals afterwards', () => {
    for (const s of SAMPLES) expect(sdk.verify(s.bytes, s.options).result).toBe('OK');
  });
});

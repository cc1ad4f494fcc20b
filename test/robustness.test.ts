/**
 * Robustness: whatever arrives at a reader (random bytes, CBOR-shaped junk, random text lines, cut-off
 * presentations), `verify` returns one of the 23 codes, never OK, never throws and never traps the
 * WebAssembly core; and the verifier still verifies a genuine presentation afterwards, so no input
 * leaves state behind, and the caller's bytes are left as they were. The reference verifier sees the
 * same inputs and must agree.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE45_ALPHABET } from '../sdk/encoding/base45.js';
import { issueToken, present, toQrText } from '../sdk/issuer/index.js';
import { isPolicyCode, RESULT_CODES, type ResultCode } from '../sdk/pg1/resultCodes.js';
import type { Verifier } from '../sdk/verifier/verifier.js';
import type { ReferenceVerifier } from './reference/referenceVerifier.js';
import { gluedHeads, presentationShaped } from './support/cborishArbitrary.js';
import { DAY, device, ISSUERS, NOW, referenceVerifier, sdkVerifier, TRUST_DEFAULT, TRUST_POLICY } from './support/differentialWorld.js';
import { anyCborValue } from './support/presentationCases.js';
import { encode } from '../sdk/cbor/deterministicEncoder.js';
import { hex } from './reference/values.js';
import { SEED } from './support/seed.js';

const NONCE = Uint8Array.from({ length: 16 }, (_, i) => i);

let sdk: Verifier;
let reference: ReferenceVerifier;

const unbound = issueToken({
  issuerSecret: ISSUERS.province.key.secretKey,
  iss: 'CN-35',
  iat: NOW - 3600,
  exp: NOW + DAY,
  claims: { status: 0, nat: [NOW - 3600, 0], vax: [2, NOW - 100 * DAY], name: '张*三' },
  decoys: 3,
});
const bound = issueToken({
  issuerSecret: ISSUERS.national.key.secretKey,
  iss: 'CN',
  iat: NOW - 3600,
  exp: NOW + DAY,
  cnf: device.publicKey,
  claims: { status: 0, region: 110101, photo: new Uint8Array(32).fill(1) },
});
const GENUINE = {
  unbound: present({ token: unbound.token, disclosures: unbound.disclosures, reveal: ['status', 'nat', 'vax', 'name'] }),
  bound: present({ token: bound.token, disclosures: bound.disclosures, reveal: ['status', 'region', 'photo'], binding: { deviceSecret: device.secretKey, presentedAt: NOW, nonce: NONCE } }),
};

/** The verifier still works: both genuine presentations verify OK with their claims. */
function assertStillSound(): void {
  const a = sdk.verify(GENUINE.unbound, { now: NOW, venue: 'lobby' });
  expect(a).toEqual(reference.verify(GENUINE.unbound, { now: NOW, venue: 'lobby' }));
  expect(a.result).toBe('OK');
  const b = sdk.verify(toQrText(GENUINE.bound), { now: NOW, nonce: NONCE });
  expect(b.result).toBe('OK');
  expect(b.claims).toEqual({ status: 0, region: 110101, photo: '01'.repeat(32) });
}

const seen = new Map<ResultCode, number>();

/** One hostile input through both verifiers: a known code, never OK, the same code from both. */
function check(input: string | Uint8Array, options: { venue?: string; nonce?: Uint8Array } = {}): void {
  let got;
  const before = typeof input === 'string' ? null : input.slice();
  try {
    got = sdk.verify(input, { now: NOW, ...options });
  } catch (e) {
    throw new Error(`verify threw on ${typeof input === 'string' ? JSON.stringify(input.slice(0, 200)) : hex(input.slice(0, 200))}: ${String(e)}`);
  }
  if (before !== null && hex(before) !== hex(input as Uint8Array)) throw new Error('verify changed the caller\'s bytes');
  if (!RESULT_CODES.includes(got.result)) throw new Error(`unknown code ${String(got.result)}`);
  if (got.result === 'OK') throw new Error(`accepted: ${typeof input === 'string' ? input : hex(input)}`);
  if (!isPolicyCode(got.result) && Object.keys(got).length !== 1) throw new Error(`${got.result} carries claims`);
  const ref = reference.verify(input, { now: NOW, ...options }).result;
  if (ref !== got.result) throw new Error(`sdk ${got.result}, reference ${ref} on ${typeof input === 'string' ? JSON.stringify(input) : hex(input)}`);
  seen.set(got.result, (seen.get(got.result) ?? 0) + 1);
}

/** Runs `runs` cases of `arb` through `check`, and the soundness check every 250 cases. */
async function hostile<T>(arb: fc.Arbitrary<T>, runs: number, toInput: (v: T) => string | Uint8Array, options: { venue?: string; nonce?: Uint8Array } = {}): Promise<void> {
  let n = 0;
  await fc.assert(
    fc.asyncProperty(arb, async (v) => {
      check(toInput(v), options);
      if (++n % 250 === 0) assertStillSound();
    }),
    { numRuns: runs, seed: SEED, endOnFailure: true },
  );
  assertStillSound();
}

beforeAll(async () => {
  const lists = { trust: [TRUST_DEFAULT.bytes, TRUST_POLICY.bytes], revocations: [] };
  sdk = await sdkVerifier(lists);
  reference = referenceVerifier(lists);
});

describe(`hostile input never throws, traps or passes (seed ${SEED})`, () => {
  it('the genuine presentations verify before anything else', () => {
    assertStillSound();
  });

  it('20,000 random byte strings of 0 to 5,000 bytes', async () => {
    const lengths = fc.oneof(
      { weight: 6, arbitrary: fc.uint8Array({ maxLength: 32 }) },
      { weight: 6, arbitrary: fc.uint8Array({ minLength: 32, maxLength: 600 }) },
      { weight: 2, arbitrary: fc.uint8Array({ minLength: 600, maxLength: 4096 }) },
      { weight: 1, arbitrary: fc.uint8Array({ minLength: 4090, maxLength: 5000 }) },
    );
    // A first byte of 0x82/0x83 (a 2- or 3-item array) half of the time, so the parser goes deeper.
    await hostile(fc.tuple(lengths, fc.boolean(), fc.constantFrom(0x82, 0x83)), 20_000, ([b, lead, first]) => (lead && b.length > 0 ? Uint8Array.of(first, ...b.subarray(1)) : b));
  });

  it('5,000 runs of glued CBOR heads and markers, as raw bytes and as hex', async () => {
    await hostile(fc.tuple(gluedHeads, fc.boolean()), 5_000, ([b, asHex]) => (asHex ? hex(b) : b));
  });

  it('5,000 well-formed CBOR values of any shape', async () => {
    await hostile(anyCborValue, 5_000, (v) => encode(v), { venue: 'lobby' });
  });

  it('5,000 presentation-shaped values with random parts, as raw bytes and PG1: text', async () => {
    await hostile(fc.tuple(presentationShaped, fc.boolean()), 5_000, ([b, qr]) => (qr ? toQrText(b) : b), { nonce: NONCE });
  });

  it('10,000 random text lines: any Unicode, base45 after PG1:, hex of odd and even length', async () => {
    const b45 = fc.string({ unit: fc.constantFrom(...BASE45_ALPHABET), maxLength: 900 });
    const lines = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 100 }),
      b45.map((s) => 'PG1:' + s),
      b45.map((s) => 'PG1:' + s.toLowerCase()),
      fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), maxLength: 1200 }),
      fc.constantFrom('', 'PG1:', 'PG1', 'pg1:', ' PG1:', 'PG1: ', '\r', '\u0000', 'PG1:\u0000', '00', '0', 'PG1:00', 'PG1:0'),
    );
    await hostile(lines, 10_000, (s) => s);
  });

  it('oversized lines: 8,200 bytes of hex, 1 MB of hex, 100,000 base45 characters', () => {
    for (const line of ['82'.repeat(4100), 'ab'.repeat(500_000), 'PG1:' + 'A'.repeat(99_999), 'PG1:' + '0'.repeat(6_147)]) check(line);
    check(new Uint8Array(1_000_000).fill(0x82));
    assertStillSound();
  });

  it('every truncation of two genuine presentations, raw, PG1: and hex', () => {
    for (const p of [GENUINE.unbound, GENUINE.bound]) {
      const qr = toQrText(p);
      const h = hex(p);
      for (let n = 0; n < p.length; n++) check(p.subarray(0, n), { nonce: NONCE });
      for (let n = 0; n < qr.length; n++) check(qr.slice(0, n), { nonce: NONCE });
      for (let n = 0; n < h.length; n++) check(h.slice(0, n), { nonce: NONCE });
    }
    assertStillSound();
  });

  it('reports what the hostile inputs got', () => {
    console.log([...seen].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', '));
    expect(seen.get('OK')).toBeUndefined();
    expect(seen.get('MALFORMED')).toBeGreaterThan(0);
  });
});

/**
 * Differential test: thousands of random presentations, built with the issuer toolkit (and its unsafe
 * options for deliberate breakage), verified by the SDK over the WebAssembly core and by the reference
 * verifier, each in all three transport forms. Both must say the same {result, iss, kid, claims}, and
 * for OK and policy codes the claims must be exactly the disclosures the case revealed.
 *
 * The seed (fixed by default, support/seed.ts) is in the test's name; rerun with PG1_SEED=<seed>. PG1_RUNS
 * changes the number of cases.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { encode, RawCbor } from '../sdk/cbor/deterministicEncoder.js';
import { assemblePresentation, disclosureDigest, encodeDisclosure, issueToken, randomBytes } from '../sdk/issuer/index.js';
import { isPolicyCode, RESULT_CODES, type ResultCode } from '../sdk/pg1/resultCodes.js';
import { createSetups, ISSUERS, NOW, type Setup } from './support/differentialWorld.js';
import { bytes, head } from './support/handCbor.js';
import { buildCase, caseArbitrary } from './support/presentationCases.js';
import { canonical, difference, expectedClaims, transportForms } from './support/verificationCompare.js';
import { SEED } from './support/seed.js';

const RUNS = Number(process.env.PG1_RUNS ?? 3000);

let setups: Setup[] = [];
const counts = new Map<ResultCode, number>();
let verified = 0;

beforeAll(async () => {
  setups = await createSetups();
});

describe('differential: the SDK over the core against the reference verifier', () => {
  it(`agrees on ${RUNS} random presentations in raw, PG1: and hex form (seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary, fc.boolean(), async (spec, upperHex) => {
        const setup = setups[spec.setup]!;
        const c = buildCase(spec, setup);
        const options = {
          now: c.now,
          ...(c.venue === undefined ? {} : { venue: c.venue }),
          ...(c.nonce === undefined ? {} : { nonce: c.nonce }),
          ...(c.skew === undefined ? {} : { skew: c.skew }),
          ...(c.card === undefined ? {} : { card: c.card }),
          ...(c.document === undefined ? {} : { document: c.document }),
        };
        let result: ResultCode | null = null;
        for (const { form, input } of transportForms(c.presentation, upperHex)) {
          const sdk = setup.sdk.verify(input, options);
          const ref = setup.reference.verify(input, options);
          verified++;
          const diff = difference(sdk, ref);
          if (diff !== null) throw new Error(`${form}: ${diff}`);
          if (result !== null && sdk.result !== result) throw new Error(`${form} gives ${sdk.result}, raw gave ${result}`);
          result = sdk.result;
          if (sdk.result === 'OK' || isPolicyCode(sdk.result)) {
            const want = canonical(expectedClaims(c.revealed), false);
            const got = canonical(sdk.claims, false);
            if (got !== want) throw new Error(`${form}: claims ${got}, the case revealed ${want}`);
          }
        }
        counts.set(result!, (counts.get(result!) ?? 0) + 1);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 300_000);

  it(`reaches every one of the ${RESULT_CODES.length} result codes`, () => {
    const table = RESULT_CODES.map((code) => `${code.padEnd(22)} ${String(counts.get(code) ?? 0).padStart(5)}`).join('\n');
    console.log(`result codes over ${RUNS} presentations (${verified} verifications per verifier):\n${table}`);
    expect(RESULT_CODES.filter((code) => (counts.get(code) ?? 0) === 0)).toEqual([]);
  });
});

/** A presentation revealing only claim 99, whose value is the given (canonical) CBOR. */
function withUnknownClaim(value: Uint8Array): Uint8Array {
  const disclosure = encodeDisclosure(randomBytes(16), 99, new RawCbor(value));
  const t = issueToken({
    issuerSecret: ISSUERS.province.key.secretKey,
    iss: 'CN-35',
    iat: NOW - 3600,
    exp: NOW + 3600,
    claims: { status: 0 },
    unsafe: { extraDigests: [disclosureDigest(disclosure)] },
  });
  return assemblePresentation(t.token, [disclosure]);
}

describe('claim values under unknown keys, by map key type (§9: keys written as strings)', () => {
  const verifyBoth = (value: Uint8Array): [string, string] => {
    const p = withUnknownClaim(value);
    const setup = setups[0]!;
    const sdk = setup.sdk.verify(p, { now: NOW });
    const ref = setup.reference.verify(p, { now: NOW });
    expect(sdk.result).toBe('OK');
    expect(ref.result).toBe('OK');
    return [canonical(sdk.claims, true), canonical(ref.claims, true)];
  };

  it('a byte-string key is written as hex, an integer key as its digits', () => {
    const [sdk, ref] = verifyBoth(bytes(head(5, 2), encode(1), encode(2), encode(new Uint8Array([0xab])), encode(3)));
    expect(sdk).toBe(ref);
    expect(sdk).toBe('{"99":{"1":2,"ab":3}}');
  });

  // A disclosed map with the text key "__proto__" must not replace the prototype of the claims object.
  it('a "__proto__" text key stays an own property holding its value', () => {
    const [sdk, ref] = verifyBoth(bytes(head(5, 1), encode('__proto__'), encode([7])));
    expect(sdk).toBe(ref);
    expect(sdk).toBe('{"99":{"__proto__":[7]}}');
  });

  // Keys other than text, integers and byte strings are written as their JSON text ("[1]", not "1"),
  // so an array key never collides with the integer key it resembles (decision I-29).
  it('an array key is written the same way by both', () => {
    const [sdk, ref] = verifyBoth(bytes(head(5, 2), encode(1), encode(0), encode([1]), encode(2)));
    expect(sdk).toBe(ref);
    expect(sdk).toBe('{"99":{"1":0,"[1]":2}}');
  });
});

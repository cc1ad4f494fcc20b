// §8: a venue category the policy in force does not name is a usage error (the SDK throws, the CLI
// exits 2). Names that every JavaScript object answers to (toString, constructor, __proto__, …) are
// not categories of the default policy: looked up as inherited properties they would hand the core a
// "rule" made of a function, so each must be UNKNOWN_VENUE like any other unknown name.
import { beforeAll, describe, expect, it } from 'vitest';
import { createVerifier, PassgateError, type Verifier } from '../sdk/index.js';
import { runVerify } from './support/cliRunner.js';
import { NOW, presentAll, root, token, trustList, verify as referenceVerify } from './support/issuerFixtures.js';
import { ReferenceUsageError } from './reference/referenceVerifier.js';

const INHERITED = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

let verifier: Verifier;
beforeAll(async () => {
  verifier = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW });
  await verifier.applyTrustList(trustList());
});

const unknownVenue = { name: 'PassgateError', code: 'UNKNOWN_VENUE' };

describe('venue names every object answers to are unknown categories of the default policy', () => {
  const p = presentAll(token());

  for (const venue of INHERITED) {
    it(`${venue}: verify(), verifyBatchLocal() and requiredDisclosures() throw UNKNOWN_VENUE; so does the reference`, () => {
      expect(() => verifier.verify(p, { venue })).toThrow(PassgateError);
      expect(() => verifier.verify(p, { venue })).toThrowError(expect.objectContaining(unknownVenue));
      expect(() => verifier.verifyBatchLocal([p], { venue })).toThrowError(expect.objectContaining(unknownVenue));
      expect(() => verifier.requiredDisclosures(venue)).toThrowError(expect.objectContaining(unknownVenue));
      expect(() => referenceVerify(p, { venue })).toThrow(ReferenceUsageError);
    });
  }

  it('a real category still works', () => {
    expect(verifier.verify(p, { venue: 'school' }).result).toBe('OK');
  });

  it('passgate verify --venue toString exits 2 before reading input', async () => {
    const out = await runVerify({ roots: [root.publicKey], lists: [{ kind: 'trust', bytes: trustList() }], now: NOW, venue: 'toString', lines: [p] });
    expect(out.status).toBe(2);
    expect(out.results).toEqual([]);
  });
});

/**
 * The core's own checks on the issuer keys it is given (assembly/pg1/issuerTable.ts), bypassing the SDK's
 * list acceptance, which checks the same things first: kid = H(pub)[0..8] (PG1 §6) and a canonical
 * key of large order. They are a second line behind the SDK, so only a test that talks to the core
 * directly notices when one goes missing.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { instantiateCore, type CoreExports } from '../sdk/core/loadCore.js';
import { CoreMemory } from '../sdk/core/coreMemory.js';
import { VerifierCore } from '../sdk/core/verifierCore.js';
import { PassgateError } from '../sdk/errors.js';
import { resultCodeName } from '../sdk/pg1/resultCodes.js';
import { kidOf } from '../sdk/issuer/index.js';
import { NON_CANONICAL_KEYS, SMALL_ORDER_KEYS } from './support/ed25519Forgery.js';
import { DAY, issuerKey, NOW, presentAll, stranger, token } from './support/issuerFixtures.js';

/** assembly/pg1/issuerTable.ts and ed25519.ts outcomes of trustSetIssuer. */
const OK = 0;
const BAD_PUBLIC_KEY = 2;
const SMALL_ORDER_KEY = 5;
const KID_MISMATCH = 10;

let core: CoreExports;
let memory: CoreMemory;
beforeEach(async () => {
  core = await instantiateCore();
  memory = new CoreMemory(core);
});

const ISS = new TextEncoder().encode('CN-35');

/** trustSetIssuer(0, …) on a fresh table of one entry, with the bytes placed in the core's memory. */
function setIssuer(kid: Uint8Array, pub: Uint8Array): number {
  expect(core.trustBegin(1)).toBe(0);
  const [kidAt, pubAt, issAt] = memory.place([kid, pub, ISS]) as [number, number, number];
  return core.trustSetIssuer(0, kidAt, pubAt, issAt, ISS.length, BigInt(NOW - 100 * DAY), BigInt(NOW + 100 * DAY), 0n, 0);
}

const flipBit = (b: Uint8Array, i: number): Uint8Array => {
  const c = b.slice();
  c[i >> 3]! ^= 1 << (i & 7);
  return c;
};

describe('the core refuses an issuer entry whose kid is not H(pub)[0..8]', () => {
  it('accepts the right kid', () => {
    expect(setIssuer(kidOf(issuerKey.publicKey), issuerKey.publicKey)).toBe(OK);
  });

  it('refuses the kid of another key, a zero kid, and the right kid with any one bit flipped', () => {
    expect(setIssuer(kidOf(stranger.publicKey), issuerKey.publicKey)).toBe(KID_MISMATCH);
    expect(setIssuer(new Uint8Array(8), issuerKey.publicKey)).toBe(KID_MISMATCH);
    for (let bit = 0; bit < 64; bit++) expect(setIssuer(flipBit(kidOf(issuerKey.publicKey), bit), issuerKey.publicKey), `bit ${bit}`).toBe(KID_MISMATCH);
  });

  it('refuses the bytes 8 to 15 of H(pub) (the kid is the first eight)', () => {
    expect(setIssuer(sha256(issuerKey.publicKey).slice(8, 16), issuerKey.publicKey)).toBe(KID_MISMATCH);
  });

  it('VerifierCore.load throws instead of loading such a list, and nothing verifies under the false kid', () => {
    const verifierCore = new VerifierCore(core);
    const entry = { kid: kidOf(stranger.publicKey), pub: issuerKey.publicKey, iss: 'CN-35', notBefore: NOW - 100 * DAY, notAfter: NOW + 100 * DAY };
    expect(() => verifierCore.load([entry], NOW + DAY, undefined, null)).toThrow(PassgateError);
    // A token signed by issuerKey that names the false kid: it must not find a key to verify under.
    const lying = presentAll(token({ unsafe: { kid: kidOf(stranger.publicKey) } }));
    const code = resultCodeName(verifierCore.verifyInto(lying, false, { now: BigInt(NOW), skew: 60n }, { add: () => undefined }));
    expect(code).not.toBe('OK');
  });
});

describe('the core refuses issuer keys that bind nothing', () => {
  it('each of the 8 small-order points, with its own (matching) kid', () => {
    for (const pub of SMALL_ORDER_KEYS) expect(setIssuer(kidOf(pub), pub)).toBe(SMALL_ORDER_KEY);
  });

  it('each non-canonical encoding, with its own kid', () => {
    for (const { name, bytes } of NON_CANONICAL_KEYS) expect(setIssuer(kidOf(bytes), bytes), name).toBe(BAD_PUBLIC_KEY);
  });
});

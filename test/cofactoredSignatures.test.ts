/**
 * PG1 §2 verifies with the cofactored equation [8][S]B = [8]R + [8][k]A. A signature whose R carries
 * a small-order component T (R' = [r]B + T) satisfies it, and not the cofactorless [S]B = R + [k]A:
 * so these signatures show that each path keeps its cofactor — the issuer signature in verify() with
 * the issuer's comb table (a key gets one from its 2nd verified use) and without (plain path), the
 * device signature in verify() and signed lists (plain keys), and both kinds in a batch. Each must be
 * OK (or the list accepted), exactly as the reference equation says.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createVerifier, type Verifier } from '../sdk/index.js';
import { coreUnderTest } from './support/coreFixtures.js';
import { assemblePresentation, buildRevocationList, revokedPrefix, toQrText, type IssuedToken } from '../sdk/issuer/index.js';
import { verifyCofactored } from './reference/ed25519Cofactored.js';
import { runVerify } from './support/cliRunner.js';
import { holdsWithoutCofactor, signWithTorsion, SMALL_ORDER_POINTS } from './support/ed25519Forgery.js';
import { DAY, device, issuerKey, nationalKey, NOW, presentAll, root, token, trustList, verify as referenceVerify } from './support/issuerFixtures.js';
import { deviceAuthOf, tokenSignedMessage, withTokenSignature } from './support/signatureSurgery.js';

/** The 7 torsion points other than the identity: orders 8, 4, 8, 2, 8, 4, 8. */
const TORSION = SMALL_ORDER_POINTS.slice(1);

let verifier: Verifier;
beforeAll(async () => {
  verifier = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW });
  await verifier.applyTrustList(trustList());
});

/** A Sign1 (token or list) re-signed by `secret` with torsion in R. */
function resignedWithTorsion(sign1: Uint8Array, secret: Uint8Array, k: number): { bytes: Uint8Array; signature: Uint8Array; message: Uint8Array } {
  const message = tokenSignedMessage(sign1);
  const signature = signWithTorsion(message, secret, TORSION[k]!);
  return { bytes: withTokenSignature(sign1, signature), signature, message };
}

function issuerTorsion(t: IssuedToken, secret: Uint8Array, pub: Uint8Array, k: number): Uint8Array {
  const { bytes, signature, message } = resignedWithTorsion(t.token, secret, k);
  expect(verifyCofactored(signature, message, pub)).toBe(true);
  expect(holdsWithoutCofactor(signature, message, pub)).toBe(false);
  return presentAll({ ...t, token: bytes });
}

function deviceTorsion(k: number): Uint8Array {
  const t = token({ cnf: device.publicKey });
  const message = deviceAuthOf(t.token, NOW, null);
  const signature = signWithTorsion(message, device.secretKey, TORSION[k]!);
  expect(verifyCofactored(signature, message, device.publicKey)).toBe(true);
  expect(holdsWithoutCofactor(signature, message, device.publicKey)).toBe(false);
  return assemblePresentation(t.token, t.disclosures, [NOW, null, signature]);
}

const ISSUER_CASES = TORSION.flatMap((_, k) => [
  { name: `issuer CN-35, torsion point ${k + 1}`, presentation: issuerTorsion(token(), issuerKey.secretKey, issuerKey.publicKey, k) },
  { name: `issuer CN, torsion point ${k + 1}`, presentation: issuerTorsion(token({ issuerSecret: nationalKey.secretKey, iss: 'CN' }), nationalKey.secretKey, nationalKey.publicKey, k) },
]);
const DEVICE_CASES = TORSION.map((_, k) => ({ name: `device binding, torsion point ${k + 1}`, presentation: deviceTorsion(k) }));
const ALL = [...ISSUER_CASES, ...DEVICE_CASES];

describe('signatures with a small-order component in R are valid (cofactored equation)', () => {
  for (const c of ALL) {
    it(`${c.name}: verify() and the reference say OK`, () => {
      expect(verifier.verify(c.presentation).result).toBe('OK');
      expect(referenceVerify(c.presentation).result).toBe('OK');
    });
  }

  it('all of them in one batch, and each alone in a batch: OK', () => {
    const inputs = ALL.map((c) => c.presentation);
    expect(verifier.verifyBatchLocal(inputs).map((r) => r.result)).toEqual(inputs.map(() => 'OK'));
    for (const c of ALL) expect(verifier.verifyBatchLocal([toQrText(c.presentation)])[0]!.result, c.name).toBe('OK');
  });

  it('passgate verify: OK on every line', async () => {
    const out = await runVerify({ roots: [root.publicKey], lists: [{ kind: 'trust', bytes: trustList() }], now: NOW, lines: ALL.map((c) => c.presentation) });
    expect(out.status, out.stderr).toBe(0);
    expect(out.results.map((r) => r.result)).toEqual(ALL.map(() => 'OK'));
  });
});

describe('issuer signatures with torsion in R, on each path of verify()', () => {
  it('with the issuers\' comb tables built (after two verified uses each): OK', async () => {
    const { core, verifier: v } = await coreUnderTest({}, trustList());
    for (let i = 0; i < 2; i++) {
      expect(v.verify(presentAll(token())).result).toBe('OK');
      expect(v.verify(presentAll(token({ issuerSecret: nationalKey.secretKey, iss: 'CN' }))).result).toBe('OK');
    }
    expect([core.hasPrecomputedTable(0), core.hasPrecomputedTable(1)]).toEqual([true, true]);
    for (const c of ISSUER_CASES) expect(v.verify(c.presentation).result, c.name).toBe('OK');
  });

  it('with no comb table at all (a budget of 0: the plain path): OK', async () => {
    const { core, verifier: v } = await coreUnderTest({ precomputeBytes: 0 }, trustList());
    for (const c of ISSUER_CASES) expect(v.verify(c.presentation).result, c.name).toBe('OK');
    expect([core.hasPrecomputedTable(0), core.hasPrecomputedTable(1)]).toEqual([false, false]);
  });
});

describe('signed lists with a small-order component in R are accepted', () => {
  it('a trust list and a revocation list, each re-signed by the root with torsion in R', async () => {
    const v = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW });
    const list = resignedWithTorsion(trustList({ version: 3 }), root.secretKey, 0);
    expect(verifyCofactored(list.signature, list.message, root.publicKey)).toBe(true);
    expect(holdsWithoutCofactor(list.signature, list.message, root.publicKey)).toBe(false);
    await v.applyTrustList(list.bytes);
    const revoked = token();
    const revocations = resignedWithTorsion(
      buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW, expires: NOW + DAY, revoked: [revokedPrefix(revoked.cti)] }),
      root.secretKey,
      2,
    );
    await v.applyRevocations(revocations.bytes);
    expect(v.verify(presentAll(revoked)).result).toBe('TOKEN_REVOKED');
    expect(v.verify(presentAll(token())).result).toBe('OK');
  });
});

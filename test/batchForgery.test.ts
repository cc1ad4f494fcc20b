/**
 * A batch must not let forgeries cancel out (PG1 §2: batched verification is the same cofactored
 * check, one signature at a time in effect). Two presentations whose signatures carry S1 + d and
 * S2 − d are each refused by verify(); with every batch coefficient 1 their errors cancel in the sum
 * (each pair below is shown to satisfy that unit-coefficient equation), so only random coefficients
 * keep both refused by verifyBatchLocal, by verifyBatch over workers and, line by line, by the CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier, type Verifier } from '../sdk/index.js';
import { assemblePresentation, toQrText, type IssuedToken } from '../sdk/issuer/index.js';
import { ed25519Sign } from '../sdk/cose/ed25519.js';
import { runVerify } from './support/cliRunner.js';
import { cancellingShift, holdsWithUnitCoefficients, L, sOf, withS, type SignedMessage } from './support/ed25519Forgery.js';
import { device, issuerKey, nationalKey, NOW, presentAll, root, token, trustList } from './support/issuerFixtures.js';
import { deviceAuthOf, tokenSignature, tokenSignedMessage, withTokenSignature } from './support/signatureSurgery.js';

let verifier: Verifier;
let pooled: Verifier;
beforeAll(async () => {
  verifier = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW });
  pooled = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW, workers: 1 });
  for (const v of [verifier, pooled]) await v.applyTrustList(trustList());
});
afterAll(async () => {
  await pooled?.destroy();
});

const provincial = (): IssuedToken => token();
const national = (): IssuedToken => token({ issuerSecret: nationalKey.secretKey, iss: 'CN' });
const bound = (): IssuedToken => token({ cnf: device.publicKey });

/** A presentation whose issuer signature has S shifted by `shift` (mod nothing: S stays below L). */
interface Shifted {
  readonly presentation: Uint8Array;
  /** The signature as it stands in the presentation, with what it signs and under which key. */
  readonly signed: SignedMessage;
  /** The same presentation built the same way with shift 0: the surgery alone breaks nothing. */
  readonly unshifted: Uint8Array;
}

function issuerShifted(t: IssuedToken, issuerPublicKey: Uint8Array, shift: bigint): Shifted {
  const sig = tokenSignature(t.token);
  const forged = withS(sig, sOf(sig) + shift);
  const presentation = presentAll({ ...t, token: withTokenSignature(t.token, forged) });
  return {
    presentation,
    signed: { signature: forged, message: tokenSignedMessage(t.token), publicKey: issuerPublicKey },
    unshifted: presentAll({ ...t, token: withTokenSignature(t.token, sig) }),
  };
}

function bindingShifted(t: IssuedToken, shift: bigint): Shifted {
  const message = deviceAuthOf(t.token, NOW, null);
  const sig = ed25519Sign(message, device.secretKey);
  const forged = withS(sig, sOf(sig) + shift);
  const presentation = assemblePresentation(t.token, t.disclosures, [NOW, null, forged]);
  return {
    presentation,
    signed: { signature: forged, message, publicKey: device.publicKey },
    unshifted: assemblePresentation(t.token, t.disclosures, [NOW, null, sig]),
  };
}

/** S + d on the first, S − d on the second, d chosen so that both stay canonical. */
function pair(first: (d: bigint) => Shifted, second: (d: bigint) => Shifted, sFirst: bigint, sSecond: bigint): [Shifted, Shifted] {
  const d = cancellingShift(sFirst, sSecond);
  return [first(d), second(-d)];
}

function issuerPair(a: IssuedToken, aKey: Uint8Array, b: IssuedToken, bKey: Uint8Array): [Shifted, Shifted] {
  return pair((d) => issuerShifted(a, aKey, d), (d) => issuerShifted(b, bKey, d), sOf(tokenSignature(a.token)), sOf(tokenSignature(b.token)));
}

const bindingS = (t: IssuedToken): bigint => sOf(ed25519Sign(deviceAuthOf(t.token, NOW, null), device.secretKey));

const results = (rs: readonly { result: string }[]): string[] => rs.map((r) => r.result);

/** The cancelling sets each test uses, with the code each member must get. */
interface ForgedSet {
  readonly name: string;
  readonly members: readonly Shifted[];
  readonly codes: readonly string[];
}

function forgedSets(): ForgedSet[] {
  const [a, b] = [provincial(), provincial()];
  const [c, n] = [provincial(), national()];
  const [x, y] = [bound(), bound()];
  const [u, w] = [provincial(), bound()];
  const threeA = provincial();
  const threeB = national();
  const threeC = provincial();
  const s3 = [threeA, threeB, threeC].map((t) => sOf(tokenSignature(t.token)));
  // S1 + d, S2 + d, S3 − 2d over two issuers: the shifts cancel in the sum of three.
  const d3 = [1n, 2n, 5n].find((d) => s3[0]! + d < L && s3[1]! + d < L && s3[2]! >= 2n * d)!;
  return [
    { name: 'two issuer signatures of one issuer', members: issuerPair(a, issuerKey.publicKey, b, issuerKey.publicKey), codes: ['BAD_SIGNATURE', 'BAD_SIGNATURE'] },
    { name: 'issuer signatures of two issuers (CN-35 and CN)', members: issuerPair(c, issuerKey.publicKey, n, nationalKey.publicKey), codes: ['BAD_SIGNATURE', 'BAD_SIGNATURE'] },
    {
      name: 'three issuer signatures over two issuers (+d, +d, −2d)',
      members: [issuerShifted(threeA, issuerKey.publicKey, d3), issuerShifted(threeB, nationalKey.publicKey, d3), issuerShifted(threeC, issuerKey.publicKey, -2n * d3)],
      codes: ['BAD_SIGNATURE', 'BAD_SIGNATURE', 'BAD_SIGNATURE'],
    },
    {
      name: 'two device (holder-binding) signatures',
      members: pair((d) => bindingShifted(x, d), (d) => bindingShifted(y, d), bindingS(x), bindingS(y)),
      codes: ['HOLDER_BINDING_FAILED', 'HOLDER_BINDING_FAILED'],
    },
    {
      name: "an issuer signature and another presentation's device signature",
      members: pair((d) => issuerShifted(u, issuerKey.publicKey, d), (d) => bindingShifted(w, d), sOf(tokenSignature(u.token)), bindingS(w)),
      codes: ['BAD_SIGNATURE', 'HOLDER_BINDING_FAILED'],
    },
  ];
}

const SETS = forgedSets();
const genuine = (n: number): Uint8Array[] => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? presentAll(provincial()) : presentAll(bound(), { deviceSecret: device.secretKey, presentedAt: NOW, nonce: null })));

describe('cancelling forgeries (S + d, S − d) in a batch', () => {
  for (const set of SETS) {
    describe(set.name, () => {
      it('cancel in the batch equation with every coefficient 1 (the attack is real)', () => {
        expect(holdsWithUnitCoefficients(set.members.map((m) => m.signed))).toBe(true);
        // ...while each one alone is no signature at all.
        for (const m of set.members) expect(holdsWithUnitCoefficients([m.signed])).toBe(false);
      });

      it('are each refused by verify(), while the same surgery with d = 0 gives OK', () => {
        expect(set.members.map((m) => verifier.verify(m.presentation).result)).toEqual(set.codes);
        expect(set.members.map((m) => m.unshifted).map((p) => verifier.verify(p).result)).toEqual(set.codes.map(() => 'OK'));
      });

      it('are each refused by verifyBatchLocal, alone together and among 62 genuine presentations', () => {
        const inputs = set.members.map((m) => m.presentation);
        expect(results(verifier.verifyBatchLocal(inputs))).toEqual(set.codes);
        expect(results(verifier.verifyBatchLocal(inputs.map(toQrText)))).toEqual(set.codes);
        const mixed = genuine(64 - inputs.length);
        const at = [5, 40, 63].slice(0, inputs.length);
        at.forEach((pos, i) => mixed.splice(pos, 0, inputs[i]!));
        const got = results(verifier.verifyBatchLocal(mixed));
        expect(at.map((pos) => got[pos])).toEqual(set.codes);
        expect(got.filter((r) => r === 'OK')).toHaveLength(64 - inputs.length);
      });
    });
  }
});

describe('cancelling forgeries through the worker pool and the command line', () => {
  it('verifyBatch over a worker and this thread refuses every member of 100 cancelling sets among genuine ones', async () => {
    const inputs: Uint8Array[] = [];
    const expected: string[] = [];
    for (let i = 0; i < 100; i++) {
      const [a, b] = issuerPair(provincial(), issuerKey.publicKey, i % 2 ? national() : provincial(), i % 2 ? nationalKey.publicKey : issuerKey.publicKey);
      inputs.push(a.presentation, b.presentation, presentAll(provincial()));
      expected.push('BAD_SIGNATURE', 'BAD_SIGNATURE', 'OK');
    }
    expect(inputs.length).toBeGreaterThanOrEqual(256); // large enough for the pool
    expect(results(await pooled.verifyBatch(inputs))).toEqual(expected);
  });

  it('passgate verify refuses every member, line by line', async () => {
    const lines = SETS.flatMap((s) => s.members.map((m, i) => (i % 2 === 0 ? toQrText(m.presentation) : m.presentation)));
    const out = await runVerify({ roots: [root.publicKey], lists: [{ kind: 'trust', bytes: trustList() }], now: NOW, lines });
    expect(out.status, out.stderr).toBe(0);
    expect(out.results.map((r) => r.result)).toEqual(SETS.flatMap((s) => s.codes));
  });

});

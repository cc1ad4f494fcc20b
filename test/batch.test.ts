// verifyBatch: one batch equation per 64 presentations (issuer signatures and device bindings folded in),
// bisection on failure; every presentation gets exactly the result verify() gives it.
import { beforeAll, describe, expect, it } from 'vitest';
import * as ed from '@noble/ed25519';
import { createVerifier, type Verifier } from '../sdk/index.js';
import { buildRevocationList, revokedPrefix, toQrText, generateKeyPair } from '../sdk/issuer/index.js';
import { toHex } from '../sdk/encoding/hex.js';
import { DAY, NOW, bindingNow, device, issuerEntry, nationalEntry, nationalKey, presentAll, root, token, trustList } from './support/issuerFixtures.js';

let v: Verifier;
const revoked = token();
beforeAll(async () => {
  v = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW });
  await v.applyTrustList(trustList({ issuers: [issuerEntry(), nationalEntry] }));
  await v.applyRevocations(buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW, expires: NOW + DAY, revoked: [revokedPrefix(revoked.cti)] }));
});

/** y = 2: no x satisfies the curve equation (noble, the oracle, refuses it: checked below). */
const NOT_A_POINT = Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 2 : 0));
/** y = p, encoded: refused as non-canonical. */
const NON_CANONICAL_Y = Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 0xed : i === 31 ? 0x7f : 0xff));

it('the R encodings used below are refused by @noble/ed25519 too', () => {
  for (const r of [NOT_A_POINT, NON_CANONICAL_Y]) expect(() => ed.Point.fromBytes(r)).toThrow();
});

function flip(bytes: Uint8Array, at: number): Uint8Array {
  const b = bytes.slice();
  b[at]! ^= 0x01;
  return b;
}

/** A mix of good and bad presentations from two issuers, bound and unbound, in every transport. */
function mixedInputs(n: number): (string | Uint8Array)[] {
  const out: (string | Uint8Array)[] = [];
  for (let i = 0; i < n; i++) {
    const national = i % 3 === 0;
    const bound = i % 4 === 1;
    const t = token({ ...(national ? { issuerSecret: nationalKey.secretKey, iss: 'CN' } : {}), ...(bound ? { cnf: device.publicKey } : {}) });
    let p = presentAll(t, bound ? bindingNow() : undefined);
    switch (i % 11) {
      case 2: p = flip(p, p.length - 70); break;                 // a signature byte (issuer, or the binding's)
      case 5: p = presentAll(revoked); break;                     // TOKEN_REVOKED
      case 7: p = flip(p, 30); break;                             // payload: BAD_SIGNATURE
      case 9: p = presentAll(token({ exp: NOW - DAY })); break;  // EXPIRED
      case 10: p = new Uint8Array([0x82, 0x01]); break;           // MALFORMED
      default: break;
    }
    out.push(i % 5 === 0 ? toQrText(p) : i % 5 === 1 ? toHex(p) : p);
  }
  return out;
}

describe('verifyBatch', () => {
  it('gives exactly the results of verify(), in order, for a mixed burst of 200', () => {
    const inputs = mixedInputs(200);
    const one = inputs.map((x) => v.verify(x, { venue: 'general' }));
    const batch = v.verifyBatchLocal(inputs, { venue: 'general' });
    expect(batch).toEqual(one);
    const codes = new Set(batch.map((r) => r.result));
    for (const c of ['OK', 'BAD_SIGNATURE', 'TOKEN_REVOKED', 'EXPIRED', 'MALFORMED', 'HOLDER_BINDING_FAILED']) expect(codes).toContain(c);
  });

  it('accepts a batch of 64 good presentations and finds a single bad one anywhere in it', () => {
    const tokens = Array.from({ length: 64 }, () => token());
    const good = tokens.map((t) => presentAll(t));
    expect(v.verifyBatchLocal(good).every((r) => r.result === 'OK')).toBe(true);
    for (const bad of [0, 31, 63]) {
      // The token's last byte (after the presentation's one-byte array head) ends its signature.
      const inputs = good.map((p, i) => (i === bad ? flip(p, tokens[i]!.token.length) : p));
      const results = v.verifyBatchLocal(inputs).map((r) => r.result);
      expect(results.filter((r) => r !== 'OK')).toEqual(['BAD_SIGNATURE']);
      expect(results[bad]).toBe('BAD_SIGNATURE');
    }
  });

  it('folds device bindings into the batch: a forged binding fails only its own presentation', () => {
    const stranger = generateKeyPair();
    const inputs = Array.from({ length: 20 }, (_, i) => {
      const t = token({ cnf: device.publicKey });
      return presentAll(t, bindingNow(i === 7 ? { deviceSecret: stranger.secretKey } : {}));
    });
    const results = v.verifyBatchLocal(inputs).map((r) => r.result);
    expect(results[7]).toBe('HOLDER_BINDING_FAILED');
    expect(results.filter((r) => r === 'OK')).toHaveLength(19);
  });

  it('handles nonces and venues like verify()', () => {
    const nonce = new Uint8Array([1, 2, 3, 4]);
    const t = token({ cnf: device.publicKey, claims: { status: 1 } });
    const inputs = [presentAll(t, bindingNow({ nonce })), presentAll(t, bindingNow()), presentAll(token({ claims: { status: 1 } }))];
    expect(v.verifyBatchLocal(inputs, { nonce, venue: 'school' })).toEqual(inputs.map((x) => v.verify(x, { nonce, venue: 'school' })));
  });

  it('refuses a signature whose R is no point, wherever it stands and whatever stands beside it', async () => {
    // R is decoded when the batch is checked, two at a time: an R that does not decode must fail its
    // own presentation alone, next to a good R, next to another bad one, and last with no partner.
    const notPoints = [NOT_A_POINT, NON_CANONICAL_Y];
    const withR = (p: Uint8Array, signatureEnd: number, r: Uint8Array): Uint8Array => { const c = p.slice(); c.set(r, signatureEnd - 64); return c; };
    for (const count of [64, 5]) {
      const tokens = Array.from({ length: count }, (_, i) => token(i % 2 === 1 ? { cnf: device.publicKey } : {}));
      const good = tokens.map((t, i) => presentAll(t, i % 2 === 1 ? bindingNow() : undefined));
      const bad = new Map<number, 'BAD_SIGNATURE' | 'HOLDER_BINDING_FAILED'>();
      const inputs = good.map((p, i) => {
        if (![0, 1, 2, 31, 32, count - 1].includes(i)) return p;
        const r = notPoints[i % 2]!;
        // The issuer's signature ends the token (after the presentation's one-byte head); the device's ends the presentation.
        if (i % 2 === 1 && i !== 1) { bad.set(i, 'HOLDER_BINDING_FAILED'); return withR(p, p.length, r); }
        bad.set(i, 'BAD_SIGNATURE');
        return withR(p, 1 + tokens[i]!.token.length, r);
      });
      // A verifier of its own: bad signatures met by the tests above may have put this one in singles.
      const fresh = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW });
      await fresh.applyTrustList(trustList({ issuers: [issuerEntry(), nationalEntry] }));
      const results = fresh.verifyBatchLocal(inputs);
      expect(results).toEqual(inputs.map((x) => fresh.verify(x)));
      results.forEach((r, i) => expect(r.result, `item ${i} of ${count}`).toBe(bad.get(i) ?? 'OK'));
    }
  });

  it('answers an empty batch with no results', () => {
    expect(v.verifyBatchLocal([])).toEqual([]);
  });
});

describe('results', () => {
  it('carry claims as an ordinary enumerable property', () => {
    const [r] = v.verifyBatchLocal([presentAll(token())]);
    expect(Object.keys(r!)).toEqual(['result', 'iss', 'kid', 'claims']);
    expect(JSON.parse(JSON.stringify(r))).toEqual({ result: 'OK', iss: 'CN-35', kid: expect.any(String), claims: { status: 0, nat: expect.any(Array), vax: expect.any(Array) } });
    expect({ ...r }.claims).toBe(r!.claims);
    expect(structuredClone(r)).toEqual(r);
  });
});

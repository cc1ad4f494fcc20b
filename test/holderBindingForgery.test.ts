/**
 * Holder bindings an attacker can make without the device's key (PG1 §4): every one must be
 * HOLDER_BINDING_FAILED, through verify(), verifyBatchLocal() and `passgate verify`.
 *
 * - A cnf key of small order (each of the 8) binds nothing: R = [S]B satisfies the cofactored
 *   equation for any message under it (shown below with the reference equation), so only the verifier's
 *   small-order check stands between such a token and OK.
 * - A cnf key that is not a canonical encoding: each decodes, leniently, to a point of small order.
 * - A nonce of the right length with other content: only a comparison of the bytes catches it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Point } from '@noble/ed25519';
import { createVerifier, type Verifier } from '../sdk/index.js';
import { assemblePresentation, toQrText } from '../sdk/issuer/index.js';
import { toHex } from '../sdk/encoding/hex.js';
import { verifyCofactored } from './reference/ed25519Cofactored.js';
import { runVerify } from './support/cliRunner.js';
import {
  IDENTITY_R, NON_CANONICAL_IDENTITY_R, NON_CANONICAL_KEYS, SMALL_ORDER_KEYS, SMALL_ORDER_POINTS, signWithIdentityR, smallOrderForgery,
} from './support/ed25519Forgery.js';
import { device, NOW, presentAll, root, token, trustList, verify as referenceVerify } from './support/issuerFixtures.js';
import { deviceAuthOf } from './support/signatureSurgery.js';

let verifier: Verifier;
beforeAll(async () => {
  verifier = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW });
  await verifier.applyTrustList(trustList());
});

const READER_NONCE = Uint8Array.from({ length: 16 }, (_, i) => 0x30 + i);

interface Forged {
  readonly name: string;
  readonly cnf: Uint8Array;
  readonly presentation: Uint8Array;
  /** What the forged signature signs. */
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
  readonly nonce: Uint8Array | null;
}

/** A token bound to `cnf` and a binding whose signature is R = [S]B, S = s: no device key needed. */
function forged(name: string, cnf: Uint8Array, s: bigint, nonce: Uint8Array | null = null): Forged {
  const t = token({ cnf });
  const signature = smallOrderForgery(s);
  return {
    name,
    cnf,
    presentation: assemblePresentation(t.token, t.disclosures, [NOW, nonce, signature]),
    message: deviceAuthOf(t.token, NOW, nonce),
    signature,
    nonce,
  };
}

const ORDERS = [1, 8, 4, 8, 2, 8, 4, 8];
const SMALL_ORDER = SMALL_ORDER_KEYS.map((key, k) => forged(`small-order cnf key [${k}]T8 (order ${ORDERS[k]}) ${toHex(key)}`, key, 5n + BigInt(k)));
const SMALL_ORDER_WITH_NONCE = SMALL_ORDER_KEYS.map((key, k) => forged(`small-order cnf key [${k}]T8 with the reader's nonce`, key, 99n + BigInt(k), READER_NONCE));
const NON_CANONICAL = NON_CANONICAL_KEYS.map(({ name, bytes }, i) => forged(`non-canonical cnf key: ${name}`, bytes, 17n + BigInt(i)));

describe('the forged bindings are real attacks', () => {
  it('the 8 keys are the 8 distinct points of small order, with orders 1, 2, 4, 4, 8, 8, 8, 8', () => {
    expect(new Set(SMALL_ORDER_KEYS.map(toHex)).size).toBe(8);
    SMALL_ORDER_POINTS.forEach((p, k) => {
      const order = [1, 2, 4, 8].find((n) => p.multiplyUnsafe(BigInt(n)).is0());
      expect(order, `[${k}]T8`).toBe(ORDERS[k]);
    });
  });

  it('each small-order forgery satisfies the cofactored equation of PG1 §2 for its message', () => {
    for (const f of [...SMALL_ORDER, ...SMALL_ORDER_WITH_NONCE]) expect(verifyCofactored(f.signature, f.message, f.cnf), f.name).toBe(true);
  });

  it('each non-canonical key is refused by strict decoding and decodes leniently to a small-order point', () => {
    for (const { name, bytes } of NON_CANONICAL_KEYS) {
      expect(() => Point.fromBytes(bytes, false), name).toThrow();
      expect(Point.fromBytes(bytes, true).isSmallOrder(), name).toBe(true);
    }
  });
});

describe('forged bindings are HOLDER_BINDING_FAILED', () => {
  const unbound = [...SMALL_ORDER, ...NON_CANONICAL];

  for (const f of unbound) {
    it(`${f.name}: verify()`, () => {
      expect(verifier.verify(f.presentation).result).toBe('HOLDER_BINDING_FAILED');
      expect(verifier.verify(toQrText(f.presentation)).result).toBe('HOLDER_BINDING_FAILED');
      expect(referenceVerify(f.presentation).result).toBe('HOLDER_BINDING_FAILED');
    });
  }

  it('all of them together in one batch (verifyBatchLocal), with a genuine binding among them', () => {
    const good = presentAll(token({ cnf: device.publicKey }), { deviceSecret: device.secretKey, presentedAt: NOW, nonce: null });
    const inputs = [...unbound.map((f) => f.presentation), good];
    const got = verifier.verifyBatchLocal(inputs).map((r) => r.result);
    expect(got).toEqual([...unbound.map(() => 'HOLDER_BINDING_FAILED'), 'OK']);
  });

  it('each one alone in a batch', () => {
    for (const f of unbound) expect(verifier.verifyBatchLocal([f.presentation])[0]!.result, f.name).toBe('HOLDER_BINDING_FAILED');
  });

  it("with the reader's nonce in the binding as well: verify() and verifyBatchLocal()", () => {
    for (const f of SMALL_ORDER_WITH_NONCE) {
      expect(verifier.verify(f.presentation, { nonce: READER_NONCE }).result, f.name).toBe('HOLDER_BINDING_FAILED');
    }
    const got = verifier.verifyBatchLocal(SMALL_ORDER_WITH_NONCE.map((f) => f.presentation), { nonce: READER_NONCE });
    expect(got.map((r) => r.result)).toEqual(SMALL_ORDER_WITH_NONCE.map(() => 'HOLDER_BINDING_FAILED'));
  });
});

/** A genuine binding over `bindingNonce`, checked by a reader that issued READER_NONCE. */
function boundWithNonce(bindingNonce: Uint8Array | null): Uint8Array {
  return presentAll(token({ cnf: device.publicKey }), { deviceSecret: device.secretKey, presentedAt: NOW, nonce: bindingNonce });
}

const flipped = (at: number): Uint8Array => {
  const n = READER_NONCE.slice();
  n[at]! ^= 0x01;
  return n;
};

const NONCE_CASES: readonly { readonly name: string; readonly presentation: Uint8Array; readonly expect: string }[] = [
  { name: "the reader's nonce", presentation: boundWithNonce(READER_NONCE), expect: 'OK' },
  { name: 'the same length, first byte different', presentation: boundWithNonce(flipped(0)), expect: 'HOLDER_BINDING_FAILED' },
  { name: 'the same length, a middle byte different', presentation: boundWithNonce(flipped(7)), expect: 'HOLDER_BINDING_FAILED' },
  { name: 'the same length, last byte different', presentation: boundWithNonce(flipped(15)), expect: 'HOLDER_BINDING_FAILED' },
  { name: 'the same length, all zero', presentation: boundWithNonce(new Uint8Array(16)), expect: 'HOLDER_BINDING_FAILED' },
  { name: 'a prefix of it (15 bytes)', presentation: boundWithNonce(READER_NONCE.slice(0, 15)), expect: 'HOLDER_BINDING_FAILED' },
  { name: 'it and one more byte', presentation: boundWithNonce(new Uint8Array([...READER_NONCE, 0])), expect: 'HOLDER_BINDING_FAILED' },
  { name: 'null', presentation: boundWithNonce(null), expect: 'HOLDER_BINDING_FAILED' },
  { name: 'empty', presentation: boundWithNonce(new Uint8Array(0)), expect: 'HOLDER_BINDING_FAILED' },
];

describe("a binding signed (genuinely) over another nonce than the reader's", () => {
  for (const c of NONCE_CASES) {
    it(`binding nonce ${c.name} -> ${c.expect}, in verify() and in a batch`, () => {
      expect(verifier.verify(c.presentation, { nonce: READER_NONCE }).result).toBe(c.expect);
      expect(referenceVerify(c.presentation, { nonce: READER_NONCE }).result).toBe(c.expect);
      expect(verifier.verifyBatchLocal([boundWithNonce(READER_NONCE), c.presentation], { nonce: READER_NONCE }).map((r) => r.result)).toEqual(['OK', c.expect]);
    });
  }

  it('a reader that issued an empty nonce refuses a null one, and one that issued none refuses an empty one', () => {
    expect(verifier.verify(boundWithNonce(null), { nonce: new Uint8Array(0) }).result).toBe('HOLDER_BINDING_FAILED');
    expect(verifier.verify(boundWithNonce(new Uint8Array(0))).result).toBe('HOLDER_BINDING_FAILED');
    expect(verifier.verify(boundWithNonce(new Uint8Array(0)), { nonce: new Uint8Array(0) }).result).toBe('OK');
  });
});

describe('a holder-bound token without its binding', () => {
  // Nothing of one presentation's binding may carry over to the next: a batch holds all its items at
  // once, so a verifier that looked at the last binding it saw would find a genuine one for this very
  // token (same cti, same device) right before the copy that has none.
  const t = token({ cnf: device.publicKey });
  const withBinding = presentAll(t, { deviceSecret: device.secretKey, presentedAt: NOW, nonce: null });
  const without = presentAll(t);

  it('is HOLDER_BINDING_FAILED right after the same token with its binding: verify(), in a batch, both orders', () => {
    expect(verifier.verify(withBinding).result).toBe('OK');
    expect(verifier.verify(without).result).toBe('HOLDER_BINDING_FAILED');
    expect(verifier.verifyBatchLocal([withBinding, without]).map((r) => r.result)).toEqual(['OK', 'HOLDER_BINDING_FAILED']);
    expect(verifier.verifyBatchLocal([without, withBinding]).map((r) => r.result)).toEqual(['HOLDER_BINDING_FAILED', 'OK']);
    expect(verifier.verifyBatchLocal([withBinding, without, without, withBinding, without]).map((r) => r.result)).toEqual(['OK', 'HOLDER_BINDING_FAILED', 'HOLDER_BINDING_FAILED', 'OK', 'HOLDER_BINDING_FAILED']);
  });

  it('the same with a reader nonce', () => {
    const bound = presentAll(t, { deviceSecret: device.secretKey, presentedAt: NOW, nonce: READER_NONCE });
    expect(verifier.verifyBatchLocal([bound, without], { nonce: READER_NONCE }).map((r) => r.result)).toEqual(['OK', 'HOLDER_BINDING_FAILED']);
  });
});

describe('passgate verify on the same forgeries', () => {
  it('without a reader nonce: every forged binding is HOLDER_BINDING_FAILED', async () => {
    const unbound = [...SMALL_ORDER, ...NON_CANONICAL];
    const out = await runVerify({ roots: [root.publicKey], lists: [{ kind: 'trust', bytes: trustList() }], now: NOW, lines: unbound.map((f) => toQrText(f.presentation)) });
    expect(out.status, out.stderr).toBe(0);
    expect(out.results.map((r) => r.result)).toEqual(unbound.map(() => 'HOLDER_BINDING_FAILED'));
  });

  it('with --nonce: the small-order forgeries and every other nonce are refused, the right one accepted', async () => {
    const lines = [...SMALL_ORDER_WITH_NONCE.map((f) => f.presentation), ...NONCE_CASES.map((c) => c.presentation)];
    const out = await runVerify({ roots: [root.publicKey], lists: [{ kind: 'trust', bytes: trustList() }], now: NOW, nonce: READER_NONCE, lines });
    expect(out.status, out.stderr).toBe(0);
    expect(out.results.map((r) => r.result)).toEqual([...SMALL_ORDER_WITH_NONCE.map(() => 'HOLDER_BINDING_FAILED'), ...NONCE_CASES.map((c) => c.expect)]);
  });
});

describe("the device signature's R is decoded strictly (SIMD builds decode it together with the device key)", () => {
  // The device's own signature with the nonce r = 0: R is the identity, and the equation holds for
  // any encoding of it. Only the canonical one is a signature (PG1 §2).
  const bound = token({ cnf: device.publicKey });
  const message = deviceAuthOf(bound.token, NOW, null);
  const withR = (rBytes: Uint8Array): Uint8Array =>
    assemblePresentation(bound.token, bound.disclosures, [NOW, null, signWithIdentityR(message, device.secretKey, rBytes)]);
  const canonical = withR(IDENTITY_R);
  const nonCanonical = withR(NON_CANONICAL_IDENTITY_R);
  const notAPoint = withR(Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 2 : 0))); // y = 2: x^2 has no root

  it('R written canonically: OK, as the reference verifier says', () => {
    expect(referenceVerify(canonical).result).toBe('OK');
    expect(verifier.verify(canonical).result).toBe('OK');
  });

  it('the same R written as y = p + 1, or a y with no point: HOLDER_BINDING_FAILED, also right after the canonical one', () => {
    for (const p of [nonCanonical, notAPoint]) {
      expect(referenceVerify(p).result).toBe('HOLDER_BINDING_FAILED');
      expect(verifier.verify(p).result).toBe('HOLDER_BINDING_FAILED');
      // A decoder that kept the last R (the identity, from the canonical one) would accept these.
      expect(verifier.verify(canonical).result).toBe('OK');
      expect(verifier.verify(p).result).toBe('HOLDER_BINDING_FAILED');
    }
  });

  it('the same in a batch, with the canonical one first', () => {
    expect(verifier.verifyBatchLocal([canonical, nonCanonical, notAPoint, canonical]).map((r) => r.result))
      .toEqual(['OK', 'HOLDER_BINDING_FAILED', 'HOLDER_BINDING_FAILED', 'OK']);
  });
});

/**
 * The root keys a verifier is provisioned with must be canonical points of large order, like the roots
 * a trust list names (§6): under a small-order root anyone signs any list (R = [S]B satisfies the
 * cofactored equation), so a verifier given one would accept a forged trust list naming the forger's
 * own issuers. createVerifier refuses such a root (BAD_ARGUMENT), and `passgate verify --root` exits 2.
 */
import { describe, expect, it } from 'vitest';
import { createVerifier, PassgateError } from '../sdk/index.js';
import { kidOf } from '../sdk/issuer/index.js';
import { toHex } from '../sdk/encoding/hex.js';
import { verifyCofactored } from './reference/ed25519Cofactored.js';
import { runVerify } from './support/cliRunner.js';
import { NON_CANONICAL_KEYS, SMALL_ORDER_KEYS, smallOrderForgery } from './support/ed25519Forgery.js';
import { NOW, presentAll, root, stranger, token, trustList } from './support/issuerFixtures.js';
import { tokenSignedMessage, withTokenSignature } from './support/signatureSurgery.js';

/** A trust list "signed" by a small-order root without any secret, naming the stranger as CN-35. */
function forgedList(smallOrderRoot: Uint8Array): Uint8Array {
  const list = trustList({
    rootSecret: stranger.secretKey,
    issuers: [{ pub: stranger.publicKey, iss: 'CN-35', notBefore: NOW - 1000, notAfter: NOW + 1000 }],
    roots: [root.publicKey],
    unsafe: { kid: kidOf(smallOrderRoot) },
  });
  return withTokenSignature(list, smallOrderForgery(11n));
}

describe('provisioned root keys', () => {
  it('a list forged under a small-order root satisfies the cofactored equation (the attack is real)', () => {
    for (const key of SMALL_ORDER_KEYS) {
      const list = forgedList(key);
      expect(verifyCofactored(list.subarray(list.length - 64), tokenSignedMessage(list), key)).toBe(true);
    }
  });

  it('createVerifier refuses each small-order and non-canonical root key, as bytes and as hex', async () => {
    for (const key of [...SMALL_ORDER_KEYS, ...NON_CANONICAL_KEYS.map((k) => k.bytes)]) {
      for (const given of [key, toHex(key)]) {
        const made = createVerifier({ roots: [root.publicKey, given], storage: null, now: () => NOW });
        await expect(made, toHex(key)).rejects.toThrow(PassgateError);
        await expect(made, toHex(key)).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
      }
    }
  });

  it('a genuine root still works beside them: the genuine list is accepted, a forged one is not', async () => {
    const v = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW });
    await expect(v.applyTrustList(forgedList(SMALL_ORDER_KEYS[0]!))).rejects.toMatchObject({ code: 'LIST_REFUSED' });
    await v.applyTrustList(trustList());
    expect(v.verify(presentAll(token())).result).toBe('OK');
    expect(v.verify(presentAll(token({ issuerSecret: stranger.secretKey }))).result).toBe('UNKNOWN_KID');
  });

  it('passgate verify --root with a small-order key exits 2 before reading input', async () => {
    const out = await runVerify({
      roots: [root.publicKey, SMALL_ORDER_KEYS[4]!],
      lists: [{ kind: 'trust', bytes: forgedList(SMALL_ORDER_KEYS[4]!) }],
      now: NOW,
      lines: [presentAll(token({ issuerSecret: stranger.secretKey }))],
    });
    expect(out.status).toBe(2);
    expect(out.results).toEqual([]);
  });
});

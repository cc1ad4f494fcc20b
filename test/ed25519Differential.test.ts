// Property tests: the core agrees with @noble/ed25519 in its strict mode ({ zip215: false }: cofactored,
// canonical encodings, S < L) on random keys and messages and on random bit flips of message,
// signature and key. (noble also refuses small-order keys, which random flips essentially never hit.)
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { loadCrypto, type PassgateCrypto } from '../sdk/core/crypto.js';

ed.hashes.sha512 = sha512;
let core: PassgateCrypto;
beforeAll(async () => {
  core = await loadCrypto();
});

const signed = fc.record({
  seed: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  message: fc.uint8Array({ maxLength: 300 }),
}).map(({ seed, message }) => ({ message, publicKey: ed.getPublicKey(seed), signature: ed.sign(message, seed) }));

const agree = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean => {
  const expected = ed.verify(signature, message, publicKey, { zip215: false });
  expect(core.ed25519Verify(signature, message, publicKey)).toBe(expected);
  return expected;
};

describe('differential against @noble/ed25519 (zip215: false)', () => {
  it('accepts random valid signatures', () => {
    fc.assert(fc.property(signed, ({ signature, message, publicKey }) => {
      expect(agree(signature, message, publicKey)).toBe(true);
    }), { numRuns: 300 });
  });

  it('agrees on random bit flips of the message, the signature and the key', () => {
    const flipped = fc.tuple(signed, fc.constantFrom('message', 'signature', 'key'), fc.nat(), fc.integer({ min: 0, max: 7 }));
    fc.assert(fc.property(flipped, ([s, where, at, bit]) => {
      const message = s.message.slice(), signature = s.signature.slice(), publicKey = s.publicKey.slice();
      const target = where === 'message' ? message : where === 'signature' ? signature : publicKey;
      if (target.length === 0) return;
      target[at % target.length]! ^= 1 << bit;
      expect(agree(signature, message, publicKey)).toBe(false);
    }), { numRuns: 600 });
  });

  it('agrees on random bytes as signature and key', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 64 }),
      (signature, publicKey, message) => { agree(signature, message, publicKey); }), { numRuns: 300 });
  });
});

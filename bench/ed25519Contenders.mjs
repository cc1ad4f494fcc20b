// The Ed25519 verifiers compared by the benchmark. A contender is { id, name, prepare(workload) },
// where prepare does the per-key set-up its API allows outside the timed loop and returns
// verify(item) → boolean. Future contenders (per-issuer precomputed tables, batch-of-64
// verification) slot in here with the `id` of their field in results.json.
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import sodium from 'libsodium-wrappers';
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { loadCrypto } from '../dist/sdk/crypto.js';

function nodeKeyObject(rawPublicKey) {
  const x = Buffer.from(rawPublicKey).toString('base64url');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

export async function loadEd25519Contenders() {
  const core = await loadCrypto();
  await sodium.ready;
  // noble's synchronous API needs a SHA-512 implementation plugged in.
  ed.hashes.sha512 = sha512;
  // Strict RFC 8032 / FIPS 186-5 rules, the closest to Passgate's strict verification.
  const nobleStrict = { zip215: false };

  return [
    {
      id: 'core',
      name: 'Passgate core (wasm)',
      prepare: () => (it) => core.ed25519Verify(it.signature, it.message, it.publicKey),
    },
    {
      id: 'node_crypto',
      name: 'node:crypto (OpenSSL)',
      prepare: (workload) => {
        // One KeyObject per key, as a real verifier would cache it per issuer.
        const keys = workload.publicKeys.map(nodeKeyObject);
        return (it) => nodeVerify(null, it.message, keys[it.keyIndex], it.signature);
      },
    },
    {
      id: 'libsodium_wasm',
      name: 'libsodium-wrappers',
      prepare: () => (it) => sodium.crypto_sign_verify_detached(it.signature, it.message, it.publicKey),
    },
    {
      id: 'noble',
      name: '@noble/ed25519',
      prepare: () => (it) => ed.verify(it.signature, it.message, it.publicKey, nobleStrict),
    },
  ];
}

function withFlippedBit(bytes) {
  const copy = bytes.slice();
  copy[0] ^= 1;
  return copy;
}

/**
 * One timed pass for a contender over a workload: verifies every item and returns how many were
 * valid, so the caller can insist on all of them and no call can be optimised away. Before that,
 * the contender must reject a tampered message, so "all valid" cannot come from a verifier that
 * accepts anything.
 */
export function makeVerifyPass(contender, workload) {
  const verify = contender.prepare(workload);
  const [first] = workload.items;
  if (verify({ ...first, message: withFlippedBit(first.message) })) {
    throw new Error(`${contender.name} accepted a tampered message`);
  }
  const items = workload.items;
  return () => {
    let valid = 0;
    for (const it of items) if (verify(it)) valid++;
    return valid;
  };
}

// The Ed25519 verifiers compared by the benchmark. A contender is { id, name, prepare(workload),
// workloads? }, where prepare does the per-key set-up its API allows outside the timed loop and
// returns { verify(item) → boolean } or, for a batch API, { verifyAll(items) → boolean[] }.
// `workloads` limits a contender to some workloads (per-issuer tables make no sense for 1,000
// one-off keys); without it, it runs on all.
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import sodium from 'libsodium-wrappers';
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { loadCrypto } from '../dist/sdk/core/crypto.js';
import { makeCheckedPass } from './checkedPass.mjs';

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

  // Per-issuer tables (~165 KB each), built once per key outside the timed loop.
  const preparedKeys = (workload) => workload.publicKeys.map((pub) => core.prepareKey(pub));
  const toBatchItem = (keys) => (it) => ({ signature: it.signature, message: it.message, key: keys[it.keyIndex] });
  const batchOf = (keys) => {
    const toItem = toBatchItem(keys);
    // The items are mapped once per call, inside the timing: a caller holds its own records.
    return { verifyAll: (items) => core.verifyBatch(items.map(toItem)) };
  };

  return [
    {
      id: 'core',
      name: 'Passgate core (wasm)',
      prepare: () => ({ verify: (it) => core.ed25519Verify(it.signature, it.message, it.publicKey) }),
    },
    {
      id: 'core_precomputed',
      name: 'Passgate core, prepared keys',
      workloads: ['issuers_8'],
      prepare: (workload) => {
        const keys = preparedKeys(workload);
        return { verify: (it) => keys[it.keyIndex].verify(it.signature, it.message) };
      },
    },
    {
      id: 'core_batch64',
      name: 'Passgate core, batch of 64, prepared keys',
      workloads: ['issuers_8'],
      prepare: (workload) => batchOf(preparedKeys(workload)),
    },
    {
      id: 'core_batch64_plain_keys',
      name: 'Passgate core, batch of 64, plain keys',
      prepare: (workload) => batchOf(workload.publicKeys),
    },
    {
      id: 'node_crypto',
      name: 'node:crypto (OpenSSL)',
      prepare: (workload) => {
        // One KeyObject per key, as a real verifier would cache it per issuer.
        const keys = workload.publicKeys.map(nodeKeyObject);
        return { verify: (it) => nodeVerify(null, it.message, keys[it.keyIndex], it.signature) };
      },
    },
    {
      id: 'libsodium_wasm',
      name: 'libsodium-wrappers',
      prepare: () => ({ verify: (it) => sodium.crypto_sign_verify_detached(it.signature, it.message, it.publicKey) }),
    },
    {
      id: 'noble',
      name: '@noble/ed25519',
      // 2 s a pass: measured on the headline workload only, to keep the run under 3 minutes.
      workloads: ['distinct_keys'],
      prepare: () => ({ verify: (it) => ed.verify(it.signature, it.message, it.publicKey, nobleStrict) }),
    },
  ];
}

function withFlippedBit(bytes) {
  const copy = bytes.slice();
  copy[0] ^= 1;
  return copy;
}

/** Whether a contender runs on a workload. */
export const runsOn = (contender, workload) => !contender.workloads || contender.workloads.includes(workload.id);

/**
 * One timed pass for a contender over a workload (see checkedPass.mjs): it must first reject a
 * message with one bit flipped, then each pass verifies all 1,000 and counts the valid ones.
 */
export function makeVerifyPass(contender, workload) {
  const [first] = workload.items;
  return makeCheckedPass({ name: contender.name, ...contender.prepare(workload) }, workload.items, [
    { label: 'one bit flipped in the message', item: { ...first, message: withFlippedBit(first.message) } },
  ]);
}

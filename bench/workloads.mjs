// Signed-message workloads shared by every Ed25519 contender. They are generated once per run with
// node:crypto, so every contender verifies byte-identical inputs.
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

export const SIGNATURE_COUNT = 1000;
export const MESSAGE_BYTES = 197;
export const ISSUER_COUNT = 8;

function makeSigner() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const rawPublicKey = new Uint8Array(Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url'));
  return { privateKey, rawPublicKey };
}

/**
 * `count` signatures over distinct random messages, signed round-robin by `signerCount` keys.
 * Items carry the raw 32-byte public key and a `keyIndex`, so contenders that prepare per-key
 * state (a KeyObject today, precomputed tables later) do it once per key, not per signature.
 */
function makeWorkload({ id, label, count, signerCount }) {
  const signers = Array.from({ length: signerCount }, makeSigner);
  const items = Array.from({ length: count }, (_, i) => {
    const keyIndex = i % signerCount;
    const message = new Uint8Array(randomBytes(MESSAGE_BYTES));
    const signature = new Uint8Array(sign(null, message, signers[keyIndex].privateKey));
    return { message, signature, publicKey: signers[keyIndex].rawPublicKey, keyIndex };
  });
  return { id, label, publicKeys: signers.map((s) => s.rawPublicKey), items };
}

/** The two workloads: every signature by its own key, and Passgate's real case of a few issuers. */
export function makeEd25519Workloads() {
  return [
    makeWorkload({ id: 'distinct_keys', label: `${SIGNATURE_COUNT} distinct keys`, count: SIGNATURE_COUNT, signerCount: SIGNATURE_COUNT }),
    makeWorkload({ id: 'issuers_8', label: `${ISSUER_COUNT} issuer keys`, count: SIGNATURE_COUNT, signerCount: ISSUER_COUNT }),
  ];
}

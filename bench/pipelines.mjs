// The presentation pipelines of the Node benchmark: the checks of presentationPipeline.mjs over
// two sets of primitives, which are all that differ between them:
//
// - node:crypto pipeline: OpenSSL through `crypto.verify(null, msg, keyObject, sig)`, issuer
//   KeyObjects cached by kid, the device KeyObject created per presentation (each holder has its
//   own key), SHA-256 with `createHash`;
// - noble pipeline: `ed.verify(sig, msg, pub, { zip215: false })` (sync, `ed.hashes.sha512` set)
//   and noble's `sha256`.
import { createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import * as ed from '@noble/ed25519';
import { sha256 as nobleSha256, sha512 as nobleSha512 } from '@noble/hashes/sha2.js';

export { base45Decode, makePipeline } from './presentationPipeline.mjs';

// DER SubjectPublicKeyInfo header for a raw Ed25519 key (RFC 8410).
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const nodeKeyObject = (pub) =>
  createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, pub]), format: 'der', type: 'spki' });

export const nodeCryptoPrimitives = {
  issuerKey: nodeKeyObject,
  verifyIssuer: (keyObject, sig, msg) => nodeVerify(null, msg, keyObject, sig),
  // A KeyObject per presentation: the device key differs for every holder.
  verifyDevice: (pub, sig, msg) => nodeVerify(null, msg, nodeKeyObject(pub), sig),
  sha256: (bytes) => createHash('sha256').update(bytes).digest(),
};

ed.hashes.sha512 = nobleSha512; // noble's synchronous API needs a SHA-512
const NOBLE_STRICT = { zip215: false }; // RFC 8032 / FIPS 186-5 rules, as in the Ed25519 benchmark

export const noblePrimitives = {
  issuerKey: (pub) => pub,
  verifyIssuer: (pub, sig, msg) => ed.verify(sig, msg, pub, NOBLE_STRICT),
  verifyDevice: (pub, sig, msg) => ed.verify(sig, msg, pub, NOBLE_STRICT),
  sha256: (bytes) => nobleSha256(bytes),
};

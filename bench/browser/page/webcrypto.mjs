// WebCrypto as a web developer would call it: Ed25519 through crypto.subtle.verify (native in
// Chromium), SHA-256 through crypto.subtle.digest. Every call answers with a promise.
const subtle = globalThis.crypto.subtle;
const ED25519 = { name: 'Ed25519' };

export const importEd25519 = (publicKey) => subtle.importKey('raw', publicKey, ED25519, false, ['verify']);
export const verifyEd25519 = (key, signature, message) => subtle.verify(ED25519, key, signature, message);

/** The primitives of presentationPipeline.mjs's makeAsyncPipeline. */
export const webCryptoPrimitives = {
  issuerKey: importEd25519,
  verifyIssuer: verifyEd25519,
  // A key per presentation: every holder's device key is different.
  verifyDevice: async (publicKey, signature, message) => verifyEd25519(await importEd25519(publicKey), signature, message),
  sha256: async (bytes) => new Uint8Array(await subtle.digest('SHA-256', bytes)),
};

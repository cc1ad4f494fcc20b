/**
 * Reaching the signatures inside a PG1 presentation: the issuer's (the last 64 bytes of the token, the
 * content of its last byte string) and the device's (the third item of the binding), with the exact
 * messages they sign, so that tests can put a chosen signature in either place.
 */
import type { CborValue } from '../../sdk/cbor/deterministicEncoder.js';
import { Tagged } from '../../sdk/cbor/deterministicEncoder.js';
import { decodeValue } from '../../sdk/cbor/valueDecoder.js';
import { deviceAuthBytes, sigStructure, tokenCti } from '../../sdk/issuer/index.js';

/** The issuer's signature of a token (a copy). */
export function tokenSignature(token: Uint8Array): Uint8Array {
  return token.slice(token.length - 64);
}

/** The Sig_structure the issuer signed: ["Signature1", protected, h'', payload]. */
export function tokenSignedMessage(token: Uint8Array): Uint8Array {
  const sign1 = decodeValue(token);
  if (!(sign1 instanceof Tagged)) throw new Error('not a tagged COSE_Sign1');
  const [protectedBytes, , payload] = sign1.value as CborValue[];
  return sigStructure(protectedBytes as Uint8Array, payload as Uint8Array);
}

/** The token with its issuer signature replaced (the signature is its last 64 bytes). */
export function withTokenSignature(token: Uint8Array, signature: Uint8Array): Uint8Array {
  if (signature.length !== 64) throw new Error('a signature is 64 bytes');
  const out = token.slice();
  out.set(signature, token.length - 64);
  return out;
}

/** A binding [presented_at, nonce, sig] for this token, carrying whatever signature is given. */
export function bindingWithSignature(presentedAt: number, nonce: Uint8Array | null, signature: Uint8Array): CborValue {
  return [presentedAt, nonce, signature];
}

/** DeviceAuth, the message a holder binding signs, for this token. */
export function deviceAuthOf(token: Uint8Array, presentedAt: number, nonce: Uint8Array | null): Uint8Array {
  return deviceAuthBytes(tokenCti(token), presentedAt, nonce);
}

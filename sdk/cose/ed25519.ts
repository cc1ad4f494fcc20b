/**
 * Ed25519 signing for the issuer toolkit (pure Ed25519, RFC 8032: deterministic, no randomness
 * needed at signing time). noble's sync API needs a SHA-512 provider wired in once.
 */
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';

ed.hashes.sha512 = sha512;

export function ed25519Sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return ed.sign(message, secretKey);
}

export function ed25519PublicKey(secretKey: Uint8Array): Uint8Array {
  return ed.getPublicKey(secretKey);
}

/**
 * True when `pub` is a canonical encoding (y < p, no x = 0 with the sign bit set) of a curve point
 * that is not of small order: the test PG1 §6 applies to issuer keys when a trust list is loaded.
 */
export function ed25519IsStrongPublicKey(pub: Uint8Array): boolean {
  if (pub.length !== 32) return false;
  try {
    return !ed.Point.fromBytes(pub, false).isSmallOrder();
  } catch {
    return false; // not canonical, or not on the curve
  }
}

/** Key material for issuers, roots and holder devices (Ed25519, 32-byte seeds as secret keys). */
import { sha256 } from '../sha256.js';
import { ed25519PublicKey } from '../cose/ed25519.js';

export interface KeyPair {
  /** 32-byte Ed25519 seed (RFC 8032 private key). Wipe it with `wipe` when done. */
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

export type KeyErrorCode = 'BAD_SECRET_KEY' | 'BAD_PUBLIC_KEY';

export class KeyError extends Error {
  override readonly name = 'KeyError';
  constructor(
    readonly code: KeyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A fresh key pair from the platform CSPRNG (Web Crypto, available in browsers and Node ≥ 19). */
export function generateKeyPair(): KeyPair {
  const secretKey = crypto.getRandomValues(new Uint8Array(32));
  return { secretKey, publicKey: ed25519PublicKey(secretKey) };
}

export function publicKeyFromSecret(secretKey: Uint8Array): Uint8Array {
  if (secretKey.length !== 32) throw new KeyError('BAD_SECRET_KEY', `an Ed25519 secret key is 32 bytes, not ${secretKey.length}`);
  return ed25519PublicKey(secretKey);
}

/** PG1 kid: the first 8 bytes of SHA-256(public key) (§2, §6). */
export function kidOf(publicKey: Uint8Array): Uint8Array {
  if (publicKey.length !== 32) throw new KeyError('BAD_PUBLIC_KEY', `an Ed25519 public key is 32 bytes, not ${publicKey.length}`);
  return sha256(publicKey).slice(0, 8);
}

/** Random bytes from the platform CSPRNG (salts, cti, decoys). */
export function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

/**
 * Overwrites a buffer with zeros. JavaScript cannot promise that no copy survives elsewhere (the
 * engine may have moved it), but clearing the buffers the toolkit hands out is the part we control.
 */
export function wipe(bytes: Uint8Array): void {
  bytes.fill(0);
}

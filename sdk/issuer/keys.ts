/** Key material for issuers, roots and holder devices (Ed25519, 32-byte seeds as secret keys). */
import { sha256 } from '../sha256.js';
import { ed25519PublicKey } from '../cose/ed25519.js';

/** An Ed25519 key pair: an issuer's, a root's or a holder device's. */
export interface KeyPair {
  /** 32-byte Ed25519 seed (RFC 8032 private key). Wipe it with `wipe` when done. */
  readonly secretKey: Uint8Array;
  /** The 32-byte public key: what trust lists, verifiers' roots and tokens' cnf hold. */
  readonly publicKey: Uint8Array;
}

/** Why a key was refused. */
export type KeyErrorCode =
  /** A secret key that is not 32 bytes. */
  | 'BAD_SECRET_KEY'
  /** A public key that is not 32 bytes. */
  | 'BAD_PUBLIC_KEY';

/** Thrown for a key of the wrong length. */
export class KeyError extends Error {
  /** `'KeyError'`. */
  override readonly name = 'KeyError';
  /**
   * Thrown by the toolkit; callers catch it and read `code`.
   *
   * @param code - Which key was wrong.
   * @param message - The same in words, with the length given.
   */
  constructor(
    /** Which key was wrong. */
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

/**
 * The public key of a secret key (seed).
 *
 * @param secretKey - A 32-byte Ed25519 seed.
 * @throws {@link KeyError} `BAD_SECRET_KEY` when it is not 32 bytes.
 */
export function publicKeyFromSecret(secretKey: Uint8Array): Uint8Array {
  if (secretKey.length !== 32) throw new KeyError('BAD_SECRET_KEY', `an Ed25519 secret key is 32 bytes, not ${secretKey.length}`);
  return ed25519PublicKey(secretKey);
}

/**
 * PG1 kid: the first 8 bytes of SHA-256(public key) (§2, §6).
 *
 * @param publicKey - A 32-byte Ed25519 public key.
 * @throws {@link KeyError} `BAD_PUBLIC_KEY` when it is not 32 bytes.
 */
export function kidOf(publicKey: Uint8Array): Uint8Array {
  if (publicKey.length !== 32) throw new KeyError('BAD_PUBLIC_KEY', `an Ed25519 public key is 32 bytes, not ${publicKey.length}`);
  return sha256(publicKey).slice(0, 8);
}

/**
 * Random bytes from the platform CSPRNG (salts, cti, decoys).
 *
 * @param length - How many bytes: at most 65,536, the Web Crypto limit of one call (more throws the
 *   platform's QuotaExceededError).
 */
export function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

/**
 * Overwrites a buffer with zeros. JavaScript cannot promise that no copy survives elsewhere (the
 * engine may have moved it), but clearing the buffers the toolkit hands out is the part we control.
 *
 * @param bytes - The buffer to clear, e.g. a {@link KeyPair.secretKey}.
 */
export function wipe(bytes: Uint8Array): void {
  bytes.fill(0);
}

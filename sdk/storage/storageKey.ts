/** The AES-GCM key that seals a store's records: made by WebCrypto, in browsers and in Node alike. */
import { PassgateError } from '../errors.js';

export function subtleCrypto(): SubtleCrypto {
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (!subtle) {
    throw new PassgateError('NO_CRYPTO', 'WebCrypto (globalThis.crypto.subtle) is not available: a secure context (https or localhost) or Node.js 20+ is required');
  }
  return subtle;
}

/** Throws NO_CRYPTO unless WebCrypto is there (storage keys and batch coefficients need it). */
export function requireWebCrypto(): void {
  subtleCrypto();
  randomBytes(0);
}

export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (!c?.getRandomValues) throw new PassgateError('NO_CRYPTO', 'crypto.getRandomValues is not available');
  return c.getRandomValues(new Uint8Array(n));
}

export const KEY_ALGORITHM = { name: 'AES-GCM', length: 256 } as const;

/** A new random key that cannot be exported (browsers keep it as a structured-cloneable CryptoKey). */
export function generateStorageKey(): Promise<CryptoKey> {
  return subtleCrypto().generateKey(KEY_ALGORITHM, false, ['encrypt', 'decrypt']);
}

/** A key from its 32 raw bytes (a key file); the bytes are zeroised once imported. */
export async function importStorageKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  try {
    return await subtleCrypto().importKey('raw', raw, KEY_ALGORITHM, false, ['encrypt', 'decrypt']);
  } finally {
    raw.fill(0);
  }
}

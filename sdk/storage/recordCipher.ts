/**
 * Seals records with AES-256-GCM (WebCrypto). The record's name is authenticated with it, so one
 * record cannot be passed off as another. Layout: "PGS1" | 12-byte random IV | ciphertext and tag.
 */
import type { RecordName } from './storageAdapter.js';
import { randomBytes, subtleCrypto } from './storageKey.js';

const MAGIC = [0x50, 0x47, 0x53, 0x31]; // "PGS1"
const IV_BYTES = 12;

const additionalData = (name: RecordName): Uint8Array<ArrayBuffer> => new TextEncoder().encode(`passgate-record:${name}`);

export async function sealRecord(key: CryptoKey, name: RecordName, plaintext: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const iv = randomBytes(IV_BYTES);
  const sealed = new Uint8Array(await subtleCrypto().encrypt({ name: 'AES-GCM', iv, additionalData: additionalData(name) }, key, plaintext));
  const out = new Uint8Array(MAGIC.length + IV_BYTES + sealed.length);
  out.set(MAGIC, 0);
  out.set(iv, MAGIC.length);
  out.set(sealed, MAGIC.length + IV_BYTES);
  return out;
}

/** The plaintext, or throws RecordUnreadableError (wrong key, tampered, truncated, not a record). */
export async function openRecord(key: CryptoKey, name: RecordName, sealed: Uint8Array): Promise<Uint8Array> {
  if (sealed.length < MAGIC.length + IV_BYTES + 16 || MAGIC.some((b, i) => sealed[i] !== b)) {
    throw new RecordUnreadableError(name, 'not a sealed Passgate record (truncated, zeroed or foreign)');
  }
  const iv = sealed.slice(MAGIC.length, MAGIC.length + IV_BYTES);
  try {
    return new Uint8Array(await subtleCrypto().decrypt({ name: 'AES-GCM', iv, additionalData: additionalData(name) }, key, sealed.slice(MAGIC.length + IV_BYTES)));
  } catch {
    throw new RecordUnreadableError(name, 'authentication failed (tampered, or sealed under another key)');
  }
}

export class RecordUnreadableError extends Error {
  override readonly name = 'RecordUnreadableError';
  constructor(readonly record: RecordName, detail: string) {
    super(`${record} record unreadable: ${detail}`);
  }
}

/**
 * SHA-256 of a signed list's bytes, to tell a list served again from a new one without verifying it
 * again. WebCrypto where there is one (native speed on a 64 MiB filter), else the SDK's own SHA-256.
 */
import { sha256 } from '@noble/hashes/sha2.js';

const known = new WeakMap<Uint8Array, Uint8Array>();

/** The digest of `bytes`, remembered per array (the lists in force are hashed once, not every sync). */
export async function listDigest(bytes: Uint8Array): Promise<Uint8Array> {
  const cached = known.get(bytes);
  if (cached) return cached;
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  const digest = subtle ? new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)) : sha256(bytes);
  known.set(bytes, digest);
  return digest;
}

export function sameDigest(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

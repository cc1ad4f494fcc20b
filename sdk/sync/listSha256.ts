/**
 * SHA-256 of a downloaded list, to tell a list served again from a new one without verifying it again
 * (the rollback anchor records the digest of each list in force the same way). WebCrypto where there is
 * one (native speed on a 64 MiB filter), else `fallback` (the verifier's core).
 */

export async function listSha256(bytes: Uint8Array, fallback: (bytes: Uint8Array) => Uint8Array): Promise<Uint8Array> {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  return subtle ? new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)) : fallback(bytes);
}

export function sameDigest(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

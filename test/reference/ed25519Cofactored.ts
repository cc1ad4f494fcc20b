/**
 * Reference Ed25519 verification exactly as PG1 §2 states it: RFC 8032 §5.1.7 with the cofactored
 * equation [8][S]B = [8]R + [8][k]A (FIPS 186-5 §7.7), R and A decoded strictly (y ≥ p fails,
 * x = 0 with the sign bit set fails), S ≥ L fails.
 *
 * Why not `ed.verify(sig, msg, pub, { zip215: false })`: noble v3's strict branch does use the
 * cofactored equation, strict decoding and S < L, but it ALSO rejects every small-order public key.
 * PG1 refuses small-order issuer keys when a trust list is loaded and "never at verification time";
 * a holder's cnf key is screened by the verifier itself (isStrongPublicKey, decision D7), not by the
 * equation. The two differ exactly on signatures under a small-order A (for example the
 * ed25519-speccheck vectors 0 and 1). Here the equation is written
 * out with noble's Point API so that the reference says what the spec says and nothing more.
 */
import { Point } from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';

/** Order of the prime-order subgroup. */
export const L = (1n << 252n) + 27742317777372353535851937790883648493n;

function leToBigint(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

/** Strict RFC 8032 §5.1.3 decoding (noble with zip215 = false), or null. */
function decodePoint(bytes: Uint8Array): Point | null {
  try {
    return Point.fromBytes(bytes, false);
  } catch {
    return null;
  }
}

export function verifyCofactored(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  const rBytes = signature.subarray(0, 32);
  const A = decodePoint(publicKey);
  const R = decodePoint(rBytes);
  if (A === null || R === null) return false;
  const S = leToBigint(signature.subarray(32, 64));
  if (S >= L) return false;
  const h = new Uint8Array(64 + message.length);
  h.set(rBytes, 0);
  h.set(publicKey, 32);
  h.set(message, 64);
  const k = leToBigint(sha512(h)) % L;
  // [8](S·B − k·A − R) must be the identity. multiply(n, false) accepts 0 ≤ n < L.
  const SB = Point.BASE.multiply(S, false);
  const kA = A.multiply(k, false);
  return SB.subtract(kA).subtract(R).clearCofactor().is0();
}

/** §6 (issuer and root keys) and D7 (cnf keys): a canonical encoding of a point not of small order. */
export function isStrongPublicKey(publicKey: Uint8Array): boolean {
  if (publicKey.length !== 32) return false;
  const A = decodePoint(publicKey);
  return A !== null && !A.isSmallOrder();
}

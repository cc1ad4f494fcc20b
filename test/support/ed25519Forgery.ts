/**
 * Ed25519 signatures a verifier must get right although they are not what an honest signer makes:
 * the arithmetic an attacker uses against PG1's checks, written out with noble's Point API.
 *
 * - cancelling pairs: S1 + d and S2 − d. Each signature alone fails, but the sum of S over a batch is
 *   unchanged, so a batch equation whose coefficients are all 1 (Σ[S_i]B = Σ R_i + Σ[k_i]A_i) holds;
 *   only random coefficients z_i (Σ[z_i S_i]B …) make the d terms count: z1·d − z2·d ≠ 0.
 * - forgeries for small-order keys: under A of order dividing 8, [8][k]A = 0, so R = [S]B (any S)
 *   satisfies the cofactored equation [8][S]B = [8]R + [8][k]A for every message.
 * - torsion in R: R' = [r]B + T (T of small order) with S = r + k·a, where k is hashed over R'. The
 *   cofactored equation holds (the [8] kills T), the cofactorless one does not: a verifier that loses
 *   its cofactor refuses a signature PG1 says is valid.
 */
import { hashes, Point, utils } from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { L } from '../reference/ed25519Cofactored.js';

hashes.sha512 = sha512;

export { L };

function leToBigint(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

function bigintToLe(n: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

const modL = (n: bigint): bigint => ((n % L) + L) % L;

/** The S half of a signature, as an integer. */
export function sOf(signature: Uint8Array): bigint {
  return leToBigint(signature.subarray(32, 64));
}

/** The same signature with S replaced (R kept): no reduction, so S ≥ L can be written too. */
export function withS(signature: Uint8Array, s: bigint): Uint8Array {
  const out = signature.slice();
  out.set(bigintToLe(s, 32), 32);
  return out;
}

/**
 * A cancelling pair of shifts for two valid signatures: d such that S1 + d and S2 − d are both still
 * canonical (below L), so that the only thing wrong with either is the equation itself.
 */
export function cancellingShift(s1: bigint, s2: bigint): bigint {
  for (const d of [1n, 2n, 3n, 1n << 100n, 12345n]) {
    if (s1 + d < L && s2 - d >= 0n) return d;
  }
  throw new Error('no canonical cancelling shift for these signatures (pick other ones)');
}

/** A point of order 8 (ed25519-speccheck, "c7176a70…"): its multiples are the whole torsion subgroup. */
const ORDER_8 = Point.fromBytes(Uint8Array.from(Buffer.from('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa', 'hex')));

/** The 8 points of small order (order 1, 2, 4, 4, 8, 8, 8, 8), as [k]T8 for k = 0…7. */
export const SMALL_ORDER_POINTS: readonly Point[] = Array.from({ length: 8 }, (_, k) => {
  let p = Point.ZERO;
  for (let i = 0; i < k; i++) p = p.add(ORDER_8);
  return p;
});

/** Their canonical encodings: the cnf keys a holder binding must never accept. */
export const SMALL_ORDER_KEYS: readonly Uint8Array[] = SMALL_ORDER_POINTS.map((p) => p.toBytes());

const hex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));

/**
 * Non-canonical encodings (RFC 8032 §5.1.3 refuses them: y ≥ p, or x = 0 with the sign bit set). All
 * decode, leniently, to points of small order, which is what makes them dangerous as keys.
 */
export const NON_CANONICAL_KEYS: readonly { readonly name: string; readonly bytes: Uint8Array }[] = [
  { name: 'y = p (0 + p): the order-4 point written with y >= p', bytes: hex('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f') },
  { name: 'y = p + 1: the identity written with y >= p', bytes: hex('eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f') },
  { name: 'y = p + 1 with the sign bit set', bytes: hex('eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff') },
  { name: 'the identity (y = 1, x = 0) with the sign bit set', bytes: hex('0100000000000000000000000000000000000000000000000000000000000080') },
  { name: 'the order-2 point (y = -1, x = 0) with the sign bit set', bytes: hex('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff') },
];

/**
 * A signature that the cofactored equation accepts under any key of small order, for any message:
 * R = [S]B. (s picks one of many; every s < L works.)
 */
export function smallOrderForgery(s: bigint = 7n): Uint8Array {
  const out = new Uint8Array(64);
  out.set(Point.BASE.multiply(s).toBytes(), 0);
  out.set(bigintToLe(s, 32), 32);
  return out;
}

/**
 * Signs `message` with `secretKey` but with R carrying the small-order component `torsion`: valid
 * under the cofactored equation of PG1 §2, invalid under the cofactorless one.
 */
export function signWithTorsion(message: Uint8Array, secretKey: Uint8Array, torsion: Point = ORDER_8): Uint8Array {
  const { scalar: a, prefix, pointBytes } = utils.getExtendedPublicKey(secretKey);
  const r = modL(leToBigint(sha512(new Uint8Array([...prefix, ...message]))));
  const rBytes = Point.BASE.multiply(r).add(torsion).toBytes();
  const k = modL(leToBigint(sha512(new Uint8Array([...rBytes, ...pointBytes, ...message]))));
  const out = new Uint8Array(64);
  out.set(rBytes, 0);
  out.set(bigintToLe(modL(r + k * a), 32), 32);
  return out;
}

/** The identity point's canonical encoding (y = 1), and a non-canonical one (y = p + 1). */
export const IDENTITY_R = Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 1 : 0));
export const NON_CANONICAL_IDENTITY_R = Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 0xee : i === 31 ? 0x7f : 0xff));

/**
 * Signs `message` with `secretKey` and the nonce r = 0: R is the identity, written as `rBytes`, and
 * S = k a, so [S]B = R + [k]A holds for whichever encoding of the identity `rBytes` is.
 */
export function signWithIdentityR(message: Uint8Array, secretKey: Uint8Array, rBytes: Uint8Array): Uint8Array {
  const { scalar: a, pointBytes } = utils.getExtendedPublicKey(secretKey);
  const k = modL(leToBigint(sha512(new Uint8Array([...rBytes, ...pointBytes, ...message]))));
  const out = new Uint8Array(64);
  out.set(rBytes, 0);
  out.set(bigintToLe(modL(k * a), 32), 32);
  return out;
}

/** True when [S]B = R + [k]A holds exactly (no cofactor): what a cofactorless verifier checks. */
export function holdsWithoutCofactor(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  const R = Point.fromBytes(signature.subarray(0, 32));
  const A = Point.fromBytes(publicKey);
  const k = modL(leToBigint(sha512(new Uint8Array([...signature.subarray(0, 32), ...publicKey, ...message]))));
  return Point.BASE.multiply(sOf(signature)).equals(R.add(A.multiply(k)));
}

export interface SignedMessage {
  readonly signature: Uint8Array;
  readonly message: Uint8Array;
  readonly publicKey: Uint8Array;
}

/**
 * The batch equation with every coefficient 1, [8](Σ[S_i]B − Σ R_i − Σ[k_i]A_i) = 0: what a batch
 * verifier that forgot its random coefficients would accept. A cancelling pair satisfies it.
 */
export function holdsWithUnitCoefficients(items: readonly SignedMessage[]): boolean {
  let sum = Point.ZERO;
  let s = 0n;
  for (const { signature, message, publicKey } of items) {
    const rBytes = signature.subarray(0, 32);
    const k = modL(leToBigint(sha512(new Uint8Array([...rBytes, ...publicKey, ...message]))));
    sum = sum.add(Point.fromBytes(rBytes)).add(Point.fromBytes(publicKey).multiply(k));
    s = modL(s + sOf(signature));
  }
  return Point.BASE.multiply(s, false).subtract(sum).clearCofactor().is0();
}

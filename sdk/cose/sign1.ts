/**
 * COSE_Sign1 (RFC 9052 §4.2) as PG1 §2 profiles it: tag 18, protected = bstr .cbor {1: alg, 4: kid},
 * unprotected = {}, payload bstr, signature = pure Ed25519 over the Sig_structure of §4.4.
 * The `unsafe` options exist only so that tests can build the envelopes a verifier must refuse.
 */
import { encode, Tagged, type CborValue } from '../cbor/deterministicEncoder.js';
import { ed25519Sign } from './ed25519.js';

/** The CBOR tag of a COSE_Sign1 (RFC 9052), which PG1 artefacts carry. */
export const COSE_SIGN1_TAG = 18;
/** Ed25519 (RFC 9864); PG1 issuers SHOULD use it. */
export const ALG_ED25519 = -19;
/** The older polymorphic EdDSA id, which PG1 reads as Ed25519. */
export const ALG_EDDSA = -8;

/**
 * Sig_structure for COSE_Sign1: ["Signature1", body_protected, external_aad, payload].
 *
 * @param protectedBytes - The protected header's bytes.
 * @param payload - The payload's bytes.
 * @param externalAad - External data (PG1 uses none).
 */
export function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array, externalAad: Uint8Array = new Uint8Array(0)): Uint8Array {
  return encode(['Signature1', protectedBytes, externalAad, payload]);
}

/** Escape hatches for negative tests: each one can make an envelope that verifiers must refuse. */
export interface UnsafeSign1Options {
  /** Replaces the whole protected map (its encoding is still deterministic). */
  readonly protectedMap?: ReadonlyMap<CborValue, CborValue>;
  /** Replaces the protected bstr content with these exact bytes (may be non-deterministic). */
  readonly protectedBytes?: Uint8Array;
  /** Replaces the empty unprotected map. */
  readonly unprotected?: CborValue;
  /** Embeds this payload instead of the one that was signed (a tampered token). */
  readonly payloadAfterSigning?: Uint8Array;
  /**
   * Rewrites the 64-byte signature (truncate, flip bits…).
   *
   * @param signature - The genuine signature.
   */
  readonly mapSignature?: (signature: Uint8Array) => Uint8Array;
  /** Omits tag 18, or puts another tag number on the array. */
  readonly tag?: number | null;
}

/** The header of a COSE_Sign1 that {@link signSign1} makes. */
export interface Sign1Options {
  /** kid for the protected header: PG1 uses the first 8 bytes of H(public key). */
  readonly kid: Uint8Array;
  /** Default -19. Any CBOR value is accepted so that tests can put a wrong one. */
  readonly alg?: CborValue;
  /** For negative tests only. */
  readonly unsafe?: UnsafeSign1Options;
}

/**
 * The protected header bytes: bstr .cbor {1: alg, 4: kid}.
 *
 * @param alg - The algorithm id (-19 or -8).
 * @param kid - The signer's kid.
 */
export function protectedHeader(alg: CborValue, kid: Uint8Array): Uint8Array {
  return encode(new Map<CborValue, CborValue>([[1, alg], [4, kid]]));
}

/**
 * Builds and signs a COSE_Sign1 over `payload` with an Ed25519 secret key (32-byte seed).
 *
 * @param payload - The bytes to sign (a deterministic CBOR item for PG1).
 * @param secretKey - The signer's 32-byte seed (the underlying Ed25519 library throws for another length).
 * @param options - The kid, alg and test escape hatches.
 */
export function signSign1(payload: Uint8Array, secretKey: Uint8Array, options: Sign1Options): Uint8Array {
  const unsafe = options.unsafe ?? {};
  const protectedBytes =
    unsafe.protectedBytes ??
    (unsafe.protectedMap !== undefined ? encode(unsafe.protectedMap) : protectedHeader(options.alg ?? ALG_ED25519, options.kid));
  const signed = ed25519Sign(sigStructure(protectedBytes, payload), secretKey);
  const signature = unsafe.mapSignature ? unsafe.mapSignature(signed) : signed;
  const body: CborValue = [
    protectedBytes,
    unsafe.unprotected ?? new Map<CborValue, CborValue>(),
    unsafe.payloadAfterSigning ?? payload,
    signature,
  ];
  const tag = unsafe.tag === undefined ? COSE_SIGN1_TAG : unsafe.tag;
  return encode(tag === null ? body : new Tagged(tag, body));
}


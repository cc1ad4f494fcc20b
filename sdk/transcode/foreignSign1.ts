/**
 * The COSE_Sign1 of an HC1 pass (PG1 §11.2 steps 1 to 3): [protected bstr, unprotected map, payload bstr,
 * signature bstr], tag 18 optional, a CWT tag 61 around it allowed; alg and kid from the protected
 * header, or only where it has none, from the unprotected one.
 */
import { ForeignTag, readForeignCbor, ForeignCborError, type ForeignValue } from './foreignCbor.js';

/** ES256 (ECDSA with SHA-256) and PS256 (RSASSA-PSS with SHA-256), the two algs §11.2 step 2 accepts. */
export const ALG_ES256 = -7;
export const ALG_PS256 = -37;

const COSE_SIGN1_TAG = 18;
const CWT_TAG = 61;
const HEADER_ALG = 1;
const HEADER_KID = 4;

/** A COSE_Sign1 as read, its protected header kept as the bytes that were signed. */
export interface ForeignSign1 {
  readonly protectedBytes: Uint8Array;
  readonly payload: Uint8Array;
  readonly signature: Uint8Array;
  /** The alg header as found (any value), undefined when neither header has one. */
  readonly alg: ForeignValue;
  /** The kid header as found (any value), undefined when neither header has one. */
  readonly kid: ForeignValue;
}

/** The bytes are not a COSE_Sign1 (the result is MALFORMED). */
export class ForeignSign1Error extends Error {
  override readonly name = 'ForeignSign1Error';
}

function isTag(v: ForeignValue, tag: number): v is ForeignTag {
  return v instanceof ForeignTag && v.tag === tag;
}

function header(protectedMap: ReadonlyMap<ForeignValue, ForeignValue>, unprotected: ReadonlyMap<ForeignValue, ForeignValue>, label: number): ForeignValue {
  return protectedMap.has(label) ? protectedMap.get(label) : unprotected.get(label);
}

/**
 * Reads the COSE_Sign1 an HC1 pass inflates to.
 *
 * @throws {@link ForeignSign1Error} when it is not CBOR or not a COSE_Sign1.
 */
export function readForeignSign1(bytes: Uint8Array): ForeignSign1 {
  let top: ForeignValue;
  try {
    top = readForeignCbor(bytes);
  } catch (e) {
    if (e instanceof ForeignCborError) throw new ForeignSign1Error(`not CBOR: ${e.message}`);
    throw e;
  }
  if (isTag(top, CWT_TAG)) top = top.value;
  if (isTag(top, COSE_SIGN1_TAG)) top = top.value;
  if (!Array.isArray(top) || top.length !== 4) throw new ForeignSign1Error('not a COSE_Sign1 array of four items');
  const [protectedBytes, unprotected, payload, signature] = top as readonly ForeignValue[];
  if (!(protectedBytes instanceof Uint8Array) || !(unprotected instanceof Map) || !(payload instanceof Uint8Array) || !(signature instanceof Uint8Array)) {
    throw new ForeignSign1Error('a COSE_Sign1 is [bstr, map, bstr, bstr]');
  }
  let protectedMap: ForeignValue = new Map();
  if (protectedBytes.length > 0) {
    try {
      protectedMap = readForeignCbor(protectedBytes);
    } catch (e) {
      if (e instanceof ForeignCborError) throw new ForeignSign1Error(`the protected header is not CBOR: ${e.message}`);
      throw e;
    }
  }
  if (!(protectedMap instanceof Map)) throw new ForeignSign1Error('the protected header is not a map');
  const unprotectedMap = unprotected as ReadonlyMap<ForeignValue, ForeignValue>;
  return {
    protectedBytes,
    payload,
    signature,
    alg: header(protectedMap, unprotectedMap, HEADER_ALG),
    kid: header(protectedMap, unprotectedMap, HEADER_KID),
  };
}

function bstrHead(length: number): Uint8Array {
  if (length < 24) return Uint8Array.of(0x40 | length);
  if (length < 0x100) return Uint8Array.of(0x58, length);
  if (length < 0x10000) return Uint8Array.of(0x59, length >> 8, length & 0xff);
  return Uint8Array.of(0x5a, length >>> 24, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff);
}

/** ["Signature1", protected, h'', payload] (RFC 9052 §4.4), what the signer signed. */
export function toBeSigned(sign1: ForeignSign1): Uint8Array {
  const context = new TextEncoder().encode('Signature1');
  const parts = [
    Uint8Array.of(0x84, 0x60 | context.length), context,
    bstrHead(sign1.protectedBytes.length), sign1.protectedBytes,
    Uint8Array.of(0x40),
    bstrHead(sign1.payload.length), sign1.payload,
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

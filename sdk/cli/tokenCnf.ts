import { Tagged } from '../cbor/deterministicEncoder.js';
import { decodeValue } from '../cbor/valueDecoder.js';

/**
 * The holder key (cnf x) of a token, read without verifying anything: the holder trusts its own token,
 * and only needs to know whether a binding is due. null when the token has no cnf or cannot be read.
 */
export function tokenCnfKey(token: Uint8Array): Uint8Array | null {
  try {
    const sign1 = decodeValue(token);
    if (!(sign1 instanceof Tagged) || !Array.isArray(sign1.value)) return null;
    const payload: unknown = (sign1.value as readonly unknown[])[2];
    if (!(payload instanceof Uint8Array)) return null;
    const claims = decodeValue(payload);
    const cnf = claims instanceof Map ? claims.get(8) : undefined;
    const coseKey: unknown = cnf instanceof Map ? cnf.get(1) : undefined;
    const x: unknown = coseKey instanceof Map ? coseKey.get(-2) : undefined;
    return x instanceof Uint8Array ? x : null;
  } catch {
    return null;
  }
}

/**
 * The version (payload key 1, PG1 §6, §7) of a signed list the verifier has already authenticated: a
 * ROLLBACK refusal comes after the signature and §1 checks, so its bytes are the signer's. Used only to
 * tell "the same version again" (a server without ETags) from a real rollback.
 */
import { decodeValue } from '../cbor/valueDecoder.js';
import { Tagged } from '../cbor/deterministicEncoder.js';
import type { Uint } from '../cbor/shape.js';

export function signedListVersion(bytes: Uint8Array): Uint | null {
  try {
    const envelope = decodeValue(bytes);
    const sign1 = envelope instanceof Tagged ? envelope.value : null;
    const payload = Array.isArray(sign1) ? (sign1 as readonly unknown[])[2] : null;
    if (!(payload instanceof Uint8Array)) return null;
    const map = decodeValue(payload);
    const version = map instanceof Map ? (map as ReadonlyMap<unknown, unknown>).get(1) : undefined;
    return typeof version === 'number' || typeof version === 'bigint' ? version : null;
  } catch {
    return null;
  }
}

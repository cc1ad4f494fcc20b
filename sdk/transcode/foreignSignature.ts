/**
 * §11.2 step 4: ES256 is ECDSA with SHA-256 on the curve of the signer's key (P-256, or P-384 which some
 * issuers used under -7), r || s of twice the curve's byte size; PS256 is RSASSA-PSS with SHA-256, MGF1
 * with SHA-256 and a salt of 32 bytes. node:crypto does the arithmetic.
 */
import { constants, verify, type KeyObject } from 'node:crypto';
import { ALG_ES256, ALG_PS256 } from './foreignSign1.js';

const CURVE_BYTES: Readonly<Record<string, number>> = { prime256v1: 32, secp384r1: 48 };

/** Whether `signature` over `message` holds for `key` under `alg` (-7 or -37); a key of the wrong type fails. */
export function foreignSignatureHolds(alg: number, key: KeyObject, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    if (alg === ALG_ES256) {
      if (key.asymmetricKeyType !== 'ec') return false;
      const size = CURVE_BYTES[key.asymmetricKeyDetails?.namedCurve ?? ''];
      if (size === undefined || signature.length !== 2 * size) return false;
      return verify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, signature);
    }
    if (alg === ALG_PS256) {
      if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss') return false;
      return verify('sha256', message, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, signature);
    }
    return false;
  } catch {
    return false; // a signature node:crypto cannot even parse does not hold
  }
}

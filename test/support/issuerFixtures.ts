/**
 * A small PG1 world for issuer and reference tests: a root, two issuers, a holder device, and
 * helpers that issue, present and verify with sensible defaults that each test overrides.
 */
import {
  buildTrustList,
  generateKeyPair,
  issueToken,
  present,
  type BindingInput,
  type BuildTrustListOptions,
  type IssuedToken,
  type IssueTokenOptions,
  type KeyPair,
  type TrustListIssuer,
} from '../../sdk/issuer/index.js';
import type { ReferenceResult, ReferenceVerifier, VerifyOptions } from '../reference/referenceVerifier.js';
import { MirroredVerifier } from './productMirror.js';

export const NOW = 1_750_000_000;
export const DAY = 86_400;

export const root: KeyPair = generateKeyPair();
export const root2: KeyPair = generateKeyPair();
export const issuerKey: KeyPair = generateKeyPair();
export const nationalKey: KeyPair = generateKeyPair();
export const device: KeyPair = generateKeyPair();
export const stranger: KeyPair = generateKeyPair();

export function issuerEntry(over: Partial<TrustListIssuer> = {}): TrustListIssuer {
  return { pub: issuerKey.publicKey, iss: 'CN-35', notBefore: NOW - 100 * DAY, notAfter: NOW + 100 * DAY, ...over };
}

export const nationalEntry: TrustListIssuer = {
  pub: nationalKey.publicKey,
  iss: 'CN',
  notBefore: NOW - 100 * DAY,
  notAfter: NOW + 100 * DAY,
};

export function trustList(over: Partial<BuildTrustListOptions> = {}): Uint8Array {
  return buildTrustList({
    rootSecret: root.secretKey,
    version: 1,
    issuedAt: NOW - DAY,
    expires: NOW + 30 * DAY,
    issuers: [issuerEntry(), nationalEntry],
    roots: [root.publicKey],
    ...over,
  });
}

/**
 * A reference verifier provisioned with `root` that has applied `trustList(over)`; mirrored, so that
 * a test file can have what it verifies replayed through the product (productMirror.ts).
 */
export function verifierWith(over: Partial<BuildTrustListOptions> = {}): ReferenceVerifier {
  const v = new MirroredVerifier([root.publicKey]);
  v.applyTrustList(trustList(over));
  return v;
}

export const defaultVerifier: ReferenceVerifier = verifierWith();

export const BASE_CLAIMS = { status: 0, nat: [NOW - 20 * 3600, 0], vax: [3, NOW - 200 * DAY] } as const;

export function token(over: Partial<IssueTokenOptions> = {}): IssuedToken {
  return issueToken({
    issuerSecret: issuerKey.secretKey,
    iss: 'CN-35',
    iat: NOW - 3600,
    exp: NOW + 2 * DAY,
    claims: BASE_CLAIMS,
    decoys: 5,
    ...over,
  });
}

export function presentAll(t: IssuedToken, binding?: BindingInput): Uint8Array {
  return present({ token: t.token, disclosures: t.disclosures, reveal: t.keys, ...(binding ? { binding } : {}) });
}

export function bindingNow(over: Partial<BindingInput> = {}): BindingInput {
  return { deviceSecret: device.secretKey, presentedAt: NOW, nonce: null, ...over };
}

export function verify(input: string | Uint8Array, options: Partial<VerifyOptions> = {}, v: ReferenceVerifier = defaultVerifier): ReferenceResult {
  return v.verify(input, { now: NOW, ...options });
}

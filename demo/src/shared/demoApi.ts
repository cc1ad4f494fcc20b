/**
 * The JSON contract between the demo pages and the embedded demo issuer on the dev server. Only the
 * wallet and the operator console talk to the issuer; verifier pages get nothing but the root public
 * keys (provisioning) and the signed lists. No secret key ever crosses this API.
 */

/** URL prefixes served by the demo issuer plugin. */
export const API_PREFIX = '/demo-api';
export const LISTS_PREFIX = '/lists';
export const TRUST_LIST_URL = `${LISTS_PREFIX}/trust.cbor`;
export const REVOCATION_LIST_URL = `${LISTS_PREFIX}/revocations.cbor`;
export const REVOCATION_DELTA_URL = `${LISTS_PREFIX}/revocations-delta.cbor`;

/** What a verifier is provisioned with out of band (here: fetched once from the dev server). */
export interface Provisioning {
  /** Root public keys, hex. */
  readonly roots: string[];
  readonly trustUrl: string;
  /** Tried in order by sync(): the latest delta first, then the full list. */
  readonly revocationUrls: string[];
}

/** A holder profile as the wallet page picks it; the issuer turns it into PG1 claims with its clock. */
export interface ProfileInput {
  readonly label: string;
  readonly status: 0 | 1 | 2;
  /** Hours since the latest nucleic-acid test was sampled; null: no test on record. */
  readonly natHoursAgo: number | null;
  readonly natPositive: boolean;
  readonly doses: number;
  readonly lastDoseDaysAgo: number;
  readonly abroad14: boolean;
  readonly risk14: boolean;
  readonly fever: boolean;
  readonly name: string;
  readonly id4: string;
  /** GB/T 2260 six-digit code. */
  readonly region: number;
}

export interface IssueRequest {
  readonly profile: ProfileInput;
  /** The wallet's device public key (hex): becomes cnf, so every presentation needs a fresh binding. */
  readonly devicePublicKey: string;
}

export interface IssueResponse {
  /** COSE_Sign1 bytes, base64. */
  readonly token: string;
  /** Every disclosure the holder may later reveal, base64. */
  readonly disclosures: string[];
  readonly cti: string;
  readonly iat: number;
  readonly exp: number;
  readonly kid: string;
}

export interface IssuedRecord {
  readonly cti: string;
  readonly label: string;
  readonly status: 0 | 1 | 2;
  readonly iat: number;
  readonly exp: number;
  readonly kid: string;
  readonly revoked: boolean;
}

export interface RevokeRequest {
  readonly cti: string;
}

export interface ListsState {
  readonly trustVersion: number;
  readonly revocationVersion: number;
  readonly revokedCount: number;
  readonly currentKid: string;
  /** Venue categories whose rule says `bound: true` (PG1 §10.3) in the trust list published last. */
  readonly boundCategories: string[];
}

/**
 * A family member asks for a pass on behalf of a relative without a phone (PG1 §10). The issuer uses
 * the document number and name to sign a printed pass and keeps neither (its record says "printed").
 */
export type FamilyPassRequest =
  /** A printed pass: status, id4 (the number's last 4) and the masked name; checked with the document. */
  | { readonly kind: 'printed'; readonly status: 0 | 1; readonly documentNumber: string; readonly name: string }
  /** A card pass: status only, bound to the card's serial (hex) as its reader reports it. */
  | { readonly kind: 'card'; readonly status: 0 | 1; readonly serial: string };

export interface FamilyPassResponse {
  /** The presentation's raw bytes, base64: an NDEF payload for a card, QR text (toQrText) for paper. */
  readonly presentation: string;
  readonly cti: string;
  readonly iat: number;
  readonly exp: number;
  /** The issuer as the trust list names it (printed on the pass). */
  readonly iss: string;
}

/** The operator console turns `bound` on or off for one venue category; the issuer signs a new trust list. */
export interface BindingRequest {
  readonly category: string;
  readonly bound: boolean;
}

/** Server-made presentations (no cnf, so no binding) for the turnstile's throughput test. */
export interface StressSet {
  readonly presentations: string[];
}

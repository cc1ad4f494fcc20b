/**
 * The PG1 issuer toolkit: keys, tokens, presentations, trust lists, revocation lists and filters. For
 * issuers, operators and tests; a verifier never needs it. Errors are the toolkit's own classes (each
 * with a `code`), thrown before anything is signed.
 *
 * @module passgate/issuer
 */
export { generateKeyPair, publicKeyFromSecret, kidOf, randomBytes, wipe, KeyError } from './keys.js';
export type { KeyPair, KeyErrorCode } from './keys.js';
export { issueToken, encodeDisclosure, disclosureDigest, TokenError, CLAIMS_KEY, MAX_SD_ENTRIES, MAX_CARD_PASS_SECONDS } from './token.js';
export { cardBinding } from './cardBinding.js';
export { issueCardPass, issuePrintedPass, maskName } from './passesWithoutPhone.js';
export type { CardPassOptions, PrintedPassOptions, PassWithoutPhone } from './passesWithoutPhone.js';
export type { IssueTokenOptions, IssuedToken, ClaimsInput, KnownClaimsInput, Time, TokenErrorCode, UnsafeTokenOptions } from './token.js';
export { claimKeyOf, claimTypeProblem, isKnownClaimKey } from './claimTypes.js';
export {
  present,
  assemblePresentation,
  holderBinding,
  deviceAuthBytes,
  tokenCti,
  disclosureKey,
  toQrText,
  fromQrText,
  PresentationError,
  QR_PREFIX,
  DEVICE_AUTH_CONTEXT,
} from './presentation.js';
export type { PresentOptions, BindingInput, PresentationErrorCode } from './presentation.js';
export { buildTrustList, encodePolicy, TrustListError } from './trustListBuilder.js';
export type {
  BuildTrustListOptions,
  TrustListIssuer,
  PolicyInput,
  PolicyRuleInput,
  TrustListErrorCode,
  UnsafeTrustListOptions,
} from './trustListBuilder.js';
export {
  buildRevocationList,
  buildRevocationDelta,
  revokedPrefix,
  packPrefixes,
  RevocationListError,
  PREFIX_LENGTH,
} from './revocationListBuilder.js';
export type {
  BuildRevocationListOptions,
  BuildRevocationDeltaOptions,
  RevocationListErrorCode,
  UnsafeRevocationOptions,
} from './revocationListBuilder.js';
export { buildRevocationFilter } from './revocationFilterBuilder.js';
export type { BuildRevocationFilterOptions, FilterKeys } from './revocationFilterBuilder.js';
export { buildRevocationFilterStreaming } from './filter/streamingFilterBuilder.js';
export type {
  BuildRevocationFilterStreamingOptions,
  FilterBuildPhase,
  FilterBuildProgress,
  FilterBuildStats,
  StreamingFilterResult,
} from './filter/streamingFilterBuilder.js';
export { keyArraySource, keyFileSource } from './filter/keySource.js';
export type { KeySource } from './filter/keySource.js';
export type { KeyChunk, KeyFormat } from './filter/keyRecords.js';
export { RevocationFilterError } from './filter/revocationFilterError.js';
export type { RevocationFilterErrorCode } from './filter/revocationFilterError.js';
export { MAX_FILTER_BYTES } from './filter/filterEncoding.js';
export type { FilterEnvelope } from './filter/filterEncoding.js';
export { filterBoundBytes, log2Binomial } from './filter/informationBound.js';
export { signSign1, sigStructure, protectedHeader, ALG_ED25519, ALG_EDDSA, COSE_SIGN1_TAG } from '../cose/sign1.js';
export type { Sign1Options, UnsafeSign1Options } from '../cose/sign1.js';
// The values claims, options and the unsafe hooks are made of, and what encoding them may throw.
export { Tagged, RawCbor, CborEncodeError } from '../cbor/deterministicEncoder.js';
export type { CborValue, CborEncodeErrorCode } from '../cbor/deterministicEncoder.js';

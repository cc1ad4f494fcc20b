/**
 * The issuers' gateway for foreign passes (PG1 §11): verifies an EU Digital COVID Certificate ("HC1")
 * against the foreign signers of the EU gateway's DSC list and issues a PG1 token for its holder. Node
 * only (node:crypto, node:zlib): nothing of it reaches a browser bundle.
 *
 * @module passgate/transcode
 */
export { createTranscoder, DEFAULT_TRANSCODE_SKEW, DEFAULT_TRANSCODE_VALIDITY } from './transcoder.js';
export type { Transcoder, TranscoderOptions, TranscodeResult } from './transcoder.js';
export { readDscList, kindsAllowed } from './dscList.js';
export type { DscList, ForeignSigner, CertificateKind } from './dscList.js';
export { DEFAULT_STATUS_RULES, statusRulesFromJson } from './statusRules.js';
export type { StatusRules } from './statusRules.js';
export { DCC_SCHEMA_VERSIONS } from './dccSchema.js';
export { HC1_PREFIX, MAX_INFLATED_BYTES } from './hc1Text.js';
export { TRANSCODE_RESULT_CODES } from '../pg1/resultCodes.js';
export type { TranscodeResultCode } from '../pg1/resultCodes.js';
export { PassgateError } from '../errors.js';
export type { PassgateErrorCode } from '../errors.js';

/**
 * Passgate SDK: offline verification of PG1 health-code passes, in browsers, workers and Node.
 * Start with {@link createVerifier}; {@link describeResult} words its results for people.
 *
 * @module passgate
 */
export { createVerifier, Verifier, DEFAULT_SKEW, MAX_LIST_BYTES, MAX_FILTER_BYTES } from './verifier/verifier.js';
export type { Verification, VerifyOptions, VerifierOptions, RestoreProblem, StaleInfo } from './verifier/verifier.js';
export { RESULT_CODES, POLICY_CODES, isPolicyCode } from './pg1/resultCodes.js';
export type { ResultCode, TranscodeResultCode } from './pg1/resultCodes.js';
export type { PresentationRead, IdentityDocument } from './pg1/presentationRead.js';
export type { BatchItem, BatchEntry } from './worker/batchEntries.js';
export { describeResult } from './pg1/resultTexts.js';
export type { ResultDescription, ResultLanguage } from './pg1/resultTexts.js';
export type { ResultDetail, DetailValue } from './verifier/resultDetail.js';
export { CLAIM_NAMES, CLAIM_KEYS } from './pg1/claims.js';
export type { Claims, ClaimValue, ClaimName, ClaimKey, Status } from './pg1/claims.js';
export { DEFAULT_POLICY, requiredClaimKeys, requiredClaimNames, ruleFor } from './pg1/policy.js';
export type { Policy, Rule } from './pg1/policy.js';
export type { TrustList, IssuerKey } from './pg1/trustList.js';
export type { Uint } from './cbor/shape.js';
export { PassgateError, ListRefusedError } from './errors.js';
export type { PassgateErrorCode, ListRefusal } from './errors.js';
export { loadCrypto, PassgateCrypto } from './core/crypto.js';
export type { Ed25519Status, PreparedKey } from './core/crypto.js';
export type { StorageAdapter, KeyStore, RecordName, StoredRecord, StorageChange } from './storage/storageAdapter.js';
export type { VersionFloorStore, VersionFloors } from './storage/versionFloorStore.js';
export { MemoryStorage, MemoryKeyStore } from './storage/memoryStorage.js';
export { IndexedDbStorage, IndexedDbKeyStore, DEFAULT_DATABASE } from './storage/indexedDbStorage.js';
export type { ScanLogOptions, ScanLogCount } from './verifier/scanLog.js';
export type { SyncEntry, SyncUrls, SyncOptions, Fetch, FetchResponse, ListKind } from './sync/index.js';
export { MAX_SYNC_REDIRECTS } from './sync/redirectPolicy.js';
export type { BodyStream, BodyReader } from './sync/cappedBody.js';
export { WorkerPool, defaultSpawn, nodePoolWorker, webPoolWorker } from './worker/workerPool.js';
export type { SpawnWorker, PoolWorker, WorkerPoolOptions } from './worker/workerPool.js';
export type { WorkerReply, WorkerRequest } from './worker/protocol.js';

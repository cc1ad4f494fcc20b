// Passgate SDK: offline verification of PG1 health-code passes.
export { createVerifier, Verifier, DEFAULT_SKEW, MAX_LIST_BYTES } from './verifier.js';
export type { Verification, VerifyOptions, VerifierOptions, RestoreProblem } from './verifier.js';
export { RESULT_CODES, POLICY_CODES, isPolicyCode } from './resultCodes.js';
export type { ResultCode } from './resultCodes.js';
export { CLAIM_NAMES, CLAIM_KEYS } from './claims.js';
export type { Claims, ClaimValue, ClaimName, ClaimKey, Status } from './claims.js';
export { DEFAULT_POLICY, requiredClaimKeys, requiredClaimNames, ruleFor } from './policy.js';
export type { Policy, Rule } from './policy.js';
export type { TrustList, IssuerKey } from './trustList.js';
export { PassgateError, ListRefusedError } from './errors.js';
export type { PassgateErrorCode, ListRefusal } from './errors.js';
export { loadCrypto, PassgateCrypto } from './crypto.js';
export type { Ed25519Status } from './crypto.js';
export type { StorageAdapter, StoredTrust, ScanLogEntry } from './storage/storageAdapter.js';
export { MemoryStorage } from './storage/memoryStorage.js';
export { IndexedDbStorage, DEFAULT_DATABASE } from './storage/indexedDbStorage.js';
export type { ScanLogOptions } from './scanLog.js';
export type { SyncEntry, SyncUrls, Fetch } from './sync.js';

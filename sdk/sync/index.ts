/** Fetching signed lists over HTTP with validators and limits, for verifiers that go online now and then. */
export { syncLists, DEFAULT_SYNC_TIMEOUT_MS, MAX_TRUST_DOWNLOAD_BYTES, MAX_REVOCATION_DOWNLOAD_BYTES } from './listSync.js';
export type { SyncEntry, SyncUrls, SyncOptions, SyncTarget, ListInForce, ListKind } from './listSync.js';
export { fetchList } from './listFetch.js';
export type { Fetch, FetchResponse, FetchOutcome, FetchListOptions } from './listFetch.js';
export { MAX_SYNC_REDIRECTS } from './redirectPolicy.js';

/** Fetching signed lists over HTTP with validators and limits, for verifiers that go online now and then. */
export { syncLists, DEFAULT_SYNC_TIMEOUT_MS, MAX_TRUST_DOWNLOAD_BYTES, MAX_REVOCATION_DOWNLOAD_BYTES } from './sync/listSync.js';
export type { SyncEntry, SyncUrls, SyncOptions, SyncTarget, ListInForce, ListKind } from './sync/listSync.js';
export { fetchList } from './sync/listFetch.js';
export type { Fetch, FetchResponse, FetchOutcome, FetchListOptions } from './sync/listFetch.js';
export { MAX_SYNC_REDIRECTS } from './sync/redirectPolicy.js';

/**
 * sync(): downloads the trust list and the revocation state at once, and applies them one after the
 * other through a small target interface (the Verifier), so that the policy lives here and the
 * verifier only says what is in force and how to apply.
 *
 * Order. Both downloads start together, so a slow or silent server delays only its own list. Applying
 * keeps a safe order: the trust list first, then the revocations, because a revocation list may be
 * signed by a root that the new trust list introduces, and a root that the new trust list drops (a
 * compromised one) must not get a revocation list in first. So the revocation result waits for the
 * trust list's outcome (applied, unchanged or failed, at most the timeout), never for more.
 */
import { ListRefusedError, PassgateError } from '../errors.js';
import { compareUint, type Uint } from '../cbor/shape.js';
import { MAX_FILTER_BYTES, MAX_LIST_BYTES } from '../state/listAcceptance.js';
import { fetchList, type Fetch, type FetchOutcome } from './listFetch.js';
import { MAX_SYNC_REDIRECTS, redirectOrigins } from './redirectPolicy.js';
import { abortFollowing } from './abortFollowing.js';
import { listSha256, sameDigest } from './listSha256.js';
import { signedListVersion } from './signedListVersion.js';

/** Which list: the trust list, or the revocation state (a list, a delta or a filter). */
export type ListKind = 'trust' | 'revocations';

/** What sync() did with each URL, and why. */
export interface SyncEntry {
  /** The URL requested. */
  readonly url: string;
  /** Which list it serves. */
  readonly list: ListKind;
  /**
   * `updated`: a newer list is in force; `unchanged`: 304, or the list in force again; `skipped`:
   * nothing to apply from this URL, which is no fault (a delta not published, HTTP 404, with a later URL
   * to try; or a delta on another version than the state in force): the next URL is tried; `failed`:
   * the last good list stays in force (see reason).
   */
  readonly outcome: 'updated' | 'unchanged' | 'skipped' | 'failed';
  /** In words: the version applied, why nothing changed, or why it failed (network, status, size, deadline, refusal). */
  readonly reason?: string;
}

/** The URLs sync() fetches; either may be left out. */
export interface SyncUrls {
  /** The signed trust list. */
  readonly trust?: string;
  /** Tried in order until one is applied or unchanged (e.g. a delta URL, then the full list). */
  readonly revocations?: string | readonly string[];
}

/** Options of one sync() call. */
export interface SyncOptions {
  /** Milliseconds each request may take, headers and body together (default 30 s). */
  readonly timeoutMs?: number;
  /**
   * Origins besides each list URL's own that a redirect may lead to (e.g. `https://cdn.example.org`);
   * by default only same-origin redirects are followed, at most {@link MAX_SYNC_REDIRECTS} hops.
   */
  readonly redirectOrigins?: readonly string[];
  /** Ends the sync early: requests in flight are aborted, and their entries fail saying so. */
  readonly signal?: AbortSignal;
}

export const DEFAULT_SYNC_TIMEOUT_MS = 30_000;
/** PG1 §1: a trust list is at most 16 MiB. */
export const MAX_TRUST_DOWNLOAD_BYTES = MAX_LIST_BYTES;
/** PG1 §1: a revocation URL may serve a filter (§7.3), at most 64 MiB. */
export const MAX_REVOCATION_DOWNLOAD_BYTES = MAX_FILTER_BYTES;

/** The list of a kind in force: its version and the SHA-256 of its bytes. */
export interface ListInForce {
  readonly version: Uint;
  readonly sha256: Uint8Array;
}

/** What sync() needs of a verifier. */
export interface SyncTarget {
  /** The ETag stored with the list last applied from this URL, if any. */
  etag(url: string): string | undefined;
  /** The list of this kind in force (for revocations: the last list, delta or filter applied), or null. */
  inForce(list: ListKind): Promise<ListInForce | null>;
  /**
   * Verifies and applies the bytes (storing the ETag with them); throws ListRefusedError when they are
   * refused, PassgateError('DESTROYED') when the verifier is gone, and may throw other PassgateErrors
   * (storage, memory), which sync() reports.
   */
  apply(list: ListKind, bytes: Uint8Array, etag: { url: string; value: string } | undefined): Promise<{ version: Uint }>;
  /**
   * Optional: stores the ETag of a URL that served the list in force again (so that the next request
   * can be answered with a 304) without changing the lists.
   */
  noteSource?(url: string, etag: string, bytes: Uint8Array): Promise<void>;
  /** SHA-256 of a list's bytes as `inForce` reports it, for platforms without WebCrypto (insecure pages). */
  sha256(bytes: Uint8Array): Uint8Array;
}

function checkTimeout(ms: number): number {
  if (!Number.isFinite(ms) || ms <= 0) throw new PassgateError('BAD_ARGUMENT', `a sync timeout is a positive number of milliseconds, got ${String(ms)}`);
  return ms;
}

/** Never throws for network or list problems (only for misuse, and DESTROYED): the report says why. */
export async function syncLists(fetchImpl: Fetch, urls: SyncUrls, target: SyncTarget, options: SyncOptions = {}): Promise<SyncEntry[]> {
  const timeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS);
  const allowedOrigins = redirectOrigins(options.redirectOrigins, 'redirectOrigins');
  const revocationUrls = urls.revocations === undefined ? [] : typeof urls.revocations === 'string' ? [urls.revocations] : [...urls.revocations];
  // Ends whatever request is still running when sync() returns or throws.
  const over = new AbortController();
  const unfollow = abortFollowing(over, options.signal);
  const get = (list: ListKind, url: string): Promise<FetchOutcome> => fetchList(fetchImpl, url, {
    etag: target.etag(url),
    maxBytes: list === 'trust' ? MAX_TRUST_DOWNLOAD_BYTES : MAX_REVOCATION_DOWNLOAD_BYTES,
    timeoutMs,
    signal: over.signal,
    redirectOrigins: allowedOrigins,
  });
  try {
    const trust = urls.trust === undefined ? null : { url: urls.trust, got: get('trust', urls.trust) };
    const firstRevocations = revocationUrls.length > 0 ? get('revocations', revocationUrls[0]!) : null;
    const report: SyncEntry[] = [];
    if (trust) report.push(await settle(target, 'trust', trust.url, await trust.got));
    for (const [i, url] of revocationUrls.entries()) {
      const got = await (i === 0 ? firstRevocations! : get('revocations', url));
      const entry = await settle(target, 'revocations', url, got, i < revocationUrls.length - 1);
      report.push(entry);
      if (entry.outcome === 'updated' || entry.outcome === 'unchanged') break;
    }
    return report;
  } finally {
    unfollow();
    over.abort();
  }
}

/**
 * What became of one download: applied, the list in force again, nothing to apply, or why not.
 * `laterUrl`: another URL of the same list follows (a delta's URL before the full list's), so this one
 * not being published (404) is nothing to apply, not a fault.
 */
async function settle(target: SyncTarget, list: ListKind, url: string, got: FetchOutcome, laterUrl = false): Promise<SyncEntry> {
  if (got.kind === 'notModified') return { url, list, outcome: 'unchanged', reason: 'HTTP 304: the ETag of the list in force still matches' };
  if (got.kind === 'failed') {
    if (laterUrl && got.status === 404) return { url, list, outcome: 'skipped', reason: 'nothing to apply: not published (HTTP 404)' };
    return { url, list, outcome: 'failed', reason: got.reason };
  }
  const before = await target.inForce(list);
  if (before && sameDigest(await listSha256(got.bytes, (b) => target.sha256(b)), before.sha256)) {
    if (got.etag !== null && got.etag !== target.etag(url) && target.noteSource) {
      try {
        await target.noteSource(url, got.etag, got.bytes);
      } catch (e) {
        if (e instanceof PassgateError && e.code === 'DESTROYED') throw e;
        // Only a validator is lost: the next sync downloads the list again.
      }
    }
    return { url, list, outcome: 'unchanged', reason: 'the same bytes as the list in force' };
  }
  try {
    const etag = got.etag === null ? undefined : { url, value: got.etag };
    const { version } = await target.apply(list, got.bytes, etag);
    return { url, list, outcome: 'updated', reason: `version ${version} applied` };
  } catch (e) {
    if (e instanceof PassgateError && e.code === 'DESTROYED') throw e;
    if (e instanceof ListRefusedError && e.reason === 'WRONG_BASE') {
      return { url, list, outcome: 'skipped', reason: `nothing to apply: a delta on another version than the state in force (${e.message})` };
    }
    if (e instanceof ListRefusedError && e.reason === 'ROLLBACK') {
      // Authentic (refused after the signature check) and not above the version in force: the same
      // version again is a server without ETags; a lower one stays a failure.
      const version = signedListVersion(got.bytes);
      const now = await target.inForce(list);
      if (now && version !== null && compareUint(version, now.version) === 0) {
        return { url, list, outcome: 'unchanged', reason: `the same version (${version}) as the list in force` };
      }
    }
    return { url, list, outcome: 'failed', reason: e instanceof Error ? e.message : String(e) };
  }
}

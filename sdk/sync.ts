/** Fetching signed lists over HTTP with validators, for verifiers that go online now and then. */

export type Fetch = (url: string, init: { headers: Record<string, string> }) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

export type FetchOutcome =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'fetched'; readonly bytes: Uint8Array; readonly etag: string | null }
  | { readonly kind: 'failed'; readonly reason: string };

/** GET with If-None-Match; a 304 means the list in force is current. Never throws. */
export async function fetchList(fetchImpl: Fetch, url: string, etag: string | undefined, maxBytes: number): Promise<FetchOutcome> {
  try {
    const res = await fetchImpl(url, { headers: etag === undefined ? {} : { 'If-None-Match': etag } });
    if (res.status === 304) return { kind: 'unchanged' };
    if (res.status !== 200) return { kind: 'failed', reason: `HTTP ${res.status}` };
    const length = Number(res.headers.get('content-length') ?? '0');
    if (length > maxBytes) return { kind: 'failed', reason: `${length} bytes is more than a list may hold` };
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.length > maxBytes) return { kind: 'failed', reason: `${bytes.length} bytes is more than a list may hold` };
    return { kind: 'fetched', bytes, etag: res.headers.get('etag') };
  } catch (e) {
    return { kind: 'failed', reason: e instanceof Error ? e.message : String(e) };
  }
}

/** What sync() did with each URL. */
export interface SyncEntry {
  readonly url: string;
  readonly list: 'trust' | 'revocations';
  readonly outcome: 'updated' | 'unchanged' | 'failed';
  readonly reason?: string;
}

export interface SyncUrls {
  readonly trust?: string;
  /** Tried in order until one is applied or unchanged (e.g. a delta URL, then the full list). */
  readonly revocations?: string | readonly string[];
}

/**
 * One GET of a signed list, with limits a hostile or broken server cannot get round: a deadline for the
 * whole request (headers and body), a byte cap enforced while the body streams in, and a 304 believed
 * only when it answers an If-None-Match. Never throws: every outcome carries a precise reason.
 */
import { readCapped, discard, type BodyStream } from './cappedBody.js';
import { MAX_SYNC_REDIRECTS, redirectTarget } from './redirectPolicy.js';

/** What sync() needs of a response (the platform's fetch Response fits). */
export interface FetchResponse {
  /** The HTTP status: 200 with a body, 304 to an If-None-Match, or a redirect (3xx with Location) that sync follows itself. */
  readonly status: number;
  /** `'opaqueredirect'` when a browser hides a redirect's Location (it is then not followed). */
  readonly type?: string;
  /** The response headers (sync reads ETag). */
  readonly headers: {
    /**
     * A header's value, or null.
     *
     * @param name - The header's name, case-insensitive.
     */
    get(name: string): string | null;
  };
  /** The body as a stream; read under the byte cap. */
  readonly body?: BodyStream | null;
  /** Used only by a fetch whose responses have no body stream (the cap is then checked after). */
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * The fetch used by sync(): the platform's, or one of the application's (a proxy, a test double). It
 * should honour `signal`; if it does not, the deadline still ends the wait (the transfer then runs on
 * unread until the fetch gives up by itself). It should honour `redirect: 'manual'` too (answer a
 * redirect as it came): sync follows redirects itself, a few hops and within the allowed origins.
 *
 * @param url - The list's URL.
 * @param init - Request headers (If-None-Match), the signal that aborts at the deadline, and `redirect: 'manual'`.
 */
export type Fetch = (url: string, init: { headers: Record<string, string>; signal: AbortSignal; redirect: 'manual' }) => Promise<FetchResponse>;

export type FetchOutcome =
  | { readonly kind: 'notModified' }
  | { readonly kind: 'fetched'; readonly bytes: Uint8Array; readonly etag: string | null }
  | { readonly kind: 'failed'; readonly reason: string; /** The HTTP status, when the server answered one other than 200 or 304. */ readonly status?: number };

export interface FetchListOptions {
  /** Sent as If-None-Match: the ETag stored with the list last applied from this URL. */
  readonly etag: string | undefined;
  /** Bytes the body may hold at most. */
  readonly maxBytes: number;
  /** Milliseconds the whole request may take, from sending it to the body's last byte. */
  readonly timeoutMs: number;
  /** Ends the request early (the sync it belongs to is over). */
  readonly signal?: AbortSignal;
  /** Origins besides the URL's own that a redirect may lead to (none by default). */
  readonly redirectOrigins?: readonly string[];
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The reason a deadline gives the abort, told apart from a caller's abort or a network error. */
class Deadline extends Error {}

function messageOf(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: unknown }).cause;
  return cause instanceof Error && cause.message !== e.message ? `${e.message} (${cause.message})` : e.message;
}

/** GET with If-None-Match and the limits above. */
export async function fetchList(fetchImpl: Fetch, url: string, options: FetchListOptions): Promise<FetchOutcome> {
  const { etag, maxBytes, timeoutMs } = options;
  const controller = new AbortController();
  const outer = options.signal;
  const onOuterAbort = (): void => controller.abort(outer?.reason);
  if (outer?.aborted) onOuterAbort();
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new Deadline()), timeoutMs);
  // Every wait races this, so a fetch or a stream that ignores its signal still cannot hold sync().
  const stop = new Promise<never>((_, reject) => {
    const signal = controller.signal;
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  stop.catch(() => undefined);
  let phase: 'headers' | 'body' = 'headers';
  let received = 0;
  try {
    const headers: Record<string, string> = etag === undefined ? {} : { 'If-None-Match': etag };
    let at = url;
    let res = await Promise.race([fetchImpl(at, { headers, signal: controller.signal, redirect: 'manual' }), stop]);
    for (let hops = 0; REDIRECTS.has(res.status) || res.type === 'opaqueredirect'; hops++) {
      discard(res.body);
      if (res.type === 'opaqueredirect') return { kind: 'failed', reason: 'redirected, and the platform hides where to: give the list\'s final URL' };
      if (hops === MAX_SYNC_REDIRECTS) return { kind: 'failed', reason: `more than ${MAX_SYNC_REDIRECTS} redirects, not followed further` };
      const next = redirectTarget(at, res.headers.get('location'), options.redirectOrigins ?? []);
      if ('refused' in next) return { kind: 'failed', reason: `HTTP ${res.status}: ${next.refused}` };
      at = next.url;
      res = await Promise.race([fetchImpl(at, { headers, signal: controller.signal, redirect: 'manual' }), stop]);
    }
    phase = 'body';
    if (res.status === 304) {
      discard(res.body);
      if (etag !== undefined) return { kind: 'notModified' };
      return { kind: 'failed', reason: 'HTTP 304 (not modified) to a request without If-None-Match: no list to keep' };
    }
    if (res.status !== 200) {
      discard(res.body);
      return { kind: 'failed', reason: `HTTP ${res.status}`, status: res.status };
    }
    const declared = declaredLength(res);
    if (declared !== null && declared > maxBytes) {
      discard(res.body);
      return { kind: 'failed', reason: `Content-Length ${declared} is above the ${maxBytes}-byte limit for this list` };
    }
    let bytes: Uint8Array;
    if (res.body && typeof res.body.getReader === 'function') {
      const body = await readCapped(res.body, maxBytes, stop, (n) => { received = n; });
      if (body.kind === 'tooLarge') return { kind: 'failed', reason: `body passed the ${maxBytes}-byte limit for this list (stopped at ${body.received} bytes)` };
      bytes = body.bytes;
    } else {
      bytes = new Uint8Array(await Promise.race([res.arrayBuffer(), stop]));
      received = bytes.length;
      if (bytes.length > maxBytes) return { kind: 'failed', reason: `body of ${bytes.length} bytes is above the ${maxBytes}-byte limit for this list` };
    }
    if (declared !== null && bytes.length !== declared) {
      return { kind: 'failed', reason: `body ended after ${bytes.length} of the ${declared} bytes announced` };
    }
    return { kind: 'fetched', bytes, etag: res.headers.get('etag') };
  } catch (e) {
    const reason = controller.signal.reason;
    if (controller.signal.aborted && reason instanceof Deadline) {
      return {
        kind: 'failed',
        reason: phase === 'headers'
          ? `timed out after ${timeoutMs} ms waiting for the response headers`
          : `timed out after ${timeoutMs} ms reading the body (${received} bytes received)`,
      };
    }
    if (outer?.aborted) return { kind: 'failed', reason: 'sync ended before this request did' };
    return {
      kind: 'failed',
      reason: phase === 'headers' ? `request failed: ${messageOf(e)}` : `connection lost after ${received} bytes of the body: ${messageOf(e)}`,
    };
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
    // Closes the connection of a response left unread (refused, too large); no effect on one read whole.
    controller.abort();
  }
}

/**
 * The Content-Length of a body that arrives as sent (no Content-Encoding: fetch decodes compressed
 * bodies, whose length then differs), or null.
 */
function declaredLength(res: FetchResponse): number | null {
  const text = res.headers.get('content-length');
  const encoding = res.headers.get('content-encoding');
  if (text === null || (encoding !== null && encoding.trim().toLowerCase() !== 'identity')) return null;
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}

/**
 * Reads a response body under a byte cap: chunk by chunk from its stream, stopping as soon as the cap
 * is passed, so an endless body costs at most the cap in memory.
 */

/**
 * The little of a ReadableStream reader this needs (WHATWG streams in browsers and Node).
 *
 * @internal
 */
export interface BodyReader {
  /** The next chunk, or done. */
  read(): Promise<{
    /** True at the end of the body. */
    done: boolean;
    /** The chunk, when not done. */
    value?: Uint8Array;
  }>;
  /**
   * Stops the transfer (the body was too large, or the deadline passed).
   *
   * @param reason - Why, as streams take it.
   */
  cancel(reason?: unknown): Promise<void>;
}

/** The little of a ReadableStream this needs: a response's `body` fits. */
export interface BodyStream {
  /** A reader of the body's chunks. */
  getReader(): BodyReader;
}

export type BodyOutcome =
  | { readonly kind: 'complete'; readonly bytes: Uint8Array }
  | { readonly kind: 'tooLarge'; readonly received: number };

/**
 * The whole body, or `tooLarge` once more than `maxBytes` arrived (the stream is then cancelled).
 * Every wait also races `stop`, which rejects when the request is aborted (a deadline): a stream that
 * ignores its signal cannot hold the reader. `progress` is told the bytes received so far.
 */
export async function readCapped(
  body: BodyStream,
  maxBytes: number,
  stop: Promise<never>,
  progress: (received: number) => void,
): Promise<BodyOutcome> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), stop]);
      if (done) break;
      if (value === undefined || value.length === 0) continue;
      received += value.length;
      progress(received);
      if (received > maxBytes) {
        void reader.cancel().catch(() => undefined);
        return { kind: 'tooLarge', received };
      }
      chunks.push(value);
    }
  } catch (e) {
    void reader.cancel(e).catch(() => undefined);
    throw e;
  }
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) { bytes.set(c, at); at += c.length; }
  return { kind: 'complete', bytes };
}

/** Cancels what is left of a body that is not wanted (too large, or not a 200). */
export function discard(body: BodyStream | null | undefined): void {
  if (!body) return;
  try {
    void body.getReader().cancel().catch(() => undefined);
  } catch {
    // already locked or cancelled: the request's abort closes it
  }
}

/**
 * What request bodies may hold of the gate's memory, all requests together, and how long a body may
 * take to arrive. A body's bytes count from when they are announced (Content-Length) or arrive
 * (chunked) until its answer is sent; beyond the budget a request is refused with 503 at once, so that
 * many slow clients cannot fill the heap, and a body not complete by the deadline is refused with 408.
 */

/** Bytes of request bodies held at once, all requests together (4 full batch bodies). */
export const DEFAULT_BODY_BUDGET = 64 * 1024 * 1024;
/** Milliseconds a request body may take to arrive whole. */
export const DEFAULT_BODY_TIMEOUT_MS = 15_000;

export class BodyBudget {
  private held = 0;

  constructor(
    /** Bytes all bodies in flight may hold together. */
    readonly totalBytes: number = DEFAULT_BODY_BUDGET,
    /** Milliseconds a body may take to arrive whole. */
    readonly timeoutMs: number = DEFAULT_BODY_TIMEOUT_MS,
  ) {}

  /** Bytes held now. */
  get inFlight(): number {
    return this.held;
  }

  /** Takes `bytes` more from the budget; false (and nothing taken) when they do not fit. */
  take(bytes: number): boolean {
    if (this.held + bytes > this.totalBytes) return false;
    this.held += bytes;
    return true;
  }

  /** Gives `bytes` back. */
  give(bytes: number): void {
    this.held = Math.max(0, this.held - bytes);
  }
}

/**
 * Skips identical consecutive reads: a phone held up to the camera is read many times a second, and
 * must give one decision. A read equal to the previous one is skipped while the previous one came less
 * than `holdMs` before it, so the code stays skipped as long as it stays in view, and is decided again
 * once it has been out of view (or unreadable) for the hold time. A different code is decided at once.
 */
import { PassgateError } from '../errors.js';

/** How long the same code held in view is skipped by default (ScannerOptions.holdMs), in milliseconds. */
export const DEFAULT_HOLD_MS = 3000;

export class RepeatFilter {
  private lastText: string | null = null;
  private lastAt = 0;

  constructor(private readonly holdMs: number = DEFAULT_HOLD_MS) {
    if (!Number.isFinite(holdMs) || holdMs < 0) throw new PassgateError('BAD_ARGUMENT', `holdMs must be a number of milliseconds >= 0, got ${String(holdMs)}`);
  }

  /** Whether a read of `text` at time `at` (ms) leads to a decision. */
  admit(text: string, at: number): boolean {
    const repeat = text === this.lastText && at - this.lastAt < this.holdMs;
    this.lastText = text;
    this.lastAt = at;
    return !repeat;
  }

  /** Forgets the last read: the next read is decided whatever it is. */
  reset(): void {
    this.lastText = null;
  }
}

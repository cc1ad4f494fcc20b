/**
 * How many presentations to check with one batch equation, given what recent ones were like.
 *
 * A batch equation saves work only when it holds: one bad signature in a batch of 64 makes the
 * bisection cost about as much again as the batch, and a batch of bad signatures costs about 7 times
 * verifying each alone (measured on this machine's CPU time: 64 at 0 % bad 0.70x the single path, at 2 %
 * bad 1.8x, at 10 % 3.4x, at 100 % 6.7x). So batching pays only while bad signatures are rare, and a
 * flood of them must not get the batch path. The policy:
 *
 * - Batch mode: batches of 16, then 32, then 64 after each batch that holds (probing back up).
 * - A batch with a failed equation switches to single verification, which costs the same whatever the
 *   signatures are: 100 % or 10 % bad then cost what the single path costs.
 * - Singles tell which signatures were bad: after `cleanNeeded` presentations in a row without a bad
 *   one, batching resumes (at 16).
 * - A batch that fails soon after resuming (a relapse) doubles `cleanNeeded` (up to 16,384), so that
 *   bursts timed to hit the first batch, or bad signatures the single path does not report (a device
 *   binding on an expired token is never checked there), cost a bounded, shrinking share; a long clean
 *   stretch in batch mode brings it back down.
 *
 * Results do not depend on this: every path gives exactly verify()'s results.
 */
export const GOVERNED_BATCH_SIZES = [16, 32, 64] as const;
export const MIN_CLEAN_RUN = 256;
export const MAX_CLEAN_RUN = 16_384;

export class BatchGovernor {
  /** Index into GOVERNED_BATCH_SIZES; -1: single verification. */
  private level = GOVERNED_BATCH_SIZES.length - 1;
  /** Presentations without a bad signature needed, in singles, before batching again. */
  private cleanNeeded = MIN_CLEAN_RUN;
  /** Presentations in a row without a bad signature, in singles. */
  private cleanRun = 0;
  /** Presentations verified in batches since batching last resumed (a failure before cleanNeeded is a relapse). */
  private sinceResume = Number.POSITIVE_INFINITY;
  /** Presentations in batches that held since the last failure or the last easing of cleanNeeded. */
  private cleanBatched = 0;

  /** How many of the next presentations to verify in one batch equation; 1 means one by one. */
  nextSize(): number {
    return this.level < 0 ? 1 : GOVERNED_BATCH_SIZES[this.level]!;
  }

  /** Whether singles are in force (for diagnostics and tests). */
  get singles(): boolean {
    return this.level < 0;
  }

  /** What the clean run needed to batch again is now (for diagnostics and tests). */
  get cleanRunNeeded(): number {
    return this.cleanNeeded;
  }

  /** A batch of `items` presentations, `failedEquations` of whose signature equations failed. */
  observeBatch(items: number, failedEquations: number): void {
    if (failedEquations === 0) {
      this.sinceResume += items;
      this.cleanBatched += items;
      if (this.level < GOVERNED_BATCH_SIZES.length - 1) this.level++;
      // A long clean stretch: earlier trouble is forgotten, step by step.
      if (this.cleanBatched >= 4 * this.cleanNeeded && this.cleanNeeded > MIN_CLEAN_RUN) {
        this.cleanNeeded /= 2;
        this.cleanBatched = 0;
      }
      return;
    }
    if (this.sinceResume < this.cleanNeeded) this.cleanNeeded = Math.min(MAX_CLEAN_RUN, 2 * this.cleanNeeded);
    this.cleanBatched = 0;
    this.level = -1;
    this.cleanRun = 0;
  }

  /** One presentation verified alone; `badSignature` when it was refused for a signature. */
  observeSingle(badSignature: boolean): void {
    this.cleanRun = badSignature ? 0 : this.cleanRun + 1;
    if (this.cleanRun >= this.cleanNeeded) {
      this.level = 0;
      this.sinceResume = 0;
    }
  }
}

/**
 * A progress bar on standard error for long operator commands: one line redrawn in place (at most
 * ten times a second), a phase at a time, ended with a newline. Only drawn on a terminal, or when
 * asked for, so that logs and tests stay clean.
 */

/** Where the bar is drawn (process.stderr in the command line). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

const WIDTH = 30;
const REDRAW_MS = 100;

function amount(n: number, unit: 'bytes' | 'shards'): string {
  if (unit === 'shards') return `${n} shards`;
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(2)} GiB`;
  return n >= 2 ** 20 ? `${(n / 2 ** 20).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

export class ProgressBar {
  private phase = '';
  private last = 0;
  private shown = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  /** Draws `label` at done / total (total null: a count only), throttled unless the phase changes. */
  update(label: string, done: number, total: number | null, unit: 'bytes' | 'shards'): void {
    const now = this.clock();
    const finished = total !== null && done >= total;
    if (label === this.phase && !finished && now - this.last < REDRAW_MS) return;
    if (label !== this.phase && this.shown) this.stream.write('\n');
    this.phase = label;
    this.last = now;
    this.shown = true;
    if (total === null || total === 0) {
      this.stream.write(`\r${label}: ${amount(done, unit)}`);
      return;
    }
    const share = Math.min(1, done / total);
    const filled = Math.round(share * WIDTH);
    this.stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${amount(done, unit)} of ${amount(total, unit)}`);
  }

  /** Ends the bar's line. */
  end(): void {
    if (this.shown) this.stream.write('\n');
    this.shown = false;
    this.phase = '';
  }
}

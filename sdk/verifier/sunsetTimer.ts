/**
 * Fires when the trust list's sunset (PG1 §6) is reached, however far away it is: timers cannot wait
 * more than 2^31 - 1 ms (24.8 days), so a longer wait is made of several and re-armed each time.
 * The timer never keeps a Node process alive.
 */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class SunsetTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly clockMs: () => number, private readonly onSunset: () => void) {}

  /** Arms for `sunset` (Unix seconds), replacing any earlier arming; undefined disarms. */
  arm(sunset: number | bigint | undefined): void {
    this.disarm();
    if (sunset === undefined) return;
    const at = Number(sunset) * 1000;
    const wait = (): void => {
      const ms = at - this.clockMs();
      if (ms <= 0) {
        this.timer = undefined;
        this.onSunset();
        return;
      }
      this.timer = setTimeout(wait, Math.min(ms, MAX_TIMER_MS));
      (this.timer as { unref?: () => void }).unref?.();
    };
    wait();
  }

  disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

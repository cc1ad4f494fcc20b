/**
 * The Chromium the browser tests launch (Debian's at /usr/bin/chromium, or PASSGATE_CHROMIUM), and
 * what happens where it is missing: on a developer's machine the suites skip with a note; under CI
 * (the CI variable, which .ci/run sets) they fail, so that a green run always includes the browser.
 */
import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';

export const CHROMIUM = process.env['PASSGATE_CHROMIUM'] ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** True when the CI variable is set to anything but "" or "false" (as vitest and most CI systems read it). */
export const underCi = ((): boolean => {
  const v = process.env['CI'];
  return v !== undefined && v !== '' && v.toLowerCase() !== 'false';
})();

/**
 * describe() for a suite that needs Chromium. Without it: skipped with a warning, or, under CI, one
 * failing test in the suite's place that names the missing binary.
 */
export function describeWithChromium(name: string, suite: () => void): void {
  if (hasChromium) {
    describe(name, suite);
    return;
  }
  if (underCi) {
    describe(name, () => {
      it(`needs Chromium at ${CHROMIUM}`, () => {
        throw new Error(`CI: Chromium is not at ${CHROMIUM} (apt-get install chromium, or set PASSGATE_CHROMIUM); browser tests must run, not skip`);
      });
    });
    return;
  }
  console.warn(`SKIPPED: "${name}" needs Chromium at ${CHROMIUM} (apt-get install chromium); under CI this fails instead.`);
  describe.skip(name, suite);
}

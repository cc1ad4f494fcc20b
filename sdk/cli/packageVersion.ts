/** The version of the passgate package, from its package.json (found from this module upwards). */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function packageVersion(): string {
  if (cached !== undefined) return cached;
  // sdk/cli/ in the sources, dist/sdk/cli/ in the package: the package.json is two or three levels up.
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'passgate' && typeof pkg.version === 'string') return (cached = pkg.version);
    } catch {
      // not there: the next level up
    }
  }
  return (cached = 'unknown');
}

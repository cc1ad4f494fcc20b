// The demo's ?now= clock (demo/README.md): `?now=+61` as typed in an address bar, its %2B form, a
// negative offset, and a fixed Unix time.
import { describe, expect, it } from 'vitest';
import { clockFromQuery } from '../demo/src/clock.js';

describe('demo clock from the query string', () => {
  it('runs 61 s ahead for ?now=+61 (the + arrives as a space) and for ?now=%2B61', () => {
    for (const search of ['?now=+61', '?now=%2B61', '?lang=en&now=+61&venue=school']) {
      const clock = clockFromQuery(search);
      expect(clock.offset, search).toBe(61);
      expect(clock.now() - Math.floor(Date.now() / 1000)).toBeGreaterThanOrEqual(60);
    }
  });

  it('runs behind for ?now=-30, from a given time for ?now=UNIX, and on the real clock otherwise', () => {
    expect(clockFromQuery('?now=-30').offset).toBe(-30);
    expect(Math.abs(clockFromQuery('?now=1700000000').now() - 1_700_000_000)).toBeLessThanOrEqual(1);
    for (const search of ['', '?now=', '?now=soon', '?now=+', '?now=++61']) expect(clockFromQuery(search).offset, search).toBe(0);
  });
});

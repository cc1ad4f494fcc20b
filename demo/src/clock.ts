/**
 * The demo's clock. `?now=+61` runs the page's verifier 61 s ahead of the real clock (the e2e test
 * replays a screenshot that way); `?now=1700000000` starts it at that Unix time. Only for
 * demonstrating time-dependent results: a real verifier uses the device clock.
 */
export interface DemoClock {
  /** Seconds added to the real clock. */
  readonly offset: number;
  now(): number;
}

export function clockFromQuery(search: string): DemoClock {
  // A '+' in a query string decodes as a space (application/x-www-form-urlencoded): `?now=+61` as
  // typed arrives as " 61", and means +61 just the same as `?now=%2B61`.
  const asked = new URLSearchParams(search).get('now')?.replace(/^ (?=\d)/, '+') ?? null;
  const real = (): number => Math.floor(Date.now() / 1000);
  let offset = 0;
  if (asked !== null && /^[+-]\d+$/.test(asked)) offset = Number(asked);
  else if (asked !== null && /^\d+$/.test(asked)) offset = Number(asked) - real();
  return { offset, now: () => real() + offset };
}

/** A clock with a given offset (for the turnstile's worker, which has no query string of its own). */
export function clockWithOffset(offset: number): DemoClock {
  return { offset, now: () => Math.floor(Date.now() / 1000) + offset };
}

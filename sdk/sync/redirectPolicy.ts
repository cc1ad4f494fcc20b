/**
 * Which redirects sync() follows: at most MAX_SYNC_REDIRECTS hops, each to the origin of the list's own
 * URL or to an origin the integrator named (VerifierOptions.syncRedirectOrigins, e.g. a CDN). A list
 * server, or whoever can answer for it, cannot send the gate to any host on the network.
 */
import { PassgateError } from '../errors.js';

/** Redirects followed for one list at most. */
export const MAX_SYNC_REDIRECTS = 5;

/** The origins (`https://cdn.example.org`) a redirect may lead to besides the list URL's own; BAD_ARGUMENT otherwise. */
export function redirectOrigins(v: unknown, what: string): readonly string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new PassgateError('BAD_ARGUMENT', `${what} must be an array of origins such as "https://cdn.example.org"`);
  return v.map((o: unknown, i) => {
    let origin: string | null = null;
    try {
      if (typeof o === 'string') {
        const u = new URL(o);
        if ((u.protocol === 'https:' || u.protocol === 'http:') && u.origin === o.replace(/\/$/, '')) origin = u.origin;
      }
    } catch {
      origin = null;
    }
    if (origin === null) throw new PassgateError('BAD_ARGUMENT', `${what}[${i}] must be an http(s) origin (scheme, host and port only, e.g. "https://cdn.example.org"), got ${JSON.stringify(o)}`);
    return origin;
  });
}

/** Where a redirect from `from` to `location` leads, or why it is not followed. */
export function redirectTarget(from: string, location: string | null, allowed: readonly string[]): { url: string } | { refused: string } {
  if (location === null) return { refused: 'a redirect without a Location' };
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    return { refused: `a redirect to an unreadable Location (${location.slice(0, 200)})` };
  }
  if (to.protocol !== 'https:' && to.protocol !== 'http:') return { refused: `a redirect to ${to.protocol} (only http and https)` };
  const origin = new URL(from).origin;
  if (to.origin !== origin && !allowed.includes(to.origin)) {
    return { refused: `a redirect to another origin (${to.origin}), not followed: allow it with syncRedirectOrigins` };
  }
  return { url: to.href };
}

import { unsignedInteger } from './args.js';
import type { Time } from '../issuer/token.js';

/** A PG1 time (or count) from the command line: a number when it is safe, else an exact bigint. */
export function timeArgument(text: string, name: string): Time {
  const v = unsignedInteger(text, name);
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** UNIX seconds, or `now` for the clock. */
export function timeOrNow(text: string, name: string, clock: () => number = () => Math.floor(Date.now() / 1000)): Time {
  return text === 'now' ? clock() : timeArgument(text, name);
}

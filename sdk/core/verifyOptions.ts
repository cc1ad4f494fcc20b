/** The options of one verification, turned into what the core takes. */
import type { CoreVerifyOptions } from './verifierCore.js';
import { PassgateError } from '../errors.js';
import { ruleFor, type Policy } from '../pg1/policy.js';
import { readRecord, type PresentationRead } from '../pg1/presentationRead.js';

/**
 * The options of one verification (verify(), verifyBatch()); all optional. `card` and `document` (PG1
 * §10: what was read with the presentation) are verify()'s; verifyBatch() takes them per item.
 */
export interface VerifyOptions extends PresentationRead {
  /** Unix seconds; defaults to the verifier's clock. */
  readonly now?: number | bigint;
  /**
   * A venue category of the policy in force: adds the §8 checks (status colour, tests, doses, travel).
   * Without it, `OK` means only that the pass is genuine, current and not revoked: no venue rule ran,
   * so a red or yellow code is `OK` too. A gate that admits people names its venue.
   */
  readonly venue?: string;
  /** The nonce this reader issued to the holder (interactive readers). */
  readonly nonce?: Uint8Array;
  /** Seconds of clock skew for nbf/exp; defaults to the verifier's (60). */
  readonly skew?: number;
  /**
   * verify() only: add `detail` to the result, naming the step of PG1 §5 that decided it and the values
   * compared there (read after the core's verdict; without it, verification does no such work).
   */
  readonly explain?: boolean;
}

const U64_LIMIT = 1n << 64n;

/** A time or a skew: a non-negative integer below 2^64 (PG1 times are CBOR uints). */
export function uint64(value: unknown, what: string): bigint {
  const ok = typeof value === 'bigint' || (typeof value === 'number' && Number.isSafeInteger(value));
  const v = ok ? BigInt(value as number | bigint) : -1n;
  if (v < 0n || v >= U64_LIMIT) throw new PassgateError('BAD_ARGUMENT', `${what} must be an integer from 0 to 2^64 - 1, got ${String(value)}`);
  return v;
}

/** The core's options for a verification at `now` under `policy` (throws UNKNOWN_VENUE, BAD_ARGUMENT). */
export function coreOptions(options: VerifyOptions, policy: Policy, now: bigint, defaultSkew: number): CoreVerifyOptions {
  if (options.nonce !== undefined && !(options.nonce instanceof Uint8Array)) throw new PassgateError('BAD_ARGUMENT', 'nonce must be a Uint8Array');
  const rule = options.venue === undefined ? undefined : ruleFor(policy, options.venue);
  const read = readRecord(options);
  return {
    now,
    skew: uint64(options.skew ?? defaultSkew, 'skew'),
    ...(options.nonce ? { nonce: options.nonce } : {}),
    ...(rule ? { rule } : {}),
    ...(read ? { read } : {}),
  };
}

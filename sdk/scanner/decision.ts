/**
 * A read becomes a decision: the text is verified by the app's verifier, with the options in force
 * (its venue, its nonce), and the decision says when the frame arrived, when it was decoded and when
 * it was decided.
 */
import type { Verification, VerifyOptions } from '../verifier/verifier.js';
import { epochMs } from './timestamps.js';

/**
 * The verifier the scanner asks: a Verifier from createVerifier(), or anything with its verify(); an
 * app whose verifier lives in a worker can answer with a promise.
 */
export interface PresentationVerifier {
  /**
   * Decides one code.
   *
   * @param input - The code's text.
   * @param options - The scanner's verifyOptions, as read for this decision.
   */
  verify(input: string, options?: VerifyOptions): Verification | Promise<Verification>;
}

/** Where the text came from. */
export type ScanSource = 'camera' | 'image' | 'text';

/**
 * Times in milliseconds since the Unix epoch, sub-millisecond (performance.timeOrigin + now()). For
 * the camera, frameAt is when the frame reached the decoder; for an image, when it was handed over;
 * for text, all three are the same moment.
 */
export interface DecisionTiming {
  /** When the frame (or image, or text) reached the scanner. */
  readonly frameAt: number;
  /** When the QR code was read from it. */
  readonly decodedAt: number;
  /** When the verifier answered. */
  readonly decidedAt: number;
}

/** A code read and verified: the `decision` event, and what scanImage() and scanText() resolve to. */
export interface Decision {
  /** Where the code came from. */
  readonly source: ScanSource;
  /** The code's text (`PG1:` + base45, or hex as pasted). */
  readonly text: string;
  /** The verifier's answer: result code, and for OK (and the policy codes) iss, kid and the disclosed claims. */
  readonly verification: Verification;
  /** When it was seen, read and decided. */
  readonly timing: DecisionTiming;
}

/** The verify() options of each decision: fixed, or read at each decision (a venue picked in the UI, a fresh nonce). */
export type VerifyOptionsSource = VerifyOptions | (() => VerifyOptions);

export async function decide(
  verifier: PresentationVerifier,
  options: VerifyOptionsSource | undefined,
  source: ScanSource,
  text: string,
  frameAt: number,
  decodedAt: number,
): Promise<Decision> {
  const verification = await verifier.verify(text, typeof options === 'function' ? options() : options);
  return { source, text, verification, timing: { frameAt, decodedAt, decidedAt: epochMs() } };
}

/**
 * A read becomes a decision: the text is verified by the app's verifier, with the options in force
 * (its venue, its nonce), and the decision says when the frame arrived, when it was decoded and when
 * it was decided.
 */
import type { Verification, VerifyOptions } from '../verifier.js';
import { epochMs } from './timestamps.js';

/**
 * The verifier the scanner asks: a Verifier from createVerifier(), or anything with its verify(); an
 * app whose verifier lives in a worker can answer with a promise.
 */
export interface PresentationVerifier {
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
  readonly frameAt: number;
  readonly decodedAt: number;
  readonly decidedAt: number;
}

export interface Decision {
  readonly source: ScanSource;
  /** The code's text (`PG1:` + base45, or hex as pasted). */
  readonly text: string;
  /** The verifier's answer: result code, and for OK (and the policy codes) iss, kid and the disclosed claims. */
  readonly verification: Verification;
  readonly timing: DecisionTiming;
}

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

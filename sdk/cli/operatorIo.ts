import type { ProgressStream } from './progressBar.js';
import type { Io } from './verifyCommand.js';

/** The operator commands also write binary output (a raw presentation) to standard output. */
export interface OperatorIo extends Io {
  writeBytes(bytes: Uint8Array): void;
  /** Standard error as a stream, for progress bars (absent: none drawn). */
  readonly errorStream?: ProgressStream;
}

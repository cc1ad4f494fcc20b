/** A reader that cards are tapped on, whatever its kind (PC/SC here; Web NFC reads differently). */
import type { CardOptions, CardTap } from './cardPass.js';
import type { CardError } from './cardError.js';

/** How a PC/SC reader is opened. */
export interface PcscReaderOptions extends CardOptions {
  /** The first reader whose name contains this text (default: the first reader PC/SC lists). */
  readonly reader?: string;
}

/** How long to wait for a card, and a way to stop waiting. */
export interface WaitOptions {
  /** Give up after this many ms without a card (`NO_CARD`); default: wait until stopped. */
  readonly timeoutMs?: number;
  /** Stops the wait (and, for {@link CardReader.watch}, the watch) when aborted. */
  readonly signal?: AbortSignal;
}

/**
 * A card reader: every card brought into its field is one tap. Only one call at a time: a read, a
 * write or a watch.
 */
export interface CardReader {
  /** The reader's name, as PC/SC lists it. */
  readonly name: string;
  /**
   * Waits for a card and reads it.
   *
   * @param options - How long to wait.
   * @returns The tap (with an `error` when the card could not be read); a tap with `NO_CARD` when none came in time or the wait was stopped.
   */
  read(options?: WaitOptions): Promise<CardTap>;
  /**
   * Reads every card brought into the field, one tap each, until stopped (a card left in the field is
   * read once). `onTap` is awaited before the next card is looked for, so a gate decides each tap before
   * the next one.
   *
   * @param onTap - Called with each tap; forget its serial once the tap is decided.
   * @param options - How long to watch (`timeoutMs` ends the watch, not a wait for one card) and a signal to stop.
   */
  watch(onTap: (tap: CardTap) => void | Promise<void>, options?: WaitOptions): Promise<void>;
  /**
   * Waits for a card and writes the presentation to it as a card pass (PG1 §10.1), then reads it back.
   *
   * @param presentation - The raw presentation bytes.
   * @param options - How long to wait for the card.
   * @returns The serial of the card written to.
   * @throws {@link CardError} `NO_CARD` when no card came, or why the write failed.
   */
  write(presentation: Uint8Array, options?: WaitOptions): Promise<Uint8Array>;
  /** Releases the reader (and PC/SC). */
  close(): void;
}

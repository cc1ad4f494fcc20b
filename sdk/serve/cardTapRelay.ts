/**
 * `--card-reader NAME`: silent checks at a card reader. Every card brought into the reader's field is
 * one tap, decided at once: its pass verified against the serial of the card it was read from (PG1
 * §10.1, step 10), its decision written as a JSON line, and counted in /metrics. A tap that gives no
 * pass (no pass on the card, a faulty or hostile card, a card pulled away) is decided too: `MALFORMED`,
 * with the card's error code. The serial is used for this one decision and kept nowhere: not in the
 * line, the log or the metrics.
 */
import { openPcscReader, type CardReader, type CardTap } from '../card/index.js';
import { toJson } from '../cli/json.js';
import type { Verification, Verifier, VerifyOptions } from '../verifier/verifier.js';
import type { GateMetrics } from './metrics.js';

/**
 * The options of a tap's verification: the venue's, and the serial of the card as the card option of
 * verify() (PG1 §10.1). Spread, not written as a literal, so the seam stays one line whatever else the
 * options gain.
 */
function tapOptions(venueOptions: VerifyOptions, serial: Uint8Array): VerifyOptions {
  const options = { ...venueOptions, card: serial };
  return options;
}

export interface CardTapRelay {
  /** Resolves, with why, if the watch ends by itself (PC/SC stopped, the reader was unplugged); never after stop(). */
  readonly failed: Promise<string>;
  /** Stops watching and releases the reader. */
  stop(): Promise<void>;
}

/** One tap's decision, as the line relay writes decisions. */
function decide(tap: CardTap, verifier: Verifier, venueOptions: VerifyOptions): { line: string; result: string } {
  if (tap.error !== undefined) return { line: toJson({ result: 'MALFORMED', error: tap.error.code }), result: 'MALFORMED' };
  let r: Verification;
  try {
    r = verifier.verify(tap.presentation, tapOptions(venueOptions, tap.serial));
  } catch (e) {
    return { line: toJson({ error: e instanceof Error ? e.message : String(e) }), result: 'ERROR' };
  }
  return { line: toJson(r), result: r.result };
}

/**
 * Opens the reader and starts deciding its taps.
 *
 * @throws CardError NO_PCSC when there is no PC/SC or no such reader (the gate does not start).
 */
export async function startCardTapRelay(options: {
  readonly reader: string;
  readonly verifier: Verifier;
  readonly venue: string | undefined;
  readonly metrics: GateMetrics;
  readonly write: (text: string) => void;
  readonly log: (line: string) => void;
}): Promise<CardTapRelay> {
  const reader: CardReader = await openPcscReader({ reader: options.reader });
  options.log(`card reader: ${reader.name}`);
  const venueOptions: VerifyOptions = options.venue === undefined ? {} : { venue: options.venue };
  const stopping = new AbortController();
  const done = reader.watch((tap) => {
    const { line, result } = decide(tap, options.verifier, venueOptions);
    options.metrics.cardTap(tap.error?.code ?? 'READ');
    if (result !== 'ERROR') options.metrics.verification(result, options.venue);
    options.write(line + '\n');
  }, { signal: stopping.signal }).then(() => 'the reader stopped', (e: unknown) => (e instanceof Error ? e.message : String(e)))
    .finally(() => reader.close());
  // A gate that no longer reads cards must not look alive: the command ends, and its supervisor restarts it.
  const failed = done.then((why) => (stopping.signal.aborted ? new Promise<string>(() => undefined) : `card reader failed: ${why}`));
  return {
    failed,
    stop: async () => {
      stopping.abort();
      await done;
    },
  };
}

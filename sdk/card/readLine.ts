/** A tap as a line of `passgate verify`'s input (PG1 §10.4). */
import { toHex } from '../encoding/hex.js';
import type { CardTap } from './cardPass.js';

/**
 * The tap as one §10.4 read line, without its newline: `{"presentation": HEX, "card": HEX}`, or for a
 * tap that could not be read `{"error": CODE}` with `"card"` where the serial is known (a line that
 * `passgate verify` answers `MALFORMED`: it has no presentation).
 *
 * @param tap - A tap from {@link readCard} or a reader's watch.
 * @returns The JSON text, hex in lowercase.
 */
export function readLine(tap: CardTap): string {
  if (tap.error !== undefined) {
    return JSON.stringify(tap.serial === undefined ? { error: tap.error.code } : { error: tap.error.code, card: toHex(tap.serial) });
  }
  return JSON.stringify({ presentation: toHex(tap.presentation), card: toHex(tap.serial) });
}

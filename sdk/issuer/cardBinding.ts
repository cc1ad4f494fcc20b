/**
 * The card binding of PG1 §10.1: card = H("PG1-card" || serial)[0..16], serial being the identifier of
 * the card as its reader reports it (1 to 64 bytes).
 */
import { sha256 } from '../sha256.js';
import { TokenError } from './token.js';

const CONTEXT = new TextEncoder().encode('PG1-card');

/**
 * The `card` claim for a card with this serial.
 *
 * @param serial - The card's serial as the reader reports it, 1 to 64 bytes.
 * @throws {@link TokenError} `BAD_CARD` for a serial out of range.
 */
export function cardBinding(serial: Uint8Array): Uint8Array {
  if (!(serial instanceof Uint8Array) || serial.length < 1 || serial.length > 64) throw new TokenError('BAD_CARD', 'a card serial is 1 to 64 bytes');
  const input = new Uint8Array(CONTEXT.length + serial.length);
  input.set(CONTEXT);
  input.set(serial, CONTEXT.length);
  return sha256(input).slice(0, 16);
}

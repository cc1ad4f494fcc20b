/** A channel to one card in the field, as the Type 4 Tag procedure uses it, whatever carries the APDUs. */
import { CardError, statusWordText } from './cardError.js';

/**
 * Sends one command APDU to the card in the field and resolves with its response APDU (data, then SW1
 * SW2). PC/SC's SCardTransmit, Android's IsoDep.transceive or a test card all fit. A transport rejects
 * with a {@link CardError} (`CARD_REMOVED` when the card left); anything else it throws is taken as
 * `CARD_ERROR`.
 *
 * @param apdu - The command APDU (CLA INS P1 P2 [Lc data] [Le]).
 * @returns The response APDU: its data, then SW1 SW2.
 */
export type ApduTransport = (apdu: Uint8Array) => Promise<Uint8Array>;

/** The per-command deadline when none is given: a card answers a READ BINARY in a few ms, a reader's radio adds some 20. */
export const DEFAULT_APDU_TIMEOUT_MS = 1000;

/** Status word 90 00: the command was carried out. */
export const SW_OK = 0x9000;

/** A response split into its data and status word. */
export interface ApduResponse {
  /** The response data (without SW1 SW2). */
  readonly data: Uint8Array;
  /** SW1 SW2 as one number. */
  readonly sw: number;
}

/**
 * The transport with a deadline on each command: a card that stops answering (or a reader that hangs) is
 * `CARD_TIMEOUT` after `timeoutMs`, never a tap that never ends. The transport's own promise is left to
 * settle (a native call cannot be cancelled); its late answer or error is dropped.
 */
export function withDeadline(transmit: ApduTransport, timeoutMs: number): ApduTransport {
  return async (apdu) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CardError('CARD_TIMEOUT', `the card did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const sent = Promise.resolve().then(() => transmit(apdu));
    sent.catch(() => undefined); // a failure after the deadline is not an unhandled rejection
    try {
      return await Promise.race([sent, deadline]);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** One command and its response, split; a transport's own failure becomes a {@link CardError}. */
export async function exchange(transmit: ApduTransport, apdu: Uint8Array): Promise<ApduResponse> {
  let response: Uint8Array;
  try {
    response = await transmit(apdu);
  } catch (e) {
    if (e instanceof CardError) throw e;
    throw new CardError('CARD_ERROR', `the transport failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!(response instanceof Uint8Array) || response.length < 2) {
    throw new CardError('CARD_ERROR', 'the card answered without a status word');
  }
  const sw = (response[response.length - 2]! << 8) | response[response.length - 1]!;
  return { data: response.subarray(0, response.length - 2), sw };
}

/** The error for a status word other than 90 00 where nothing else is acceptable. */
export function statusError(what: string, sw: number): CardError {
  return new CardError('CARD_ERROR', `${what}: the card answered ${statusWordText(sw)}`, sw);
}

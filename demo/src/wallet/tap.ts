/**
 * The wallet's side of a tap (standing in for NFC): ask which reader is in range, get its venue and
 * nonce, send the raw presentation bytes bound to that nonce, and wait for the reader's verdict.
 */
import { fromHex } from '../shared/base64.js';
import { NFC_CHANNEL, type NfcMessage } from '../shared/channels.js';

export interface Reader {
  readonly venue: string;
  readonly nonce: Uint8Array;
}

function waitFor<T>(channel: BroadcastChannel, pick: (m: NfcMessage) => T | undefined, ms: number): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      channel.removeEventListener('message', listener);
      resolve(null);
    }, ms);
    const listener = (e: MessageEvent<NfcMessage>): void => {
      const v = pick(e.data);
      if (v === undefined) return;
      clearTimeout(timer);
      channel.removeEventListener('message', listener);
      resolve(v);
    };
    channel.addEventListener('message', listener);
  });
}

export class TapLink {
  private readonly channel = new BroadcastChannel(NFC_CHANNEL);

  /** The reader in range, or null when none answers within `ms`. */
  async findReader(ms = 1000): Promise<Reader | null> {
    const answer = waitFor(this.channel, (m) => (m.type === 'reader' ? { venue: m.venue, nonce: fromHex(m.nonce) } : undefined), ms);
    this.channel.postMessage({ type: 'hello' } satisfies NfcMessage);
    return answer;
  }

  /** Sends the bytes; resolves with the reader's result code, or null if it said nothing. */
  async send(bytes: Uint8Array, ms = 3000): Promise<string | null> {
    return this.exchange({ type: 'tap', bytes }, ms);
  }

  /** Brings a (virtual) card into the reader's field: no nonce, no device; the reader's result code. */
  async sendCard(serial: Uint8Array, message: Uint8Array, ms = 3000): Promise<string | null> {
    return this.exchange({ type: 'card', serial, message }, ms);
  }

  private async exchange(m: NfcMessage, ms: number): Promise<string | null> {
    const verdict = waitFor(this.channel, (v) => (v.type === 'verdict' ? v.result : undefined), ms);
    this.channel.postMessage(m);
    return verdict;
  }
}

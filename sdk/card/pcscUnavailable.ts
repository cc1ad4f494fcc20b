/**
 * PC/SC outside Node (package.json `imports` "#pcsc-reader", every condition but `node`): browsers have
 * no PC/SC, so a bundle for one never carries the Node reader. Use the Web NFC functions there.
 */
import { CardError } from './cardError.js';
import type { CardReader, PcscReaderOptions } from './cardReader.js';

/**
 * Always `NO_PCSC` here: this is not Node.
 *
 * @param options - Ignored.
 * @returns Never.
 * @throws {@link CardError} `NO_PCSC`.
 */
export async function openPcscReader(options: PcscReaderOptions = {}): Promise<CardReader> {
  void options;
  throw new CardError('NO_PCSC', 'PC/SC readers need Node: this platform has none (use Web NFC in browsers)');
}

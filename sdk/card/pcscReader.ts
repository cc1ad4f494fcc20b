/**
 * PC/SC readers in Node (package.json `imports` "#pcsc-reader", condition `node`), on the optional
 * `smartcard` package (N-API bindings to the platform's PC/SC: pcsc-lite's pcscd on Linux, WinSCard on
 * Windows, CryptoTokenKit on macOS). Without the package or the service, {@link openPcscReader} throws
 * `NO_PCSC`; nothing is loaded until it is called.
 */
import { CardError } from './cardError.js';
import { readCard, readCardSerial, writeCard, type CardTap } from './cardPass.js';
import type { ApduTransport } from './apduTransport.js';
import type { CardReader, PcscReaderOptions, WaitOptions } from './cardReader.js';

/** The parts of the `smartcard` package used here (its own types are not needed to build passgate). */
interface SmartcardModule {
  readonly Context: new () => PcscContext;
  readonly SCARD_SHARE_SHARED: number;
  readonly SCARD_PROTOCOL_T0: number;
  readonly SCARD_PROTOCOL_T1: number;
  readonly SCARD_STATE_PRESENT: number;
  readonly SCARD_STATE_MUTE: number;
  readonly SCARD_LEAVE_CARD: number;
}
interface PcscContext {
  listReaders(): { readonly name: string; connect(share: number, protocol: number): Promise<PcscCard> }[];
  waitForChange(readers: { name: string; state: number }[], timeout: number): Promise<{ name: string; state: number }[] | null>;
  cancel(): void;
  close(): void;
}
interface PcscCard {
  transmit(command: Uint8Array, options?: { maxRecvLength?: number }): Promise<Uint8Array>;
  disconnect(disposition?: number): void;
}

// A variable specifier: bundlers leave it alone, and passgate builds without the optional package.
const SMARTCARD = 'smartcard';

async function loadSmartcard(): Promise<SmartcardModule> {
  try {
    const mod = (await import(SMARTCARD)) as { default?: SmartcardModule } & SmartcardModule;
    return mod.default ?? mod;
  } catch (e) {
    throw new CardError('NO_PCSC', `PC/SC is not available: the optional package "smartcard" could not be loaded (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** PC/SC's own failures, by the words the bindings give them: in a contactless field these mean the card left. */
const REMOVAL = /removed|no smart card|was reset|unpowered|transaction failed|communication error/i;

function pcscCardError(e: unknown): CardError {
  if (e instanceof CardError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return REMOVAL.test(message)
    ? new CardError('CARD_REMOVED', `the card left the field (${message})`)
    : new CardError('CARD_ERROR', `PC/SC: ${message}`);
}

/** How long one wait for a reader's change lasts before the stop signal and the time left are looked at again. */
const POLL_MS = 250;

class PcscCardReader implements CardReader {
  /** The state PC/SC last reported, handed back so that it reports the next change only. */
  private state = 0;
  /** A command still running when its deadline passed: the card is not released until it settles. */
  private pending: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly pcsc: SmartcardModule,
    private readonly context: PcscContext,
    readonly name: string,
    private readonly options: PcscReaderOptions,
  ) {}

  private present(state: number): boolean {
    return (state & this.pcsc.SCARD_STATE_PRESENT) !== 0 && (state & this.pcsc.SCARD_STATE_MUTE) === 0;
  }

  /** Waits until the reader's presence is `wanted`; false when the time ran out or the wait was stopped. */
  private async waitFor(wanted: boolean, deadline: number, signal: AbortSignal | undefined): Promise<boolean> {
    for (;;) {
      if (this.closed || signal?.aborted) return false;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let states: { name: string; state: number }[] | null;
      try {
        states = await this.context.waitForChange([{ name: this.name, state: this.state }], Math.min(POLL_MS, left));
      } catch (e) {
        throw new CardError('NO_PCSC', `PC/SC stopped answering: ${e instanceof Error ? e.message : String(e)}`);
      }
      const now = states?.[0];
      if (now !== undefined) this.state = now.state;
      if (this.present(this.state) === wanted) return true;
    }
  }

  /** Connects to the card in the field and runs `use` on its channel; the card is released after. */
  private async withCard<T>(use: (transmit: ApduTransport) => Promise<T>): Promise<T> {
    const reader = this.context.listReaders().find((r) => r.name === this.name);
    if (reader === undefined) throw new CardError('NO_PCSC', `the reader "${this.name}" is gone`);
    let connected: PcscCard;
    try {
      connected = await reader.connect(this.pcsc.SCARD_SHARE_SHARED, this.pcsc.SCARD_PROTOCOL_T0 | this.pcsc.SCARD_PROTOCOL_T1);
    } catch (e) {
      throw pcscCardError(e);
    }
    const transmit: ApduTransport = (apdu) => {
      const sent = connected.transmit(apdu).then((r) => {
        // No status word at all: the reader lost the card mid-exchange (vpcd reports a card gone this way).
        if (r.length < 2) throw new CardError('CARD_REMOVED', 'the card left the field mid-exchange');
        return new Uint8Array(r.buffer, r.byteOffset, r.length);
      }, (e: unknown) => { throw pcscCardError(e); });
      this.pending = sent.catch(() => undefined);
      return sent;
    };
    try {
      return await use(transmit);
    } finally {
      // A command past its deadline still holds the card in the PC/SC service: release it once it settles.
      void this.pending.then(() => { try { connected.disconnect(this.pcsc.SCARD_LEAVE_CARD); } catch { /* already gone */ } });
    }
  }

  private deadlineOf(options: WaitOptions): number {
    return options.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.timeoutMs;
  }

  private async tap(): Promise<CardTap> {
    try {
      return await this.withCard((transmit) => readCard(transmit, this.options));
    } catch (e) {
      return { error: pcscCardError(e) };
    }
  }

  async read(options: WaitOptions = {}): Promise<CardTap> {
    if (!(await this.waitFor(true, this.deadlineOf(options), options.signal))) return { error: new CardError('NO_CARD', 'no card was brought to the reader') };
    return this.tap();
  }

  async watch(onTap: (tap: CardTap) => void | Promise<void>, options: WaitOptions = {}): Promise<void> {
    const deadline = this.deadlineOf(options);
    for (;;) {
      if (!(await this.waitFor(true, deadline, options.signal))) return;
      await onTap(await this.tap());
      // The next tap is the next card brought into the field, not the same one lying on the reader.
      if (!(await this.waitFor(false, deadline, options.signal))) return;
    }
  }

  async write(presentation: Uint8Array, options: WaitOptions = {}): Promise<Uint8Array> {
    if (!(await this.waitFor(true, this.deadlineOf(options), options.signal))) throw new CardError('NO_CARD', 'no card was brought to the reader');
    return this.withCard(async (transmit) => {
      const serial = await readCardSerial(transmit, this.options);
      await writeCard(transmit, presentation, this.options);
      return serial;
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try { this.context.cancel(); } catch { /* nothing to cancel */ }
    void this.pending.then(() => { try { this.context.close(); } catch { /* already closed */ } });
  }
}

/**
 * Opens a PC/SC reader: the first whose name contains `options.reader`, or the first listed.
 *
 * @param options - Which reader, the per-command deadline and where the serial comes from.
 * @returns The reader; close it when done.
 * @throws {@link CardError} `NO_PCSC`: the `smartcard` package is missing, the PC/SC service is not running, or no reader matches.
 */
export async function openPcscReader(options: PcscReaderOptions = {}): Promise<CardReader> {
  const pcsc = await loadSmartcard();
  let context: PcscContext;
  try {
    context = new pcsc.Context();
  } catch (e) {
    throw new CardError('NO_PCSC', `the PC/SC service is not running (${e instanceof Error ? e.message : String(e)})`);
  }
  let names: string[];
  try {
    names = context.listReaders().map((r) => r.name);
  } catch (e) {
    context.close();
    throw new CardError('NO_PCSC', `PC/SC lists no readers (${e instanceof Error ? e.message : String(e)})`);
  }
  const name = names.find((n) => options.reader === undefined || n.includes(options.reader));
  if (name === undefined) {
    context.close();
    throw new CardError('NO_PCSC', options.reader === undefined ? 'PC/SC has no reader' : `no PC/SC reader's name contains "${options.reader}" (readers: ${names.join(', ') || 'none'})`);
  }
  return new PcscCardReader(pcsc, context, name, options);
}

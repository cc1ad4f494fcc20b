/**
 * `passgate card read|write`: card passes on a PC/SC reader (PG1 §10.1). `read` prints §10.4 read lines,
 * so that `passgate card read --watch | passgate verify …` is a silent-check gate in one pipeline.
 */
import { CardError, openPcscReader, readLine, type CardReader, type WaitOptions } from '../card/index.js';
import { encodeNdefMessage } from '../card/ndefMessage.js';
import { parseArgs, required, single, UsageError } from './args.js';
import { readBytes } from './files.js';
import type { OperatorIo } from './operatorIo.js';
import { presentationFromFile } from './cardPresentationFile.js';

export const CARD_USAGE = `passgate card read [--reader NAME] [--watch] [--timeout SECONDS]
  Waits for a card on the first PC/SC reader whose name contains NAME (default: the first reader) and
  prints one read line of PG1 §10.4, {"presentation": HEX, "card": HEX}; a card that cannot be read
  prints {"error": CODE, "card": HEX} (card where known). --watch prints one line per card brought
  into the field until stopped (or for SECONDS). Without a card within SECONDS: exit status 1.
passgate card write [--reader NAME] --presentation FILE [--timeout SECONDS]
  Waits for a card and writes the presentation in FILE (PG1: text, hex or raw bytes) to it as a card
  pass (PG1 §10.1: an NDEF message in its Type 4 Tag application), then reads it back to confirm.`;

function secondsArgument(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[0-9]+(\.[0-9]+)?$/.test(text) || Number(text) <= 0) throw new UsageError(`--timeout must be a positive number of seconds, got "${text}"`);
  return Number(text) * 1000;
}

/** Stops on SIGINT or SIGTERM (a gate being shut down); the handlers go when the command ends. */
function stopOnSignals(): { signal: AbortSignal; release: () => void } {
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return { signal: stop.signal, release: () => { process.off('SIGINT', onSignal); process.off('SIGTERM', onSignal); } };
}

async function withReader(name: string | undefined, io: OperatorIo, use: (reader: CardReader) => Promise<number>): Promise<number> {
  let reader: CardReader;
  try {
    reader = await openPcscReader(name === undefined ? {} : { reader: name });
  } catch (e) {
    if (e instanceof CardError) {
      io.error(`passgate: ${e.code}: ${e.message}`);
      return 1;
    }
    throw e;
  }
  try {
    return await use(reader);
  } finally {
    reader.close();
  }
}

async function readCommand(argv: readonly string[], io: OperatorIo): Promise<number> {
  const args = parseArgs(argv, ['reader', 'timeout'], ['watch']);
  if (args.positional.length > 0) throw new UsageError(`unexpected argument ${args.positional[0]}`);
  const timeoutMs = secondsArgument(single(args, 'timeout'));
  const watch = args.options.has('watch');
  return withReader(single(args, 'reader'), io, async (reader) => {
    const { signal, release } = stopOnSignals();
    const wait: WaitOptions = timeoutMs === undefined ? { signal } : { signal, timeoutMs };
    try {
      if (watch) {
        await reader.watch((tap) => { io.write(readLine(tap) + '\n'); }, wait);
        return 0;
      }
      const tap = await reader.read(wait);
      if (tap.error?.code === 'NO_CARD') {
        io.error(`passgate: NO_CARD: ${signal.aborted ? 'stopped before a card came' : `no card within ${single(args, 'timeout')} s`}`);
        return 1;
      }
      io.write(readLine(tap) + '\n');
      return tap.error === undefined ? 0 : 1;
    } finally {
      release();
    }
  });
}

async function writeCommand(argv: readonly string[], io: OperatorIo): Promise<number> {
  const args = parseArgs(argv, ['reader', 'timeout', 'presentation']);
  if (args.positional.length > 0) throw new UsageError(`unexpected argument ${args.positional[0]}`);
  const timeoutMs = secondsArgument(single(args, 'timeout'));
  const path = required(args, 'presentation');
  const presentation = presentationFromFile(await readBytes(path, '--presentation file'), path);
  let messageBytes: number;
  try {
    messageBytes = encodeNdefMessage(presentation).length;
  } catch (e) {
    throw new UsageError(`--presentation ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return withReader(single(args, 'reader'), io, async (reader) => {
    const { signal, release } = stopOnSignals();
    try {
      await reader.write(presentation, timeoutMs === undefined ? { signal } : { signal, timeoutMs });
      io.error(`passgate: wrote the pass (${presentation.length} bytes, an NDEF message of ${messageBytes}) to the card on ${reader.name} and read it back`);
      return 0;
    } catch (e) {
      if (!(e instanceof CardError)) throw e;
      io.error(`passgate: ${e.code}: ${e.message}`);
      return 1;
    } finally {
      release();
    }
  });
}

export async function cardCommand(argv: readonly string[], io: OperatorIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'read') return readCommand(rest, io);
  if (sub === 'write') return writeCommand(rest, io);
  throw new UsageError(`card: unknown subcommand ${sub === undefined ? '(none)' : `"${sub}"`}; try "card read" or "card write"`);
}

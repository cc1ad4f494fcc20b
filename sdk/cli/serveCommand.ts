/**
 * `passgate serve`: the gate service for integrators in any language (sdk/serve/). Runs until SIGTERM
 * or SIGINT, then closes cleanly (the stored lists are kept) and exits 0; with a line input and no
 * HTTP, it exits when the input ends.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { all, hexBytes, parseArgs, required, single, unsignedInteger, UsageError } from './args.js';
import { packageVersion } from './packageVersion.js';
import { PassgateError } from '../errors.js';
import { GateService, GateStartError, type GateServiceOptions } from '../serve/gateService.js';
import { addressUrl, DEFAULT_LISTEN, parseListenAddress } from '../serve/listenAddress.js';
import type { Io } from './verifyCommand.js';

export const SERVE_USAGE = `passgate serve --root HEX[,HEX...] --storage DIR [--trust FILE...] [--revocations FILE...]
               [--trust-url URL] [--revocations-url URL[,URL...]] [--sync-every SECONDS]
               [--listen HOST:PORT] [--venue CATEGORY | --no-venue] [--workers N] [--now UNIX]
               [--stdin | --input FILE] [--card-reader NAME] [--body-timeout SECONDS]
The gate service: keeps its lists in DIR, syncs them from the URLs every SECONDS (300; a sync that
misses a list is retried after 1 s, doubling up to SECONDS), and answers
  POST /verify        one presentation (PG1: text or hex, or raw bytes as application/octet-stream, or
                      a read of PG1 §10.4 as application/json: {"presentation", "card"?, "document"?};
                      ?venue=CATEGORY, ?nonce=HEX, ?explain=1) -> the JSON object of PG1 §9
  POST /verify-batch  one presentation a line, or JSON lines of reads (at most 10,000) -> JSON lines,
                      streamed
  GET  /health        the lists in force, their expiry and last sync (503 when stale or empty)
  GET  /metrics       Prometheus text: verifications by result and venue, latency histograms
on --listen (127.0.0.1:8787). A request names its venue category (?venue=) or gets --venue's; without
either it is refused (400): PG1 runs no venue rule without a venue, so a red code would pass.
--no-venue lifts that (such requests are checked for signature and validity only; shown in /health).
--stdin (or --input FILE, e.g. a serial scanner's device) reads presentations (or §10.4 reads) a line at a time and
writes one JSON decision a line (blank lines skipped); HTTP is then off unless --listen is given.
--card-reader NAME does silent checks at the first PC/SC reader whose name contains NAME: every card
brought to it is decided at once (its pass checked against the card's serial, PG1 §10.1), one JSON
decision a line ({"result": "MALFORMED", "error": CODE} for a card that gives no pass), and counted in
/metrics; HTTP is then off unless --listen is given; if the reader stops (PC/SC gone, the reader
unplugged), serve exits with status 1 for its supervisor to restart it. Lines and taps carry no venue:
--venue or --no-venue is required with them. Request bodies in flight hold at most 64 MiB together
(503 beyond) and must arrive within --body-timeout SECONDS (15; 408 after). SIGTERM or SIGINT closes
cleanly (stored lists kept): a sync in flight is aborted, requests already received are answered, and
it exits 0 within 5 s.`;

const DEFAULT_SYNC_EVERY = 300;
/** A SIGTERM or SIGINT ends the process within this many milliseconds. */
const EXIT_WITHIN_MS = 4_500;

async function readListFile(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function urls(text: readonly string[], name: string): string[] {
  const out = text.flatMap((t) => t.split(','));
  for (const u of out) {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(u).protocol);
    } catch {
      ok = false;
    }
    if (!ok) throw new UsageError(`--${name} must be an http or https URL, got "${u}"`);
  }
  return out;
}

async function options(argv: readonly string[], io: Io): Promise<GateServiceOptions> {
  const args = parseArgs(argv, ['root', 'storage', 'trust', 'revocations', 'trust-url', 'revocations-url', 'sync-every', 'listen', 'venue', 'workers', 'now', 'input', 'card-reader', 'body-timeout'], ['stdin', 'no-venue']);
  if (args.positional.length > 0) throw new UsageError(`unexpected argument ${args.positional[0]}`);
  const rootTexts = all(args, 'root');
  if (rootTexts.length === 0) throw new UsageError('--root is required');
  const roots = rootTexts.flatMap((t) => t.split(',')).map((h) => hexBytes(h, 'root', 32));
  const storageDir = required(args, 'storage');
  const files: { kind: 'trust' | 'revocations'; bytes: Uint8Array; name: string }[] = [];
  for (const { name, value } of args.sequence) {
    if (name === 'trust' || name === 'revocations') files.push({ kind: name, bytes: await readListFile(value), name: value });
  }
  const trustUrl = single(args, 'trust-url');
  const revocationUrls = urls(all(args, 'revocations-url'), 'revocations-url');
  if (trustUrl !== undefined) urls([trustUrl], 'trust-url');
  const everyText = single(args, 'sync-every');
  const every = everyText === undefined ? DEFAULT_SYNC_EVERY : Number(unsignedInteger(everyText, 'sync-every'));
  if (every < 1) throw new UsageError('--sync-every must be at least 1 second');
  const hasUrls = trustUrl !== undefined || revocationUrls.length > 0;
  if (everyText !== undefined && !hasUrls) throw new UsageError('--sync-every needs --trust-url or --revocations-url');
  const workersText = single(args, 'workers');
  const workers = workersText === undefined ? undefined : Number(unsignedInteger(workersText, 'workers'));
  if (workers !== undefined && (workers < 1 || workers > 256)) throw new UsageError('--workers must be from 1 to 256');
  const nowText = single(args, 'now');
  const now = nowText === undefined ? undefined : Number(unsignedInteger(nowText, 'now'));
  if (now !== undefined && !Number.isSafeInteger(now)) throw new UsageError('--now is out of range');
  const input = single(args, 'input');
  const stdin = args.options.has('stdin');
  if (stdin && input !== undefined) throw new UsageError('give --stdin or --input, not both');
  const lines = stdin ? io.stdin : input !== undefined ? createReadStream(input) : undefined;
  const listenText = single(args, 'listen');
  const cardReader = single(args, 'card-reader');
  const listen = listenText !== undefined ? parseListenAddress(listenText) : lines || cardReader !== undefined ? null : DEFAULT_LISTEN;
  const venue = single(args, 'venue');
  const noVenue = args.options.has('no-venue');
  if (noVenue && venue !== undefined) throw new UsageError('give --venue or --no-venue, not both');
  const bodyTimeoutText = single(args, 'body-timeout');
  const bodyTimeout = bodyTimeoutText === undefined ? undefined : Number(unsignedInteger(bodyTimeoutText, 'body-timeout'));
  if (bodyTimeout !== undefined && (bodyTimeout < 1 || bodyTimeout > 300)) throw new UsageError('--body-timeout must be from 1 to 300 seconds');
  return {
    roots,
    storageDir,
    files,
    ...(hasUrls ? { sync: { urls: { ...(trustUrl === undefined ? {} : { trust: trustUrl }), ...(revocationUrls.length > 0 ? { revocations: revocationUrls } : {}) }, everySeconds: every } } : {}),
    listen,
    ...(venue === undefined ? {} : { venue }),
    ...(noVenue ? { noVenue } : {}),
    ...(workers === undefined ? {} : { workers }),
    ...(now === undefined ? {} : { now }),
    ...(lines ? { lines } : {}),
    ...(cardReader === undefined ? {} : { cardReader }),
    ...(bodyTimeout === undefined ? {} : { bodyTimeoutMs: bodyTimeout * 1000 }),
    version: packageVersion(),
    write: (text) => io.write(text),
    log: (line) => io.error(`passgate serve: ${line}`),
  };
}

/** Resolves on the first SIGTERM or SIGINT. */
function termination(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: string): void => {
      process.off('SIGTERM', on);
      process.off('SIGINT', on);
      resolve(signal);
    };
    process.on('SIGTERM', on);
    process.on('SIGINT', on);
  });
}

/** How long a start-up cut short by a signal may take to wind down before the signal ends the process. */
const START_UP_GRACE_MS = 2_000;

export async function serveCommand(argv: readonly string[], io: Io): Promise<number> {
  // Listening from the first moment: a signal during start-up (a list file that is a FIFO, a slow
  // disk) ends the command instead of waiting for a start that may never finish.
  const stop = termination();
  const starting = (async () => {
    const opts = await options(argv, io);
    return { opts, service: await GateService.start(opts) };
  })();
  const first = await Promise.race([
    starting.then((started) => ({ started }), (error: unknown) => ({ error })),
    stop.then((signal) => ({ signal })),
  ]);
  if ('signal' in first) {
    io.error(`passgate serve: ${first.signal} during start-up: exiting`);
    const settled = starting.then(async (s) => {
      await s.service.close();
      return true;
    }, () => true);
    if (await Promise.race([settled, new Promise<false>((resolve) => setTimeout(() => resolve(false), START_UP_GRACE_MS).unref())])) return 0;
    // Still stuck (a read of a FIFO, a hung mount): a thread blocked in the pool keeps even
    // process.exit from returning, so the signal ends the process with its default action.
    process.removeAllListeners(first.signal);
    process.kill(process.pid, first.signal);
    return 1;
  }
  if ('error' in first) {
    const e = first.error;
    if (e instanceof GateStartError || e instanceof PassgateError) {
      io.error(`passgate: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const { opts, service } = first.started;
  const at = service.address;
  if (at) io.error(`passgate serve: listening on ${addressUrl(at)} (passgate ${opts.version})`);
  const lineInputEnds = opts.listen === null ? service.linesDone.then(() => 'end of input') : new Promise<string>(() => undefined);
  const why = await Promise.race([stop, lineInputEnds.catch((e: unknown) => `input failed: ${e instanceof Error ? e.message : String(e)}`), service.cardReaderFailed]);
  io.error(`passgate serve: ${why}: closing`);
  // Well inside Kubernetes' 30 s grace: whatever still holds the process after the close (a socket a
  // platform keeps open) does not keep it past EXIT_WITHIN_MS.
  const status = why.startsWith('card reader failed') ? 1 : 0;
  setTimeout(() => process.exit(status), EXIT_WITHIN_MS).unref();
  await service.close();
  return status;
}

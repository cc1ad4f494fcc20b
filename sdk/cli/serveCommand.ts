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
               [--listen HOST:PORT] [--venue CATEGORY] [--workers N] [--now UNIX] [--stdin | --input FILE]
The gate service: keeps its lists in DIR, syncs them from the URLs every SECONDS (300; a sync that
misses a list is retried after 1 s, doubling up to SECONDS), and answers
  POST /verify        one presentation (PG1: text or hex, or raw bytes as application/octet-stream, or
                      a read of PG1 §10.4 as application/json: {"presentation", "card"?, "document"?};
                      ?venue=CATEGORY, ?nonce=HEX, ?explain=1) -> the JSON object of PG1 §9
  POST /verify-batch  one presentation a line, or JSON lines of reads -> JSON lines
  GET  /health        the lists in force, their expiry and last sync (503 when stale or empty)
  GET  /metrics       Prometheus text: verifications by result and venue, latency histograms
on --listen (127.0.0.1:8787). --stdin (or --input FILE, e.g. a serial scanner's device) reads
presentations (or §10.4 reads) a line at a time and writes one JSON decision a line; HTTP is then off unless --listen
is given. SIGTERM or SIGINT closes cleanly (stored lists kept) and exits 0.`;

const DEFAULT_SYNC_EVERY = 300;

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
  const args = parseArgs(argv, ['root', 'storage', 'trust', 'revocations', 'trust-url', 'revocations-url', 'sync-every', 'listen', 'venue', 'workers', 'now', 'input'], ['stdin']);
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
  const listen = listenText !== undefined ? parseListenAddress(listenText) : lines ? null : DEFAULT_LISTEN;
  const venue = single(args, 'venue');
  return {
    roots,
    storageDir,
    files,
    ...(hasUrls ? { sync: { urls: { ...(trustUrl === undefined ? {} : { trust: trustUrl }), ...(revocationUrls.length > 0 ? { revocations: revocationUrls } : {}) }, everySeconds: every } } : {}),
    listen,
    ...(venue === undefined ? {} : { venue }),
    ...(workers === undefined ? {} : { workers }),
    ...(now === undefined ? {} : { now }),
    ...(lines ? { lines } : {}),
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

export async function serveCommand(argv: readonly string[], io: Io): Promise<number> {
  const opts = await options(argv, io);
  const stop = termination();
  let service: GateService;
  try {
    service = await GateService.start(opts);
  } catch (e) {
    if (e instanceof GateStartError || e instanceof PassgateError) {
      io.error(`passgate: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const at = service.address;
  if (at) io.error(`passgate serve: listening on ${addressUrl(at)} (passgate ${opts.version})`);
  const lineInputEnds = opts.listen === null ? service.linesDone.then(() => 'end of input') : new Promise<string>(() => undefined);
  const why = await Promise.race([stop, lineInputEnds.catch((e: unknown) => `input failed: ${e instanceof Error ? e.message : String(e)}`)]);
  io.error(`passgate serve: ${why}: closing`);
  await service.close();
  return 0;
}

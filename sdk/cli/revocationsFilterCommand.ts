import { availableParallelism } from 'node:os';
import { toHex } from '../encoding/hex.js';
import {
  buildRevocationFilterStreaming,
  keyFileSource,
  kidOf,
  log2Binomial,
  RevocationFilterError,
  wipe,
  type FilterBuildPhase,
  type KeySource,
} from '../issuer/index.js';
import { parseArgs, required, single, unsignedInteger, UsageError } from './args.js';
import { writeOutputFile } from './files.js';
import { readKeyFile } from './keyFile.js';
import type { OperatorIo } from './operatorIo.js';
import { ProgressBar } from './progressBar.js';
import { toPrettyJson } from './prettyJson.js';
import { timeArgument } from './timeArgument.js';

export const REVOCATIONS_FILTER_USAGE = `passgate revocations filter --root-key FILE --version N --issued-at UNIX --expires UNIX --covers UNIX
                            --universe FILE --revoked FILE [--shards N] [--r N] [--threads N] [--seed N]
                            [--progress] --out FILE
  Signs a revocation filter (PG1 §7.3), exact for every token of the universe U (iat <= covers).
  --universe and --revoked are key files: a name ending in .bin holds 8-byte keys H(cti)[0..8] back
  to back; any other is text, one hex value a line, 16 digits for a key or 32 for a cti (hashed).
  Revoked keys missing from the universe join it. The universe is read twice and never held whole.
  --shards (a power of two, 1 to 65536) and --r (0 to 32) override the sizes the builder picks;
  --threads defaults to the cores (1 below 16 MiB of universe); --seed makes the build reproducible. A progress bar is drawn on
  standard error when it is a terminal, or with --progress.`;

/** Below this a universe file is built on this thread unless --threads says otherwise (2 million binary keys). */
const SMALL_UNIVERSE_BYTES = 16 * 1024 * 1024;

const PHASES: Readonly<Record<FilterBuildPhase, { label: string; unit: 'bytes' | 'shards' }>> = {
  revoked: { label: 'reading revoked keys', unit: 'bytes' },
  count: { label: 'counting the universe', unit: 'bytes' },
  stage1: { label: 'stage 1 tables', unit: 'shards' },
  screen: { label: 'screening the universe', unit: 'bytes' },
  stage2: { label: 'stage 2 tables', unit: 'shards' },
};

function count(text: string, name: string, min: number, max: number): number {
  const v = unsignedInteger(text, name);
  if (v < BigInt(min) || v > BigInt(max)) throw new UsageError(`--${name} must be from ${min} to ${max}, got ${text}`);
  return Number(v);
}

async function source(path: string, name: string): Promise<KeySource> {
  try {
    return await keyFileSource(path);
  } catch (e) {
    if (e instanceof RevocationFilterError) throw new UsageError(`--${name}: ${e.message}`);
    throw e;
  }
}

export async function revocationsFilterCommand(argv: readonly string[], io: OperatorIo): Promise<number> {
  const args = parseArgs(
    argv,
    ['root-key', 'version', 'issued-at', 'expires', 'covers', 'universe', 'revoked', 'shards', 'r', 'threads', 'seed', 'out'],
    ['progress'],
  );
  if (args.positional.length > 0) throw new UsageError(`unexpected argument ${args.positional[0]}`);
  const out = required(args, 'out');
  const envelope = {
    version: timeArgument(required(args, 'version'), 'version'),
    issuedAt: timeArgument(required(args, 'issued-at'), 'issued-at'),
    expires: timeArgument(required(args, 'expires'), 'expires'),
    covers: timeArgument(required(args, 'covers'), 'covers'),
  };
  if (BigInt(envelope.covers) > BigInt(envelope.issuedAt)) {
    throw new UsageError(`--covers (${envelope.covers}) must not be after --issued-at (${envelope.issuedAt}): a filter cannot answer for tokens issued after it`);
  }
  const shardsText = single(args, 'shards');
  const shards = shardsText === undefined ? undefined : count(shardsText, 'shards', 1, 65536);
  if (shards !== undefined && (shards & (shards - 1)) !== 0) throw new UsageError(`--shards must be a power of two from 1 to 65536, got ${shards}`);
  const rText = single(args, 'r');
  const r = rText === undefined ? undefined : count(rText, 'r', 0, 32);
  const threadsText = single(args, 'threads');
  const seedText = single(args, 'seed');
  const seed = seedText === undefined ? undefined : unsignedInteger(seedText, 'seed');
  const universe = await source(required(args, 'universe'), 'universe');
  const revoked = await source(required(args, 'revoked'), 'revoked');
  // Starting worker threads costs more than a small universe takes on this one.
  const threads =
    threadsText !== undefined ? count(threadsText, 'threads', 1, 1024) : (universe.size ?? Infinity) < SMALL_UNIVERSE_BYTES ? 1 : availableParallelism();
  const root = await readKeyFile(required(args, 'root-key'), 'root-key');

  const stream = io.errorStream;
  const bar = stream !== undefined && (stream.isTTY === true || args.options.has('progress')) ? new ProgressBar(stream) : null;
  const started = Date.now();
  let result;
  try {
    result = await buildRevocationFilterStreaming({
      rootSecret: root.secretKey,
      ...envelope,
      universe,
      revoked,
      threads,
      ...(shards === undefined ? {} : { shards }),
      ...(r === undefined ? {} : { r }),
      ...(seed === undefined ? {} : { seed }),
      ...(bar === null ? {} : { onProgress: (p) => bar.update(PHASES[p.phase].label, p.done, p.total, PHASES[p.phase].unit) }),
    });
  } catch (e) {
    if (!(e instanceof RevocationFilterError)) throw e;
    if (e.code === 'WORKER_FAILED') {
      io.error(`passgate: ${e.message}`);
      return 1;
    }
    throw new UsageError(e.message);
  } finally {
    bar?.end();
    wipe(root.secretKey);
  }
  await writeOutputFile(out, result.bytes);
  const { stats } = result;
  // U ∪ R is at least the larger of the two; with repeats in U the bound is an estimate.
  const universeKeys = Math.max(stats.universeRecords, stats.revoked, stats.stage2Keys);
  io.write(
    toPrettyJson({
      out,
      bytes: stats.bytes,
      signedBy: toHex(kidOf(root.publicKey)),
      shards: stats.shards,
      shardsByR: stats.widths,
      universeRecords: stats.universeRecords,
      revoked: stats.revoked,
      stage2Keys: stats.stage2Keys,
      bitsPerRevoked: stats.revoked === 0 ? null : Number(((stats.bytes * 8) / stats.revoked).toFixed(3)),
      overBound: stats.revoked === 0 || stats.revoked === universeKeys ? null : Number((stats.bytes / (log2Binomial(universeKeys, stats.revoked) / 8)).toFixed(4)),
      seconds: Number(((Date.now() - started) / 1000).toFixed(1)),
    }) + '\n',
  );
  return 0;
}

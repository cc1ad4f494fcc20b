/**
 * `passgate verify` (PG1 §9) as a conformance suite runs it: the built bin in a child process, list
 * files on disk in the order given, presentations on standard input, one JSON object a line out.
 * One process answers many lines, so callers gather every line that shares lists and options.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toHex } from '../../sdk/encoding/hex.js';

const BIN = fileURLToPath(new URL('../../bin/passgate.js', import.meta.url));

export interface CliList {
  readonly kind: 'trust' | 'revocations';
  readonly bytes: Uint8Array;
}

export interface CliRun {
  readonly roots: readonly Uint8Array[];
  /** Applied in this order (§9: successive updates). */
  readonly lists: readonly CliList[];
  readonly now: number | bigint;
  readonly venue?: string;
  readonly nonce?: Uint8Array;
  readonly skew?: number;
  /** One presentation a line: `PG1:` text or hex; raw bytes are written as hex. */
  readonly lines: readonly (string | Uint8Array)[];
}

export interface CliOutcome {
  readonly status: number | null;
  readonly stderr: string;
  /** One parsed JSON object per line of standard output. */
  readonly results: readonly Record<string, unknown>[];
}

/** The line a presentation is given on: text as it is, bytes as lowercase hex. */
export function cliLine(input: string | Uint8Array): string {
  return typeof input === 'string' ? input : toHex(input);
}

/** Whether `passgate verify` can be given this input at all: one line of text, no line break inside. */
export function fitsOneLine(input: string | Uint8Array): boolean {
  return typeof input !== 'string' || !/[\r\n]/.test(input);
}

/** The argv of `passgate verify` for a run whose lists are at `files`. */
function argvOf(run: CliRun, files: readonly string[]): string[] {
  const argv = ['verify', '--root', run.roots.map(toHex).join(',')];
  run.lists.forEach((l, i) => argv.push(`--${l.kind}`, files[i]!));
  argv.push('--now', String(run.now));
  if (run.venue !== undefined) argv.push('--venue', run.venue);
  if (run.nonce !== undefined) argv.push(`--nonce=${toHex(run.nonce)}`);
  if (run.skew !== undefined) argv.push('--skew', String(run.skew));
  return argv;
}

/** Runs one `passgate verify` process (bounded in time) and parses what it wrote. */
export async function runVerify(run: CliRun): Promise<CliOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'passgate-cli-'));
  try {
    const files = run.lists.map((l, i) => {
      const path = join(dir, `${i}-${l.kind}.cbor`);
      writeFileSync(path, l.bytes);
      return path;
    });
    const child = spawn(process.execPath, [BIN, ...argvOf(run, files)], { stdio: ['pipe', 'pipe', 'pipe'], timeout: 120_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const done = new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve(code));
    });
    child.stdin.on('error', () => undefined); // a process that exits 2 before reading closes its input
    child.stdin.end(run.lines.map(cliLine).join('\n') + (run.lines.length > 0 ? '\n' : ''));
    const status = await done;
    const results = stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
    return { status, stderr, results };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs several processes, at most `parallel` at a time, results in the order of `runs`. */
export async function runVerifyAll(runs: readonly CliRun[], parallel = 2): Promise<CliOutcome[]> {
  const out: CliOutcome[] = new Array<CliOutcome>(runs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < runs.length) {
      const i = next++;
      out[i] = await runVerify(runs[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, runs.length) }, worker));
  return out;
}

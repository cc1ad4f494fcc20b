/**
 * `passgate serve` as an integrator runs it: a child process on a loopback port it chooses itself
 * (--listen 127.0.0.1:0), found from the line it writes to standard error.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/passgate.js', import.meta.url));

export interface ServedGate {
  readonly proc: ChildProcessWithoutNullStreams;
  /** http://127.0.0.1:PORT, or '' for a line relay without HTTP. */
  readonly url: string;
  /** Everything written to standard error and standard output so far. */
  stderr(): string;
  stdout(): string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

const running = new Set<ChildProcessWithoutNullStreams>();

/** Kills what a failed test left running (afterAll). */
export function killGates(): void {
  for (const p of running) p.kill('SIGKILL');
  running.clear();
}

/**
 * Starts `passgate serve ARGS`; resolves once it listens (or, with http false, once it has started).
 * Args that name neither --venue nor --no-venue get --no-venue (most tests check signatures, not venue
 * rules); `asGiven` passes them untouched, for the tests of serve's venue default itself.
 */
export function startGate(args: readonly string[], options: { http?: boolean; timeoutMs?: number; asGiven?: boolean } = {}): Promise<ServedGate> {
  const venueNamed = args.some((a) => a === '--venue' || a.startsWith('--venue=') || a === '--no-venue');
  const all = options.asGiven === true || venueNamed ? args : [...args, '--no-venue'];
  const proc = spawn(process.execPath, [BIN, 'serve', ...all], { stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(proc);
  let err = '';
  let out = '';
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  proc.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => {
    running.delete(proc);
    resolve(code);
  }));
  const gate = (url: string): ServedGate => ({
    proc, url, exited,
    stderr: () => err,
    stdout: () => out,
    stop: (signal = 'SIGTERM') => {
      proc.kill(signal);
      return exited;
    },
  });
  if (options.http === false) return Promise.resolve(gate(''));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`passgate serve did not listen: ${err}`)), options.timeoutMs ?? 30_000);
    const look = (): void => {
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        proc.stderr.off('data', look);
        resolve(gate(m[1]!));
      }
    };
    proc.stderr.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`passgate serve exited with ${code} before listening: ${err}`));
    });
  });
}

/** Runs `passgate ARGS` to its end (for refusals and --version). */
export function runPassgate(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [BIN, ...args]);
    let stdout = '';
    let stderr = '';
    proc.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    proc.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    proc.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Resolves with the gate's n-th line of standard output (1-based), parsed, once it is written whole. */
export async function gateLine(gate: ServedGate, n: number): Promise<Record<string, unknown>> {
  for (let i = 0; i < 100; i++) {
    const lines = gate.stdout().split('\n');
    if (lines.length > n) return JSON.parse(lines[n - 1]!) as Record<string, unknown>;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no line ${n}: ${gate.stdout()}${gate.stderr()}`);
}

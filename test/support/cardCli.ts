/**
 * `passgate card …` and the virtual card, through the real PC/SC stack: pcscd with vsmartcard's vpcd
 * driver (started by test/support/pcscd.sh), the built bin in a child process, the card on vpcd's port.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { VirtualCard } from './virtualType4Card.mjs';

const BIN = fileURLToPath(new URL('../../bin/passgate.js', import.meta.url));
const PCSCD = fileURLToPath(new URL('./pcscd.sh', import.meta.url));

/** Starts pcscd with vpcd unless it runs (the script is idempotent and waits until vpcd listens). */
export function startPcscd(): void {
  const run = spawnSync(PCSCD, ['start'], { encoding: 'utf8', timeout: 20_000 });
  if (run.status !== 0) throw new Error(`pcscd could not be started: ${run.stderr}`);
}

/** Stops pcscd (a test of PC/SC going away; startPcscd() brings it back). */
export function stopPcscd(): void {
  const run = spawnSync(PCSCD, ['stop'], { encoding: 'utf8', timeout: 20_000 });
  if (run.status !== 0) throw new Error(`pcscd could not be stopped: ${run.stderr}`);
}

/** A running `passgate` command: its output so far, its lines, and its end. */
export interface RunningCli {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the n-th line of standard output (1-based) once it is written. */
  line(n: number): Promise<string>;
  /** Resolves with the exit status (killed after `timeoutMs`: a hang fails the test, it does not stall it). */
  exit(): Promise<number | null>;
}

export function startCli(args: readonly string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  let out = '';
  let err = '';
  const waiting: (() => void)[] = [];
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); for (const w of waiting.splice(0)) w(); });
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
  const ended = new Promise<number | null>((resolve) => child.once('exit', (code) => { clearTimeout(killer); for (const w of waiting.splice(0)) w(); resolve(code); }));
  const lines = (): string[] => out.split('\n').slice(0, -1);
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    line: (n) => new Promise<string>((resolve, reject) => {
      const check = (): void => {
        const l = lines()[n - 1];
        if (l !== undefined) resolve(l);
        else if (child.exitCode !== null || child.signalCode !== null) reject(new Error(`the command ended before line ${n}: ${out}${err}`));
        else waiting.push(check);
      };
      check();
    }),
    exit: () => ended,
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Takes away every card still in the field (a test's afterEach) and gives pcscd time to see them go; empties the list. */
export async function removeCards(cards: VirtualCard[]): Promise<void> {
  for (const c of cards) if (!c.removed) await c.remove();
  if (cards.length > 0) await sleep(700);
  cards.length = 0;
}

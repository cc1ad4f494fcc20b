/**
 * `passgate transcode` (PG1 §11.4) as an operator runs it: the built bin in a child process, the DSC list
 * and the gateway's key on disk, HC1 texts on standard input, one JSON object a line out.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toHex } from '../../sdk/encoding/hex.js';
import type { KeyPair } from '../../sdk/issuer/index.js';
import { kidOf } from '../../sdk/issuer/index.js';

export const BIN = fileURLToPath(new URL('../../bin/passgate.js', import.meta.url));

export interface TranscodeRun {
  /** The DSC list: JSON written as it is when a string, else serialised. */
  readonly dsc: unknown;
  readonly issuer: KeyPair;
  readonly iss?: string;
  readonly now?: number;
  readonly skew?: number;
  readonly validity?: number;
  readonly cnf?: Uint8Array;
  /** Status rules (--rules), written to a file. */
  readonly rules?: unknown;
  /** Standard input, one HC1 text a line (joined with "\n", a final newline added). */
  readonly lines: readonly string[];
}

export interface TranscodeOutcome {
  readonly status: number | null;
  readonly stderr: string;
  readonly results: readonly Record<string, unknown>[];
}

/** Runs one `passgate transcode` process, bounded in time. */
export async function runTranscode(run: TranscodeRun, timeoutMs = 60_000): Promise<TranscodeOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'passgate-transcode-'));
  try {
    const dsc = join(dir, 'dsc.json');
    writeFileSync(dsc, typeof run.dsc === 'string' ? run.dsc : JSON.stringify(run.dsc));
    const key = join(dir, 'gateway.json');
    writeFileSync(key, JSON.stringify({ secretKey: toHex(run.issuer.secretKey), publicKey: toHex(run.issuer.publicKey), kid: toHex(kidOf(run.issuer.publicKey)) }));
    const argv = [BIN, 'transcode', '--dsc', dsc, '--issuer-key', key, '--iss', run.iss ?? 'CN-GW'];
    if (run.now !== undefined) argv.push('--now', String(run.now));
    if (run.skew !== undefined) argv.push('--skew', String(run.skew));
    if (run.validity !== undefined) argv.push('--validity', String(run.validity));
    if (run.cnf !== undefined) argv.push('--cnf', toHex(run.cnf));
    if (run.rules !== undefined) {
      const rules = join(dir, 'rules.json');
      writeFileSync(rules, JSON.stringify(run.rules));
      argv.push('--rules', rules);
    }
    const child = spawn(process.execPath, argv, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.stdin.on('error', () => { /* the command may exit before reading (status 2) */ });
    child.stdin.end(run.lines.length === 0 ? '' : run.lines.join('\n') + '\n');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    clearTimeout(timer);
    const results = stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
    return { status, stderr, results };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

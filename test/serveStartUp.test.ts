// passgate serve's start-up: a bad --storage is refused at once, naming the path and the reason (not
// blamed on a list file after "stored ... not restored" lines), a virtual file system such as /proc is
// refused instead of looping in mkdir, and SIGTERM is honoured at any point of start-up.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '../sdk/encoding/hex.js';
import { root, trustList } from './support/issuerFixtures.js';
import { BIN, runPassgate } from './support/servedGate.js';

const ROOT = toHex(root.publicKey);
const dir = mkdtempSync(join(tmpdir(), 'passgate-start-'));
const trust = join(dir, 'trust-4.cbor');
writeFileSync(trust, trustList());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const serve = (storage: string, ...more: string[]): ReturnType<typeof runPassgate> =>
  runPassgate(['serve', '--root', ROOT, '--storage', storage, '--trust', trust, '--listen', '127.0.0.1:0', '--venue', 'general', ...more]);

describe('passgate serve: --storage that cannot be used', () => {
  it('a path through a file: exit 2, naming the storage path and the part that is not a directory', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a directory');
    const r = await serve(join(file, 'sub'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`passgate: --storage ${join(file, 'sub')}: ${file} is not a directory\n`);
  });

  it('a virtual file system such as /proc: refused at once, not a mkdir that never returns', { timeout: 20_000 }, async () => {
    const r = await serve(`/proc/passgate-${process.pid}/state`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^passgate: --storage \/proc\/passgate-\d+\/state: \/proc is on procfs, a virtual file system that stores nothing/);
  });

  it('creates a missing directory, one level at a time', async () => {
    const deep = join(dir, 'x', 'y', 'z');
    const gate = spawn(process.execPath, [BIN, 'serve', '--root', ROOT, '--storage', deep, '--trust', trust, '--listen', '127.0.0.1:0', '--venue', 'general']);
    let err = '';
    gate.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    for (let i = 0; i < 200 && !err.includes('listening on'); i++) await new Promise((r) => setTimeout(r, 50));
    gate.kill('SIGTERM');
    expect(await new Promise((resolve) => gate.on('exit', resolve))).toBe(0);
    expect(err).toMatch(/listening on/);
  });
});

describe('passgate serve: SIGTERM during start-up', () => {
  it('ends the process while a list file is still being read (a FIFO no one writes)', { timeout: 20_000 }, async () => {
    const fifo = join(dir, 'trust.fifo');
    execFileSync('mkfifo', [fifo]);
    const gate = spawn(process.execPath, [BIN, 'serve', '--root', ROOT, '--storage', join(dir, 'fifo-store'), '--trust', fifo, '--listen', '127.0.0.1:0', '--venue', 'general']);
    let err = '';
    gate.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const exited = new Promise<string>((resolve) => gate.on('exit', (code, signal) => resolve(`${code} ${signal}`)));
    await new Promise((r) => setTimeout(r, 1000)); // Node has started and blocks on the FIFO
    gate.kill('SIGTERM');
    // The read cannot be cut short (it blocks a thread of Node's pool): after 2 s the signal's own action ends it.
    expect(await exited).toBe('null SIGTERM');
    expect(err).toContain('passgate serve: SIGTERM during start-up: exiting');
  });
});

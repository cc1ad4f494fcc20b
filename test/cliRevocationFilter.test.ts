// `passgate revocations filter` and `passgate inspect` on filters, as an operator runs them: `node
// bin/passgate.js …` child processes in a scratch directory (dist/ must be built). Every filter is
// opened by the reference (test/reference/revocationFilter.ts) and must answer exactly for U ∪ R.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '@noble/hashes/sha2.js';
import { afterAll, describe, expect, it } from 'vitest';
import { fromHex } from '../sdk/encoding/hex.js';
import { buildRevocationFilter } from '../sdk/issuer/index.js';
import { lookup, openFilter } from './reference/revocationFilter.js';

const BIN = fileURLToPath(new URL('../bin/passgate.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'passgate-filter-'));
const NOW = 1_750_000_000;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function passgate(argv: readonly string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const file = (name: string): string => join(dir, name);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Summary {
  out: string;
  bytes: number;
  shards: number;
  shardsByR: Record<string, number>;
  universeRecords: number;
  revoked: number;
  stage2Keys: number;
}

const keyOf = (bytes: Uint8Array): bigint => new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, false);
const prefixHex = (k: bigint): string => k.toString(16).padStart(16, '0');

// 3,000 tokens: the first half known by cti (the file holds the cti, the filter its hash), the rest by key.
const ctis = Array.from({ length: 1500 }, () => randomBytes(16));
const plainKeys = Array.from({ length: 1500 }, () => keyOf(randomBytes(8)));
const universe = [...ctis.map((c) => keyOf(sha256(c))), ...plainKeys];
const revokedIndex = universe.map((_, i) => i).filter((i) => i % 9 === 0);
const outsider = keyOf(randomBytes(8)); // revoked, missing from the universe file
const revoked = new Set([...revokedIndex.map((i) => universe[i]!), outsider]);
const lineOf = (i: number): string => (i < ctis.length ? Buffer.from(ctis[i]!).toString('hex') : prefixHex(universe[i]!));
const binOf = (keys: readonly bigint[]): Buffer => {
  const b = Buffer.alloc(keys.length * 8);
  keys.forEach((k, i) => b.writeBigUInt64BE(k, i * 8));
  return b;
};

let root: { secretKey: string; publicKey: string };
const times = ['--version', '3', '--issued-at', String(NOW), '--expires', String(NOW + 86_400), '--covers', String(NOW - 600)];
const filterArgs = (universeFile: string, revokedFile: string, out: string, more: readonly string[] = []): string[] => [
  'revocations', 'filter', '--root-key', 'root.json', ...times, '--universe', universeFile, '--revoked', revokedFile, '--out', out, ...more,
];

function expectExact(out: string): void {
  const opened = openFilter(new Uint8Array(readFileSync(file(out))), fromHex(root.publicKey));
  expect(opened, out).not.toBeNull();
  expect(opened!.problems).toEqual([]);
  expect(opened!.filter).toMatchObject({ version: 3n, issuedAt: BigInt(NOW), covers: BigInt(NOW - 600) });
  for (const k of new Set([...universe, outsider])) {
    if (lookup(opened!.filter.shards, k) !== revoked.has(k)) expect.fail(`${out}: key ${prefixHex(k)} answered ${!revoked.has(k)}`);
  }
}

describe('passgate revocations filter', () => {
  it('builds from text files (ctis and keys, either case, CRLF, blank lines), exact for U ∪ R, quiet on a non-terminal', () => {
    expect(passgate(['keygen', '--out', 'root.json']).status).toBe(0);
    root = JSON.parse(readFileSync(file('root.json'), 'utf8')) as typeof root;
    const lines = universe.map((_, i) => (i % 2 === 0 ? lineOf(i) : lineOf(i).toUpperCase()));
    writeFileSync(file('universe.txt'), lines.join('\r\n') + '\r\n\r\n');
    writeFileSync(file('revoked.txt'), [...revokedIndex.map(lineOf), '', `  ${prefixHex(outsider)}  `].join('\n'));
    const r = passgate(filterArgs('universe.txt', 'revoked.txt', 'text.cbor'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const summary = JSON.parse(r.stdout) as Summary;
    expect(summary).toMatchObject({ out: 'text.cbor', universeRecords: 3000, revoked: revoked.size, shards: 1 });
    expect(summary.bytes).toBe(readFileSync(file('text.cbor')).length);
    expectExact('text.cbor');
  });

  it('builds from .bin files, on one thread or several, the same bytes for the same --seed as the SDK', () => {
    const withRepeats = [...universe, ...universe.slice(0, 100)]; // repeats are one key
    writeFileSync(file('universe.bin'), binOf(withRepeats));
    writeFileSync(file('revoked.bin'), binOf([...revoked]));
    const args = (out: string, threads: string): string[] => filterArgs('universe.bin', 'revoked.bin', out, ['--seed', '77', '--shards', '4', '--threads', threads]);
    for (const [out, threads] of [['one.cbor', '1'], ['two.cbor', '2']] as const) {
      const r = passgate(args(out, threads));
      expect(r.status, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as Summary).shards).toBe(4);
      expectExact(out);
    }
    const sdk = buildRevocationFilter({
      rootSecret: fromHex(root.secretKey), version: 3, issuedAt: NOW, expires: NOW + 86_400, covers: NOW - 600,
      universe: BigUint64Array.from(withRepeats), revoked: BigUint64Array.from(revoked), seed: 77n, shards: 4,
    });
    expect(readFileSync(file('one.cbor'))).toEqual(Buffer.from(sdk));
    expect(readFileSync(file('two.cbor'))).toEqual(Buffer.from(sdk));
  });

  it('takes --r and --shards, and draws a progress bar on standard error with --progress', () => {
    const r = passgate(filterArgs('universe.bin', 'revoked.bin', 'r32.cbor', ['--r', '32', '--shards', '65536', '--progress']));
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ shards: 65536 });
    expect(r.stderr).toMatch(/screening the universe \[#+\] 100%/);
    expect(r.stderr).toMatch(/stage 2 tables \[#+\] 100% 65536 shards of 65536 shards/);
    expectExact('r32.cbor');
  });

  it('inspect shows a filter: times, covers, shards, r, L and S per stage, sizes', () => {
    const r = passgate(['inspect', 'one.cbor']);
    expect(r.status, r.stderr).toBe(0);
    const view = JSON.parse(r.stdout) as { kind: string; payload: Record<string, unknown> };
    expect(view.kind).toBe('revocation filter');
    expect(view.payload).toMatchObject({ version: 3, issued_at: { unix: NOW }, covers: { unix: NOW - 600 } });
    const shards = view.payload.shards as { count: number; shards_by_r: Record<string, number>; stage1: { L: number[] }; stage2: { table_bytes: number }; first_shards: unknown[] };
    expect(shards.count).toBe(4);
    expect(Object.values(shards.shards_by_r).reduce((a, b) => a + b, 0)).toBe(4);
    expect(shards.stage2.table_bytes).toBeGreaterThan(0);
    expect(shards.first_shards).toHaveLength(4);
  });
});

describe('passgate revocations filter refuses bad input with status 2 and a precise message', () => {
  const refused = (argv: readonly string[], message: RegExp): void => {
    const r = passgate(argv);
    expect(r.status, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
  };

  it('a .bin file that is not whole 8-byte keys', () => {
    writeFileSync(file('odd.bin'), Buffer.alloc(8 * 5 + 3));
    refused(filterArgs('odd.bin', 'revoked.bin', 'x.cbor'), /--universe: odd\.bin: 43 bytes is not a whole number of 8-byte keys/);
    refused(filterArgs('universe.bin', 'odd.bin', 'x.cbor'), /--revoked: odd\.bin: 43 bytes/);
  });

  it('a text line that is not hex, or has neither 16 nor 32 digits, by its line number', () => {
    writeFileSync(file('badhex.txt'), `${prefixHex(1n)}\n${prefixHex(2n)}\n00112233445566zz\n`);
    refused(filterArgs('badhex.txt', 'revoked.txt', 'x.cbor'), /badhex\.txt: line 3: "00112233445566zz" is not hex/);
    writeFileSync(file('short.txt'), `${prefixHex(1n)}\n\n0011223344556\n`);
    refused(filterArgs('universe.txt', 'short.txt', 'x.cbor'), /short\.txt: line 3: 13 hex digits; a line holds 16 \(a key, H\(cti\)\[0\.\.8\]\) or 32 \(a cti\)/);
  });

  it('a bad line far into a file (past the first chunk) is still named by its line', () => {
    const line = prefixHex(5n) + '\n';
    const count = Math.ceil((5 * 1024 * 1024) / line.length);
    writeFileSync(file('long.txt'), line.repeat(count) + 'abc\n');
    refused(filterArgs('long.txt', 'revoked.txt', 'x.cbor'), new RegExp(`long\\.txt: line ${count + 1}: 3 hex digits`));
  });

  it('a file that cannot be read', () => {
    refused(filterArgs('missing.bin', 'revoked.bin', 'x.cbor'), /--universe: cannot read missing\.bin: .*ENOENT/);
    refused(filterArgs('universe.bin', '.', 'x.cbor'), /--revoked: cannot read \.: /);
  });

  it('covers after issued-at', () => {
    const args = filterArgs('universe.bin', 'revoked.bin', 'x.cbor');
    args[args.indexOf('--covers') + 1] = String(NOW + 1);
    refused(args, /--covers \(1750000001\) must not be after --issued-at \(1750000000\)/);
  });

  it('a shard count that is not a power of two from 1 to 65536, r over 32, no threads', () => {
    for (const n of ['0', '3', '131072', 'x']) refused(filterArgs('universe.bin', 'revoked.bin', 'x.cbor', ['--shards', n]), /--shards must be/);
    refused(filterArgs('universe.bin', 'revoked.bin', 'x.cbor', ['--r', '33']), /--r must be from 0 to 32, got 33/);
    refused(filterArgs('universe.bin', 'revoked.bin', 'x.cbor', ['--threads', '0']), /--threads must be from 1 to 1024, got 0/);
  });

  it('a missing option or an unknown subcommand', () => {
    refused(['revocations', 'filter', '--root-key', 'root.json', ...times, '--universe', 'universe.bin', '--out', 'x.cbor'], /--revoked is required/);
    refused(['revocations', 'sieve'], /revocations: unknown subcommand "sieve"; try "revocations build" or "revocations filter"/);
  });
});

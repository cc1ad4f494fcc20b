/**
 * Filters from the issuer toolkit in force in a verifier: every token of U gets its exact answer
 * (TOKEN_REVOKED or OK) through the SDK's verify() and through `passgate verify --revocations`, for
 * random universes and revoked sets, none revoked, all revoked, one shard, 65,536 shards, r = 0 and
 * r = 32; and a token issued after `covers` is answered by the deltas alone, never by the filter.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createVerifier } from '../sdk/index.js';
import { toHex } from '../sdk/encoding/hex.js';
import { buildRevocationFilter, revokedPrefix, type IssuedToken } from '../sdk/issuer/index.js';
import { DAY, NOW, presentAll, root, token, trustList } from './support/issuerFixtures.js';

const COVERS = NOW - 600;
const envelope = { rootSecret: root.secretKey, version: 5, issuedAt: NOW, expires: NOW + DAY, covers: COVERS };

// Tokens are costly to sign: one pool, issued once, from which each case draws its universe.
const pool: IssuedToken[] = Array.from({ length: 48 }, (_, i) => token({ iat: COVERS - 60 * i }));
const presentations = pool.map((t) => presentAll(t));
/** Keys of other tokens of U (never presented): they shape the filter as a larger universe would. */
const others = (n: number, salt: number): Uint8Array[] =>
  Array.from({ length: n }, (_, i) => {
    const k = new Uint8Array(8);
    new DataView(k.buffer).setBigUint64(0, BigInt.asUintN(64, BigInt(i + 1 + salt * 100_000) * 0x9e3779b97f4a7c15n));
    return k;
  });

interface Case {
  readonly revoked: readonly boolean[];
  readonly extra: number;
  readonly shards?: number;
  readonly r?: number;
}

function filterOf(c: Case): Uint8Array {
  const universe = [...pool.map((t) => revokedPrefix(t.cti)), ...others(c.extra, 1)];
  const revoked = pool.filter((_, i) => c.revoked[i]).map((t) => revokedPrefix(t.cti));
  return buildRevocationFilter({ ...envelope, universe, revoked, ...(c.shards === undefined ? {} : { shards: c.shards }), ...(c.r === undefined ? {} : { r: c.r }) });
}

const expected = (c: Case): string[] => pool.map((_, i) => (c.revoked[i] ? 'TOKEN_REVOKED' : 'OK'));

async function sdkResults(filter: Uint8Array): Promise<string[]> {
  const v = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW });
  try {
    await v.applyTrustList(trustList());
    await v.applyRevocations(filter);
    return presentations.map((p) => v.verify(p).result);
  } finally {
    await v.destroy();
  }
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  revoked: fc.array(fc.boolean(), { minLength: pool.length, maxLength: pool.length }),
  extra: fc.nat({ max: 3000 }),
  shards: fc.constantFrom(undefined, 1, 4, 256),
  r: fc.constantFrom(undefined, undefined, 0, 5, 32),
});

const none = pool.map(() => false);
const all = pool.map(() => true);
const some = pool.map((_, i) => i % 3 === 0);
const EDGE_CASES: readonly [string, Case][] = [
  ['no token revoked', { revoked: none, extra: 2000 }],
  ['every token of U revoked', { revoked: all, extra: 0 }],
  ['one shard', { revoked: some, extra: 2000, shards: 1 }],
  ['65,536 shards', { revoked: some, extra: 2000, shards: 65536 }],
  ['r = 0', { revoked: some, extra: 2000, r: 0 }],
  ['r = 32', { revoked: some, extra: 2000, r: 32 }],
];

describe('a built filter in force in the SDK verifier', () => {
  it('answers every token of U exactly, for random universes and revoked sets', async () => {
    await fc.assert(fc.asyncProperty(caseArb, async (c) => { expect(await sdkResults(filterOf(c))).toEqual(expected(c)); }), { numRuns: 12 });
  });

  it.each(EDGE_CASES)('answers every token of U exactly: %s', async (_name, c) => {
    expect(await sdkResults(filterOf(c))).toEqual(expected(c));
  });

  it('does not consult the filter for a token issued after covers', async () => {
    const late = token({ iat: COVERS + 1 });
    const filter = buildRevocationFilter({ ...envelope, universe: [revokedPrefix(late.cti)], revoked: [revokedPrefix(late.cti)] });
    const v = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW });
    await v.applyTrustList(trustList());
    await v.applyRevocations(filter);
    expect(v.verify(presentAll(late)).result).toBe('OK');
    await v.destroy();
  });
});

describe('a filter built by `passgate revocations filter` in force in `passgate verify`', () => {
  const BIN = fileURLToPath(new URL('../bin/passgate.js', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'passgate-filter-verify-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (argv: readonly string[], input = ''): { status: number | null; stdout: string; stderr: string } =>
    spawnSync(process.execPath, [BIN, ...argv], { cwd: dir, input, encoding: 'utf8', timeout: 60_000 });

  it.each(EDGE_CASES)('answers every token of U exactly: %s', (_name, c) => {
    writeFileSync(join(dir, 'root.json'), JSON.stringify({ secretKey: toHex(root.secretKey), publicKey: toHex(root.publicKey) }));
    writeFileSync(join(dir, 'trust.cbor'), trustList());
    // The universe by cti (the command hashes them) and by key; the revoked ones by cti.
    writeFileSync(join(dir, 'universe.txt'), [...pool.map((t) => toHex(t.cti)), ...others(c.extra, 1).map(toHex)].join('\n'));
    writeFileSync(join(dir, 'revoked.txt'), pool.filter((_, i) => c.revoked[i]).map((t) => toHex(t.cti)).join('\n'));
    const built = run(['revocations', 'filter', '--root-key', 'root.json', '--version', '5', '--issued-at', String(NOW), '--expires', String(NOW + DAY),
      '--covers', String(COVERS), '--universe', 'universe.txt', '--revoked', 'revoked.txt', '--out', 'filter.cbor',
      ...(c.shards === undefined ? [] : ['--shards', String(c.shards)]), ...(c.r === undefined ? [] : ['--r', String(c.r)])]);
    expect(built.status, built.stderr).toBe(0);
    const verified = run(['verify', '--root', toHex(root.publicKey), '--trust', 'trust.cbor', '--revocations', 'filter.cbor', '--now', String(NOW)],
      presentations.map(toHex).join('\n') + '\n');
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { result: string }).result)).toEqual(expected(c));
  });
});

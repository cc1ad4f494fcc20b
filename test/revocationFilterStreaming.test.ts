/**
 * The streaming builder of the issuer toolkit: the universe read in passes from a key source, on
 * this thread or on worker threads, gives the very filter the in-memory builder gives for the same
 * keys, shards and seed, reports its progress phase by phase, and names the source of a bad record.
 */
import { describe, expect, it } from 'vitest';
import {
  buildRevocationFilter,
  buildRevocationFilterStreaming,
  generateKeyPair,
  keyArraySource,
  RevocationFilterError,
  type FilterBuildProgress,
  type KeySource,
} from '../sdk/issuer/index.js';
import { lookup, openFilter } from './reference/revocationFilter.js';

const root = generateKeyPair();
const envelope = { rootSecret: root.secretKey, version: 9, issuedAt: 2_000_000, expires: 2_100_000, covers: 1_999_000 };

/** Distinct keys spread over the whole range (a multiplicative sequence). */
const keys = (n: number, salt: bigint): BigUint64Array =>
  BigUint64Array.from({ length: n }, (_, i) => BigInt.asUintN(64, (BigInt(i) + salt) * 0x9e3779b97f4a7c15n));

describe('buildRevocationFilterStreaming', () => {
  const universe = keys(20_000, 1n);
  const revoked = BigUint64Array.from([...universe.filter((_, i) => i % 50 === 0), ...keys(30, 99_999n)]);

  it('gives the in-memory filter byte for byte, on this thread and on two workers', async () => {
    const expected = buildRevocationFilter({ ...envelope, universe, revoked, seed: 5n, shards: 8 });
    for (const threads of [1, 2]) {
      const { bytes, stats } = await buildRevocationFilterStreaming({
        ...envelope, seed: 5n, shards: 8, threads,
        universe: keyArraySource('universe', universe, 3000), revoked: keyArraySource('revoked', revoked, 100),
      });
      expect(Buffer.from(bytes).equals(Buffer.from(expected)), `threads ${threads}`).toBe(true);
      expect(stats).toMatchObject({ shards: 8, universeRecords: 20_000, revoked: revoked.length, bytes: bytes.length });
      expect(Object.values(stats.widths).reduce((a, b) => a + b, 0)).toBe(8);
    }
    const opened = openFilter(expected, root.publicKey)!;
    expect(opened.problems).toEqual([]);
    const isRevoked = new Set(revoked);
    for (const k of [...universe, ...revoked]) if (lookup(opened.filter.shards, k) !== isRevoked.has(k)) expect.fail(`key ${k}`);
  });

  it('reports each phase in order, up to its total', async () => {
    const seen: FilterBuildProgress[] = [];
    await buildRevocationFilterStreaming({
      ...envelope, shards: 4,
      universe: keyArraySource('universe', universe, 4000), revoked: keyArraySource('revoked', revoked),
      onProgress: (p) => seen.push(p),
    });
    const phases = [...new Set(seen.map((p) => p.phase))];
    expect(phases).toEqual(['revoked', 'count', 'stage1', 'screen', 'stage2']);
    for (const phase of phases) {
      const own = seen.filter((p) => p.phase === phase);
      expect(own.map((p) => p.done)).toEqual([...own.map((p) => p.done)].sort((a, b) => a - b));
      expect(own.at(-1)!.done).toBe(own.at(-1)!.total);
    }
  });

  it('refuses a bad record with the source and line, from a worker thread too', async () => {
    const text = (lines: string[]): KeySource => ({
      name: 'list.txt',
      format: 'hex',
      async *chunks() {
        yield { bytes: new TextEncoder().encode(lines.join('\n')), first: 41 };
      },
    });
    for (const threads of [1, 2]) {
      const build = buildRevocationFilterStreaming({
        ...envelope, threads, universe: text(['0011223344556677', '00112233445566']), revoked: keyArraySource('revoked', revoked),
      });
      await expect(build).rejects.toThrow(RevocationFilterError);
      await expect(build).rejects.toThrow('list.txt: line 42: 14 hex digits');
    }
  });

  it('refuses, before screening the universe, a shard whose stage would not fit one build', async () => {
    const chunk = new Uint8Array(4 * 1024 * 1024);
    let passes = 0;
    const huge: KeySource = {
      name: 'huge.bin',
      format: 'bin',
      async *chunks() {
        passes++;
        for (let i = 0; i <= (2 ** 27 * 8) / chunk.length; i++) yield { bytes: chunk, first: 1 + (i * chunk.length) / 8 }; // on this thread nothing is handed over
      },
    };
    const build = buildRevocationFilterStreaming({ ...envelope, r: 0, shards: 1, universe: huge, revoked: keyArraySource('revoked', revoked) });
    await expect(build).rejects.toThrow(/shard 0 would hold about 134742016 keys in one stage.*use more shards or a larger r/);
    expect(passes).toBe(1);
  });

  it('refuses bad options before reading anything', async () => {
    const never: KeySource = {
      name: 'never',
      format: 'bin',
      chunks() {
        throw new Error('read');
      },
    };
    const base = { ...envelope, universe: never, revoked: never };
    await expect(buildRevocationFilterStreaming({ ...base, covers: 2_000_001 })).rejects.toThrow(/covers .* must not be after issued_at/);
    await expect(buildRevocationFilterStreaming({ ...base, shards: 6 })).rejects.toThrow(/power of two/);
    await expect(buildRevocationFilterStreaming({ ...base, r: 40 })).rejects.toThrow(/r must be an integer from 0 to 32/);
    await expect(buildRevocationFilterStreaming({ ...base, threads: 0 })).rejects.toThrow(/threads must be/);
  });
});

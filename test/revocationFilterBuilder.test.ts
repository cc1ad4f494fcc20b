/**
 * Revocation filters (PG1 §7.3) from the issuer toolkit: the reference lookup against the public
 * vectors, the builder's 64-bit arithmetic against them and against BigInt, and built filters
 * opened by the reference: well-formed, signed by the root, and exact for every member of U.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeValue } from '../sdk/cbor/valueDecoder.js';
import { Tagged } from '../sdk/cbor/deterministicEncoder.js';
import { instantiateCore } from '../sdk/core/loadCore.js';
import { VerifierCore } from '../sdk/core/verifierCore.js';
import { filterShardProblem, parseRevocationFilter } from '../sdk/pg1/revocationFilter.js';
import {
  buildRevocationFilter,
  generateKeyPair,
  log2Binomial,
  RevocationFilterError,
  type BuildRevocationFilterOptions,
} from '../sdk/issuer/index.js';
import { fingerprint as builderFingerprint, FuseLayout, mixInto } from '../sdk/issuer/filter/fuseHash.js';
import { packEntries } from '../sdk/issuer/filter/tablePacking.js';
import { hex, vectorJson } from './helpers/vectors.js';
import { entry, fingerprint, lookup, mix, openFilter, pos, shardProblems, type ReferenceShard } from './reference/revocationFilter.js';

interface LookupVectors {
  readonly steps: readonly {
    key: string;
    seed: string;
    L: number;
    S: number;
    'mix(key+seed)': string;
    p0: number;
    p1: number;
    p2: number;
    fingerprint_r8: number;
    fingerprint_r32: number;
  }[];
  readonly filters: readonly {
    shards: readonly [string, number, number, number, string, string, number, number, string][];
    members: readonly { cti: string; key: string; revoked: boolean }[];
  }[];
}

const vectors = vectorJson<LookupVectors>('pg1-filter/lookup.json');
const U64 = (1n << 64n) - 1n;
const root = generateKeyPair();
const NOW = 1_750_000_000;

const words = (x: bigint): [number, number] => [Number(x >> 32n), Number(x & 0xffffffffn)];
const join = (w: ArrayLike<number>): bigint => (BigInt(w[0]!) << 32n) | BigInt(w[1]!);

function builderPositions(h: bigint, L: number, S: number): bigint[] {
  const out = new Uint32Array(3);
  new FuseLayout(L, S).positions(...words(h), out);
  return Array.from(out, BigInt);
}

describe('the reference lookup (test/reference) against the PG1 vectors', () => {
  it('computes every intermediate value of the steps', () => {
    for (const v of vectors.steps) {
      const h = mix(BigInt(v.key) + BigInt(v.seed));
      expect(h.toString()).toBe(v['mix(key+seed)']);
      expect(pos(h, BigInt(v.L), BigInt(v.S))).toEqual([BigInt(v.p0), BigInt(v.p1), BigInt(v.p2)]);
      expect(fingerprint(h, 8n)).toBe(BigInt(v.fingerprint_r8));
      expect(fingerprint(h, 32n)).toBe(BigInt(v.fingerprint_r32));
    }
  });

  it('answers every member of every filter as the vectors say, and finds the filters well-formed', () => {
    for (const f of vectors.filters) {
      const shards: ReferenceShard[] = f.shards.map(([seed1, r, L1, S1, T1, seed2, L2, S2, T2]) => ({
        seed1: BigInt(seed1), r: BigInt(r), L1: BigInt(L1), S1: BigInt(S1), T1: hex(T1),
        seed2: BigInt(seed2), L2: BigInt(L2), S2: BigInt(S2), T2: hex(T2),
      }));
      expect(shardProblems(shards)).toEqual([]);
      for (const m of f.members) {
        const key = new DataView(sha256(hex(m.cti)).buffer).getBigUint64(0, false);
        expect(key.toString()).toBe(m.key);
        expect(lookup(shards, key), m.cti).toBe(m.revoked);
      }
    }
  });
});

describe("the builder's 64-bit arithmetic (32-bit words, no BigInt)", () => {
  it('gives the vectors\' mix, positions and fingerprints, including key + seed past 2^64', () => {
    const h = new Uint32Array(2);
    for (const v of vectors.steps) {
      mixInto(...words(BigInt(v.key)), ...words(BigInt(v.seed)), h);
      expect(join(h).toString()).toBe(v['mix(key+seed)']);
      expect(builderPositions(join(h), v.L, v.S)).toEqual([BigInt(v.p0), BigInt(v.p1), BigInt(v.p2)]);
      expect(builderFingerprint(h[0]!, h[1]!, 8)).toBe(v.fingerprint_r8);
      expect(builderFingerprint(h[0]!, h[1]!, 32)).toBe(v.fingerprint_r32);
    }
  });

  it('agrees with BigInt on random keys, seeds and layouts', () => {
    const u64 = fc.bigInt({ min: 0n, max: U64 });
    fc.assert(
      fc.property(u64, u64, fc.integer({ min: 0, max: 18 }), fc.nat({ max: 2 ** 32 }), fc.integer({ min: 1, max: 32 }), (key, seed, lBits, sRaw, r) => {
        const L = 2 ** lBits;
        const S = 1 + (sRaw % (2 ** 32 / L - 2)); // every S with (S + 2) * L <= 2^32, up to S * L near 2^32
        const h = new Uint32Array(2);
        mixInto(...words(key), ...words(seed), h);
        const expected = mix(key + seed);
        expect(join(h)).toBe(expected);
        expect(builderPositions(expected, L, S)).toEqual(pos(expected, BigInt(L), BigInt(S)));
        expect(BigInt(builderFingerprint(h[0]!, h[1]!, r))).toBe(fingerprint(expected, BigInt(r)));
      }),
      { numRuns: 2000 },
    );
  });

  it('packs w-bit entries as §7.3 reads them, with zero bits after the last', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 32 }), fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (w, raw) => {
        const entries = Uint32Array.from(raw, (x) => (w === 32 ? x : x % 2 ** w));
        const packed = packEntries(entries, w);
        expect(packed.length).toBe(Math.ceil((entries.length * w) / 8));
        entries.forEach((e, i) => expect(entry(packed, BigInt(i), BigInt(w))).toBe(BigInt(e)));
        const used = entries.length * w;
        if (used % 8 !== 0) expect(packed[packed.length - 1]! >> used % 8).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});

/** Random 8-byte keys (fast-check's own randomness, so a failure replays). */
const keyArb = fc.bigInt({ min: 0n, max: U64 });

interface World {
  readonly universe: bigint[];
  readonly revoked: bigint[];
}

function prefix(k: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, k, false);
  return out;
}

function build(world: World, over: Partial<BuildRevocationFilterOptions> = {}): Uint8Array {
  return buildRevocationFilter({
    rootSecret: root.secretKey,
    version: 7,
    issuedAt: NOW,
    expires: NOW + 86_400,
    covers: NOW - 60,
    universe: world.universe.map(prefix),
    revoked: BigUint64Array.from(world.revoked),
    ...over,
  });
}

let core: VerifierCore;
beforeAll(async () => { core = new VerifierCore(await instantiateCore()); });

/**
 * Opens the filter with the reference and checks it: signed, well-formed, exact for U ∪ R. Then the
 * same through the SDK's parser and the core's lookup (sdk/pg1/revocationFilter.ts, assembly/): the
 * product must read the builder's filters as the reference does.
 */
function expectExact(bytes: Uint8Array, world: World): ReferenceShard[] {
  const opened = openFilter(bytes, root.publicKey);
  expect(opened).not.toBeNull();
  expect(opened!.problems).toEqual([]);
  expect(opened!.filter.covers).toBe(BigInt(NOW - 60));
  const parsed = parseRevocationFilter(decodeValue(((decodeValue(bytes) as Tagged).value as Uint8Array[])[2]!));
  expect(parsed.shards.map(filterShardProblem).filter((p) => p !== null)).toEqual([]);
  core.loadRevocations({ expires: parsed.expires, prefixes: new Uint8Array(0), filter: { covers: parsed.covers, shards: parsed.shards } });
  const revoked = new Set(world.revoked);
  for (const k of new Set([...world.universe, ...world.revoked])) {
    if (lookup(opened!.filter.shards, k) !== revoked.has(k)) expect.fail(`key ${k.toString(16)}: the reference lookup says ${!revoked.has(k)}`);
    if (core.isRevoked(prefix(k), NOW - 60) !== revoked.has(k)) expect.fail(`key ${k.toString(16)}: the core says ${!revoked.has(k)}`);
  }
  return [...opened!.filter.shards];
}

/** A universe of n random keys, a share of them revoked, some revoked keys outside it, some repeats. */
const worldArb = fc
  .record({
    universe: fc.array(keyArb, { maxLength: 1500 }),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
    outside: fc.array(keyArb, { maxLength: 20 }),
    repeats: fc.nat({ max: 30 }),
  })
  .map(({ universe, share, outside, repeats }): World => ({
    universe: [...universe, ...universe.slice(0, repeats)],
    revoked: [...universe.filter((_, i) => i < universe.length * share), ...outside],
  }));

describe('buildRevocationFilter: exact for every member of U under the reference lookup', () => {
  it('for random universes and revoked sets, with chosen or fixed shards and r', () => {
    fc.assert(
      fc.property(
        worldArb,
        fc.constantFrom(undefined, 1, 2, 16),
        fc.constantFrom(undefined, undefined, 0, 1, 8, 9, 16, 17, 32), // the screen keeps entries in bytes, halfwords or words
        (world, shards, r) => {
          const shardList = expectExact(build(world, { shards, r }), world);
          if (shards !== undefined) expect(shardList.length).toBe(shards);
          if (r !== undefined) for (const s of shardList) expect(s.r).toBe(BigInt(r));
        },
      ),
      { numRuns: 40 },
    );
  });

  const universe = Array.from({ length: 3000 }, (_, i) => BigInt.asUintN(64, BigInt(i + 1) * 0x9e3779b97f4a7c15n));

  it('with no revoked key: r = 0 and a constant stage 2 (one byte a shard)', () => {
    const world = { universe, revoked: [] };
    const [shard] = expectExact(build(world), world);
    expect(shard!.r).toBe(0n);
    expect(shard!.T2.length).toBe(1);
  });

  it('with every key revoked: r = 0 and a constant stage 2 of ones', () => {
    const world = { universe, revoked: universe };
    const [shard] = expectExact(build(world), world);
    expect(shard!.r).toBe(0n);
    expect(shard!.T2).toEqual(Uint8Array.of(0b111));
  });

  it('with r = 0 (stage 2 alone holds U) and r = 32', () => {
    const world = { universe, revoked: universe.filter((_, i) => i % 7 === 0) };
    for (const r of [0, 32]) {
      const [shard] = expectExact(build(world, { r }), world);
      expect(shard!.r).toBe(BigInt(r));
      if (r === 0) expect([shard!.L1, shard!.S1, shard!.T1.length]).toEqual([0n, 0n, 0]);
    }
  });

  it('with one shard and with 65,536 shards', () => {
    const world = { universe, revoked: universe.filter((_, i) => i % 5 === 0) };
    expect(expectExact(build(world, { shards: 1 }), world)).toHaveLength(1);
    expect(expectExact(build(world, { shards: 65536 }), world)).toHaveLength(65536);
  });

  it('takes revoked keys missing from U into U, and repeated keys of U as one', () => {
    const world = { universe: [...universe, ...universe], revoked: [1n, 2n, U64, universe[3]!] };
    expectExact(build(world), world);
  });

  it('picks r near log2(|U| / |R|) and stays near the information-theoretic bound', () => {
    const big = Array.from({ length: 50_000 }, (_, i) => BigInt.asUintN(64, BigInt(i + 7) * 0xd1b54a32d192ed03n));
    const world = { universe: big, revoked: big.filter((_, i) => i % 100 === 0) };
    const bytes = build(world, { seed: 1n });
    const opened = openFilter(bytes, root.publicKey)!;
    const [shard] = opened.filter.shards;
    expect(shard!.r).toBe(6n); // log2(99 ln 2) = 6.1
    const tables = shard!.T1.length + shard!.T2.length;
    // 500 revoked keys is a small set: its tables need a wider margin than the large ones of the benchmark.
    expect(tables / (log2Binomial(50_000, 500) / 8)).toBeLessThan(1.5);
  });

  it('gives the same bytes for the same seed', () => {
    const world = { universe: universe.slice(0, 500), revoked: universe.slice(0, 50) };
    const a = openFilter(build(world, { seed: 42n }), root.publicKey)!;
    const b = openFilter(build(world, { seed: 42n }), root.publicKey)!;
    expect(a.filter.shards).toEqual(b.filter.shards);
  });
});

describe('buildRevocationFilter refuses what it cannot build', () => {
  const world = { universe: [1n, 2n, 3n], revoked: [2n] };
  const code = (f: () => unknown): string | undefined => {
    try {
      f();
    } catch (e) {
      if (e instanceof RevocationFilterError) return `${e.code}: ${e.message}`;
      throw e;
    }
    return undefined;
  };

  it('covers after issued_at', () => {
    expect(code(() => build(world, { covers: NOW + 1 }))).toMatch(/^BAD_OPTION: covers/);
  });

  it('a shard count that is not a power of two from 1 to 65,536', () => {
    for (const shards of [0, 3, 131072, 1.5, -2]) expect(code(() => build(world, { shards }))).toMatch(/^BAD_OPTION: the number of shards/);
  });

  it('r outside 0..32', () => {
    for (const r of [33, -1, 2.5]) expect(code(() => build(world, { r }))).toMatch(/^BAD_OPTION: r must be/);
  });

  it('keys that are not 8-byte prefixes', () => {
    expect(code(() => build(world, { universe: [new Uint8Array(8), new Uint8Array(16)] }))).toMatch(/^BAD_KEYS: universe\[1\]/);
  });
});

describe('log2Binomial: the bound the benchmark divides by', () => {
  function exactLog2(n: number, k: number): number {
    let c = 1n;
    for (let i = 0; i < k; i++) c = (c * BigInt(n - i)) / BigInt(i + 1);
    // log2 of a big integer: its top 53 bits as a double, plus the bits below them.
    const bits = c.toString(2).length;
    const shift = Math.max(0, bits - 53);
    return Math.log2(Number(c >> BigInt(shift))) + shift;
  }

  it('matches exact BigInt binomials to 1e-9 relative', () => {
    for (const [n, k] of [[10, 3], [64, 32], [100, 9], [100, 10], [1000, 10], [1000, 500], [2000, 20], [2000, 1999], [5000, 2500], [1, 1], [7, 0]] as const) {
      const exact = exactLog2(n, k);
      expect(Math.abs(log2Binomial(n, k) - exact), `C(${n}, ${k})`).toBeLessThanOrEqual(1e-9 * Math.max(1, exact));
    }
  });

  it('gives 8.5668 bits per revoked key for 10^7 among 1.4 * 10^9 (about log2(N/R) + log2 e)', () => {
    expect(log2Binomial(1.4e9, 1e7) / 1e7).toBeCloseTo(8.5668, 4);
  });
});

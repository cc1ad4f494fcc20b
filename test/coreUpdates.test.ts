// Updates of the core's state are all or nothing (issue 11, "commit after the core accepts"): a trust
// or revocation update that fails, for memory above all, leaves every verification result as it was;
// a revocation update does not touch the issuer tables, and a trust update keeps the revocation state.
import { beforeEach, describe, expect, it } from 'vitest';
import { PassgateError } from '../sdk/errors.js';
import { revokedPrefix } from '../sdk/issuer/index.js';
import { filterVectors, filterPayload, shardValue } from './support/filterVectors.js';
import { parseRevocationFilter } from '../sdk/pg1/revocationFilter.js';
import { DAY, NOW, issuerEntry, issuerKey, nationalEntry, nationalKey, presentAll, token } from './support/issuerFixtures.js';
import { coreUnderTest, issuerKeyOf, manyIssuers, prefixSet, type CoreUnderTest } from './support/coreFixtures.js';

// 2.5 MiB: the static data (about 0.7 MiB), the state below, comb tables for both keys and batch
// scratch fit; 200,000 prefixes (1.6 MB) or 6,000 issuer keys (1.8 MB) staged beside them do not.
const CAP_PAGES = 40;

const revoked = token();
const revokedLater = token();
const national = token({ issuerSecret: nationalKey.secretKey, iss: 'CN' });
const inputs = [presentAll(token()), presentAll(revoked), presentAll(revokedLater), presentAll(national), presentAll(token({ exp: NOW - DAY }))];

function outOfMemory(update: () => void): PassgateError {
  try {
    update();
  } catch (e) {
    expect(e).toBeInstanceOf(PassgateError);
    expect((e as PassgateError).code).toBe('OUT_OF_MEMORY');
    return e as PassgateError;
  }
  throw new Error('the update succeeded');
}

let t: CoreUnderTest;
let before: unknown;
const results = (): unknown => ({
  single: inputs.map((x) => t.verifier.verify(x)),
  batch: t.verifier.verifyBatchLocal(inputs),
  tables: [0, 1].map((i) => t.core.hasPrecomputedTable(i)),
});

/** A core with both keys' tables built and a revocation list of 1,001 prefixes. */
async function setUp(maxMemoryPages?: number): Promise<void> {
  t = await coreUnderTest(maxMemoryPages === undefined ? {} : { maxMemoryPages });
  t.core.loadRevocations({ expires: NOW + DAY, prefixes: prefixSet([revokedPrefix(revoked.cti)], 1000) });
  // Two uses each: both keys have their tables (the results must not depend on it, but the tables must survive).
  for (let i = 0; i < 2; i++) results();
  before = results();
  expect(before).toMatchObject({ single: [{ result: 'OK' }, { result: 'TOKEN_REVOKED' }, { result: 'OK' }, { result: 'OK' }, { result: 'EXPIRED' }], tables: [true, true] });
}

beforeEach(() => setUp(CAP_PAGES));

describe('under a memory cap', () => {
  it('a revocation update too large for the core fails as OUT_OF_MEMORY and changes nothing; a smaller one then succeeds', () => {
    const big = prefixSet([revokedPrefix(revokedLater.cti)], 200_000);
    outOfMemory(() => t.core.loadRevocations({ expires: NOW + DAY, prefixes: big }));
    expect(t.memoryBytes()).toBeLessThanOrEqual(CAP_PAGES * 65_536);
    expect(results()).toEqual(before);
    t.core.loadRevocations({ expires: NOW + DAY, prefixes: prefixSet([revokedPrefix(revokedLater.cti)], 2000) });
    expect(inputs.map((x) => t.verifier.verify(x).result)).toEqual(['OK', 'OK', 'TOKEN_REVOKED', 'OK', 'EXPIRED']);
  });

  it('so does a filter too large for the core', () => {
    const f = parseRevocationFilter(filterPayload([[0, 0, 0, 0, new Uint8Array(0), 1, 2 ** 18, 64, new Uint8Array(66 * 2 ** 15)]],
      { issuedAt: NOW, expires: NOW + DAY, covers: NOW }));
    outOfMemory(() => t.core.loadRevocations({ expires: f.expires, prefixes: new Uint8Array(0), filter: { covers: f.covers, shards: f.shards } }));
    expect(results()).toEqual(before);
  });

  it('a trust update too large for the core fails as OUT_OF_MEMORY and changes nothing; a smaller one then succeeds', () => {
    const { entries } = manyIssuers(6000);
    outOfMemory(() => t.core.loadTrust([issuerEntry(), nationalEntry, ...entries].map(issuerKeyOf), NOW + 30 * DAY, undefined));
    expect(results()).toEqual(before);
    t.core.loadTrust([nationalEntry, ...entries.slice(0, 3), issuerEntry()].map(issuerKeyOf), NOW + 30 * DAY, undefined);
    expect(inputs.map((x) => t.verifier.verify(x).result)).toEqual(['OK', 'TOKEN_REVOKED', 'OK', 'OK', 'EXPIRED']);
  });

  it('a comb table that memory cannot hold is not built: the key stays on the plain path with the same results', async () => {
    const tight = await coreUnderTest({ maxMemoryPages: 32 });   // the initial memory: no growth at all
    // The largest revocation list that fits leaves less than a comb table (165,120 bytes) free.
    const prefixes = prefixSet([], 200_000);
    let n = prefixes.length / 8;
    for (; n > 0; n -= 10_000) {
      try {
        tight.core.loadRevocations({ expires: NOW + DAY, prefixes: prefixes.subarray(0, 8 * n) });
        break;
      } catch (e) {
        expect((e as PassgateError).code).toBe('OUT_OF_MEMORY');
      }
    }
    expect(n).toBeGreaterThan(100_000);
    const r = Array.from({ length: 3 }, () => inputs.map((x) => tight.verifier.verify(x).result));
    expect(r).toEqual(Array.from({ length: 3 }, () => ['OK', 'OK', 'OK', 'OK', 'EXPIRED']));
    expect([0, 1].map((i) => tight.core.hasPrecomputedTable(i))).toEqual([false, false]);
  });
});

describe('a trust list and a revocation state put in force together (a restored or adopted state)', () => {
  const nextTrust = (): ReturnType<typeof issuerKeyOf>[] => [nationalEntry, issuerEntry()].map(issuerKeyOf);

  it('fail together when the core cannot hold both, though it could hold the trust list alone', () => {
    const big = prefixSet([revokedPrefix(revokedLater.cti)], 200_000);
    outOfMemory(() => t.core.load(nextTrust(), NOW + 30 * DAY, undefined, { expires: NOW + DAY, prefixes: big }));
    expect(results()).toEqual(before);
  });

  it('fail together when the revocation state is refused for its content', () => {
    const p = prefixSet([], 3);
    const unsorted = new Uint8Array([...p.subarray(8, 16), ...p.subarray(0, 8)]);
    expect(() => t.core.load(nextTrust(), NOW + 30 * DAY, undefined, { expires: NOW + DAY, prefixes: unsorted })).toThrow(/ascending/);
    expect(results()).toEqual(before);
  });

  it('succeed together', () => {
    t.core.load(nextTrust(), NOW + 30 * DAY, undefined, { expires: NOW + DAY, prefixes: revokedPrefix(revokedLater.cti) });
    expect(inputs.map((x) => t.verifier.verify(x).result)).toEqual(['OK', 'OK', 'TOKEN_REVOKED', 'OK', 'EXPIRED']);
    expect([0, 1].map((i) => t.core.hasPrecomputedTable(i))).toEqual([true, true]);
  });
});

describe('updates that the core refuses for their content change nothing either', () => {
  it('prefixes out of order', () => {
    const p = prefixSet([revokedPrefix(revokedLater.cti)], 10);
    const swapped = p.slice();
    swapped.set(p.subarray(8, 16), 0);
    swapped.set(p.subarray(0, 8), 8);
    expect(() => t.core.loadRevocations({ expires: NOW + DAY, prefixes: swapped })).toThrow(/not strictly ascending/);
    expect(results()).toEqual(before);
  });

  it('a filter shard whose table does not match its geometry (the core checks it too: no read outside a table)', () => {
    const good = parseRevocationFilter(filterPayload(filterVectors.filters[0]!.shards.map(shardValue), { issuedAt: NOW, expires: NOW + DAY, covers: NOW }));
    const s = good.shards[0]!;
    const shards = [{ ...s, stage2: { ...s.stage2, segmentLength: 2 ** 18 } }];
    expect(() => t.core.loadRevocations({ expires: NOW + DAY, prefixes: new Uint8Array(0), filter: { covers: NOW, shards } })).toThrow(/geometry/);
    expect(results()).toEqual(before);
  });

  it('a kid that repeats', () => {
    expect(() => t.core.loadTrust([issuerEntry(), nationalEntry, issuerEntry()].map(issuerKeyOf), NOW + DAY, undefined)).toThrow(/kid repeats/);
    expect(results()).toEqual(before);
  });
});

describe('each update touches only its own part of the state', () => {
  it('a trust update keeps the revocation state, and the comb tables of the keys that stay', () => {
    const { entries } = manyIssuers(2);
    t.core.loadTrust([entries[0]!, nationalEntry, entries[1]!, issuerEntry()].map(issuerKeyOf), NOW + 30 * DAY, undefined);
    expect(t.verifier.verify(presentAll(revoked)).result).toBe('TOKEN_REVOKED');
    expect([0, 1, 2, 3].map((i) => t.core.hasPrecomputedTable(i))).toEqual([false, true, false, true]);
    expect(t.core.hasPrecomputedTable(4)).toBe(false);
    expect(t.verifier.verify(presentAll(national)).result).toBe('OK');
  });

  it('a revocation update keeps the issuer tables', () => {
    t.core.loadRevocations({ expires: NOW + DAY, prefixes: prefixSet([revokedPrefix(revokedLater.cti)], 5) });
    expect([0, 1].map((i) => t.core.hasPrecomputedTable(i))).toEqual([true, true]);
    expect(t.verifier.verify(presentAll(revokedLater)).result).toBe('TOKEN_REVOKED');
    expect(t.verifier.verify(presentAll(revoked)).result).toBe('OK');
  });

  it('regions that grow, shrink and move keep every byte: the tables still verify after each move', async () => {
    await setUp();
    // Revocations sit between the issuers and the comb tables: growing them by more than the tables'
    // size parks the tables above the new state, by less it moves them up, and shrinking moves them down.
    for (const extra of [100_000, 100_400, 10, 60_000]) {
      t.core.loadRevocations({ expires: NOW + DAY, prefixes: prefixSet([revokedPrefix(revoked.cti)], extra) });
      expect(results()).toEqual(before);
    }
    const { entries } = manyIssuers(3000);
    t.core.loadTrust([issuerEntry(), nationalEntry, ...entries].map(issuerKeyOf), NOW + 30 * DAY, undefined);
    expect(results()).toEqual(before);
    t.core.loadTrust([issuerEntry(), nationalEntry].map(issuerKeyOf), NOW + 30 * DAY, undefined);
    expect(results()).toEqual(before);
  });

  it('a key that leaves the trust list takes its table with it, and comes back without one', () => {
    t.core.loadTrust([nationalEntry].map(issuerKeyOf), NOW + 30 * DAY, undefined);
    expect(t.verifier.verify(presentAll(token())).result).toBe('UNKNOWN_KID');
    expect(t.core.hasPrecomputedTable(0)).toBe(true);
    t.core.loadTrust([nationalEntry, issuerEntry()].map(issuerKeyOf), NOW + 30 * DAY, undefined);
    expect([0, 1].map((i) => t.core.hasPrecomputedTable(i))).toEqual([true, false]);
    expect(inputs.map((x) => t.verifier.verify(x).result)).toEqual(['OK', 'TOKEN_REVOKED', 'OK', 'OK', 'EXPIRED']);
    expect(issuerKey.publicKey).toHaveLength(32);
  });
});

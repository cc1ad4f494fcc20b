// Issuer comb tables within a budget (issue 9 §2): keys beyond it verify on the plain path with the
// same results; tables follow use (from a key's 2nd verified use; the least recently used table gives
// way to a key used more often); a batch builds nothing until the next batch; 10,000 keys work.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTrustList, issueToken, toQrText, type IssuedToken, type KeyPair, type TrustListIssuer } from '../sdk/issuer/index.js';
import { DAY, NOW, issuerEntry, issuerKey, nationalEntry, nationalKey, presentAll, root, token, trustList } from './support/issuerFixtures.js';
import { coreUnderTest, manyIssuers } from './support/coreFixtures.js';

const TABLE_BYTES = 165_120;

/** The presentation of t with the last byte of the issuer's signature flipped (after the array head). */
function forged(t: IssuedToken): Uint8Array {
  const b = presentAll(t);
  b[t.token.length]! ^= 1;
  return b;
}

const third = manyIssuers(1);
const thirdKey = third.keys[0]!;
const threeIssuers = (): Uint8Array => trustList({ issuers: [issuerEntry(), nationalEntry, third.entries[0]!] });
const tokenOf = (k: KeyPair, iss: string): Uint8Array => presentAll(token({ issuerSecret: k.secretKey, iss }));
const forgedC = (): Uint8Array => forged(token({ issuerSecret: thirdKey.secretKey, iss: 'CN-0' }));
const A = (): Uint8Array => presentAll(token());
const B = (): Uint8Array => tokenOf(nationalKey, 'CN');
const C = (): Uint8Array => tokenOf(thirdKey, 'CN-0');

describe('which keys get a comb table', () => {
  it('a key gets one at its 2nd use; when the budget is full, the least recently used table gives way to a key used more often', async () => {
    const { core, verifier } = await coreUnderTest({ precomputeBytes: 2 * TABLE_BYTES }, threeIssuers());
    const tables = (): boolean[] => [0, 1, 2].map((i) => core.hasPrecomputedTable(i));
    expect(verifier.verify(A()).result).toBe('OK');
    expect(tables()).toEqual([false, false, false]);
    verifier.verify(A());
    expect(tables()).toEqual([true, false, false]);
    verifier.verify(B());
    verifier.verify(B());
    expect(tables()).toEqual([true, true, false]);
    // Full: C's 2 uses are not more than A's (the least recently used): no churn.
    verifier.verify(C());
    verifier.verify(C());
    expect(tables()).toEqual([true, true, false]);
    verifier.verify(C());
    expect(tables()).toEqual([false, true, true]);
    // Every result is the same on either path.
    expect([A(), B(), C()].map((x) => verifier.verify(x).result)).toEqual(['OK', 'OK', 'OK']);
  });

  it('only verified uses count: forged presentations under a kid build nothing', async () => {
    const { core, verifier } = await coreUnderTest({}, threeIssuers());
    for (let i = 0; i < 5; i++) expect(verifier.verify(forgedC()).result).toBe('BAD_SIGNATURE');
    expect(core.hasPrecomputedTable(2)).toBe(false);
  });

  it('a batch builds nothing while it runs: a key that earned a table in one batch gets it at the start of the next', async () => {
    const { core, verifier } = await coreUnderTest({}, threeIssuers());
    expect(verifier.verifyBatchLocal([A(), A(), A()]).map((r) => r.result)).toEqual(['OK', 'OK', 'OK']);
    expect(core.hasPrecomputedTable(0)).toBe(false);
    expect(verifier.verifyBatchLocal([B()]).map((r) => r.result)).toEqual(['OK']);
    expect(core.hasPrecomputedTable(0)).toBe(true);
    expect(core.hasPrecomputedTable(1)).toBe(false);
  });

  it('with a budget of 0 no key ever gets a table', async () => {
    const { core, verifier } = await coreUnderTest({ precomputeBytes: 0 }, threeIssuers());
    for (let i = 0; i < 4; i++) verifier.verify(A());
    verifier.verifyBatchLocal([A(), B(), C()]);
    verifier.verifyBatchLocal([A(), B(), C()]);
    expect([0, 1, 2].map((i) => core.hasPrecomputedTable(i))).toEqual([false, false, false]);
  });
});

describe('the same results whatever the budget', () => {
  const { keys, entries } = manyIssuers(40);
  const list = trustList({ issuers: [issuerEntry(), nationalEntry, ...entries] });
  // Tokens of 40 keys, a few of them several times; every 7th with a broken signature.
  const inputs = Array.from({ length: 120 }, (_, i) => {
    const k = (i * 7) % 40;
    const t = token({ issuerSecret: keys[k]!.secretKey, iss: `CN-${k}` });
    const p = i % 7 === 3 ? forged(t) : presentAll(t);
    return i % 5 === 0 ? toQrText(p) : p;
  });

  it('0, 2 tables and 16 MiB give identical single and batch results, round after round', async () => {
    const runs = await Promise.all([0, 2 * TABLE_BYTES, 16 * 2 ** 20].map(async (precomputeBytes) => {
      const { verifier } = await coreUnderTest({ precomputeBytes }, list);
      return Array.from({ length: 3 }, () => ({ single: inputs.map((x) => verifier.verify(x)), batch: verifier.verifyBatchLocal(inputs) }));
    }));
    const first = runs[0]![0]!;
    expect(first.single.filter((r) => r.result === 'OK')).toHaveLength(120 - 17);
    expect(first.single.filter((r) => r.result === 'BAD_SIGNATURE')).toHaveLength(17);
    expect(first.batch).toEqual(first.single);
    for (const run of runs) for (const round of run) expect(round).toEqual(first);
  });
});

describe('a trust list of 10,000 keys', () => {
  const KEYS = 10_000;
  let many: { keys: KeyPair[]; entries: TrustListIssuer[] };
  let list: Uint8Array;
  beforeAll(() => {
    many = manyIssuers(KEYS);
    list = buildTrustList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW - DAY, expires: NOW + 30 * DAY, roots: [root.publicKey], issuers: many.entries });
  }, 120_000);

  it('applies; tokens of any key verify, singly and in batches of 64 distinct issuers; tables stay within the budget', async () => {
    const { core, verifier } = await coreUnderTest({}, list);
    const sample = Array.from({ length: 128 }, (_, s) => Math.floor((s * KEYS) / 128) + (s % 3));
    const tokens = sample.map((i) => issueToken({ issuerSecret: many.keys[i]!.secretKey, iss: `CN-${i}`, iat: NOW - 3600, exp: NOW + DAY, claims: { status: 0 } }));
    const inputs = tokens.map((t) => presentAll(t));
    for (let round = 0; round < 3; round++) {
      expect(inputs.map((x) => verifier.verify(x)).map((r) => r.result)).toEqual(inputs.map(() => 'OK'));
      const batch = verifier.verifyBatchLocal([...inputs.slice(0, 63), forged(tokens[63]!), ...inputs.slice(64)]);
      expect(batch.map((r) => r.result)).toEqual(inputs.map((_, i) => (i === 63 ? 'BAD_SIGNATURE' : 'OK')));
      expect(batch[5]!.iss).toBe(`CN-${sample[5]}`);
    }
    let tables = 0;
    for (let i = 0; i < KEYS; i++) if (core.hasPrecomputedTable(i)) tables++;
    expect(tables).toBeGreaterThan(0);
    expect(tables * TABLE_BYTES).toBeLessThanOrEqual(16 * 2 ** 20);
    expect(verifier.verify(presentAll(token({ issuerSecret: issuerKey.secretKey }))).result).toBe('UNKNOWN_KID');
  });
});

// Issue 17, defect 5: verifyBatch checks its items when the call is made, as verify() does: a wrong-typed
// item is BAD_ARGUMENT (never MALFORMED, a plain TypeError, or an uncaught RangeError from a worker's
// reply that ends the process), the caller's array is copied at the call, and an array-like with a huge
// length sizes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier, type Verifier } from '../../sdk/index.js';
import { toQrText } from '../../sdk/issuer/index.js';
import { NOW, presentAll, root, token, trustList } from '../support/issuerFixtures.js';

let v: Verifier;
let pooled: Verifier;
beforeAll(async () => {
  v = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW });
  await v.applyTrustList(trustList());
  pooled = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW, workers: 2 });
  await pooled.applyTrustList(trustList());
});
afterAll(async () => {
  await v.close();
  await pooled.close();
});

const good = toQrText(presentAll(token()));
const badArgument = { name: 'PassgateError', code: 'BAD_ARGUMENT' };

describe('verifyBatch takes presentations, as verify() does', () => {
  for (const [what, item] of [['a number', 1], ['null', null], ['an object', {}], ['undefined', undefined], ['an ArrayBuffer', new ArrayBuffer(4)]] as const) {
    it(`${what} among the items is BAD_ARGUMENT, at the call, on either path`, async () => {
      const items = [good, item as unknown as string, good];
      expect(() => v.verify(item as unknown as string)).toThrow(expect.objectContaining(badArgument));
      await expect(v.verifyBatch(items)).rejects.toMatchObject(badArgument);
      expect(() => v.verifyBatchLocal(items)).toThrow(expect.objectContaining(badArgument));
    });
  }

  it('20,000 items on a pool of 2 workers with one {} in the middle: BAD_ARGUMENT the caller catches, and the pool still works', async () => {
    const items: unknown[] = Array.from({ length: 20_000 }, () => good);
    items[10_000] = {};
    await expect(pooled.verifyBatch(items as string[])).rejects.toMatchObject({ ...badArgument, message: expect.stringMatching(/inputs\[10000\] is object/) });
    items[10_000] = 42;
    await expect(pooled.verifyBatch(items as string[])).rejects.toMatchObject(badArgument);
    items[10_000] = good;
    const results = await pooled.verifyBatch(items as string[]);
    expect(results.every((r) => r.result === 'OK')).toBe(true);
  });

  it('the caller emptying its array after the call changes nothing', async () => {
    const items = Array.from({ length: 600 }, () => good);
    const pending = pooled.verifyBatch(items);
    items.length = 0;
    const results = await pending;
    expect(results).toHaveLength(600);
    expect(new Set(results.map((r) => r.result))).toEqual(new Set(['OK']));
  });

  it('not an array, or an array-like with a huge length: BAD_ARGUMENT, nothing sized from it', async () => {
    for (const inputs of [{ length: 2 ** 32 - 1 }, { length: 1e15, 0: good }, 'PG1:ABC', new Uint8Array(8), null]) {
      await expect(pooled.verifyBatch(inputs as unknown as string[])).rejects.toMatchObject(badArgument);
      expect(() => v.verifyBatchLocal(inputs as unknown as string[])).toThrow(expect.objectContaining(badArgument));
    }
    const sparse: string[] = [];
    sparse.length = 2 ** 32 - 1; // holes: the first is undefined
    await expect(pooled.verifyBatch(sparse)).rejects.toMatchObject({ ...badArgument, message: expect.stringMatching(/inputs\[0\] is undefined/) });
  });
});

// verifyBatch over worker threads: the same results as in one thread, in input order; workers follow
// list updates; destroy() stops them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier, type Verifier } from '../sdk/index.js';
import { buildRevocationList, revokedPrefix, toQrText } from '../sdk/issuer/index.js';
import { DAY, NOW, bindingNow, device, presentAll, root, token, trustList } from './support/issuerFixtures.js';

let pooled: Verifier;
let single: Verifier;
beforeAll(async () => {
  pooled = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW, workers: 2 });
  single = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW });
  for (const v of [pooled, single]) await v.applyTrustList(trustList());
});
afterAll(async () => {
  await pooled?.destroy();
});

const inputs = Array.from({ length: 300 }, (_, i) => {
  const t = token({ ...(i % 3 === 0 ? { cnf: device.publicKey } : {}), ...(i % 7 === 0 ? { exp: NOW - DAY } : {}) });
  const p = presentAll(t, i % 3 === 0 ? bindingNow() : undefined);
  return i % 2 === 0 ? toQrText(p) : p;
});

describe('worker pool', () => {
  it('gives the single-thread results in input order', async () => {
    const expected = single.verifyBatchLocal(inputs, { venue: 'general' });
    expect(await pooled.verifyBatch(inputs, { venue: 'general' })).toEqual(expected);
    expect(expected.filter((r) => r.result === 'EXPIRED').length).toBeGreaterThan(10);
  });

  it('follows list updates (a revocation applied after start)', async () => {
    const t = token();
    const batch = [...inputs.slice(0, 100), presentAll(t)];
    expect((await pooled.verifyBatch(batch)).at(-1)?.result).toBe('OK');
    await pooled.applyRevocations(buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW, expires: NOW + DAY, revoked: [revokedPrefix(t.cti)] }));
    expect((await pooled.verifyBatch(batch)).at(-1)?.result).toBe('TOKEN_REVOKED');
  });

  it('checks the venue in the calling thread (a usage error throws)', async () => {
    await expect(pooled.verifyBatch(inputs, { venue: 'moon_base' })).rejects.toThrow(/not named/);
  });
});

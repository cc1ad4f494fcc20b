// Issue 11, defects 1 and 2: a root rotation must not lose the revocation state at the next start
// (a revoked pass must never verify OK), with or without workers.
import { describe, expect, it } from 'vitest';
import { createVerifier, type Verifier } from '../../sdk/index.js';
import { FileStorage } from '../../sdk/node.js';
import { buildRevocationDelta, buildRevocationList, revokedPrefix } from '../../sdk/issuer/index.js';
import { DAY, NOW, presentAll, root, root2, token, trustList } from '../support/issuerFixtures.js';
import { tempDirs } from '../support/tempDirs.js';

const tempDir = tempDirs();
const revoked = token();
const clean = token();
const later = token();

const make = (dir: string, workers?: number): Promise<Verifier> =>
  createVerifier({ roots: [root.publicKey], storage: new FileStorage(dir), now: () => NOW, ...(workers ? { workers } : {}) });

/** v1 (roots [R1]), a revocation list signed by R1, then v2 signed by R1 naming roots [R2]. */
async function rotate(v: Verifier): Promise<void> {
  await v.applyTrustList(trustList({ version: 1, roots: [root.publicKey] }));
  await v.applyRevocations(buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW, expires: NOW + DAY, revoked: [revokedPrefix(revoked.cti)] }));
  await v.applyTrustList(trustList({ version: 2, roots: [root2.publicKey] }));
}

describe('a root rotation, then a restart', () => {
  it('restores exactly the state in force: the revoked pass stays TOKEN_REVOKED', async () => {
    const dir = tempDir();
    const a = await make(dir);
    await rotate(a);
    expect(a.verify(presentAll(revoked)).result).toBe('TOKEN_REVOKED');
    await a.close();
    const b = await make(dir);
    expect(b.restoreProblems).toEqual([]);
    expect(b.trustList?.version).toBe(2);
    expect(b.revocationList).toMatchObject({ version: 1, count: 1 });
    expect(b.verify(presentAll(revoked)).result).toBe('TOKEN_REVOKED');
    expect(b.verify(presentAll(clean)).result).toBe('OK');
    // Only the new root signs from now on, and what it signs survives the next restart too.
    const byOldRoot = buildRevocationDelta({ rootSecret: root.secretKey, version: 2, issuedAt: NOW, expires: NOW + DAY, baseVersion: 1, added: [revokedPrefix(later.cti)], removed: [] });
    await expect(b.applyRevocations(byOldRoot)).rejects.toMatchObject({ reason: 'UNTRUSTED_SIGNER' });
    await b.applyRevocations(buildRevocationDelta({ rootSecret: root2.secretKey, version: 2, issuedAt: NOW, expires: NOW + DAY, baseVersion: 1, added: [revokedPrefix(later.cti)], removed: [] }));
    await b.close();
    const c = await make(dir);
    expect(c.restoreProblems).toEqual([]);
    expect([revoked, later, clean].map((t) => c.verify(presentAll(t)).result)).toEqual(['TOKEN_REVOKED', 'TOKEN_REVOKED', 'OK']);
    await c.close();
  });

  it('with workers: no worker fails, the host process keeps running, batches stay exact', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown): void => { unhandled.push(e); };
    process.on('unhandledRejection', onUnhandled);
    try {
      const dir = tempDir();
      const a = await make(dir, 2);
      await rotate(a);
      await a.close();
      const b = await make(dir, 2);
      const inputs = Array.from({ length: 300 }, (_, i) => presentAll(i % 3 === 0 ? revoked : clean));
      const results = await b.verifyBatch(inputs);
      expect(results.map((r) => r.result)).toEqual(inputs.map((_, i) => (i % 3 === 0 ? 'TOKEN_REVOKED' : 'OK')));
      await b.close();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

// Issue 11, defects 8 and 9: a corrupt scan log never blocks start-up; a truncated, zeroed or lost
// store never lowers the versions accepted, and revocations that were in force are never silently lost.
import { describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createVerifier, type Verifier } from '../../sdk/index.js';
import { FileStorage } from '../../sdk/node.js';
import { buildRevocationList, revokedPrefix } from '../../sdk/issuer/index.js';
import { DAY, NOW, presentAll, root, token, trustList } from '../support/issuerFixtures.js';
import { tempDirs } from '../support/tempDirs.js';

const tempDir = tempDirs();
const revoked = token();
const clean = token();
const make = (dir: string, scanLog = false): Promise<Verifier> =>
  createVerifier({ roots: [root.publicKey], storage: new FileStorage(dir), now: () => NOW, ...(scanLog ? { scanLog: { retention: DAY } } : {}) });
const revocations = (version: number): Uint8Array =>
  buildRevocationList({ rootSecret: root.secretKey, version, issuedAt: NOW, expires: NOW + DAY, revoked: [revokedPrefix(revoked.cti)] });

async function stored(dir: string): Promise<void> {
  const v = await make(dir, true);
  await v.applyTrustList(trustList({ version: 7 }));
  await v.applyRevocations(revocations(3));
  v.verify(presentAll(clean));
  await v.flush();
  await v.close();
}

describe('a damaged store', () => {
  it('a corrupt scan log is dropped with a restore problem; the gate starts and counts again', async () => {
    const dir = tempDir();
    await stored(dir);
    writeFileSync(join(dir, 'log.pgs'), 'not a log at all');
    const v = await make(dir, true);
    expect(v.restoreProblems).toEqual([{ list: 'log', reason: expect.stringMatching(/scan log unreadable and dropped/) }]);
    expect(v.verify(presentAll(clean)).result).toBe('OK');
    expect(v.scanLog()).toEqual([expect.objectContaining({ result: 'OK', count: 1 })]);
    await v.flush();
    await v.close();
    expect((await make(dir, true)).scanLog()).toEqual([expect.objectContaining({ result: 'OK', count: 1 })]);
  });

  for (const [what, damage] of [
    ['truncated', (b: Buffer) => b.subarray(0, b.length >> 1)],
    ['zeroed', (b: Buffer) => Buffer.alloc(b.length)],
    ['emptied', () => Buffer.alloc(0)],
  ] as const) {
    it(`a ${what} state record: reported, revocations fail closed, no older list accepted`, async () => {
      const dir = tempDir();
      await stored(dir);
      const path = join(dir, 'state.pgs');
      writeFileSync(path, damage(readFileSync(path)));
      const v = await make(dir);
      expect(v.trustList).toBeNull();
      expect(v.restoreProblems.map((p) => p.list)).toEqual(['store', 'trust', 'revocations']);
      await expect(v.applyTrustList(trustList({ version: 6 }))).rejects.toMatchObject({ reason: 'ROLLBACK' });
      await v.applyTrustList(trustList({ version: 7 })); // the very list the anchor recorded
      // The revocation state that was in force is lost: fail closed rather than admit revoked passes.
      expect(v.verify(presentAll(clean)).result).toBe('TRUST_LIST_EXPIRED');
      await expect(v.applyRevocations(revocations(2))).rejects.toMatchObject({ reason: 'ROLLBACK' });
      await v.applyRevocations(revocations(3));
      expect([revoked, clean].map((t) => v.verify(presentAll(t)).result)).toEqual(['TOKEN_REVOKED', 'OK']);
    });
  }

  // Without its anchor nothing says the record is the latest (issue 17): anchorRollback.test.ts.
  it('a lost anchor: the state record is not put in force; it still bounds the versions', async () => {
    const dir = tempDir();
    await stored(dir);
    rmSync(join(dir, 'anchor.pgs'));
    const v = await make(dir);
    expect(v.restoreProblems.map((p) => p.list)).toEqual(['store', 'trust', 'revocations']);
    expect(v.trustList).toBeNull();
    await expect(v.applyTrustList(trustList({ version: 6 }))).rejects.toMatchObject({ reason: 'ROLLBACK' });
    await v.applyTrustList(trustList({ version: 7 }));
    expect(v.verify(presentAll(clean)).result).toBe('TRUST_LIST_EXPIRED');
    await v.applyRevocations(revocations(3));
    expect(v.verify(presentAll(revoked)).result).toBe('TOKEN_REVOKED');
  });

  it('an anchor that cannot be read is reported; the state record still bounds the versions', async () => {
    const dir = tempDir();
    await stored(dir);
    writeFileSync(join(dir, 'anchor.pgs'), Buffer.alloc(100));
    const v = await make(dir);
    expect(v.restoreProblems[0]).toEqual({ list: 'store', reason: expect.stringMatching(/rollback anchor unreadable/) });
    await expect(v.applyTrustList(trustList({ version: 5 }))).rejects.toMatchObject({ reason: 'ROLLBACK' });
    expect(() => v.verify(presentAll(revoked))).toThrow(expect.objectContaining({ code: 'NO_TRUST_LIST' }));
  });

  it('an older state record put back (a backup restored) is refused, not put in force', async () => {
    const dir = tempDir();
    const v = await make(dir);
    await v.applyTrustList(trustList({ version: 1 }));
    const old = readFileSync(join(dir, 'state.pgs'));
    await v.applyTrustList(trustList({ version: 2 }));
    await v.close();
    writeFileSync(join(dir, 'state.pgs'), old);
    const w = await make(dir);
    expect(w.trustList).toBeNull();
    expect(w.restoreProblems.map((p) => p.reason).join('\n')).toMatch(/older than the highest accepted \(2\)/);
  });

  it('a store provisioned with other roots is not used', async () => {
    const dir = tempDir();
    await stored(dir);
    const { root2 } = await import('../support/issuerFixtures.js');
    const v = await createVerifier({ roots: [root2.publicKey], storage: new FileStorage(dir), now: () => NOW });
    expect(v.trustList).toBeNull();
    expect(v.restoreProblems).toEqual([{ list: 'store', reason: expect.stringMatching(/other root keys/) }]);
  });
});

// Issue 17, defect 8: a full disk never holds a revocation back. The list goes in force in memory, the
// failure is STORAGE_FAILED (storageFailure, onStorageFailure, /health), never a raw ENOSPC; the next
// update that can be stored stores it. Simulated (an adapter whose writes and lock fail with ENOSPC, as
// a full disk's do) everywhere, and on a real full tmpfs where this machine can mount one.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVerifier, PassgateError, type Verifier } from '../../sdk/index.js';
import { FileStorage } from '../../sdk/node.js';
import { healthReport } from '../../sdk/serve/health.js';
import { buildRevocationList, revokedPrefix } from '../../sdk/issuer/index.js';
import { DAY, NOW, presentAll, root, token, trustList } from '../support/issuerFixtures.js';
import { FullDiskStorage } from '../support/fullDiskStorage.js';
import { tempDirs } from '../support/tempDirs.js';

const tempDir = tempDirs();
const P = token();
const revocations = (version: number, revoked: Uint8Array[] = []): Uint8Array =>
  buildRevocationList({ rootSecret: root.secretKey, version, issuedAt: NOW, expires: NOW + DAY, revoked: revoked.map((cti) => revokedPrefix(cti)) });

async function gate(storage: FileStorage | FullDiskStorage, failures: PassgateError[] = []): Promise<Verifier> {
  const v = await createVerifier({ roots: [root.publicKey], storage, now: () => NOW, onStorageFailure: (e) => failures.push(e) });
  await v.applyTrustList(trustList({ version: 1 }));
  await v.applyRevocations(revocations(1));
  return v;
}

describe('a full disk', () => {
  it('applyRevocations: the revocation is in force at once, STORAGE_FAILED is reported, never a raw ENOSPC', async () => {
    const dir = tempDir();
    const disk = new FullDiskStorage(new FileStorage(dir));
    const failures: PassgateError[] = [];
    const v = await gate(disk, failures);
    expect(v.storageFailure).toBeNull();
    disk.full = true;
    await expect(v.applyRevocations(revocations(2, [P.cti]))).resolves.toMatchObject({ version: 2 });
    expect(v.verify(presentAll(P)).result).toBe('TOKEN_REVOKED');
    expect(v.storageFailure).toMatchObject({ name: 'PassgateError', code: 'STORAGE_FAILED', message: expect.stringMatching(/could not be stored.*ENOSPC/) });
    expect(failures.map((e) => e.code)).toEqual(['STORAGE_FAILED']);
    const health = healthReport(v, NOW, null, 'test', { default: null, required: true });
    expect(health.status).toBe(200);
    expect(health.body['storage']).toEqual({ stored: false, problem: expect.stringMatching(/ENOSPC/) });
    // applyTrustList likewise.
    await expect(v.applyTrustList(trustList({ version: 2 }))).resolves.toMatchObject({ version: 2 });
    expect(v.trustList?.version).toBe(2);
    // Space again: the next update stores everything in force.
    disk.full = false;
    await v.applyRevocations(revocations(3, [P.cti]));
    expect(v.storageFailure).toBeNull();
    expect(healthReport(v, NOW, null, 'test', { default: null, required: true }).body['storage']).toEqual({ stored: true });
    await v.close();
    const w = await createVerifier({ roots: [root.publicKey], storage: new FileStorage(dir), now: () => NOW });
    expect([w.trustList?.version, w.revocationList?.version, w.verify(presentAll(P)).result]).toEqual([2, 3, 'TOKEN_REVOKED']);
    await w.close();
  });

  it('a restart while the disk was full comes back with what was stored, not with a mix', async () => {
    const dir = tempDir();
    const disk = new FullDiskStorage(new FileStorage(dir));
    const v = await gate(disk);
    disk.full = true;
    await v.applyRevocations(revocations(2, [P.cti]));
    await v.close();
    const w = await createVerifier({ roots: [root.publicKey], storage: new FileStorage(dir), now: () => NOW });
    expect(w.restoreProblems).toEqual([]);
    expect(w.revocationList?.version).toBe(1);
    await w.close();
  });

  it('on a real tmpfs filled to the last byte (where this machine can mount one)', async (ctx) => {
    const base = mkdtempSync(join(tmpdir(), 'passgate-full-'));
    const mnt = join(base, 'mnt');
    mkdirSync(mnt);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', mnt], { stdio: 'pipe' });
    } catch (e) {
      rmSync(base, { recursive: true, force: true });
      // Not a skip: the simulated full disk above covers the verifier; this one the file store's own errors.
      console.log(`tmpfs not mountable here (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); the simulated full disk stands alone`);
      ctx.annotate?.('tmpfs not mounted');
      return;
    }
    try {
      const dir = join(mnt, 'store');
      const v = await gate(new FileStorage(dir));
      // Fill the file system: what is left is not enough for a record, a temporary file or the lock.
      let filler = 0;
      try {
        for (;;) writeFileSync(join(mnt, `filler-${filler++}`), Buffer.alloc(4096, 1));
      } catch (e) {
        expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
      }
      try {
        for (let i = 0; ; i++) writeFileSync(join(mnt, `tiny-${i}`), 'x');
      } catch {
        // inodes or blocks: full either way
      }
      await expect(v.applyRevocations(revocations(2, [P.cti]))).resolves.toMatchObject({ version: 2 });
      expect(v.verify(presentAll(P)).result).toBe('TOKEN_REVOKED');
      expect(v.storageFailure?.code).toBe('STORAGE_FAILED');
      await v.close();
    } finally {
      execFileSync('umount', [mnt], { stdio: 'pipe' });
      rmSync(base, { recursive: true, force: true });
    }
  });
});

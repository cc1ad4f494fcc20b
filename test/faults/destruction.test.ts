// Issue 11, defect 7: destroy() is complete. Nothing is written after it (applies, scans and syncs
// racing it included), its temporary files go too, and what ever reached the medium is unreadable
// once the key is deleted: no plaintext list, log entry or key in the raw bytes.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVerifier, type Verifier } from '../../sdk/index.js';
import { FileStorage } from '../../sdk/node.js';
import { buildRevocationDelta, buildRevocationList, revokedPrefix } from '../../sdk/issuer/index.js';
import { DAY, NOW, issuerKey, presentAll, root, token, trustList } from '../support/issuerFixtures.js';
import { tempDirs } from '../support/tempDirs.js';
import { contains, RecordingStorage } from '../support/recordingStorage.js';

const tempDir = tempDirs();
const revoked = [token(), token(), token()];
const pass = presentAll(token());
const revocations = buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW, expires: NOW + DAY, revoked: [revokedPrefix(revoked[0]!.cti)] });
const delta = buildRevocationDelta({ rootSecret: root.secretKey, version: 2, issuedAt: NOW, expires: NOW + DAY, baseVersion: 1, added: [revokedPrefix(revoked[1]!.cti)], removed: [] });

async function serve(body: Uint8Array): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => { setTimeout(() => res.writeHead(200).end(body), 3); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const a = server.address();
  if (a === null || typeof a === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${a.port}/trust.cbor`, server };
}

describe('destroy() racing other work', () => {
  it('50 rounds of applies, scans, log writes and syncs under way: nothing of Passgate is left', async () => {
    const { url, server } = await serve(trustList({ version: 50 }));
    try {
      for (let round = 0; round < 50; round++) {
        const dir = tempDir();
        const v = await createVerifier({ roots: [root.publicKey], storage: new FileStorage(dir), now: () => NOW, scanLog: { retention: DAY, writeIntervalMs: 1 } });
        await v.applyTrustList(trustList({ version: 1 }));
        const work: Promise<unknown>[] = [];
        for (let i = 2; i < 8; i++) work.push(v.applyTrustList(trustList({ version: i })));
        work.push(v.applyRevocations(revocations), v.sync({ trust: url }));
        let scanning = true;
        const scans = (async () => {
          while (scanning) {
            try {
              v.verify(pass, { venue: 'school' });
            } catch {
              return; // DESTROYED: no new work
            }
            await new Promise((resolve) => setImmediate(resolve));
          }
        })();
        await new Promise((resolve) => setTimeout(resolve, round % 10));
        await v.destroy();
        scanning = false;
        await Promise.allSettled([...work, scans]);
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(existsSync(dir), `round ${round}: ${existsSync(dir) ? (await import('node:fs')).readdirSync(dir).join(', ') : ''}`).toBe(false);
      }
    } finally {
      server.close();
    }
  }, 120_000);
});

/** Mounts a fresh 32 MiB ext4 image, or says why it cannot (no privileges for a loop device). */
function mountImage(): { image: string; mountPoint: string; unmount: () => void } | string {
  const base = mkdtempSync(join(tmpdir(), 'passgate-ext4-'));
  const image = join(base, 'fs.img');
  const mountPoint = join(base, 'mnt');
  mkdirSync(mountPoint);
  try {
    execFileSync('dd', ['if=/dev/zero', `of=${image}`, 'bs=1M', 'count=32', 'status=none']);
    execFileSync('mkfs.ext4', ['-q', image]);
    execFileSync('mount', ['-o', 'loop', image, mountPoint], { stdio: 'pipe' });
  } catch (e) {
    rmSync(base, { recursive: true, force: true });
    return e instanceof Error ? e.message.split('\n')[0]! : String(e);
  }
  return { image, mountPoint, unmount: () => { execFileSync('umount', [mountPoint], { stdio: 'pipe' }); } };
}

describe('what reaches the medium', () => {
  const secrets = (log: string[]): Uint8Array[] => [
    issuerKey.publicKey, // in every trust list, in the clear inside its signed payload
    revokedPrefix(revoked[0]!.cti),
    revokedPrefix(revoked[1]!.cti),
    ...log.map((s) => new TextEncoder().encode(s)),
  ];

  async function useStore(v: Verifier): Promise<void> {
    for (let i = 1; i <= 20; i++) await v.applyTrustList(trustList({ version: i }));
    await v.applyRevocations(revocations);
    await v.applyRevocations(delta);
    for (let i = 0; i < 30; i++) v.verify(pass, { venue: 'elder_care' });
    await v.flush();
  }

  it('every record ever written is sealed: no list, prefix or log entry in the clear', async () => {
    const dir = tempDir();
    const storage = new RecordingStorage(new FileStorage(dir));
    const v = await createVerifier({ roots: [root.publicKey], storage, now: () => NOW, scanLog: { retention: DAY } });
    await useStore(v);
    const key = readFileSync(join(dir, 'storage.key'));
    expect(storage.written.length).toBeGreaterThan(40);
    for (const bytes of storage.written) {
      for (const s of [...secrets(['elder_care']), key]) expect(contains(bytes, s)).toBe(false);
    }
    await v.destroy();
    expect(existsSync(dir)).toBe(false);
  });

  it('on an ext4 file system image: after destroy() no plaintext and no key anywhere in its blocks', async (ctx) => {
    const mounted = mountImage();
    if (typeof mounted === 'string') {
      // Not a skip: the sealed-records test above covers what reaches the adapter; this one the blocks.
      console.log(`ext4 image check not possible on this machine (${mounted}); the sealed-record check stands alone`);
      ctx.annotate?.('ext4 image not mounted');
      return;
    }
    const dir = join(mounted.mountPoint, 'store');
    try {
      const v = await createVerifier({ roots: [root.publicKey], storage: new FileStorage(dir), now: () => NOW, scanLog: { retention: DAY } });
      await useStore(v);
      const key = readFileSync(join(dir, 'storage.key'));
      await v.destroy();
      expect(existsSync(dir)).toBe(false);
      mounted.unmount();
      const image = readFileSync(mounted.image);
      for (const s of secrets(['elder_care'])) expect(contains(image, s)).toBe(false);
      expect(contains(image, key)).toBe(false);
    } finally {
      try { mounted.unmount(); } catch { /* already unmounted */ }
      rmSync(join(mounted.image, '..'), { recursive: true, force: true });
    }
  }, 60_000);
});

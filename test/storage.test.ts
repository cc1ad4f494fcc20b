// Storage on devices (files), restore, sync, destruction and the sunset, in Node.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVerifier, PassgateError, type Verifier } from '../sdk/index.js';
import { FileStorage } from '../sdk/node.js';
import { buildRevocationList, revokedPrefix } from '../sdk/issuer/index.js';
import { DAY, NOW, nationalEntry, presentAll, root, token, trustList } from './support/issuerFixtures.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'passgate-test-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const ok = presentAll(token());
const make = (storage: FileStorage | null, now = NOW): Promise<Verifier> =>
  createVerifier({ roots: [root.publicKey], storage, now: () => now });

describe('file storage', () => {
  it('keeps the state in force across restarts, verified again', async () => {
    const dir = join(tempDir(), 'store');
    const a = await make(new FileStorage(dir));
    await a.applyTrustList(trustList());
    await a.applyRevocations(buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW, expires: NOW + DAY, revoked: [revokedPrefix(token().cti)] }));
    const b = await make(new FileStorage(dir));
    expect(b.restoreProblems).toEqual([]);
    expect(b.trustList?.version).toBe(1);
    expect(b.revocationList).toMatchObject({ version: 1, count: 1 });
    expect(b.verify(ok).result).toBe('OK');
  });

  it('stores nothing in the clear: sealed records and a key file, nothing about holders', async () => {
    const dir = join(tempDir(), 'store');
    const v = await make(new FileStorage(dir));
    const list = trustList();
    await v.applyTrustList(list);
    v.verify(ok, { venue: 'school' });
    expect(readdirSync(dir).sort()).toEqual(['anchor.pgs', 'state.pgs', 'storage.key']);
    const state = readFileSync(join(dir, 'state.pgs'));
    expect(state.subarray(0, 4).toString()).toBe('PGS1');
    expect(state.includes(Buffer.from(list.subarray(40, 72)))).toBe(false);
  });

  it('a tampered or truncated state record is reported, and the rollback anchor still holds', async () => {
    const dir = join(tempDir(), 'store');
    const v = await make(new FileStorage(dir));
    await v.applyTrustList(trustList({ version: 5 }));
    const path = join(dir, 'state.pgs');
    const sealed = readFileSync(path);
    sealed[sealed.length - 1]! ^= 1;
    writeFileSync(path, sealed);
    const w = await make(new FileStorage(dir));
    expect(w.trustList).toBeNull();
    expect(w.restoreProblems.map((p) => p.reason).join('\n')).toMatch(/state record unreadable[^]*version 5/);
    // An older list is still a rollback; the very list the anchor recorded is accepted again.
    await expect(w.applyTrustList(trustList({ version: 4 }))).rejects.toMatchObject({ reason: 'ROLLBACK' });
    await w.applyTrustList(trustList({ version: 5 }));
    expect(w.verify(ok).result).toBe('OK');
    writeFileSync(path, new Uint8Array(0));
    const x = await make(new FileStorage(dir));
    expect(x.restoreProblems[0]?.reason).toMatch(/state record unreadable/);
    await expect(x.applyTrustList(trustList({ version: 3 }))).rejects.toMatchObject({ reason: 'ROLLBACK' });
  });

  it('a failed write: the new list is in force in memory (issue 17), reported STORAGE_FAILED; the store keeps the old one', async () => {
    class FullDisk extends FileStorage {
      fail = false;
      override async write(records: Parameters<FileStorage['write']>[0]): Promise<void> {
        if (this.fail) throw new Error('ENOSPC: no space left on device');
        return super.write(records);
      }
    }
    const dir = join(tempDir(), 'store');
    const store = new FullDisk(dir);
    const v = await make(store);
    await v.applyTrustList(trustList());
    store.fail = true;
    // Version 2 has no issuer for the token: had it reached the core, the pass would be UNKNOWN_KID.
    await v.applyTrustList(trustList({ version: 2, issuers: [nationalEntry] }));
    expect(v.storageFailure).toMatchObject({ code: 'STORAGE_FAILED' });
    expect(v.trustList?.version).toBe(2);
    expect(v.verify(ok).result).toBe('UNKNOWN_KID');
    expect((await make(new FileStorage(dir))).trustList?.version).toBe(1);
  });
});

describe('destroy() and the sunset', () => {
  it('wipes the files, runs the hooks and leaves the verifier unusable', async () => {
    const dir = join(tempDir(), 'store');
    const v = await make(new FileStorage(dir));
    await v.applyTrustList(trustList());
    const calls: string[] = [];
    v.onDestroy(() => { calls.push('hook'); });
    await v.destroy();
    expect(calls).toEqual(['hook']);
    expect(existsSync(dir)).toBe(false);
    expect(v.isDestroyed).toBe(true);
    expect(() => v.verify(ok)).toThrow(PassgateError);
    await expect(v.applyTrustList(trustList({ version: 2 }))).rejects.toMatchObject({ code: 'DESTROYED' });
    await v.destroy(); // idempotent
  });

  it('destroys stored data by itself when the sunset is reached', async () => {
    const dir = join(tempDir(), 'store');
    const v = await make(new FileStorage(dir));
    await v.applyTrustList(trustList({ sunset: NOW + 10 }));
    const destroyed = new Promise<void>((resolve) => v.onDestroy(resolve));
    expect(v.verify(ok, { now: NOW + 10 }).result).toBe('SUNSET');
    await destroyed;
    expect(existsSync(dir)).toBe(false);
    // PG1 §6: from then on SUNSET, single and batch, with nothing stored or kept.
    expect(v.verify(ok)).toEqual({ result: 'SUNSET' });
    expect(v.verifyBatchLocal([ok, 'junk'])).toEqual([{ result: 'SUNSET' }, { result: 'SUNSET' }]);
    expect(await v.verifyBatch([ok])).toEqual([{ result: 'SUNSET' }]);
    expect(existsSync(dir)).toBe(false);
    expect(() => v.verify(42 as unknown as string)).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
    await expect(v.applyTrustList(trustList({ version: 2 }))).rejects.toMatchObject({ code: 'DESTROYED' });
  });

  it('a list whose sunset has passed is destroyed as soon as it is restored', async () => {
    const dir = join(tempDir(), 'store');
    const v = await make(new FileStorage(dir));
    await v.applyTrustList(trustList({ sunset: NOW + 10 }));
    const later = await make(new FileStorage(dir), NOW + 11);
    expect(later.verify(ok)).toEqual({ result: 'SUNSET' }); // destruction under way: answered, nothing done
    await later.destroy(); // the same destruction, awaited
    expect(existsSync(dir)).toBe(false);
    expect(later.verify(ok)).toEqual({ result: 'SUNSET' });
  });
});

describe('sync()', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  async function serve(files: Record<string, { body: Uint8Array | string; etag?: string }>): Promise<{ url: string; seen: string[] }> {
    const seen: string[] = [];
    server = createServer((req, res) => {
      seen.push(`${req.url} ${req.headers['if-none-match'] ?? '-'}`);
      const f = files[req.url ?? ''];
      if (!f) { res.writeHead(404).end(); return; }
      if (f.etag !== undefined && req.headers['if-none-match'] === f.etag) { res.writeHead(304).end(); return; }
      res.writeHead(200, { 'content-type': 'application/cbor', ...(f.etag === undefined ? {} : { etag: f.etag }) }).end(f.body);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return { url: `http://127.0.0.1:${address.port}`, seen };
  }

  it('fetches, verifies and applies the lists, then asks with If-None-Match', async () => {
    const revoked = token();
    const { url, seen } = await serve({
      '/trust.cbor': { body: trustList(), etag: '"t1"' },
      '/revocations.cbor': { body: buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW, expires: NOW + DAY, revoked: [revokedPrefix(revoked.cti)] }), etag: '"r1"' },
    });
    const v = await make(null);
    const urls = { trust: `${url}/trust.cbor`, revocations: `${url}/revocations.cbor` };
    expect((await v.sync(urls)).map((e) => e.outcome)).toEqual(['updated', 'updated']);
    expect(v.verify(presentAll(revoked)).result).toBe('TOKEN_REVOKED');
    expect((await v.sync(urls)).map((e) => e.outcome)).toEqual(['unchanged', 'unchanged']);
    expect(seen).toEqual(['/trust.cbor -', '/revocations.cbor -', '/trust.cbor "t1"', '/revocations.cbor "r1"']);
  });

  it('keeps the last good lists when a download is refused or the network is down', async () => {
    const { url } = await serve({ '/trust.cbor': { body: trustList() }, '/bad.cbor': { body: 'not a list' } });
    const v = await make(null);
    await v.sync({ trust: `${url}/trust.cbor` });
    const bad = await v.sync({ trust: `${url}/bad.cbor` });
    expect(bad[0]).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/MALFORMED/) });
    server!.close();
    const offline = await v.sync({ trust: `${url}/trust.cbor` });
    expect(offline[0]?.outcome).toBe('failed');
    expect(v.verify(ok).result).toBe('OK');
  });
});

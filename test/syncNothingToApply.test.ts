// A first sync is quiet: a delta URL tried before the full list that is not published (404), or a
// delta on another version than the state in force (WRONG_BASE), is "nothing to apply" (`skipped`),
// not a failure, in the SDK's report and in serve's log; the full list is then tried as before. A 404
// on the only (or last) URL stays a failure: that list is missing.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVerifier, type Fetch } from '../sdk/index.js';
import { buildRevocationDelta, buildRevocationList } from '../sdk/issuer/index.js';
import { toHex } from '../sdk/encoding/hex.js';
import { DAY, NOW, root, trustList } from './support/issuerFixtures.js';
import { killGates, startGate } from './support/servedGate.js';
import { serveStaticLists, type StaticLists } from './support/staticLists.js';

const TRUST = trustList();
const full = (version: number): Uint8Array => buildRevocationList({ rootSecret: root.secretKey, version, issuedAt: NOW - DAY, expires: NOW + 2 * DAY, revoked: [] });
const deltaOn = (base: number): Uint8Array => buildRevocationDelta({ rootSecret: root.secretKey, version: base + 1, issuedAt: NOW - DAY, expires: NOW + 2 * DAY, baseVersion: base, added: [], removed: [] });

/** A fetch serving these files (404 for anything else). */
function serving(files: Record<string, Uint8Array>): Fetch {
  return async (url) => {
    const body = files[url];
    return new Response(body === undefined ? 'not found' : new Blob([new Uint8Array(body)]), { status: body === undefined ? 404 : 200 });
  };
}

async function verifierFetching(files: Record<string, Uint8Array>): Promise<Awaited<ReturnType<typeof createVerifier>>> {
  const v = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW, fetch: serving(files) });
  await v.applyTrustList(TRUST);
  return v;
}

describe('sync: a delta with nothing to apply', () => {
  it('an unpublished delta (404) before the full list is skipped, and the full list applied', async () => {
    const v = await verifierFetching({ '/full': full(3) });
    expect(await v.sync({ revocations: ['/delta', '/full'] })).toEqual([
      { url: '/delta', list: 'revocations', outcome: 'skipped', reason: 'nothing to apply: not published (HTTP 404)' },
      { url: '/full', list: 'revocations', outcome: 'updated', reason: 'version 3 applied' },
    ]);
    await v.close();
  });

  it('a delta on another version than the state in force is skipped, and the full list applied', async () => {
    const v = await verifierFetching({ '/delta': deltaOn(2), '/full': full(3) });
    const report = await v.sync({ revocations: ['/delta', '/full'] });
    expect(report[0]).toMatchObject({ url: '/delta', outcome: 'skipped', reason: expect.stringMatching(/^nothing to apply: a delta on another version than the state in force/) });
    expect(report[1]).toMatchObject({ url: '/full', outcome: 'updated' });
    await v.close();
  });

  it('a 404 on the only revocation URL, or on the last, is still a failure', async () => {
    const v = await verifierFetching({});
    expect(await v.sync({ revocations: '/full' })).toEqual([{ url: '/full', list: 'revocations', outcome: 'failed', reason: 'HTTP 404' }]);
    expect((await v.sync({ revocations: ['/delta', '/full'] })).map((e) => e.outcome)).toEqual(['skipped', 'failed']);
    await v.close();
  });
});

describe('passgate serve: a first sync with no delta published', () => {
  const dir = mkdtempSync(join(tmpdir(), 'passgate-nothing-'));
  let lists: StaticLists | undefined;
  afterAll(() => {
    killGates();
    lists?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs the delta as nothing to apply, not as failed, and is healthy', async () => {
    const files: Record<string, Uint8Array> = { '/trust.cbor': TRUST, '/revocations.cbor': full(1) };
    lists = await serveStaticLists(files);
    const base = lists.url;
    const gate = await startGate(['--root', toHex(root.publicKey), '--storage', join(dir, 'store'), '--listen', '127.0.0.1:0', '--now', String(NOW),
      '--venue', 'general', '--trust-url', `${base}/trust.cbor`, '--revocations-url', `${base}/revocations-delta.cbor,${base}/revocations.cbor`]);
    try {
      for (let i = 0; i < 100 && !/revocations\.cbor: updated/.test(gate.stderr()); i++) await new Promise((r) => setTimeout(r, 50));
      expect(gate.stderr()).toMatch(/sync: revocations http:\S+\/revocations-delta\.cbor: nothing to apply: not published \(HTTP 404\)/);
      expect(gate.stderr()).not.toMatch(/failed/);
      expect((await fetch(`${gate.url}/health`)).status).toBe(200);
    } finally {
      await gate.stop();
    }
  });
});

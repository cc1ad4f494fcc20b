// GET /health shows one clock: under --now every time it reports (now, each list's last_sync, the
// sync's last attempt and success) is on the fixed clock, not the wall clock beside it.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRevocationList } from '../sdk/issuer/index.js';
import { toHex } from '../sdk/encoding/hex.js';
import { DAY, NOW, root, trustList } from './support/issuerFixtures.js';
import { killGates, startGate } from './support/servedGate.js';
import { serveStaticLists, type StaticLists } from './support/staticLists.js';

const dir = mkdtempSync(join(tmpdir(), 'passgate-clock-'));
let lists: StaticLists | undefined;
afterAll(() => {
  killGates();
  lists?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('passgate serve --now: /health', () => {
  it('reports now, last_sync and the sync times on the fixed clock', async () => {
    const files: Record<string, Uint8Array> = {
      '/trust.cbor': trustList(),
      '/revocations.cbor': buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW - DAY, expires: NOW + 2 * DAY, revoked: [] }),
    };
    lists = await serveStaticLists(files);
    const base = lists.url;
    const gate = await startGate(['--root', toHex(root.publicKey), '--storage', join(dir, 'store'), '--listen', '127.0.0.1:0', '--now', String(NOW),
      '--venue', 'general', '--trust-url', `${base}/trust.cbor`, '--revocations-url', `${base}/revocations.cbor`]);
    try {
      let health: { now: number; trust: { last_sync: number } | null; revocations: { last_sync: number } | null; sync: { last_attempt: number; last_success: number | null } } | undefined;
      for (let i = 0; i < 100; i++) {
        health = (await (await fetch(`${gate.url}/health`)).json()) as typeof health;
        if (health?.sync.last_success != null) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(health).toMatchObject({ now: NOW, trust: { last_sync: NOW }, revocations: { last_sync: NOW }, sync: { last_attempt: NOW, last_success: NOW } });
    } finally {
      await gate.stop();
    }
  });
});

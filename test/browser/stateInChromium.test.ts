// Issue 11 in Chromium: a root rotation survives a reload from IndexedDB (a revoked pass stays
// revoked), destroy() racing applies leaves no database, and nothing Passgate stored is readable in
// the browser profile's files (IndexedDB's LevelDB) once it is destroyed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { hasChromium, launchPersistent, startServer } from './browserHarness.js';
import { DAY, NOW, issuerKey, presentAll, root, root2, token, trustList } from '../support/issuerFixtures.js';
import { toHex } from '../../sdk/encoding/hex.js';
import { buildRevocationList, revokedPrefix, toQrText } from '../../sdk/issuer/index.js';

const ROOTS = [toHex(root.publicKey)];
const revoked = token();
const clean = token();
const revocations = buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW, expires: NOW + DAY, revoked: [revokedPrefix(revoked.cti)] });

/** Every file under a directory, as bytes. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  const out: { path: string; bytes: Buffer }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) out.push(...filesUnder(path));
    else if (st.isFile()) out.push({ path, bytes: readFileSync(path) });
  }
  return out;
}

describe.skipIf(!hasChromium)('the state in force in Chromium', () => {
  let server: ViteDevServer;
  let base: string;
  let browser: Awaited<ReturnType<typeof launchPersistent>>;

  beforeAll(async () => {
    ({ server, url: base } = await startServer());
    browser = await launchPersistent();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openPage(): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${base}/test/browser/fixture/index.html`);
    await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready', undefined, { timeout: 60_000 });
    await page.evaluate(([r, n]) => window.passgateFixture.open(r as string[], n as number), [ROOTS, NOW] as const);
    return page;
  }
  const verify = (page: Page, t: ReturnType<typeof token>): Promise<string> =>
    page.evaluate(([text, n]) => window.passgateFixture.verify(text as string, n as number), [toQrText(presentAll(t)), NOW] as const);

  it('a root rotation, then a reload: the revoked pass stays revoked', async () => {
    const page = await openPage();
    await page.evaluate((hex) => window.passgateFixture.applyTrustList(hex), toHex(trustList({ version: 1, roots: [root.publicKey] })));
    await page.evaluate((hex) => window.passgateFixture.applyRevocations(hex), toHex(revocations));
    await page.evaluate((hex) => window.passgateFixture.applyTrustList(hex), toHex(trustList({ version: 2, roots: [root2.publicKey] })));
    expect(await verify(page, revoked)).toBe('TOKEN_REVOKED');
    await page.reload();
    await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready');
    expect(await page.evaluate(([r, n]) => window.passgateFixture.open(r as string[], n as number), [ROOTS, NOW] as const))
      .toEqual({ trustVersion: '2', revocations: 1, problems: 0 });
    expect([await verify(page, revoked), await verify(page, clean)]).toEqual(['TOKEN_REVOKED', 'OK']);
    await page.evaluate(() => window.passgateFixture.destroy());
    await page.close();
  }, 120_000);

  it('destroy() racing applies in two tabs leaves no database, and nothing readable in the profile', async () => {
    const [a, b] = [await openPage(), await openPage()];
    await a.evaluate((hex) => window.passgateFixture.applyTrustList(hex), toHex(trustList({ version: 1 })));
    await a.evaluate((hex) => window.passgateFixture.applyRevocations(hex), toHex(revocations));
    const lists = Array.from({ length: 12 }, (_, i) => toHex(trustList({ version: 10 + i })));
    const [fromA, fromB] = await Promise.all([
      a.evaluate((hexes) => window.passgateFixture.destroyDuringApplies(hexes), lists.slice(0, 6)),
      b.evaluate((hexes) => Promise.all(hexes.map((h) => window.passgateFixture.applyTrustList(h).then((v) => `applied ${v}`, (e: Error) => e.message))), lists.slice(6)),
    ]);
    // Work accepted before destroy() finishes first; anything later is refused, never written.
    for (const o of [...fromA, ...fromB]) expect(o).toMatch(/^applied \d+$|ROLLBACK|destroyed/);
    await b.waitForFunction(() => window.passgateFixture.state().destroyed, undefined, { timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const page of [a, b]) {
      expect((await page.evaluate(() => window.passgateFixture.databases())).filter((n) => n.startsWith('passgate'))).toEqual([]);
    }
    await a.close();
    await b.close();
    // The profile's files (IndexedDB in LevelDB, its logs and compaction leftovers): no list in the clear.
    const plain = [issuerKey.publicKey, revokedPrefix(revoked.cti)].map((x) => Buffer.from(x));
    const found = filesUnder(browser.profile).filter((f) => plain.some((p) => f.bytes.includes(p))).map((f) => f.path);
    expect(found).toEqual([]);
  }, 120_000);
});

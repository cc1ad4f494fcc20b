// Issue 9 §4 in Debian Chromium: a revocation filter of over 10 MB is fetched by sync(), applied,
// answers lookups, survives a reload from IndexedDB, and is gone after destroy().
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { launchPersistent, startServer } from './browserHarness.js';
import { describeWithChromium } from '../support/chromium.js';
import { NOW, DAY, presentAll, root, token, trustList } from '../support/issuerFixtures.js';
import { toHex } from '../../sdk/encoding/hex.js';
import { buildRevocationFilter, revokedPrefix, toQrText } from '../../sdk/issuer/index.js';

const GENERATED = fileURLToPath(new URL('./fixture/.generated/', import.meta.url));
const ROOTS = [toHex(root.publicKey)];
const COVERS = NOW - 100;
const revoked = [token(), token(), token()];
const clean = [token(), token()];
const late = token({ iat: COVERS + 1 }); // after covers: the filter is not consulted

/** A filter of over 10 MB: 2.4 million revoked keys with 32-bit fingerprints, our tokens among them. */
function bigFilter(): Uint8Array {
  const R = 2_400_000;
  const universe = new BigUint64Array(R + 50_000);
  for (let i = 0; i < universe.length; i += 8192) crypto.getRandomValues(universe.subarray(i, i + 8192));
  const key = (t: ReturnType<typeof token>): bigint => new DataView(revokedPrefix(t.cti).buffer).getBigUint64(0);
  revoked.forEach((t, i) => { universe[i] = key(t); });
  clean.forEach((t, i) => { universe[R + i] = key(t); });
  return buildRevocationFilter({
    rootSecret: root.secretKey, version: 1, issuedAt: NOW, expires: NOW + DAY, covers: COVERS,
    universe, revoked: universe.subarray(0, R), r: 32,
  });
}

describeWithChromium('a revocation filter in Chromium', () => {
  let server: ViteDevServer;
  let base: string;
  let browser: Awaited<ReturnType<typeof launchPersistent>>;
  let filterBytes = 0;

  beforeAll(async () => {
    mkdirSync(GENERATED, { recursive: true });
    const filter = bigFilter();
    filterBytes = filter.length;
    writeFileSync(`${GENERATED}/filter.cbor`, filter);
    ({ server, url: base } = await startServer());
    browser = await launchPersistent();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(GENERATED, { recursive: true, force: true });
  });

  async function open(page: Page): Promise<{ trustVersion: string | null; revocations: number | null; problems: number }> {
    await page.goto(`${base}/test/browser/fixture/index.html`);
    await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready', undefined, { timeout: 60_000 });
    return page.evaluate(([r, n]) => window.passgateFixture.open(r as string[], n as number), [ROOTS, NOW] as const);
  }
  const results = (page: Page, tokens: ReturnType<typeof token>[]): Promise<string[]> =>
    page.evaluate(([texts, n]) => (texts as string[]).map((t) => window.passgateFixture.verify(t, n as number)), [tokens.map((t) => toQrText(presentAll(t))), NOW] as const);

  it('is fetched, applied and answers; survives a reload; is gone after destroy()', async () => {
    expect(filterBytes).toBeGreaterThan(10 * 2 ** 20);
    const page = await browser.context.newPage();
    await open(page);
    await page.evaluate((hex) => window.passgateFixture.applyTrustList(hex), toHex(trustList()));
    expect(await page.evaluate((url) => window.passgateFixture.sync(url), `${base}/test/browser/fixture/.generated/filter.cbor`)).toEqual(['updated: version 1 applied']);
    expect(await page.evaluate(() => window.passgateFixture.revocationState())).toEqual({ kind: 'filter', version: '1', count: 0 });
    const expected = ['TOKEN_REVOKED', 'TOKEN_REVOKED', 'TOKEN_REVOKED', 'OK', 'OK', 'OK'];
    expect(await results(page, [...revoked, ...clean, late])).toEqual(expected);
    await page.reload();
    expect(await open(page)).toMatchObject({ trustVersion: '1', problems: 0 });
    expect(await page.evaluate(() => window.passgateFixture.revocationState())).toEqual({ kind: 'filter', version: '1', count: 0 });
    expect(await results(page, [...revoked, ...clean, late])).toEqual(expected);
    await page.evaluate(() => window.passgateFixture.destroy());
    expect((await page.evaluate(() => window.passgateFixture.databases())).filter((n) => n.startsWith('passgate'))).toEqual([]);
    await page.close();
  }, 180_000);
});

// The SDK in Debian Chromium: trust material survives a page reload from IndexedDB; destroy() and the
// sunset leave no database of Passgate's behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { hasChromium, launchPersistent, startServer } from './browserHarness.js';
import { DAY, NOW, presentAll, root, token, trustList } from '../support/issuerFixtures.js';
import { toHex } from '../../sdk/encoding/hex.js';
import { toQrText } from '../../sdk/issuer/index.js';

const ROOTS = [toHex(root.publicKey)];
const okText = toQrText(presentAll(token()));

describe.skipIf(!hasChromium)('IndexedDB storage in Chromium', () => {
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
    return page;
  }

  it('keeps the trust list across a reload and a new page, re-verified', async () => {
    const page = await openPage();
    expect(await page.evaluate(([r, n]) => window.passgateFixture.open(r as string[], n as number), [ROOTS, NOW] as const))
      .toEqual({ trustVersion: null, revocations: null, problems: 0 });
    expect(await page.evaluate((hex) => window.passgateFixture.applyTrustList(hex), toHex(trustList({ version: 7 })))).toBe('7');
    expect(await page.evaluate(([t, n]) => window.passgateFixture.verify(t as string, n as number), [okText, NOW] as const)).toBe('OK');
    await page.reload();
    await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready');
    const restored = await page.evaluate(([r, n]) => window.passgateFixture.open(r as string[], n as number), [ROOTS, NOW] as const);
    expect(restored).toEqual({ trustVersion: '7', revocations: null, problems: 0 });
    expect(await page.evaluate(([t, n]) => window.passgateFixture.verify(t as string, n as number), [okText, NOW] as const)).toBe('OK');
    expect(await page.evaluate(() => window.passgateFixture.databases())).toContain('passgate');
    await page.close();
  }, 120_000);

  it('destroy() deletes the database and leaves the verifier unusable', async () => {
    const page = await openPage();
    await page.evaluate(([r, n]) => window.passgateFixture.open(r as string[], n as number), [ROOTS, NOW] as const);
    await page.evaluate(() => window.passgateFixture.destroy());
    expect((await page.evaluate(() => window.passgateFixture.databases())).filter((n) => n.startsWith('passgate'))).toEqual([]);
    await expect(page.evaluate(([t, n]) => window.passgateFixture.verify(t as string, n as number), [okText, NOW] as const)).rejects.toThrow(/destroyed/);
    await page.close();
  }, 120_000);

  it('verifiers in two tabs follow each other: an update is adopted, a destroy destroys both', async () => {
    const [a, b] = [await openPage(), await openPage()];
    for (const page of [a, b]) await page.evaluate(([r, n]) => window.passgateFixture.open(r as string[], n as number), [ROOTS, NOW] as const);
    await a.evaluate((hex) => window.passgateFixture.applyTrustList(hex), toHex(trustList({ version: 20 })));
    await b.waitForFunction(() => window.passgateFixture.state().trustVersion === '20', undefined, { timeout: 10_000 });
    await a.evaluate(() => window.passgateFixture.destroy());
    await b.waitForFunction(() => window.passgateFixture.state().destroyed, undefined, { timeout: 10_000 });
    expect(await b.evaluate(() => window.passgateFixture.databases())).not.toContain('passgate');
    await a.close();
    await b.close();
  }, 120_000);

  it('reaching the sunset destroys the stored data by itself', async () => {
    const page = await openPage();
    await page.evaluate(([r, n]) => window.passgateFixture.open(r as string[], n as number), [ROOTS, NOW] as const);
    await page.evaluate((hex) => window.passgateFixture.applyTrustList(hex), toHex(trustList({ version: 8, sunset: NOW + DAY })));
    expect(await page.evaluate(() => window.passgateFixture.databases())).toContain('passgate');
    expect(await page.evaluate(([t, n]) => window.passgateFixture.verify(t as string, n as number), [okText, NOW + DAY] as const)).toBe('SUNSET');
    await page.evaluate(() => window.passgateFixture.whenDestroyed());
    expect((await page.evaluate(() => window.passgateFixture.databases())).filter((n) => n.startsWith('passgate'))).toEqual([]);
    await page.close();
  }, 120_000);
});

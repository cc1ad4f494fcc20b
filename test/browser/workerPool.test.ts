// The worker pool with module Web Workers in Debian Chromium: batches are exact, and a worker the page
// terminates mid-batch (no event at all: the stall time finds it) or one that throws (its `error`
// event) has its chunks redone on the page's thread; every batch settles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { hasChromium, launch, startServer } from './browserHarness.js';
import { DAY, NOW, presentAll, root, token, trustList } from '../support/issuerFixtures.js';
import { toHex } from '../../sdk/encoding/hex.js';
import { toQrText } from '../../sdk/issuer/index.js';

const ROOTS = [toHex(root.publicKey)];
const inputs = Array.from({ length: 400 }, (_, i) => {
  const p = presentAll(token(i % 9 === 0 ? { exp: NOW - DAY } : {}));
  if (i % 13 === 0) p[p.length - 1]! ^= 1; // a disclosure byte
  return toQrText(p);
});

describe.skipIf(!hasChromium)('the worker pool in Chromium', () => {
  let server: ViteDevServer;
  let base: string;
  let browser: Awaited<ReturnType<typeof launch>>;

  beforeAll(async () => {
    ({ server, url: base } = await startServer());
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openPool(fault: 'none' | 'terminated' | 'throws'): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${base}/test/browser/fixture/pool.html`);
    await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready', undefined, { timeout: 60_000 });
    const ready = await page.evaluate(([r, n, t, f]) => window.passgatePool.open(r as string[], n as number, t as string, f as 'none'), [ROOTS, NOW, toHex(trustList()), fault] as const);
    expect(ready).toBe(2); // the module workers load and restore the lists
    return page;
  }

  for (const fault of ['none', 'terminated', 'throws'] as const) {
    it(`gives the page thread's results with ${fault === 'none' ? 'healthy workers' : `a worker that is ${fault === 'throws' ? 'throwing' : 'terminated'} mid-batch`}`, async () => {
      const page = await openPool(fault);
      const expected = await page.evaluate((x) => window.passgatePool.verifyBatchLocal(x), inputs);
      expect(new Set(expected).size).toBe(3);
      expect(await page.evaluate((x) => window.passgatePool.verifyBatch(x), inputs)).toEqual(expected);
      expect(await page.evaluate((x) => window.passgatePool.verifyBatch(x), inputs)).toEqual(expected);
      const problems = await page.evaluate(() => window.passgatePool.problems());
      if (fault === 'none') expect(problems).toEqual([]);
      if (fault === 'terminated') expect(problems).toEqual(['no reply for 1000 ms']);
      if (fault === 'throws') expect(problems.join()).toMatch(/worker error: .*fault injected/);
      await page.evaluate(() => window.passgatePool.close());
      await page.close();
    }, 120_000);
  }
});

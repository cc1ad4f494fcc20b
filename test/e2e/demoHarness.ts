/**
 * The demo as `npm start` serves it (same Vite config, own state directory), on a free loopback port,
 * and Debian's Chromium driven by playwright-core: never a downloaded browser.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { demoConfig } from '../../demo/src/devServer/demoConfig.js';

import { CHROMIUM } from '../support/chromium.js';

export { CHROMIUM };
export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOTS = join(REPO, 'test-results', 'screenshots');

/** Desktop, and a phone 390 px wide (the pages must fit it: no sideways scrolling): every demo suite runs on both. */
export const DEMO_VIEWPORTS = [
  { name: 'desktop', phone: false, options: { viewport: { width: 1100, height: 860 } } },
  { name: 'phone', phone: true, options: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true } },
] as const;

export interface Demo {
  readonly base: string;
  readonly workDir: string;
  /** The Y4M file Chromium's fake camera plays; write it before starting the camera. */
  readonly cameraFile: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function startDemo(): Promise<Demo> {
  const workDir = mkdtempSync(join(tmpdir(), 'passgate-e2e-'));
  const config = demoConfig({ stateDir: join(workDir, 'issuer') });
  const server: ViteDevServer = await createServer({
    ...config,
    configFile: false,
    logLevel: 'warn',
    server: { ...config.server, host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('vite did not listen');
  const cameraFile = join(workDir, 'camera.y4m');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      // Chromium opens the file when a page starts capturing, so the test writes it just before.
      `--use-file-for-fake-video-capture=${cameraFile}`,
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    base: `http://127.0.0.1:${address.port}`,
    workDir,
    cameraFile,
    browser,
    async close() {
      await browser.close();
      await server.close();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** The demo of one describe() block: started before its tests, closed after them with every context opened. */
export interface DemoSuite {
  /** Set once the suite's beforeAll has run. */
  readonly demo: Demo;
  /** A fresh browser profile (its own IndexedDB, localStorage and BroadcastChannels), closed after the suite. */
  freshContext(): Promise<BrowserContext>;
}

/**
 * Starts one demo for the describe() block it is called in. `prepare` runs on each new context before
 * its first page (an init script, say).
 */
export function demoSuite(options: Parameters<Browser['newContext']>[0], prepare?: (context: BrowserContext) => Promise<void>): DemoSuite {
  let demo: Demo | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await demo?.close();
  });
  return {
    get demo(): Demo {
      if (!demo) throw new Error('the demo is started in beforeAll: use it inside a test');
      return demo;
    },
    async freshContext() {
      const context = await this.demo.browser.newContext(options);
      contexts.push(context);
      if (prepare) await prepare(context);
      return context;
    },
  };
}

/** Opens a demo page and waits until it has provisioned its verifier (body[data-ready]). */
export async function openPage(page: Page, base: string, path: string): Promise<Page> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/${path}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 }).catch((e: unknown) => {
    throw new Error(`${path} never became ready${errors.length > 0 ? `: ${errors.join('; ')}` : ''} (${String(e)})`);
  });
  return page;
}

export async function shot(page: Page, name: string): Promise<string> {
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

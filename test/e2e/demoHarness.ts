/**
 * The demo as `npm start` serves it (same Vite config, own state directory), on a free loopback port,
 * and Debian's Chromium driven by playwright-core: never a downloaded browser.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { demoConfig } from '../../demo/src/devServer/demoConfig.js';

import { CHROMIUM } from '../support/chromium.js';

export { CHROMIUM };
export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOTS = join(REPO, 'test-results', 'screenshots');

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

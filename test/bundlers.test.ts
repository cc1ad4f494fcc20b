// The package in apps built by Vite, webpack and esbuild from npm, each as it comes (no configuration):
// one app (test/bundlers/app) that starts a verifier with a pool worker and reads a QR code from an
// image file, installed from the packed package with `npm ci`. Each build emits the verifier's pool
// worker, which loads under `Content-Security-Policy: default-src 'self'; script-src 'self'
// 'wasm-unsafe-eval'`, takes the page's compiled core (it holds no copy of its own) and gives the page
// thread's results; no `node:` module reaches a browser bundle. esbuild does not follow
// `new Worker(new URL(...))` (evanw/esbuild#312): the app names the two workers as entry points
// (`passgate/verifier-worker`, `passgate/scanner-worker`), which the URLs then find beside the bundle.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import QRCode from 'qrcode';
import { CHROMIUM, launchChromium, servePage } from '../scripts/cspPage.mjs';
import { describeWithChromium } from './support/chromium.js';
import { installApp, packedPackage, REPO } from './packaging/packedPackage.js';
import { build, coreMarker, filesOf, gzipSizes, watchPage } from './packaging/appBuilds.js';
import { DAY, NOW, presentAll, root, token, trustList } from './support/issuerFixtures.js';
import { toHex } from '../sdk/encoding/hex.js';
import { toQrText } from '../sdk/issuer/index.js';

const APP = join(REPO, 'test/bundlers/app');
const BUNDLERS = ['vite', 'webpack', 'esbuild'] as const;
type Bundler = (typeof BUNDLERS)[number];

const roots = [toHex(root.publicKey)];
const trust = toHex(trustList());
// Enough for the pool (batches from 256 up go to it): fine, expired and tampered passes.
const inputs = Array.from({ length: 300 }, (_, i) => {
  const p = presentAll(token(i % 7 === 0 ? { exp: NOW - DAY } : {}));
  if (i % 11 === 0) p[p.length - 1]! ^= 1;
  return toQrText(p);
});

const page = (script: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>fixture</title></head><body><p id="state">loading</p>${script}</body></html>`;

describeWithChromium(`the packed package in apps built by Vite, webpack and esbuild (Chromium ${CHROMIUM}, strict CSP)`, () => {
  let out: string;
  let browser: Browser;
  const logs = new Map<Bundler, string>();

  beforeAll(async () => {
    await packedPackage();
    installApp(APP);
    out = mkdtempSync(join(tmpdir(), 'passgate-bundlers-'));
    const dir = (b: Bundler): string => join(out, b);
    logs.set('vite', build('npx', ['vite', 'build', '--outDir', dir('vite'), '--emptyOutDir'], APP));
    logs.set('webpack', build('npx', ['webpack', '--mode', 'production', '--output-path', dir('webpack')], APP));
    writeFileSync(join(dir('webpack'), 'index.html'), page('<script src="main.js" defer></script>'));
    logs.set('esbuild', build('npx', ['esbuild', 'index=src/index.js', 'verifierWorker=passgate/verifier-worker', 'decoderWorker=passgate/scanner-worker',
      '--bundle', '--format=esm', '--minify', `--outdir=${dir('esbuild')}`], APP));
    writeFileSync(join(dir('esbuild'), 'index.html'), page('<script type="module" src="index.js"></script>'));
    // Where the scanner's default URL points beside the bundle (esbuild leaves `new URL()` alone).
    mkdirSync(join(dir('esbuild'), 'zxing-wasm/reader'), { recursive: true });
    copyFileSync(join(APP, 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm'), join(dir('esbuild'), 'zxing-wasm/reader/zxing_reader.wasm'));
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  for (const bundler of BUNDLERS) {
    it(`${bundler}: builds without a node: module or an error, and emits the workers`, () => {
      const log = logs.get(bundler)!;
      expect(log).not.toMatch(/node:|externalized for browser|top-level await|INVALID_TLA|Module not found|ERROR/i);
      // webpack's one warning is its size hint for the QR reader's WebAssembly (925 KiB).
      if (bundler === 'webpack') expect(log.match(/WARNING in [^\n]*/g)).toEqual(['WARNING in asset size limit: The following asset(s) exceed the recommended size limit (244 KiB).']);
      const dir = join(out, bundler);
      const scripts = filesOf(dir).filter((f) => f.endsWith('.js'));
      const marker = coreMarker(APP);
      const holdsCore = scripts.filter((f) => readFileSync(join(dir, f), 'utf8').includes(marker));
      expect(holdsCore).toHaveLength(1); // the page's bundle; the workers are handed the compiled core
      for (const f of scripts) expect(readFileSync(join(dir, f), 'utf8'), f).not.toMatch(/["']node:/);
      expect(scripts.length).toBeGreaterThanOrEqual(3); // the app, the verifier's pool worker, the scanner's decoder
      expect(filesOf(dir).some((f) => f.endsWith('.wasm'))).toBe(true);
      console.log(`${bundler}: ${gzipSizes(dir).map((s) => `${s.file} ${s.gzip} B`).join(', ')} (gzip)`);
    });

    it(`${bundler}: the pool worker loads under the strict CSP and gives the page thread's results; an image file is decided`, async () => {
      const site = await servePage(join(out, bundler));
      const context = await browser.newContext();
      const requests: string[] = [];
      context.on('request', (r) => requests.push(r.url()));
      const tab = await context.newPage();
      const errors = watchPage(tab);
      try {
        await tab.goto(site.url);
        await tab.waitForFunction(() => document.getElementById('state')?.textContent === 'ready', undefined, { timeout: 30_000 });
        const run = await tab.evaluate((s) => (window as unknown as { fixture: { verify(s: unknown): Promise<{ readyWorkers: number; pooled: string[]; local: string[]; problems: string[] }> } }).fixture.verify(s),
          { roots, trustList: trust, now: NOW, inputs });
        expect(run.readyWorkers).toBe(1);
        expect(run.problems).toEqual([]);
        expect(new Set(run.local)).toEqual(new Set(['OK', 'EXPIRED', 'DISCLOSURE_INVALID']));
        expect(run.pooled).toEqual(run.local);

        const png = await QRCode.toBuffer(inputs[1]!, { errorCorrectionLevel: 'L', margin: 4, scale: 4 });
        const scan = await tab.evaluate((s) => (window as unknown as { fixture: { scanImage(s: unknown): Promise<unknown> } }).fixture.scanImage(s),
          { roots, trustList: trust, now: NOW, png: png.toString('hex') });
        expect(scan).toEqual({ source: 'image', result: 'OK' });
        expect(errors).toEqual([]);
        expect(requests.filter((u) => new URL(u).origin !== site.url)).toEqual([]);
        expect(requests.some((u) => /verifierWorker|\d+\.js$/.test(u))).toBe(true);
      } finally {
        await context.close();
        await site.close();
      }
    }, 120_000);
  }
});

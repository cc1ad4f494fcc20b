// passgate/scanner in Debian Chromium, in an app built for production and served under
// `Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'`: a fake camera
// playing a QR video gives one decision, the decode region is honoured, close() ends the camera track,
// image files and pasted text are decided, and nothing is fetched from outside the page's origin.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { buildPage, CHROMIUM, launchChromium, removePage, servePage } from '../../scripts/cspPage.mjs';
import { blankFrame, drawQr } from '../../scripts/qrFrames.mjs';
import { writeY4m } from '../../scripts/y4m.mjs';
import { hasChromium } from './browserHarness.js';
import { NOW, presentAll, root, token, trustList } from '../support/issuerFixtures.js';
import { toHex } from '../../sdk/encoding/hex.js';
import { toQrText } from '../../sdk/issuer/index.js';
import type { FixtureDecision, FixtureSetup } from './scannerFixture/main.js';

const FIXTURE = fileURLToPath(new URL('./scannerFixture/', import.meta.url));
const WIDTH = 640;
const HEIGHT = 480;
const green = toQrText(presentAll(token({ claims: { status: 0 } })));
const yellow = toQrText(presentAll(token({ claims: { status: 1 } })));
const setupFor = (over: Partial<FixtureSetup> = {}): FixtureSetup => ({ roots: [toHex(root.publicKey)], trustList: toHex(trustList()), now: NOW, ...over });

/** A Y4M video whose every frame shows these codes, each at (x, y) with 3 px a module. */
function writeVideo(path: string, codes: readonly { text: string; x: number; y: number }[]): void {
  const frame = blankFrame(WIDTH, HEIGHT);
  for (const c of codes) drawQr(frame, WIDTH, HEIGHT, c.text, { x: c.x, y: c.y, scale: 3 });
  writeY4m(path, [frame, frame, frame], { width: WIDTH, height: HEIGHT });
}

describe.skipIf(!hasChromium)(`passgate/scanner in Chromium (${CHROMIUM}), strict CSP`, () => {
  let dir: string;
  let site: Awaited<ReturnType<typeof servePage>>;
  let browser: Browser;
  let work: string;
  let camera: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'passgate-scanner-'));
    camera = join(work, 'camera.y4m');
    dir = await buildPage(FIXTURE);
    site = await servePage(dir);
    browser = await launchChromium({ camera });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (dir) removePage(dir);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** A fresh page of the fixture app, recording every request it and its workers make. */
  async function openFixture(requests: string[] = []): Promise<Page> {
    const context = await browser.newContext();
    context.on('request', (r) => requests.push(r.url()));
    const page = await context.newPage();
    await page.goto(site.url);
    await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready');
    return page;
  }

  const decisionsOf = (page: Page): Promise<FixtureDecision[]> => page.evaluate(() => window.scannerFixture.decisions());
  const waitForDecisions = (page: Page, n: number): Promise<unknown> =>
    page.waitForFunction((count) => window.scannerFixture.decisions().length >= count, n, { timeout: 20_000 });

  /** Waits until the camera has shown `n` more frames. */
  async function moreFrames(page: Page, n: number): Promise<void> {
    const seen = await page.evaluate(() => window.scannerFixture.framesShown());
    await page.waitForFunction((target) => window.scannerFixture.framesShown() >= target, seen + n, { timeout: 20_000 });
  }

  it('a code held up to the camera gives one decision, however many frames show it', async () => {
    writeVideo(camera, [{ text: green, x: 170, y: 90 }]);
    const requests: string[] = [];
    const page = await openFixture(requests);
    await page.evaluate((s) => window.scannerFixture.setup(s), setupFor({ holdMs: 60_000 }));
    expect(await page.evaluate(() => window.scannerFixture.start())).toBe('track-processor');
    await waitForDecisions(page, 1);
    // Every frame shows the code: ten more frames are read, and skipped.
    await moreFrames(page, 10);
    const decisions = await decisionsOf(page);
    expect(decisions).toEqual([{ source: 'camera', result: 'OK', text: green, claims: { status: 0 } }]);
    expect(await page.evaluate(() => window.scannerFixture.errors())).toEqual([]);

    // close() gives the camera back: its track has ended.
    expect(await page.evaluate(() => window.scannerFixture.trackState())).toBe('live');
    await page.evaluate(() => window.scannerFixture.close());
    expect(await page.evaluate(() => window.scannerFixture.trackState())).toBe('ended');

    // Under the strict CSP (really in force: eval is blocked), with nothing refused, and everything
    // (the worker, the reader's WebAssembly) from the page's own origin.
    expect(await page.evaluate(() => window.scannerFixture.evalBlocked())).toBe(true);
    // Code from strings is tried only as a probe, caught (the fixture's own, and cbor-x's at load):
    // nothing the scanner needs (worker, WebAssembly, fetch) is refused.
    expect((await page.evaluate(() => window.scannerFixture.violations())).filter((v) => !v.startsWith('script-src eval '))).toEqual([]);
    expect(requests.some((u) => u.endsWith('.wasm'))).toBe(true);
    expect(requests.filter((u) => new URL(u).origin !== site.url)).toEqual([]);
    await page.context().close();
  });

  it('without the hold, every frame that shows the code is decided again', async () => {
    writeVideo(camera, [{ text: green, x: 170, y: 90 }]);
    const page = await openFixture();
    await page.evaluate((s) => window.scannerFixture.setup(s), setupFor({ holdMs: 0 }));
    await page.evaluate(() => window.scannerFixture.start());
    await waitForDecisions(page, 3);
    await page.evaluate(() => window.scannerFixture.close());
    await page.context().close();
  });

  it('decodes only the region asked for, and follows a new one', async () => {
    // Green on the left half of the frame, yellow on the right half.
    writeVideo(camera, [{ text: green, x: 20, y: 90 }, { text: yellow, x: 340, y: 90 }]);
    const page = await openFixture();
    await page.evaluate((s) => window.scannerFixture.setup(s), setupFor({ region: { left: 0.5, top: 0, width: 0.5, height: 1 }, venue: 'general' }));
    await page.evaluate(() => window.scannerFixture.start());
    await waitForDecisions(page, 1);
    expect((await decisionsOf(page)).map((d) => d.text)).toEqual([yellow]);

    await page.evaluate(() => window.scannerFixture.setRegion({ left: 0, top: 0, width: 0.5, height: 1 }));
    await waitForDecisions(page, 2);
    const decisions = await decisionsOf(page);
    expect(decisions.map((d) => d.text)).toEqual([yellow, green]);
    await page.evaluate(() => window.scannerFixture.close());
    await page.context().close();
  });

  it('the video-element frame source (browsers without MediaStreamTrackProcessor) decides too, region included', async () => {
    writeVideo(camera, [{ text: green, x: 20, y: 90 }, { text: yellow, x: 340, y: 90 }]);
    const page = await openFixture();
    await page.evaluate((s) => window.scannerFixture.setup(s), setupFor({ frameSource: 'video-element', region: { left: 0, top: 0, width: 0.5, height: 1 } }));
    expect(await page.evaluate(() => window.scannerFixture.start())).toBe('video-element');
    await waitForDecisions(page, 1);
    await moreFrames(page, 5);
    expect((await decisionsOf(page)).map((d) => [d.source, d.text, d.result])).toEqual([['camera', green, 'OK']]);
    await page.evaluate(() => window.scannerFixture.close());
    expect(await page.evaluate(() => window.scannerFixture.trackState())).toBe('ended');
    await page.context().close();
  });

  it('reads an image file; a picture without a code and a file that is no image are typed errors', async () => {
    const page = await openFixture();
    await page.evaluate((s) => window.scannerFixture.setup(s), setupFor());
    const png = await QRCode.toBuffer([{ data: yellow, mode: 'alphanumeric' }], { errorCorrectionLevel: 'M', margin: 4, scale: 4 });
    const scan = (data: Uint8Array, type: string): Promise<FixtureDecision | { error: string }> =>
      page.evaluate(([d, t]) => window.scannerFixture.scanImage(d as number[], t as string), [Array.from(data), type] as const);
    expect(await scan(png, 'image/png')).toEqual({ source: 'image', result: 'OK', text: yellow, claims: { status: 1 } });
    const noCode = await page.evaluate(async () => {
      const canvas = new OffscreenCanvas(300, 300);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, 300, 300);
      return Array.from(new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer()));
    });
    expect(await scan(Uint8Array.from(noCode), 'image/png')).toEqual({ error: 'NO_QR_CODE' });
    expect(await scan(new TextEncoder().encode('PG1:NOT AN IMAGE'), 'image/png')).toEqual({ error: 'IMAGE_UNREADABLE' });
    await page.evaluate(() => window.scannerFixture.close());
    await page.context().close();
  });

  it('decides pasted text, trimmed, with the venue asked for, through a verifier that answers later', async () => {
    const page = await openFixture();
    await page.evaluate((s) => window.scannerFixture.setup(s), setupFor({ venue: 'school', asyncVerify: true }));
    expect(await page.evaluate((t) => window.scannerFixture.scanText(`  ${t}\n`), yellow)).toEqual({ source: 'text', result: 'STATUS_NOT_ALLOWED', text: yellow, claims: { status: 1 } });
    expect((await page.evaluate(() => window.scannerFixture.scanText('PG1:%%%'))).result).toBe('MALFORMED');
    await page.evaluate(() => window.scannerFixture.close());
    await page.context().close();
  });
});

/**
 * The demo a new user opens first, driven end to end in Debian's Chromium: a holder's wallet, a venue
 * scanner reading the code through a (fake) camera, a turnstile verifying taps in a Web Worker, and the
 * operator console revoking, syncing and destroying. Screenshots go to test-results/screenshots/.
 */
import { expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { describeResult } from '../../sdk/index.js';
import { DEMO_VIEWPORTS as VIEWPORTS, demoSuite, openPage, shot } from './demoHarness.js';
import { describeWithChromium } from '../support/chromium.js';
import { writeQrY4m } from './fakeCamera.js';
import { getCode, qrText } from './walletSteps.js';

for (const device of VIEWPORTS) describeWithChromium(`Passgate demo (e2e, Chromium, ${device.name})`, () => {
  const suite = demoSuite(device.options);
  /** A fresh browser profile per test: its own IndexedDB, localStorage and BroadcastChannels. */
  const freshContext = (): Promise<BrowserContext> => suite.freshContext();
  /** Screenshots of the phone run get their own names. */
  const snap = (page: Page, name: string): Promise<string> => shot(page, device.phone ? `${name}-phone` : name);

  async function open(context: BrowserContext, path: string): Promise<Page> {
    const page = await openPage(await context.newPage(), suite.demo.base, path);
    await fitsTheWidth(page);
    return page;
  }

  /**
   * The page is no wider than the screen (on a phone, nothing scrolls sideways). Compared with the
   * width set, not innerWidth: mobile Chromium widens the layout viewport to hold what overflows.
   */
  /** On how many lines a phrase inside an element is laid out. */
  function phraseLines(page: Page, selector: string, phrase: string): Promise<number> {
    return page.evaluate(({ selector, phrase }) => {
      const el = document.querySelector(selector)!;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = n.textContent!.indexOf(phrase);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + phrase.length);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      }
      return 0;
    }, { selector, phrase });
  }

  async function fitsTheWidth(page: Page): Promise<void> {
    const width = device.options.viewport.width;
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll, `${page.url()} is ${scroll} px wide on a ${width} px screen`).toBeLessThanOrEqual(width);
  }

  it('home page links the four roles, in Chinese and English', async () => {
    const ctx = await freshContext();
    const home = await open(ctx, '?lang=zh');
    await home.waitForSelector('.cards a');
    expect(await home.locator('.cards a').count()).toBe(4);
    expect(await home.textContent('header h1')).toBe('离线健康码核验演示');
    await snap(home, 'home-zh');
    await home.click('[data-testid="lang-switch"]');
    expect(await home.textContent('header h1')).toBe('Offline health-code verification demo');
  });

  it('the scanner reads a wallet QR code through the camera and shows allow', async () => {
    const ctx = await freshContext();
    const wallet = await open(ctx, 'wallet.html?lang=en&venue=general');
    await getCode(wallet, 'green');
    // The general venue looks at the code colour only: that is all the wallet reveals.
    expect(await wallet.locator('[data-testid="reveal-list"] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-claim')))).toEqual(['status']);
    // With its code drawn, the wallet still fits the width (the canvas scales down on a phone).
    await fitsTheWidth(wallet);
    await snap(wallet, 'wallet');
    writeQrY4m(suite.demo.cameraFile, await qrText(wallet));

    const scanner = await open(ctx, 'scanner.html?lang=en&venue=general');
    await scanner.click('[data-testid="camera"]');
    const verdict = scanner.locator('[data-testid="verdict"]:not([hidden])');
    await verdict.waitFor({ timeout: 20_000 });
    expect(await verdict.getAttribute('data-result')).toBe('OK');
    expect(await scanner.textContent('[data-testid="verdict-reason"]')).toBe(describeResult('OK', 'en').summary);
    // Only the disclosed claim is shown: the code colour, nothing else the token holds.
    expect(await scanner.locator('[data-testid="verdict-claims"] tr').count()).toBe(1);
    await snap(scanner, 'scanner-allow');
  });

  it('the turnstile reads a wallet QR code with its camera and opens', async () => {
    const ctx = await freshContext();
    const wallet = await open(ctx, 'wallet.html?lang=en&venue=transit');
    await getCode(wallet, 'green');
    writeQrY4m(suite.demo.cameraFile, await qrText(wallet));
    const turnstile = await open(ctx, 'turnstile.html?lang=en');
    await turnstile.click('[data-testid="camera"]');
    await turnstile.waitForFunction(() => document.querySelector('[data-testid="count"]')?.textContent === '1', undefined, { timeout: 20_000 });
    expect(await turnstile.getAttribute('[data-testid="gate"]', 'data-result')).toBe('OK');
    expect(await turnstile.getAttribute('[data-testid="gate"]', 'data-state')).toBe('open');
    await shot(turnstile, 'turnstile-camera');
    await turnstile.click('[data-testid="camera"]');
  });

  it('the wallet re-binds its QR code to the device every 30 s', async () => {
    const ctx = await freshContext();
    const page = await ctx.newPage();
    // A controllable clock: 30 s pass in an instant, timers included.
    await page.clock.install();
    const wallet = await openPage(page, suite.demo.base, 'wallet.html?lang=en&venue=general');
    await getCode(wallet, 'green');
    const first = Number(await wallet.getAttribute('[data-testid="wallet-qr"]', 'data-presented-at'));
    const text = await qrText(wallet);
    await page.clock.fastForward(31_000);
    await wallet.waitForFunction((t) => document.querySelector<HTMLElement>('[data-testid="wallet-qr"]')?.dataset['qrText'] !== t, text);
    const second = Number(await wallet.getAttribute('[data-testid="wallet-qr"]', 'data-presented-at'));
    expect(second - first).toBeGreaterThanOrEqual(30);
    expect(second - first).toBeLessThanOrEqual(32);
  });

  it('a yellow code at a school is denied, with the reason in words', async () => {
    const ctx = await freshContext();
    const wallet = await open(ctx, 'wallet.html?lang=zh&venue=school');
    await getCode(wallet, 'yellow');
    const text = await qrText(wallet);

    const scanner = await open(ctx, 'scanner.html?lang=zh&venue=school');
    await scanner.fill('[data-testid="paste"]', text);
    await scanner.click('[data-testid="verify"]');
    const verdict = scanner.locator('[data-testid="verdict"]:not([hidden])');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-result')).toBe('STATUS_NOT_ALLOWED');
    expect(await scanner.textContent('[data-testid="verdict-reason"]')).toBe(describeResult('STATUS_NOT_ALLOWED', 'zh').summary);
    expect(await scanner.textContent('[data-testid="verdict-advice"]')).toBe(describeResult('STATUS_NOT_ALLOWED', 'zh').advice);
    // The detail (explain) names the step and the rule, in the page's language.
    expect(await scanner.textContent('[data-testid="verdict-detail"]')).toMatch(/^PG1 §5 第 11 步：健康码颜色（status）在允许范围（allow）内 · venue = school · .*status = 1 · allow = \[0\]$/);
    expect(await verdict.textContent()).toContain('黄码');
    // 禁止通行 is one phrase: on one line, whatever the width.
    expect(await phraseLines(scanner, '[data-testid="verdict"] .word', '禁止通行')).toBe(1);
    await snap(scanner, 'scanner-deny-yellow-school');
  });

  it('lays out for this screen: the page marked in the navigation, one date format, tables readable in Chinese', async () => {
    const ctx = await freshContext();
    const wallet = await open(ctx, 'wallet.html?lang=en');
    expect(await wallet.getAttribute('header nav a[aria-current="page"]', 'href')).toBe('./wallet.html');
    // Before a code exists, nothing is said about what a venue would see.
    expect(await wallet.isVisible('[data-testid="will-see"]')).toBe(false);
    await snap(wallet, 'wallet-no-code');
    await getCode(wallet, 'green');
    expect(await wallet.isVisible('[data-testid="will-see"]')).toBe(true);

    // One date format, in the page's language: the explain detail and the console alike (en-GB here,
    // whatever the browser's locale).
    const EN_GB = /\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}:\d{2}/;
    const scanner = await open(ctx, 'scanner.html?lang=en');
    await scanner.fill('[data-testid="paste"]', await qrText(wallet));
    await scanner.click('[data-testid="verify"]');
    await scanner.locator('[data-testid="verdict"]:not([hidden])').waitFor();
    expect(await scanner.textContent('[data-testid="verdict-detail"]')).toMatch(new RegExp(`now = \\d+ \\(${EN_GB.source}\\)`));
    // DENY 禁止通行 in English: the Chinese phrase stays whole (the line breaks at the space, if at all).
    const denying = await open(ctx, 'scanner.html?lang=en');
    await denying.fill('[data-testid="paste"]', 'PG1:NOT A PASS');
    await denying.click('[data-testid="verify"]');
    await denying.locator('[data-testid="verdict"][data-result="MALFORMED"]:not([hidden])').waitFor();
    expect(await phraseLines(denying, '[data-testid="verdict"] .word', '禁止通行')).toBe(1);
    await snap(denying, 'scanner-deny-en');
    const consoleEn = await open(ctx, 'console.html?lang=en');
    await consoleEn.waitForSelector('[data-testid="issuers"] td.mono');
    const validity = await consoleEn.textContent('[data-testid="issuers"] tr:nth-child(2) td:nth-child(3)');
    expect(validity).toMatch(new RegExp(`^${EN_GB.source} → ${EN_GB.source}$`));

    const console_ = await open(ctx, 'console.html?lang=zh');
    await console_.waitForSelector('[data-testid="issuers"] td.mono');
    expect(await console_.textContent('header nav a[aria-current="page"]')).toBe('运维控制台');
    const layout = await console_.evaluate(() => {
      const lines = (el: Element): number => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      };
      const table = document.querySelector<HTMLElement>('[data-testid="revocations"]')!;
      const card = table.closest<HTMLElement>('section.card')!;
      const style = getComputedStyle(card);
      return {
        headings: [...document.querySelectorAll('[data-testid="issuers"] th')].map((th) => ({ text: th.textContent, lines: lines(th) })),
        kids: [...document.querySelectorAll('[data-testid="issuers"] td.mono')].map(lines),
        revocationTable: table.getBoundingClientRect().width,
        cardInside: card.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
      };
    });
    for (const th of layout.headings) expect(th.lines, `heading ${th.text}`).toBe(1);
    expect(layout.kids.length).toBeGreaterThan(0);
    for (const kid of layout.kids) expect(kid, 'a kid on one line').toBe(1);
    expect(layout.revocationTable).toBeGreaterThanOrEqual(layout.cardInside - 1);
    await snap(console_, 'console-zh');
  });

  it('a screenshot of the code replayed 61 s later is refused as stale', async () => {
    const ctx = await freshContext();
    const wallet = await open(ctx, 'wallet.html?lang=en&venue=general');
    await getCode(wallet, 'green');
    const screenshot = await wallet.locator('[data-testid="wallet-qr"]').screenshot();

    // The scanner's clock runs 61 s ahead: the replayed image is then 61 s old (PG1 §4 allows 60).
    // As demo/README.md writes it: the + of ?now=+61 arrives as a space, and still means +61.
    const scanner = await open(ctx, 'scanner.html?lang=en&venue=general&now=+61');
    await scanner.setInputFiles('[data-testid="image-file"]', { name: 'screenshot.png', mimeType: 'image/png', buffer: screenshot });
    const verdict = scanner.locator('[data-testid="verdict"]:not([hidden])');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-result')).toBe('STALE_PRESENTATION');
    expect(await scanner.textContent('[data-testid="verdict-reason"]')).toBe(describeResult('STALE_PRESENTATION', 'en').summary);
    expect(await scanner.textContent('[data-testid="verdict-detail"]')).toMatch(/^Step 10 of PG1 §5: \|now - presented_at\| <= 60 · .*difference = 6\d · window = 60$/);
    await snap(scanner, 'scanner-stale-screenshot');

    // The same image on time is accepted: it is the clock, not the image, that refused it.
    const onTime = await open(ctx, 'scanner.html?lang=en&venue=general');
    await onTime.setInputFiles('[data-testid="image-file"]', { name: 'screenshot.png', mimeType: 'image/png', buffer: screenshot });
    await onTime.locator('[data-testid="verdict"]:not([hidden])').waitFor();
    expect(await onTime.getAttribute('[data-testid="verdict"]', 'data-result')).toBe('OK');
  });

  it('a revoked token opens the turnstile before the sync and is denied after it', async () => {
    const ctx = await freshContext();
    const turnstile = await open(ctx, 'turnstile.html?lang=en');
    const wallet = await open(ctx, 'wallet.html?lang=en');
    const cti = await getCode(wallet, 'green');

    const tap = async (): Promise<string | null> => {
      const before = await turnstile.textContent('[data-testid="count"]');
      await wallet.click('[data-testid="tap"]');
      await turnstile.waitForFunction((b) => document.querySelector('[data-testid="count"]')?.textContent !== b, before);
      return turnstile.getAttribute('[data-testid="gate"]', 'data-result');
    };
    expect(await tap()).toBe('OK');
    expect(await turnstile.getAttribute('[data-testid="gate"]', 'data-state')).toBe('open');
    await snap(turnstile, 'turnstile-open');

    const console_ = await open(ctx, 'console.html?lang=en');
    acceptDialogs(console_);
    await console_.click(`[data-testid="revoke-${cti}"]`);
    await console_.waitForSelector('[data-testid="notice"]');
    // Revoked at the issuer, but the gate has not synced: it still opens.
    expect(await tap()).toBe('OK');

    const revBefore = await turnstile.getAttribute('[data-testid="trust-line"]', 'data-revocation-version');
    await console_.click('[data-testid="sync"]');
    await console_.waitForFunction(() => document.querySelector('[data-testid="revoked-count"]')?.textContent === '1');
    // The console's "sync now" tells every verifier of the origin to sync; the turnstile's worker does.
    await turnstile.waitForFunction(
      (b) => document.querySelector<HTMLElement>('[data-testid="trust-line"]')?.dataset['revocationVersion'] !== b,
      revBefore,
    );
    expect(await console_.locator('[data-testid="sync-report"] li[data-outcome="updated"]').count()).toBe(1);
    await snap(console_, 'console');

    expect(await tap()).toBe('TOKEN_REVOKED');
    expect(await turnstile.getAttribute('[data-testid="gate"]', 'data-state')).toBe('denied');
    expect(await turnstile.textContent('.gate-reason')).toBe(describeResult('TOKEN_REVOKED', 'en').summary);
    await wallet.waitForSelector('[data-testid="tap-status"][data-result="TOKEN_REVOKED"]');
    await snap(turnstile, 'turnstile-revoked');
  });

  it('the turnstile replays 10,000 presentations in its worker and reports the throughput', async () => {
    const ctx = await freshContext();
    const turnstile = await open(ctx, 'turnstile.html?lang=en');
    const t0 = Date.now();
    await turnstile.click('[data-testid="stress"]');
    await turnstile.waitForSelector('[data-testid="stress-result"][data-count="10000"]', { timeout: 60_000 });
    const rate = Number(await turnstile.getAttribute('[data-testid="stress-result"]', 'data-rate'));
    console.info(`turnstile stress: 10,000 presentations in the worker at ${rate} tokens/s (click to result ${Date.now() - t0} ms)`);
    expect(rate).toBeGreaterThan(200);
    // The set is mostly green with some yellow (both admitted on transit) and one red.
    expect(await turnstile.textContent('[data-testid="stress-result"]')).toMatch(/OK \d+ · STATUS_NOT_ALLOWED \d+/);
    await snap(turnstile, 'turnstile-stress');
  });

  it('rotating the issuer key publishes a new trust list; passes signed by the old key still verify', async () => {
    const ctx = await freshContext();
    const wallet = await open(ctx, 'wallet.html?lang=en&venue=general');
    await getCode(wallet, 'green');
    const console_ = await open(ctx, 'console.html?lang=en');
    const version = Number(await console_.textContent('[data-testid="trust-version"]'));
    await console_.click('[data-testid="rotate"]');
    await console_.waitForFunction((v) => document.querySelector('[data-testid="trust-version"]')?.textContent === String(v + 1), version);
    // Overlapping windows (PG1 §6): the retired key stays listed until its passes expire.
    expect(await console_.locator('[data-testid="issuers"] tr').count()).toBe(3);

    const scanner = await open(ctx, 'scanner.html?lang=en&venue=general');
    await scanner.fill('[data-testid="paste"]', await qrText(wallet));
    await scanner.click('[data-testid="verify"]');
    await scanner.locator('[data-testid="verdict"]:not([hidden])').waitFor();
    expect(await scanner.getAttribute('[data-testid="verdict"]', 'data-result')).toBe('OK');
  });

  it('the console reports lists already in force as up to date, with reasons in the page’s language', async () => {
    // A revocation makes the issuer publish a delta beside the full list.
    const issuerSide = await freshContext();
    const wallet = await open(issuerSide, 'wallet.html?lang=en');
    const cti = await getCode(wallet, 'green');
    const operator = await open(issuerSide, 'console.html?lang=en');
    await operator.click(`[data-testid="revoke-${cti}"]`);
    await operator.waitForSelector('[data-testid="notice"]');

    // A device that has never synced takes the full list (the delta has no base there), and at its
    // next sync finds the delta no newer than what it has: up to date, not "refused (ROLLBACK)".
    const console_ = await open(await freshContext(), 'console.html?lang=zh');
    await console_.click('[data-testid="sync"]');
    await console_.waitForSelector('[data-testid="sync-report"] li[data-list="revocations"]');
    const line = console_.locator('[data-testid="sync-report"] li[data-list="revocations"]');
    await console_.waitForFunction(() => !document.querySelector('[data-testid="sync"]')?.hasAttribute('disabled'));
    expect(await line.getAttribute('data-outcome')).toBe('unchanged');
    expect(await line.textContent()).toContain('已是最新');
    expect(await console_.textContent('[data-testid="sync-report"]')).not.toMatch(/ROLLBACK|refused|not applied/);
    await snap(console_, 'console-up-to-date-zh');
  });

  it('destroy all data leaves no Passgate IndexedDB database, and tells the other pages', async () => {
    const ctx = await freshContext();
    const scanner = await open(ctx, 'scanner.html?lang=en');
    const turnstile = await open(ctx, 'turnstile.html?lang=en');
    // What the other tabs (and the turnstile's worker) report while the data goes: no uncaught error.
    const uncaught: string[] = [];
    for (const page of [scanner, turnstile]) {
      page.on('pageerror', (e) => uncaught.push(`${page.url()}: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && /Uncaught|STORAGE_FAILED/.test(m.text())) uncaught.push(`${page.url()}: ${m.text()}`);
      });
    }
    const console_ = await open(ctx, 'console.html?lang=en');
    acceptDialogs(console_);
    const names = (): Promise<string[]> => console_.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
    expect(await names()).toContain('passgate');

    await console_.click('[data-testid="destroy"]');
    const destroyed = console_.locator('[data-testid="destroyed"]');
    await destroyed.waitFor();
    expect(await destroyed.getAttribute('data-passgate-left')).toBe('0');
    expect(await console_.textContent('[data-testid="idb-left"]')).toBe('[]');
    await scanner.waitForFunction(() => document.querySelector('[data-testid="trust-line"]')?.textContent?.includes('destroyed') === true);
    await turnstile.waitForFunction(() => document.querySelector('.gate-reason')?.textContent?.includes('destroyed') === true);
    expect(uncaught).toEqual([]);
    // Checked again after the other page has reacted: nothing came back.
    expect((await names()).filter((n) => n.startsWith('passgate'))).toEqual([]);
    await snap(console_, 'console-destroyed');
  });
});

/** "Destroy all data?" is a confirm(): accept it as the operator would. */
function acceptDialogs(page: Page): void {
  page.on('dialog', (d) => void d.accept());
}

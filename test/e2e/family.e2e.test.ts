/**
 * People without a phone (PG1 §10) in the demo, end to end in Debian's Chromium: a family member gets
 * a printed pass for a parent and prints it (Chromium renders the A6 page to PDF, pdftoppm rasterises
 * it, the turnstile reads the image through passgate/scanner and checks it with the identity card the
 * reader panel gives), and a card pass for a child, written to a virtual card that taps the turnstile.
 * The operator makes the venue `bound`; the turnstile keeps no serial, number or name anywhere.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { describeResult } from '../../sdk/index.js';
import { DEMO_VIEWPORTS as VIEWPORTS, demoSuite, openPage, SCREENSHOTS, shot } from './demoHarness.js';
import { describeWithChromium } from '../support/chromium.js';

/** The parent's identity card, as the family member types it and the gate's reader gives it. */
const PARENT = { name: '林建华', number: '11010519491231002X' };
/** Someone else's card: same name length, other number. */
const OTHER = { name: '林建国', number: '110105195001011234' };
const CHILD = { name: '王小明', number: '330106201503150017' };

/** Runs a poppler-utils tool (pdfinfo, pdftoppm), saying which package a machine without it lacks. */
function poppler(tool: 'pdfinfo' | 'pdftoppm', args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${tool} is missing: apt-get install poppler-utils (it rasterises the printed pass)`);
    throw e;
  }
}

for (const device of VIEWPORTS) describeWithChromium(`Passgate demo, family and passes without a phone (e2e, Chromium, ${device.name})`, () => {
  // window.print() opens no dialog here: the test renders the print media itself (page.pdf).
  const suite = demoSuite(device.options, async (context) => {
    await context.addInitScript(() => {
      window.print = () => undefined;
    });
  });
  const freshContext = (): Promise<BrowserContext> => suite.freshContext();
  /** The rasterised printed pass, for the later tests. */
  let printedPng = '';
  /** Screenshots from the top of the page (where the gate is), the phone run's named -phone. */
  const snap = async (page: Page, name: string): Promise<string> => {
    await page.evaluate(() => window.scrollTo(0, 0));
    return shot(page, device.phone ? `${name}-phone` : name);
  };

  async function open(context: BrowserContext, path: string): Promise<Page> {
    const page = await openPage(await context.newPage(), suite.demo.base, path);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll, `${path} is ${scroll} px wide on a ${device.options.viewport.width} px screen`).toBeLessThanOrEqual(device.options.viewport.width);
    return page;
  }

  /** Fills the family form and asks for a pass; resolves with the new relative's entry. */
  async function obtain(wallet: Page, who: { name: string; number: string }, form: 'printed' | 'card', relation: 'elder' | 'child'): Promise<string> {
    const before = await wallet.locator(`[data-testid="family-list"] li[data-form="${form}"]`).count();
    await wallet.selectOption('[data-testid="family-relation"]', relation);
    await wallet.fill('[data-testid="family-name"]', who.name);
    await wallet.fill('[data-testid="family-number"]', who.number);
    await wallet.click(`[data-testid="family-get-${form}"]`);
    await wallet.waitForFunction(
      ({ form, before }) => document.querySelectorAll(`[data-testid="family-list"] li[data-form="${form}"]`).length > before,
      { form, before },
    );
    return `[data-testid="family-list"] li[data-form="${form}"] >> nth=${before}`;
  }

  /** Runs one check at the turnstile and returns its result code. */
  async function gateResult(turnstile: Page, act: () => Promise<void>): Promise<string | null> {
    const before = await turnstile.textContent('[data-testid="count"]');
    await act();
    await turnstile.waitForFunction((b) => document.querySelector('[data-testid="count"]')?.textContent !== b, before, { timeout: 20_000 });
    return turnstile.getAttribute('[data-testid="gate"]', 'data-result');
  }

  /** The printed pass's image held up to the turnstile, with an identity card on its reader (or none). */
  async function showPrinted(turnstile: Page, document: { name: string; number: string } | null): Promise<string | null> {
    return gateResult(turnstile, async () => {
      if (document) {
        await turnstile.fill('[data-testid="id-number"]', document.number);
        await turnstile.fill('[data-testid="id-name"]', document.name);
      }
      await turnstile.setInputFiles('[data-testid="image-file"]', { name: 'printed-pass.png', mimeType: 'image/png', buffer: readFileSync(printedPng) });
    });
  }

  it('a family member gets a printed pass for a parent, checks it (代查) and prints an A6 card whose QR code the turnstile reads: OK with the document, DOCUMENT_MISMATCH with another', async () => {
    const ctx = await freshContext();
    const wallet = await open(ctx, 'wallet.html?lang=zh');
    expect(await wallet.textContent('[data-testid="family"] h2')).toBe('3. 家人代办');
    const entry = await obtain(wallet, PARENT, 'printed', 'elder');
    // The name and number went to the issuer once: the form is empty and the page keeps neither.
    expect(await wallet.inputValue('[data-testid="family-name"]')).toBe('');
    expect(await wallet.inputValue('[data-testid="family-number"]')).toBe('');
    const kept = await wallet.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(kept).not.toContain(PARENT.name);
    expect(kept).not.toContain(PARENT.number);
    expect(kept).not.toContain(PARENT.number.slice(0, 14));
    expect(await wallet.textContent(entry)).toContain('林*华');
    expect(await wallet.textContent(entry)).toContain('002X');
    expect(await wallet.textContent('[data-testid="family-kept"]')).toContain('完整姓名和证件号只在申领时发给签发机构');

    await wallet.click(`${entry} >> [data-testid="relative-check"]`);
    await wallet.waitForSelector(`${entry} >> [data-testid="relative-status"][data-result="OK"]`);
    expect(await wallet.textContent(`${entry} >> [data-testid="relative-status"]`)).toContain('当前为绿码');
    await wallet.locator('[data-testid="family"]').scrollIntoViewIfNeeded();
    await wallet.locator('[data-testid="family"]').screenshot({ path: join(SCREENSHOTS, `family-zh${device.phone ? '-phone' : ''}.png`) });
    // The docs' picture: the section as a 390 px phone lays it out, one pixel a CSS pixel (small file).
    // (docs/demo-family.png is a copy: tests write nothing outside test-results/.)
    if (device.phone) await wallet.locator('[data-testid="family"]').screenshot({ path: join(SCREENSHOTS, 'demo-family.png'), scale: 'css' });

    // Print: the A6 card alone on one page, rendered by Chromium's print path.
    await wallet.click(`${entry} >> [data-testid="relative-print"]`);
    await wallet.waitForSelector('[data-testid="print-sheet"][data-qr-text]', { state: 'attached' });
    expect(await wallet.textContent('[data-testid="print-name"]')).toBe('林*华');
    expect(await wallet.textContent('[data-testid="print-id4"]')).toBe('002X');
    expect(await wallet.textContent('[data-testid="print-issuer"]')).toContain('CN-33');
    const pdf = join(suite.demo.workDir, 'printed-pass.pdf');
    await wallet.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    const info = poppler('pdfinfo', [pdf]);
    expect(info).toMatch(/^Pages:\s+1$/m);
    // A6 is 105 x 148 mm: 297.6 x 419.5 pt (Chromium rounds to its own units: 298.08 x 420).
    const [, w, h] = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info) ?? [];
    expect(Math.abs(Number(w) - 297.6)).toBeLessThan(1);
    expect(Math.abs(Number(h) - 419.5)).toBeLessThan(1);
    poppler('pdftoppm', ['-r', '200', '-png', '-singlefile', pdf, join(suite.demo.workDir, 'printed-pass')]);
    printedPng = join(suite.demo.workDir, 'printed-pass.png');
    // The printed card for the docs (docs/demo-printed-pass.png is a copy of it).
    if (device.phone) poppler('pdftoppm', ['-r', '110', '-png', '-singlefile', pdf, join(SCREENSHOTS, 'demo-printed-pass')]);

    const turnstile = await open(ctx, 'turnstile.html?lang=en');
    expect(await showPrinted(turnstile, PARENT)).toBe('OK');
    expect(await turnstile.getAttribute('[data-testid="gate"]', 'data-state')).toBe('open');
    // The reader's fields are emptied as the decision is made: nothing of the card stays on the page.
    expect(await turnstile.inputValue('[data-testid="id-number"]')).toBe('');
    expect(await turnstile.inputValue('[data-testid="id-name"]')).toBe('');
    expect(await showPrinted(turnstile, OTHER)).toBe('DOCUMENT_MISMATCH');
    expect(await turnstile.textContent('.gate-reason')).toBe(describeResult('DOCUMENT_MISMATCH', 'en').summary);
    await snap(turnstile, 'turnstile-document-mismatch');
  });

  it('a card pass written to a (virtual) card opens the turnstile when tapped; the same pass pasted as text is CARD_MISMATCH', async () => {
    const ctx = await freshContext();
    const turnstile = await open(ctx, 'turnstile.html?lang=en');
    const wallet = await open(ctx, 'wallet.html?lang=en');
    const entry = await obtain(wallet, CHILD, 'card', 'child');
    expect(await wallet.textContent(entry)).toContain('Virtual card 04');
    expect(await gateResult(turnstile, () => wallet.click(`${entry} >> [data-testid="relative-tap"]`))).toBe('OK');
    await wallet.waitForSelector(`${entry} >> [data-testid="relative-status"][data-result="OK"]`);
    await snap(turnstile, 'turnstile-card-tap');
    await wallet.click(`${entry} >> [data-testid="relative-check"]`);
    await wallet.waitForSelector(`${entry} >> [data-testid="relative-status"][data-result="OK"]`);
    await wallet.locator('[data-testid="family"]').screenshot({ path: join(SCREENSHOTS, `family-card-en${device.phone ? '-phone' : ''}.png`) });

    const text = await wallet.getAttribute(entry, 'data-pass-text');
    expect(text).toMatch(/^PG1:/);
    const scanner = await open(ctx, 'scanner.html?lang=en&venue=transit');
    await scanner.fill('[data-testid="paste"]', text!);
    await scanner.click('[data-testid="verify"]');
    const verdict = scanner.locator('[data-testid="verdict"]:not([hidden])');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-result')).toBe('CARD_MISMATCH');
  });

  it('at a venue the operator makes bound, a printed pass without its document is BINDING_REQUIRED; and the turnstile keeps no serial, number or name', async () => {
    expect(printedPng, 'the printed pass of the first test').not.toBe('');
    const ctx = await freshContext();
    const turnstile = await open(ctx, 'turnstile.html?lang=zh');
    const console_ = await open(ctx, 'console.html?lang=zh');
    const trustBefore = await turnstile.getAttribute('[data-testid="trust-line"]', 'data-trust-version');
    await console_.selectOption('[data-testid="bound-category"]', 'transit');
    await console_.click('[data-testid="bound-on"]');
    await console_.waitForSelector('[data-testid="bound-in-force"][data-categories="transit"]');
    await turnstile.waitForFunction((b) => document.querySelector<HTMLElement>('[data-testid="trust-line"]')?.dataset['trustVersion'] !== b, trustBefore);
    await snap(console_, 'console-bound-zh');

    // Everything the turnstile page asks the network for, and everything it logs.
    const traffic: string[] = [];
    turnstile.on('request', (r) => traffic.push(`${r.url()} ${r.postData() ?? ''}`));
    turnstile.on('console', (m) => traffic.push(m.text()));

    expect(await showPrinted(turnstile, null)).toBe('BINDING_REQUIRED');
    expect(await turnstile.textContent('.gate-reason')).toBe(describeResult('BINDING_REQUIRED', 'zh').summary);
    // The reason reads as one sentence: no word (健康码) split over two lines, on a phone too.
    const reasonLines = await turnstile.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('.gate-reason')!);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    expect(reasonLines).toBe(1);
    await snap(turnstile, 'turnstile-binding-required');
    expect(await showPrinted(turnstile, PARENT)).toBe('OK');
    const wallet = await open(ctx, 'wallet.html?lang=en');
    const entry = await obtain(wallet, CHILD, 'card', 'child');
    expect(await gateResult(turnstile, () => wallet.click(`${entry} >> [data-testid="relative-tap"]`))).toBe('OK');
    const serial = /Virtual card ([0-9A-F]+)/.exec((await wallet.textContent(entry)) ?? '')![1]!;

    // The scan log: counts by hour, venue and result, nothing else.
    await turnstile.click('[data-testid="show-log"]');
    await turnstile.waitForSelector('[data-testid="scan-log"][data-counts]', { state: 'attached' });
    const counts = JSON.parse((await turnstile.getAttribute('[data-testid="scan-log"]', 'data-counts'))!) as Record<string, unknown>[];
    expect(counts.map((c) => Object.keys(c).sort())).toEqual(counts.map(() => ['count', 'hour', 'result', 'venue']));
    await turnstile.locator('[data-testid="id-reader"]').screenshot({ path: join(SCREENSHOTS, `turnstile-id-reader-zh${device.phone ? '-phone' : ''}.png`) });
    await turnstile.locator('[data-testid="scan-log"]').screenshot({ path: join(SCREENSHOTS, `turnstile-scan-log${device.phone ? '-phone' : ''}.png`) });
    expect(counts.filter((c) => c['venue'] === 'transit').map((c) => `${String(c['result'])} ${String(c['count'])}`).sort()).toEqual(['BINDING_REQUIRED 1', 'OK 2']);

    // Every record of every IndexedDB database of the origin, binary as hex, and the log.
    const stored = await turnstile.evaluate(async () => {
      const hex = (b: ArrayBuffer | ArrayBufferView): string => {
        const u = b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
        return Array.from(u, (x) => x.toString(16).padStart(2, '0')).join('');
      };
      const flat = (v: unknown): string => {
        if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) return hex(v);
        if (Array.isArray(v)) return `[${v.map(flat).join(',')}]`;
        if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${k}:${flat(x)}`).join(',')}}`;
        return String(v);
      };
      const out: string[] = [];
      for (const { name } of await indexedDB.databases()) {
        if (!name) continue;
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open(name);
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        for (const storeName of db.objectStoreNames) {
          const tx = db.transaction(storeName, 'readonly');
          const all = await new Promise<unknown[]>((resolve, reject) => {
            const r = tx.objectStore(storeName).getAll();
            r.onsuccess = () => resolve(r.result);
            r.onerror = () => reject(r.error);
          });
          const keys = await new Promise<unknown[]>((resolve, reject) => {
            const r = tx.objectStore(storeName).getAllKeys();
            r.onsuccess = () => resolve(r.result);
            r.onerror = () => reject(r.error);
          });
          out.push(`${name}/${storeName}: ${flat(keys)} ${flat(all)}`);
        }
        db.close();
      }
      return out;
    });
    expect(stored.length, 'the verifier stores its lists in IndexedDB').toBeGreaterThan(0);
    const utf8Hex = (s: string): string => Buffer.from(s, 'utf8').toString('hex');
    const secrets = [serial.toLowerCase(), serial, PARENT.number, PARENT.name, utf8Hex(PARENT.number), utf8Hex(PARENT.name), PARENT.number.slice(-4)];
    const everything = [stored.join('\n'), JSON.stringify(counts), traffic.join('\n'), await turnstile.evaluate(() => document.body.innerText)].join('\n');
    for (const secret of secrets) expect(everything.includes(secret), `the turnstile kept ${secret}`).toBe(false);
  });
});

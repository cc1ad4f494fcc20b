// passgate/card in a browser (issue 21): built by Vite for production, opened in Debian's Chromium.
// Desktop Chromium has no Web NFC: every Web NFC call says NO_NFC, and PC/SC says NO_PCSC, with no
// `node:` module or the smartcard package in the bundle. Where a browser has NDEFReader (Chrome on
// Android), a reading's records become a tap: that path is run against a stand-in NDEFReader put in the
// page before it loads, the only way to drive it without a phone.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildPage, launchChromium, removePage, servePage } from '../scripts/cspPage.mjs';
import { describeWithChromium } from './support/chromium.js';

const PAGE = fileURLToPath(new URL('./webNfc', import.meta.url));

interface PageState {
  available: boolean;
  read: string;
  serial: number[] | null;
  presentation: number[] | null;
  write: string;
  pcsc: string;
}

describeWithChromium('passgate/card in Chromium', () => {
  let out = '';
  let served: { url: string; close(): Promise<void> };
  let browser: Browser;
  beforeAll(async () => {
    out = await buildPage(PAGE);
    served = await servePage(out);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await served?.close();
    if (out) removePage(out);
  });

  async function stateOf(setUp?: (page: Page) => Promise<unknown>): Promise<PageState> {
    const page = await browser.newPage();
    try {
      await setUp?.(page);
      await page.goto(served.url);
      await page.waitForFunction(() => document.getElementById('state')?.textContent !== 'loading', undefined, { timeout: 15_000 });
      return JSON.parse((await page.textContent('#state'))!) as PageState;
    } finally {
      await page.close();
    }
  }

  it('bundles without a node: module or the smartcard package', () => {
    const js = readdirSync(join(out, 'assets')).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(out, 'assets', f), 'utf8')).join('\n');
    expect(js).not.toMatch(/["']node:/);
    expect(js).not.toContain('smartcard');
    expect(js).toContain('NO_PCSC');
  });

  it('reports NO_NFC on desktop Chromium, for reads and writes, and NO_PCSC for PC/SC', async () => {
    expect(await stateOf()).toEqual({ available: false, read: 'NO_NFC', serial: null, presentation: null, write: 'NO_NFC', pcsc: 'NO_PCSC' });
  });

  it('with an NDEFReader, takes the first record\'s application/pg1 payload and the serialNumber as the serial', async () => {
    const state = await stateOf((page) => page.addInitScript(() => {
      class StandIn extends EventTarget {
        async scan(): Promise<void> {
          setTimeout(() => {
            const event = Object.assign(new Event('reading'), {
              serialNumber: '04:a2:3b:7a',
              message: { records: [{ recordType: 'mime', mediaType: 'application/pg1', data: new DataView(Uint8Array.of(0x83, 9, 8).buffer) }] },
            });
            this.dispatchEvent(event);
          }, 50);
        }
        async write(): Promise<void> {}
      }
      (globalThis as unknown as { NDEFReader: unknown }).NDEFReader = StandIn;
    }));
    expect(state).toEqual({ available: true, read: 'read', serial: [0x04, 0xa2, 0x3b, 0x7a], presentation: [0x83, 9, 8], write: 'no error', pcsc: 'NO_PCSC' });
  });

  it('with an NDEFReader, a card whose first record is not application/pg1 is NO_PASS, with its serial', async () => {
    const state = await stateOf((page) => page.addInitScript(() => {
      class StandIn extends EventTarget {
        async scan(): Promise<void> {
          setTimeout(() => this.dispatchEvent(Object.assign(new Event('reading'), {
            serialNumber: '04:01',
            message: { records: [{ recordType: 'url', data: new DataView(new TextEncoder().encode('https://example.org').buffer) }] },
          })), 50);
        }
        async write(): Promise<void> { throw new DOMException('no permission', 'NotAllowedError'); }
      }
      (globalThis as unknown as { NDEFReader: unknown }).NDEFReader = StandIn;
    }));
    expect(state).toMatchObject({ available: true, read: 'NO_PASS', serial: [4, 1], write: 'NO_NFC' });
  });
});

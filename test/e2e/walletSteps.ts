/** What a holder does on the wallet page, as the tests need it. */
import type { Page } from 'playwright-core';

export type Preset = 'green' | 'yellow' | 'red';

/** Picks a preset, gets a code from the demo issuer and waits for the QR code. Returns its cti. */
export async function getCode(wallet: Page, preset: Preset): Promise<string> {
  await wallet.click(`[data-testid="preset-${preset}"]`);
  const before = await wallet.getAttribute('[data-testid="issue-status"]', 'data-cti');
  await wallet.click('[data-testid="get-code"]');
  await wallet.waitForFunction(
    (prev) => {
      const cti = document.querySelector<HTMLElement>('[data-testid="issue-status"]')?.dataset['cti'];
      return cti !== undefined && cti !== prev && document.querySelector('[data-testid="wallet-qr"][data-qr-text]') !== null;
    },
    before,
  );
  return (await wallet.getAttribute('[data-testid="issue-status"]', 'data-cti'))!;
}

/** The text the wallet's QR code holds right now ("PG1:" + base45). */
export async function qrText(wallet: Page): Promise<string> {
  const text = await wallet.getAttribute('[data-testid="wallet-qr"]', 'data-qr-text');
  if (text === null || !text.startsWith('PG1:')) throw new Error(`no PG1 code on the wallet page: ${text}`);
  return text;
}

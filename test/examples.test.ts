// examples/ as a user runs them: the packed package installed in a scratch project, each example copied
// in as its README says (they take passgate from the project around them; the Vite app's own lockfile
// brings Vite alone). The Node gate applies list files, answers presentations read from stdin, and
// answers from its stored lists when started again without them. The Vite app, built for production,
// is served under `Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'`
// with its lists as static files, and decides a pasted presentation and an image file of a QR code in
// Chromium; its JavaScript, workers included, is at most 80 kB (80,000 bytes) after gzip.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import QRCode from 'qrcode';
import { launchChromium, servePage } from '../scripts/cspPage.mjs';
import { describeWithChromium } from './support/chromium.js';
import { installApp, packedPackage, REPO, run } from './packaging/packedPackage.js';
import { build, filesOf, gzipSizes, watchPage } from './packaging/appBuilds.js';
import { DAY, issuerEntry, presentAll, root, token, trustList } from './support/issuerFixtures.js';
import { toHex } from '../sdk/encoding/hex.js';
import { buildRevocationList, revokedPrefix, toQrText } from '../sdk/issuer/index.js';

// The target of issue 12: 80 KB, read strictly as 80,000 bytes, of JavaScript after gzip, workers included (the QR reader's .wasm apart).
// The scalar core (for runtimes without WebAssembly SIMD) is a chunk of its own that only such a runtime
// fetches: it is reported beside the budget, not in it.
const JS_BUDGET = 80_000;
const SCALAR_CORE_CHUNK = /scalarWasmBinary/;

/** Lists and passes on the real clock (the examples run on it, as a venue does). */
function material(): { trust: Uint8Array; revocations: Uint8Array; fine: string; revoked: string; expired: string } {
  const now = Math.floor(Date.now() / 1000);
  const current = { iat: now - 3600, exp: now + 2 * DAY };
  const revokedToken = token({ ...current, claims: { status: 0 } });
  return {
    trust: trustList({ issuedAt: now - DAY, expires: now + 30 * DAY, issuers: [issuerEntry({ notBefore: now - 100 * DAY, notAfter: now + 100 * DAY })] }),
    revocations: buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: now, expires: now + DAY, revoked: [revokedPrefix(revokedToken.cti)] }),
    fine: toQrText(presentAll(token({ ...current, claims: { status: 0 } }))),
    revoked: toQrText(presentAll(revokedToken)),
    expired: toQrText(presentAll(token({ iat: now - 3 * DAY, exp: now - DAY, claims: { status: 0 } }))),
  };
}

const projects: string[] = [];
afterAll(() => {
  for (const p of projects) rmSync(p, { recursive: true, force: true });
});

/** A user's project with the packed package installed and `examples/NAME` copied in (its node_modules left behind). */
async function exampleInProject(name: string): Promise<string> {
  const tarball = await packedPackage();
  const project = mkdtempSync(join(tmpdir(), `passgate-project-${name}-`));
  projects.push(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-project', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball], project);
  const app = join(project, name);
  cpSync(join(REPO, 'examples', name), app, { recursive: true, filter: (src) => !src.includes('node_modules') });
  return app;
}

describe('examples/node-gate: a gate in Node from the packed package', () => {
  let app: string;
  let work: string;
  const m = material();

  beforeAll(async () => {
    app = await exampleInProject('node-gate');
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], app); // installable as shipped: nothing to fetch
    work = mkdtempSync(join(tmpdir(), 'passgate-gate-'));
    writeFileSync(join(work, 'trust.cbor'), m.trust);
    writeFileSync(join(work, 'revocations.cbor'), m.revocations);
  }, 300_000);
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const gate = (args: string[], lines: string[]): unknown[] =>
    build('node', ['gate.mjs', '--root', toHex(root.publicKey), '--storage', join(work, 'state'), ...args], app, {}, `${lines.join('\n')}\n`)
      .split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as unknown);

  it('applies the list files and answers each line of stdin with a JSON decision', () => {
    const out = gate(['--venue', 'general', '--trust', join(work, 'trust.cbor'), '--revocations', join(work, 'revocations.cbor')], [m.fine, m.revoked, m.expired, 'PG1:NOT-A-PASS', '']);
    expect(out).toEqual([{ result: 'OK', claims: { status: 0 } }, { result: 'TOKEN_REVOKED' }, { result: 'EXPIRED' }, { result: 'MALFORMED' }]);
  });

  it('started again without list files, answers from the lists it stored', () => {
    expect(gate(['--venue', 'general'], [m.fine, m.revoked])).toEqual([{ result: 'OK', claims: { status: 0 } }, { result: 'TOKEN_REVOKED' }]);
  });
});

describeWithChromium('examples/vite-app: a venue page built for production, under the strict CSP', () => {
  let app: string;
  let out: string;
  let log: string;
  let browser: Browser;
  const m = material();

  beforeAll(async () => {
    app = await exampleInProject('vite-app');
    installApp(app);
    out = mkdtempSync(join(tmpdir(), 'passgate-vite-app-'));
    log = build('npx', ['vite', 'build', '--outDir', out, '--emptyOutDir'], app, { VITE_PASSGATE_ROOTS: toHex(root.publicKey) });
    mkdirSync(join(out, 'lists'));
    writeFileSync(join(out, 'lists/trust.cbor'), m.trust);
    writeFileSync(join(out, 'lists/revocations.cbor'), m.revocations);
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it(`builds without a warning; its JavaScript, workers included, is at most ${JS_BUDGET} bytes after gzip`, () => {
    expect(log).not.toMatch(/warn|node:|externalized|error/i);
    const all = gzipSizes(out);
    const scalarChunk = all.filter((s) => SCALAR_CORE_CHUNK.test(s.file));
    expect(scalarChunk).toHaveLength(1); // split off, not in the page's own JavaScript
    const sizes = all.filter((s) => !SCALAR_CORE_CHUNK.test(s.file));
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    const wasm = filesOf(out).filter((f) => f.endsWith('.wasm')).map((f) => {
      const bytes = readFileSync(join(out, f));
      return `${f} ${statSync(join(out, f)).size} B (gzip ${gzipSync(bytes, { level: 9 }).length} B)`;
    });
    console.log(`examples/vite-app: ${sizes.map((s) => `${s.file} ${s.gzip} B`).join(', ')}; JavaScript ${total} B gzip in all (and ${scalarChunk[0]!.gzip} B in the scalar core's chunk, fetched only without SIMD); ${wasm.join(', ')}`);
    expect(sizes.map((s) => s.file).join()).toMatch(/verifierWorker.*decoderWorker|decoderWorker.*verifierWorker/);
    expect(total).toBeLessThanOrEqual(JS_BUDGET);
  });

  it('syncs its lists from static files, then decides a pasted presentation and an image file of a QR code', async () => {
    const site = await servePage(out);
    const context = await browser.newContext();
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    const page = await context.newPage();
    const errors = watchPage(page);
    try {
      await page.goto(site.url);
      await page.waitForSelector('#state[data-ready]', { timeout: 30_000 });
      expect(await page.textContent('#state')).toBe('ready (trust: updated, revocations: updated)');
      const decided = async (): Promise<{ result: string | null; detail: unknown }> => {
        await page.waitForFunction(() => document.getElementById('result')?.dataset.result !== undefined);
        const r = { result: await page.getAttribute('#result', 'data-result'), detail: JSON.parse((await page.textContent('#detail')) ?? 'null') as unknown };
        await page.evaluate(() => { const e = document.getElementById('result')!; delete e.dataset.result; });
        return r;
      };

      await page.fill('#text', m.fine);
      await page.click('#verify-text');
      expect(await decided()).toEqual({ result: 'OK', detail: { source: 'text', claims: { status: 0 } } });

      await page.fill('#text', m.revoked);
      await page.click('#verify-text');
      expect((await decided()).result).toBe('TOKEN_REVOKED');

      const png = await QRCode.toBuffer(m.fine, { errorCorrectionLevel: 'L', margin: 4, scale: 4 });
      await page.setInputFiles('#image', { name: 'pass.png', mimeType: 'image/png', buffer: png });
      expect(await decided()).toEqual({ result: 'OK', detail: { source: 'image', claims: { status: 0 } } });

      expect(errors).toEqual([]);
      expect(requests.filter((u) => new URL(u).origin !== site.url)).toEqual([]);
      expect(requests.some((u) => u.endsWith('.wasm'))).toBe(true); // the QR reader's, from the page's origin
    } finally {
      await context.close();
      await site.close();
    }
  }, 120_000);
});

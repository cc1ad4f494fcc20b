// The Ed25519 phase of `npm run bench:browser` alone (Passgate's core against WebCrypto in Chromium, on
// the same signatures, interleaved rounds), printing the ratios instead of writing results.json:
// a quick look at the core's figures in the browser after a change to it.
//   node bench/browser/ed25519Only.mjs [rounds]
import { fileURLToPath } from 'node:url';
import { buildPage, launchChromium, removePage, servePage } from '../../scripts/cspPage.mjs';
import { medianRatio, lowestRatio, summarize } from '../measure.mjs';
import { makeEd25519Workloads } from '../workloads.mjs';

const ROUNDS = Number(process.argv[2] ?? 9);
const hex = (bytes) => Buffer.from(bytes).toString('hex');
const workloads = makeEd25519Workloads().map((w) => ({
  id: w.id,
  publicKeys: w.publicKeys.map(hex),
  items: w.items.map((it) => ({ signature: hex(it.signature), message: hex(it.message), publicKey: hex(it.publicKey), keyIndex: it.keyIndex })),
}));
const dir = await buildPage(fileURLToPath(new URL('page', import.meta.url)));
const site = await servePage(dir);
const browser = await launchChromium({ exposeGc: true });
let samples;
try {
  const page = await (await browser.newContext()).newPage();
  page.on('console', (m) => { if (m.text().startsWith('[bench]')) console.error(m.text().slice(8)); });
  await page.goto(site.url);
  await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready');
  page.setDefaultTimeout(0);
  samples = (await page.evaluate((input) => window.passgateBench.ed25519(input), { workloads, rounds: ROUNDS, warmupRounds: 2 })).samples;
  console.log(`Chromium ${browser.version()}, ${ROUNDS} rounds; ops/s median (min–max); ratio per round to the faster WebCrypto way: median, lowest`);
} finally {
  await browser.close();
  await site.close();
  removePage(dir);
}
for (const w of ['distinct_keys', 'issuers_8']) {
  const baseline = samples[`${w}/webcrypto`].map((v, i) => Math.max(v, samples[`${w}/webcrypto_concurrent`][i]));
  for (const [key, values] of Object.entries(samples).filter(([k]) => k.startsWith(`${w}/`))) {
    const s = summarize(values);
    console.log(`${key.padEnd(44)} ${Math.round(s.median).toString().padStart(7)} (${Math.round(s.min)}–${Math.round(s.max)})  ×${medianRatio(values, baseline).toFixed(2)}  lowest ×${lowestRatio(values, baseline).toFixed(2)}`);
  }
}

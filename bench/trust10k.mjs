// `node bench/trust10k.mjs`: applying a trust list of 10,000 issuer keys to a fresh verifier, in a
// fresh Node process (time and resident memory), under the default precompute budget (16 MiB); then
// tokens of sampled keys verify, and the tables in use stay within the budget.
// Prints one JSON line: keys, listBytes, applyMs (wall), applyCpuMs (this thread's CPU: less sensitive
// to other processes on a shared machine), rssMb after the apply, rssBeforeMb, rssAfterVerifyMb and
// how many of the sampled tokens verified OK.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const KEYS = 10_000;
const SAMPLE = 200;
const NOW = 1_750_000_000;
const DAY = 86_400;
const here = fileURLToPath(import.meta.url);

if (process.argv[2] === '--apply') {
  // The fresh process: everything the operator's device would do, and nothing more.
  const fixture = JSON.parse(readFileSync(process.argv[3], 'utf8'));
  const fromHex = (hex) => new Uint8Array(Buffer.from(hex, 'hex'));
  const { createVerifier } = await import('../dist/sdk/index.js');
  const verifier = await createVerifier({ roots: [fromHex(fixture.root)], storage: null, now: () => NOW });
  const list = fromHex(fixture.list);
  const rssBefore = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await verifier.applyTrustList(list);
  const applyMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const rss = process.memoryUsage().rss;
  let verifyOk = 0;
  for (const text of fixture.tokens) if (verifier.verify(text).result === 'OK') verifyOk++;
  // Each sampled key was used once: verify again so that the keys that earn a table get one.
  for (const text of fixture.tokens) verifier.verify(text);
  const rssAfter = process.memoryUsage().rss;
  console.log(JSON.stringify({ applyMs, applyCpuMs: (cpu.user + cpu.system) / 1000, rssMb: rss / 2 ** 20, rssBeforeMb: rssBefore / 2 ** 20, rssAfterVerifyMb: rssAfter / 2 ** 20, verifyOk, verified: fixture.tokens.length }));
  process.exit(0);
}

const { buildTrustList, generateKeyPair, issueToken, present, toQrText } = await import('../dist/sdk/issuer/index.js');
const root = generateKeyPair();
const keys = Array.from({ length: KEYS }, () => generateKeyPair());
const list = buildTrustList({
  rootSecret: root.secretKey, version: 1, issuedAt: NOW - DAY, expires: NOW + 30 * DAY, roots: [root.publicKey],
  issuers: keys.map((k, i) => ({ pub: k.publicKey, iss: `CN-${i}`, notBefore: NOW - 100 * DAY, notAfter: NOW + 100 * DAY })),
});
const tokens = Array.from({ length: SAMPLE }, (_, s) => {
  const i = Math.floor((s * KEYS) / SAMPLE);
  const t = issueToken({ issuerSecret: keys[i].secretKey, iss: `CN-${i}`, iat: NOW - 3600, exp: NOW + DAY, claims: { status: 0 } });
  return toQrText(present({ token: t.token, disclosures: t.disclosures, reveal: t.keys }));
});
const dir = mkdtempSync(join(tmpdir(), 'passgate-trust10k-'));
try {
  const file = join(dir, 'fixture.json');
  const hex = (b) => Buffer.from(b).toString('hex');
  writeFileSync(file, JSON.stringify({ root: hex(root.publicKey), list: hex(list), tokens }));
  const run = spawnSync(process.execPath, [here, '--apply', file], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the apply process failed: ${run.stderr}`);
  const figures = JSON.parse(run.stdout.trim().split('\n').pop());
  console.log(JSON.stringify({ keys: KEYS, listBytes: list.length, ...figures }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

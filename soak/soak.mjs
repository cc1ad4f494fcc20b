// npm run soak: an hour (SOAK_SECONDS) of a gate against a flaky list server, with random SIGKILLs and
// restarts, checking all along: no acknowledged update lost, no version ever lower, every batch settled,
// no revoked pass verified OK, memory flat. Not part of npm test. Prints its figures at the end.
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRevocationDelta, buildRevocationList, buildTrustList, generateKeyPair, issueToken, present, revokedPrefix, toQrText } from '../dist/sdk/issuer/index.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 3600);
// The last part of the run is one gate life without kills, long enough to see whether memory grows.
const LONG_LIFE_SECONDS = Number(process.env.SOAK_LONG_LIFE_SECONDS ?? Math.floor(SECONDS / 3));
// A batch open this long in a live gate has not settled (a batch takes well under a second).
const BATCH_STALL_MS = 60_000;
const NOW = Math.floor(Date.now() / 1000);
const DAY = 86_400;
const root = generateKeyPair();
const issuer = generateKeyPair();
const hex = (b) => Buffer.from(b).toString('hex');
const base = mkdtempSync(join(tmpdir(), 'passgate-soak-'));
const dir = join(base, 'store');

// Tokens; some get revoked as the soak goes on (revokedSince = the revocation version that revokes them).
const tokens = Array.from({ length: 200 }, () => issueToken({ issuerSecret: issuer.secretKey, iss: 'CN-35', iat: NOW - 3600, exp: NOW + 30 * DAY, claims: { status: 0 }, decoys: 2 }));
const presentations = tokens.map((t) => ({ text: toQrText(present({ token: t.token, disclosures: t.disclosures, reveal: t.keys })), revokedSince: null }));

// The publisher: trust lists and revocation lists (full and delta) with rising versions.
let trustVersion = 1;
let revocationVersion = 1;
let revoked = [];
const files = {};
function publishTrust() {
  files['/trust.cbor'] = { body: buildTrustList({ rootSecret: root.secretKey, version: trustVersion, issuedAt: NOW, expires: NOW + 30 * DAY, issuers: [{ pub: issuer.publicKey, iss: 'CN-35', notBefore: NOW - DAY, notAfter: NOW + DAY }], roots: [root.publicKey] }), etag: `"t${trustVersion}"` };
}
function publishRevocations(newlyRevoked) {
  const previous = revocationVersion;
  revocationVersion++;
  for (const i of newlyRevoked) presentations[i].revokedSince ??= revocationVersion;
  revoked = [...revoked, ...newlyRevoked];
  const prefixes = revoked.map((i) => revokedPrefix(tokens[i].cti));
  files['/revocations.cbor'] = { body: buildRevocationList({ rootSecret: root.secretKey, version: revocationVersion, issuedAt: NOW, expires: NOW + 30 * DAY, revoked: prefixes }), etag: `"r${revocationVersion}"` };
  files['/delta.cbor'] = { body: buildRevocationDelta({ rootSecret: root.secretKey, version: revocationVersion, issuedAt: NOW, expires: NOW + 30 * DAY, baseVersion: previous, added: newlyRevoked.map((i) => revokedPrefix(tokens[i].cti)), removed: [] }), etag: `"d${revocationVersion}"` };
}
publishTrust();
files['/revocations.cbor'] = { body: buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW, expires: NOW + 30 * DAY, revoked: [] }), etag: '"r1"' };

const faults = { ok: 0, slow: 0, error: 0, truncated: 0, noEtag: 0, reset: 0 };
const server = createServer((req, res) => {
  const f = files[req.url ?? ''];
  const roll = Math.random();
  if (!f) { res.writeHead(404).end(); return; }
  if (roll < 0.05) { faults.error++; res.writeHead(503).end(); return; }
  if (roll < 0.08) { faults.reset++; req.socket.destroy(); return; }
  if (roll < 0.11) { faults.truncated++; res.writeHead(200, { 'content-length': String(f.body.length) }); res.end(f.body.subarray(0, f.body.length >> 1)); req.socket.destroy(); return; }
  if (roll < 0.14) { faults.slow++; setTimeout(() => res.writeHead(200).end(f.body), 2000); return; }
  if (roll < 0.2) { faults.noEtag++; res.writeHead(200).end(f.body); return; }
  faults.ok++;
  if (req.headers['if-none-match'] === f.etag) { res.writeHead(304).end(); return; }
  res.writeHead(200, { etag: f.etag }).end(f.body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}`;
const presentationsFile = join(base, 'presentations.json');
const writePresentations = () => { writeFileSync(`${presentationsFile}.tmp`, JSON.stringify(presentations)); renameSync(`${presentationsFile}.tmp`, presentationsFile); };
writePresentations();

const stats = { starts: 0, kills: 0, syncs: 0, batches: 0, batchItems: 0, unsettledAtKill: 0, errors: new Map(), violations: [], rss: [] };
let acked = { trust: 0, revocations: 0 };
let lastSeen = { trust: 0, revocations: 0 };

function startGate() {
  stats.starts++;
  const child = fork(fileURLToPath(new URL('./soakGate.mjs', import.meta.url)), [dir, hex(root.publicKey), url, presentationsFile], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const open = new Map(); // batch id -> when it started
  const lifetime = [];
  child.on('message', (m) => {
    if (m.started) {
      const { trust, revocations, problems } = m.started;
      if (problems.length > 0) stats.violations.push(`restore problems: ${JSON.stringify(problems)}`);
      if (trust < acked.trust || revocations < acked.revocations) stats.violations.push(`lost update: restarted at ${trust}/${revocations}, acknowledged ${acked.trust}/${acked.revocations}`);
      lastSeen = { trust, revocations };
    }
    if (m.synced) {
      stats.syncs++;
      if (m.trust < lastSeen.trust || m.revocations < lastSeen.revocations) stats.violations.push(`version went down: ${m.trust}/${m.revocations} after ${lastSeen.trust}/${lastSeen.revocations}`);
      lastSeen = { trust: m.trust, revocations: m.revocations };
      acked = { trust: Math.max(acked.trust, m.trust), revocations: Math.max(acked.revocations, m.revocations) };
    }
    if (m.batchStart) open.set(m.batchStart, Date.now());
    if (m.batchSettled) { open.delete(m.batchSettled); stats.batches++; stats.batchItems += m.n; }
    if (m.error) stats.errors.set(m.error, (stats.errors.get(m.error) ?? 0) + 1);
    if (m.violation) stats.violations.push(m.violation);
    if (m.rss) lifetime.push({ rss: m.rss, heap: m.heap });
  });
  return { child, open, lifetime };
}

const started = Date.now();
let gate = startGate();
let nextKill = Date.now() + 20_000 + Math.random() * 40_000;
let nextPublish = Date.now() + 5_000;
const longLife = [];
let killing = true;
const stalled = new Set();
while (Date.now() - started < SECONDS * 1000) {
  await new Promise((resolve) => setTimeout(resolve, 250));
  for (const [id, at] of gate.open) {
    if (Date.now() - at > BATCH_STALL_MS && !stalled.has(`${stats.starts}:${id}`)) {
      stalled.add(`${stats.starts}:${id}`);
      stats.violations.push(`batch ${id} of gate life ${stats.starts} open for ${BATCH_STALL_MS / 1000} s`);
    }
  }
  // The long life: one last kill now (so it starts fresh), then none.
  if (killing && Date.now() - started > (SECONDS - LONG_LIFE_SECONDS) * 1000) {
    killing = false;
    nextKill = 0;
  }
  if (Date.now() > nextPublish) {
    nextPublish = Date.now() + 3_000 + Math.random() * 7_000;
    if (Math.random() < 0.3) { trustVersion++; publishTrust(); }
    const fresh = presentations.map((p, i) => (p.revokedSince === null && Math.random() < 0.02 ? i : -1)).filter((i) => i >= 0);
    publishRevocations(fresh);
    writePresentations();
  }
  // Batches still open when the gate is killed are fine; those open for 60 s in a live gate are not.
  if (nextKill !== Infinity && Date.now() > nextKill) {
    nextKill = killing ? Date.now() + 20_000 + Math.random() * 40_000 : Infinity;
    stats.kills++;
    stats.unsettledAtKill += gate.open.size;
    if (gate.lifetime.length > longLife.length) longLife.splice(0, longLife.length, ...gate.lifetime);
    gate.child.kill('SIGKILL');
    await new Promise((resolve) => gate.child.once('exit', resolve));
    gate = startGate();
  }
}
const lastLife = gate.lifetime;
gate.child.kill('SIGTERM');
server.close();
rmSync(base, { recursive: true, force: true });
const mb = (x) => (x / 2 ** 20).toFixed(0);
const half = Math.floor(longLife.length / 2);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
// Memory flat over the long life: after a warm-up (its first fifth), the lowest RSS of its last quarter
// against the lowest of the quarter after the warm-up; growth beyond 20 % and 24 MB is a leak. The
// lowest, because RSS saws up and down by tens of MB as the workers' old core instances (wasm memory,
// outside the JS heap) are collected: a leak raises the floor, garbage that is collected does not.
const rssOf = (samples) => samples.map((x) => x.rss);
const heapOf = (samples) => samples.map((x) => x.heap);
const warm = lastLife.slice(Math.floor(lastLife.length / 5));
const early = warm.slice(0, Math.max(1, Math.floor(warm.length / 4)));
const late = warm.slice(-Math.max(1, Math.floor(warm.length / 4)));
const lowest = (xs) => Math.min(...xs);
const [rssEarly, rssLate] = [lowest(rssOf(early)), lowest(rssOf(late))];
if (lastLife.length < 20) stats.violations.push(`the long life gave only ${lastLife.length} memory samples`);
else if (rssLate > rssEarly * 1.2 && rssLate - rssEarly > 24 * 2 ** 20) stats.violations.push(`memory grew over the long life: RSS ${mb(rssEarly)} -> ${mb(rssLate)} MB`);
console.log(`soak: ${SECONDS} s, ${stats.starts} gate starts, ${stats.kills} SIGKILLs`);
console.log(`lists published: trust v${trustVersion}, revocations v${revocationVersion} (${revoked.length} revoked); gate reached ${acked.trust}/${acked.revocations}`);
console.log(`server faults: ${JSON.stringify(faults)}; syncs ${stats.syncs}; batches settled ${stats.batches} (${stats.batchItems} presentations), open at a kill ${stats.unsettledAtKill}`);
console.log(`longest gate life among the killed ones: RSS median first half ${mb(median(rssOf(longLife.slice(0, half))))} MB, second half ${mb(median(rssOf(longLife.slice(half))))} MB (${longLife.length} samples)`);
console.log(`the long life (${LONG_LIFE_SECONDS} s, no kills, ${lastLife.length} samples every 5 s): lowest RSS after warm-up ${mb(rssEarly)} MB, in its last quarter ${mb(rssLate)} MB (medians ${mb(median(rssOf(early)))} and ${mb(median(rssOf(late)))} MB); JS heap ${mb(median(heapOf(early)))} -> ${mb(median(heapOf(late)))} MB`);
console.log(`errors thrown to the gate: ${stats.errors.size === 0 ? 'none' : [...stats.errors].map(([e, n]) => `${n}x ${e}`).join('; ')}`);
console.log(`invariant violations: ${stats.violations.length === 0 ? 'none' : stats.violations.slice(0, 20).join('\n')}`);
process.exit(stats.violations.length === 0 ? 0 : 1);

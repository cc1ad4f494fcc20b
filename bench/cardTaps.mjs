// `node bench/cardTaps.mjs [TAPS]`: silent checks over the virtual PC/SC stack (pcscd + vpcd, the
// virtual Type 4 Tag of test/support/virtualType4Card.mjs), as `passgate serve --card-reader` runs
// them: a PC/SC reader's watch, each tap read (GET DATA, the Type 4 Tag procedure) and verified with
// its card's serial. tap_ms is from the card's first APDU to the decision (the time PC/SC takes to see
// a card come is the reader's polling, not the check, and is left out). The card's connection ACKs
// vpcd's messages at once (test/support/quickAckRelay.py): vpcd's Nagle and Linux's delayed ACK would
// otherwise add 40 ms to every APDU, a cost of the virtual reader that no real one has. Also pass_bytes and ndef_bytes
// of a status-only card pass with no decoys and its NDEF message. Writes the `card` object of
// bench/results.json (the other objects are kept) and prints it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { insertCard } from '../test/support/virtualType4Card.mjs';
import { createVerifier } from '../dist/sdk/index.js';
import { buildTrustList, generateKeyPair, issueToken, present } from '../dist/sdk/issuer/index.js';
import { encodeNdefMessage, openPcscReader } from '../dist/sdk/card/index.js';

const TAPS = Number(process.argv[2] ?? 200);
const NOW = 1_750_000_000;
const DAY = 86_400;
const here = (f) => fileURLToPath(new URL(f, import.meta.url));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const started = spawnSync(here('../test/support/pcscd.sh'), ['start'], { encoding: 'utf8' });
if (started.status !== 0) throw new Error(`pcscd: ${started.stderr}`);

const root = generateKeyPair();
const issuer = generateKeyPair();
const trust = buildTrustList({
  rootSecret: root.secretKey, version: 1, issuedAt: NOW - DAY, expires: NOW + 30 * DAY, roots: [root.publicKey],
  issuers: [{ iss: 'CN-35', pub: issuer.publicKey, notBefore: NOW - 10 * DAY, notAfter: NOW + 300 * DAY }],
});
const verifier = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW });
await verifier.applyTrustList(trust);
// The pass a card carries: status only, no decoys (PG1 §10.1). Once the toolkit issues card passes, its
// token also holds `card` for the serial; until then the figures are those of the same claims without it.
const token = issueToken({ issuerSecret: issuer.secretKey, iss: 'CN-35', iat: NOW - 3600, exp: NOW + 2 * DAY, claims: { status: 0 }, decoys: 0 });
const pass = present({ token: token.token, disclosures: token.disclosures, reveal: token.keys });
const message = encodeNdefMessage(pass);

const reader = await openPcscReader({ reader: '00 00' });
const times = [];
let current = null;
let outcomes = {};
const stop = new AbortController();
const watching = reader.watch((tap) => {
  const { result } = tap.error ? { result: tap.error.code } : verifier.verify(tap.presentation, { card: tap.serial });
  times.push(performance.now() - current.firstApduAt);
  outcomes[result] = (outcomes[result] ?? 0) + 1;
}, { signal: stop.signal });
for (let i = 0; i < TAPS; i++) {
  const seen = times.length;
  current = await insertCard({ uid: [0x04, i >> 8, i & 0xff, 0x3b, 0x7a], message, quickAck: true });
  while (times.length === seen) await sleep(2);
  await current.remove();
  await sleep(600); // pcscd sees the card go before the next one comes
}
stop.abort();
await watching;
reader.close();
await verifier.close();

const sorted = [...times].sort((a, b) => a - b);
const pct = (p) => Number(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)].toFixed(2));
const card = {
  pass_bytes: pass.length,
  ndef_bytes: message.length,
  tap_ms: { p50: pct(50), p95: pct(95), taps: times.length },
  outcomes,
  note: 'tap_ms: first APDU to decision over pcscd + vpcd (loopback), vpcd messages ACKed at once, no radio time; pass_bytes: status only, no decoys',
};
const path = here('./results.json');
const results = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
results.card = card;
writeFileSync(path, JSON.stringify(results, null, 2) + '\n');
console.log(JSON.stringify(card));

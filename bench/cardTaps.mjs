// `npm run bench:card [-- TAPS]`: passes without a phone, measured (issue 21 §3). Writes the `card` object
// of bench/results.json (the other objects are kept) and prints it:
// - pass_bytes, ndef_bytes: the toolkit's default card pass (issueCardPass: status only, no decoys, the
//   card claim for a 7-byte UID) and its NDEF message (§10.1).
// - tap_ms {p50, p95, taps}: silent checks over the virtual PC/SC stack (pcscd + vpcd, the virtual Type 4
//   Tag of test/support/virtualType4Card.mjs), as `passgate serve --card-reader` runs them: a PC/SC
//   reader's watch, each tap read (GET DATA, the Type 4 Tag procedure) and verified with its card's
//   serial, from the card's first APDU to the decision (the time PC/SC takes to notice a card is the
//   reader's polling, not the check, and is left out). The card's connection ACKs vpcd's messages at
//   once (test/support/quickAckRelay.py): vpcd's Nagle and Linux's delayed ACK would otherwise add 40 ms
//   to every APDU, a cost of the virtual reader that no real one has. Every tap is its own card with its
//   own pass.
// - verify_vs_phone: CPU time of verify() on that card pass with its serial ÷ on a phone pass of the same
//   claims without a card claim (and no serial), in interleaved rounds; the median of the per-round ratios.
// - printed_qr_version: the QR version, at ECC level M, of the toolkit's default printed pass
//   (issuePrintedPass: status, id4, masked name, no decoys) as PG1: text (alphanumeric mode).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import QRCode from 'qrcode';
import { insertCard } from '../test/support/virtualType4Card.mjs';
import { createVerifier } from '../dist/sdk/index.js';
import { buildTrustList, generateKeyPair, issueCardPass, issuePrintedPass, issueToken, present, toQrText } from '../dist/sdk/issuer/index.js';
import { encodeNdefMessage, openPcscReader } from '../dist/sdk/card/index.js';

const TAPS = Number(process.argv[2] ?? 200);
const ROUNDS = 31;
const PER_ROUND = 1000;
const NOW = 1_750_000_000;
const DAY = 86_400;
const here = (f) => fileURLToPath(new URL(f, import.meta.url));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const loadAtStart = loadavg()[0];
const root = generateKeyPair();
const issuer = generateKeyPair();
const trust = buildTrustList({
  rootSecret: root.secretKey, version: 1, issuedAt: NOW - DAY, expires: NOW + 30 * DAY, roots: [root.publicKey],
  issuers: [{ iss: 'CN-35', pub: issuer.publicKey, notBefore: NOW - 10 * DAY, notAfter: NOW + 300 * DAY }],
});
const verifier = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW });
await verifier.applyTrustList(trust);

// The toolkit's defaults, as an issuer's kiosk or service desk calls them.
const uidOf = (i) => Uint8Array.of(0x04, (i >> 8) & 0xff, i & 0xff, 0x3b, 0x7a, 0x51, 0x6e);
const cardPass = (serial) => issueCardPass({ issuerSecret: issuer.secretKey, iss: 'CN-35', iat: NOW - 3600, status: 0, serial }).presentation;
const serial = uidOf(0xffff);
const pass = cardPass(serial);
const message = encodeNdefMessage(pass);
const printed = issuePrintedPass({
  issuerSecret: issuer.secretKey, iss: 'CN-35', iat: NOW - 3600, exp: NOW + 14 * DAY, status: 0,
  documentNumber: '35010219920315441X', name: '林建华',
}).presentation;
const printedQr = QRCode.create(toQrText(printed), { errorCorrectionLevel: 'M' });

// verify_vs_phone: the same claims (status), times and decoys; the phone pass has no card claim and gets no serial.
const phoneToken = issueToken({ issuerSecret: issuer.secretKey, iss: 'CN-35', iat: NOW - 3600, exp: NOW - 3600 + 3 * DAY, claims: { status: 0 }, decoys: 0 });
const phone = present({ token: phoneToken.token, disclosures: phoneToken.disclosures, reveal: phoneToken.keys });
for (const [what, r] of [['card', verifier.verify(pass, { card: serial })], ['phone', verifier.verify(phone)]]) {
  if (r.result !== 'OK') throw new Error(`the ${what} pass is ${r.result}`);
}
function cpuMs(run) {
  const start = process.cpuUsage();
  for (let i = 0; i < PER_ROUND; i++) run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}
const ratios = [];
const cardMs = [];
const phoneMs = [];
console.error(`verify_vs_phone: ${ROUNDS} rounds of ${PER_ROUND} verifications each side`);
for (let round = 0; round < ROUNDS; round++) {
  // Interleaved, the order alternating, so that a burst of load on the shared machine hits both sides.
  const sides = round % 2 === 0 ? ['card', 'phone'] : ['phone', 'card'];
  const took = {};
  for (const side of sides) took[side] = side === 'card' ? cpuMs(() => verifier.verify(pass, { card: serial })) : cpuMs(() => verifier.verify(phone));
  cardMs.push(took.card);
  phoneMs.push(took.phone);
  ratios.push(took.card / took.phone);
}

const started = spawnSync(here('../test/support/pcscd.sh'), ['start'], { encoding: 'utf8' });
if (started.status !== 0) throw new Error(`pcscd: ${started.stderr}`);
const reader = await openPcscReader({ reader: '00 00' });
const times = [];
let current = null;
const outcomes = {};
let missed = 0;
const stop = new AbortController();
const watching = reader.watch((tap) => {
  const { result } = tap.error ? { result: tap.error.code } : verifier.verify(tap.presentation, { card: tap.serial });
  times.push(performance.now() - current.firstApduAt);
  outcomes[result] = (outcomes[result] ?? 0) + 1;
}, { signal: stop.signal });
for (let i = 0; i < TAPS; i++) {
  const seen = times.length;
  const tapMessage = encodeNdefMessage(cardPass(uidOf(i)));
  current = await insertCard({ uid: [...uidOf(i)], message: tapMessage, quickAck: true });
  // A card pcscd never saw (vpcd dropped it on a loaded machine) is counted as missed, not waited for forever.
  const giveUp = performance.now() + 5000;
  while (times.length === seen && performance.now() < giveUp) await sleep(2);
  if (times.length === seen) missed++;
  await current.remove();
  if ((i + 1) % 50 === 0) console.error(`${i + 1} taps (${missed} missed)`);
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
  missed_taps: missed,
  outcomes,
  verify_vs_phone: Number(median(ratios).toFixed(3)),
  verify_us: { card: Number(((median(cardMs) * 1000) / PER_ROUND).toFixed(1)), phone: Number(((median(phoneMs) * 1000) / PER_ROUND).toFixed(1)), rounds: ROUNDS, per_round: PER_ROUND },
  printed_qr_version: printedQr.version,
  printed_pass_bytes: printed.length,
  targets: { pass_bytes: 220, ndef_bytes: 240, tap_ms_p95: 30, verify_vs_phone: 1.1, printed_qr_version: 15 },
  date: new Date().toISOString(),
  // A shared machine: tap_ms's tail moves with the load (pcscd, vpcd and the relay are scheduled with it).
  load_average: { start: Number(loadAtStart.toFixed(2)), end: Number(loadavg()[0].toFixed(2)), cpus: cpus().length },
  note: 'pass_bytes, ndef_bytes: issueCardPass defaults (status only, no decoys, card claim of a 7-byte UID, iss CN-35); ' +
    'tap_ms: first APDU to decision over pcscd + vpcd (loopback), vpcd messages ACKed at once, no radio time; ' +
    'verify_vs_phone: CPU time, card pass with its serial ÷ phone pass of the same claims without card, median of interleaved rounds; ' +
    'printed_qr_version: issuePrintedPass defaults (status, id4, masked name, no decoys), PG1: text, ECC M',
};
const path = here('./results.json');
const results = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
results.card = card;
writeFileSync(path, JSON.stringify(results, null, 2) + '\n');
console.log(JSON.stringify(card));

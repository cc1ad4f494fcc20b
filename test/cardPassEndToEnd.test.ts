// Card passes end to end (PG1 §10.1, §10.3, §10.4) on the real PC/SC stack: pcscd with vpcd, the
// virtual Type 4 Tag of test/support, passes made by the issuer's toolkit, and the commands a gate runs
// (`passgate serve --card-reader`, `passgate card read --watch | passgate verify`, `passgate card write`)
// as child processes. A pass is accepted from the card it was issued for, and from nothing else: another
// card, a QR code's text, an HTTP body.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeNdefMessage } from '../sdk/card/index.js';
import { toHex } from '../sdk/encoding/hex.js';
import { issueCardPass, toQrText } from '../sdk/issuer/index.js';
import { keyFileJson } from '../sdk/cli/keyFile.js';
import { insertCard, type VirtualCard, type VirtualCardOptions } from './support/virtualType4Card.mjs';
import { removeCards, sleep, startCli, startPcscd, type RunningCli } from './support/cardCli.js';
import { holdVpcd } from './support/vpcdLock.js';
import { gateLine, killGates, startGate, type ServedGate } from './support/servedGate.js';
import { issuerKey, NOW, presentAll, root, token, trustList } from './support/issuerFixtures.js';

const UID = Uint8Array.of(0x04, 0x5a, 0x17, 0x62, 0x9c, 0x31, 0x80);
const OTHER_UID = Uint8Array.of(0x04, 0x5a, 0x17, 0x62, 0x9c, 0x31, 0x81);
const FIRST = 'Virtual PCD 00 00';
/** The toolkit's default card pass for the card with UID: status only, no decoys, 72 h. */
const pass = issueCardPass({ issuerSecret: issuerKey.secretKey, iss: 'CN-35', iat: NOW - 3600, status: 0, serial: UID }).presentation;

let dir = '';
const inserted: VirtualCard[] = [];
beforeAll(async () => {
  const release = await holdVpcd();
  startPcscd();
  dir = mkdtempSync(join(tmpdir(), 'passgate-card-e2e-'));
  writeFileSync(join(dir, 'trust.cbor'), trustList());
  writeFileSync(join(dir, 'bound.cbor'), trustList({ policy: { door: { allow: [0, 1], bound: true }, general: { allow: [0, 1] } } }));
  return release;
}, 600_000);
afterEach(() => removeCards(inserted));
afterAll(() => {
  killGates();
  rmSync(dir, { recursive: true, force: true });
});

async function tap(serial: Uint8Array, options: VirtualCardOptions = {}): Promise<VirtualCard> {
  const c = await insertCard({ uid: [...serial], message: encodeNdefMessage(pass), ...options });
  inserted.push(c);
  return c;
}

/** Takes the card away and gives pcscd time to see it gone. */
async function takeAway(c: VirtualCard): Promise<void> {
  await c.remove();
  await sleep(700);
}

const verifyArgs = (trust = 'trust.cbor', venue = 'general'): string[] =>
  ['verify', '--root', toHex(root.publicKey), '--trust', join(dir, trust), '--now', String(NOW), '--venue', venue];

function serve(trust: string, venue: string): Promise<ServedGate> {
  return startGate(['--root', toHex(root.publicKey), '--storage', join(dir, `store-${venue}`), '--trust', join(dir, trust),
    '--card-reader', '00 00', '--venue', venue, '--listen', '127.0.0.1:0', '--now', String(NOW)]);
}

async function post(gate: ServedGate, venue: string, body: string, type: string): Promise<Record<string, unknown>> {
  const r = await fetch(`${gate.url}/verify?venue=${venue}`, { method: 'POST', headers: { 'Content-Type': type }, body });
  return (await r.json()) as Record<string, unknown>;
}

describe('passgate serve --card-reader with the toolkit\'s card pass (PG1 §10.1)', () => {
  it('admits the pass from its own card; the same pass on another card, or as text over HTTP, is CARD_MISMATCH', async () => {
    const gate = await serve('trust.cbor', 'general');
    const own = await tap(UID);
    expect(await gateLine(gate, 1)).toEqual(expect.objectContaining({ result: 'OK', iss: 'CN-35', claims: { status: 0 } }));
    await takeAway(own);
    // A copy: the same NDEF message written on a card with another serial.
    const copy = await tap(OTHER_UID);
    expect(await gateLine(gate, 2)).toEqual({ result: 'CARD_MISMATCH' });
    await takeAway(copy);
    // The pass as a QR code's text, or its hex, with no card at all.
    expect(await post(gate, 'general', toQrText(pass), 'text/plain')).toEqual({ result: 'CARD_MISMATCH' });
    expect(await post(gate, 'general', toHex(pass), 'text/plain')).toEqual({ result: 'CARD_MISMATCH' });
    // A §10.4 read naming another card's serial; and naming its own (a reader relaying a tap).
    expect(await post(gate, 'general', JSON.stringify({ presentation: toHex(pass), card: toHex(OTHER_UID) }), 'application/json')).toEqual({ result: 'CARD_MISMATCH' });
    expect(await post(gate, 'general', JSON.stringify({ presentation: toHex(pass), card: toHex(UID) }), 'application/json')).toMatchObject({ result: 'OK' });
    const metrics = await (await fetch(`${gate.url}/metrics`)).text();
    expect(metrics).toContain('passgate_card_taps_total{outcome="READ"} 2');
    expect(metrics).toContain('passgate_verifications_total{result="CARD_MISMATCH",venue="general"} 4');
    expect(await gate.stop()).toBe(0);
  }, 60_000);

  it('the same pass as a line of passgate verify, with no card: CARD_MISMATCH', async () => {
    const cli = startCli(verifyArgs());
    cli.child.stdin!.end(`${toQrText(pass)}\n${toHex(pass)}\n`);
    expect(await cli.exit()).toBe(0);
    expect(cli.stdout()).toBe('{"result":"CARD_MISMATCH"}\n{"result":"CARD_MISMATCH"}\n');
  });

  it('a venue whose rule is bound: true admits the card pass from its card (bound by it, §10.3), and nothing unbound', async () => {
    const gate = await serve('bound.cbor', 'door');
    const own = await tap(UID);
    expect(await gateLine(gate, 1)).toMatchObject({ result: 'OK', claims: { status: 0 } });
    await takeAway(own);
    // Step 10 comes before the venue's rule: a card pass off its card is CARD_MISMATCH, not BINDING_REQUIRED.
    expect(await post(gate, 'door', toQrText(pass), 'text/plain')).toEqual({ result: 'CARD_MISMATCH' });
    // A phone pass with no holder binding is what bound: true keeps out.
    const unbound = toQrText(presentAll(token({ claims: { status: 0 }, decoys: 0 })));
    expect(await post(gate, 'door', unbound, 'text/plain')).toMatchObject({ result: 'BINDING_REQUIRED' });
    expect(await post(gate, 'general', unbound, 'text/plain')).toMatchObject({ result: 'OK' });
    expect(await gate.stop()).toBe(0);
  }, 60_000);
});

describe('passgate card read --watch | passgate verify (a silent-check gate in one line)', () => {
  it('answers each tap as it happens; a tap that gives no pass is MALFORMED', async () => {
    const reader = startCli(['card', 'read', '--reader', FIRST, '--watch'], { timeoutMs: 60_000 });
    const verify: RunningCli = startCli(verifyArgs(), { timeoutMs: 60_000 });
    reader.child.stdout!.pipe(verify.child.stdin!);
    try {
      const taps: [Uint8Array, VirtualCardOptions, unknown][] = [
        [UID, {}, expect.objectContaining({ result: 'OK', iss: 'CN-35', claims: { status: 0 } })],
        [OTHER_UID, {}, { result: 'CARD_MISMATCH' }],
        [UID, { noApplication: true }, { result: 'MALFORMED' }],
        [UID, { removeAfter: 4 }, { result: 'MALFORMED' }],
        [UID, {}, expect.objectContaining({ result: 'OK' })],
      ];
      for (const [i, [serial, options, expected]] of taps.entries()) {
        const c = await tap(serial, options);
        // Answered while the watch still runs: the decision of this tap before the next card comes.
        expect(JSON.parse(await verify.line(i + 1))).toEqual(expected);
        await takeAway(c);
      }
      expect(reader.stdout()).toContain(`{"error":"NO_PASS","card":"${toHex(UID)}"}`);
      expect(reader.stdout()).toContain(`{"error":"CARD_REMOVED","card":"${toHex(UID)}"}`);
    } finally {
      reader.child.kill('SIGTERM');
    }
    expect(await reader.exit()).toBe(0);
    expect(await verify.exit()).toBe(0);
    expect(verify.stdout().split('\n').filter((l) => l !== '')).toHaveLength(5);
  }, 60_000);
});

describe('a kiosk: passgate issue --card-serial, passgate card write, then read and verified', () => {
  it('writes the pass issued for the card in the field; read back from that card it is OK', async () => {
    const keyFile = join(dir, 'issuer.json');
    writeFileSync(keyFile, JSON.stringify(keyFileJson(issuerKey)), { mode: 0o600 });
    // 1. The blank card's serial, as the kiosk's reader reports it.
    const blank = startCli(['card', 'read', '--reader', FIRST, '--timeout', '10']);
    await sleep(300);
    const card = await tap(UID, { message: undefined });
    expect(await blank.exit()).toBe(1);
    const serial = (JSON.parse(blank.stdout()) as { error: string; card: string });
    expect(serial).toEqual({ error: 'NO_PASS', card: toHex(UID) });
    // 2. The pass for that serial, status only; 3. written on the card in the field.
    const bundle = join(dir, 'card-pass.json');
    const issue = startCli(['issue', '--issuer-key', keyFile, '--iss', 'CN-35', '--iat', String(NOW - 60), '--exp', String(NOW + 86_400),
      '--card-serial', serial.card, '--claims', '{"status":0}', '--out', bundle]);
    expect(await issue.exit(), issue.stderr()).toBe(0);
    const presentTo = join(dir, 'card-pass.txt');
    const present = startCli(['present', '--bundle', bundle, '--reveal', 'status', '--out', presentTo]);
    expect(await present.exit(), present.stderr()).toBe(0);
    const write = startCli(['card', 'write', '--reader', FIRST, '--presentation', presentTo, '--timeout', '10']);
    expect(await write.exit(), write.stderr()).toBe(0);
    // 4. The holder taps it at a gate.
    const read = startCli(['card', 'read', '--reader', FIRST, '--timeout', '10']);
    expect(await read.exit()).toBe(0);
    const verify = startCli(verifyArgs());
    verify.child.stdin!.end(read.stdout());
    expect(await verify.exit()).toBe(0);
    expect(JSON.parse(verify.stdout())).toMatchObject({ result: 'OK', iss: 'CN-35', claims: { status: 0 } });
    // The same written card, its message moved to a card with another serial: refused.
    await takeAway(card);
    const moved = startCli(['card', 'read', '--reader', FIRST, '--timeout', '10']);
    await sleep(300);
    await tap(OTHER_UID, { message: card.message() });
    expect(await moved.exit()).toBe(0);
    const again = startCli(verifyArgs());
    again.child.stdin!.end(moved.stdout());
    expect(await again.exit()).toBe(0);
    expect(JSON.parse(again.stdout())).toEqual({ result: 'CARD_MISMATCH' });
  }, 60_000);
});

// Privacy of passes without a phone (issue 21 §2): a card's serial, an identity document's number and
// its holder's name are used for one decision and kept nowhere. After card and document checks through
// the SDK (FileStorage, the scan log on) and through `passgate serve --storage`, every stored record is
// opened with the store's own key and searched, with the files as they are on disk, the scan log (counts
// only) and everything logged: none of them holds a serial, a number or a name, in any encoding.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createVerifier, FileStorage } from '../sdk/node.js';
import { issueCardPass, issuePrintedPass, toQrText } from '../sdk/issuer/index.js';
import { toHex } from '../sdk/encoding/hex.js';
import { openRecord } from '../sdk/storage/recordCipher.js';
import { importStorageKey } from '../sdk/storage/storageKey.js';
import type { RecordName } from '../sdk/storage/storageAdapter.js';
import { killGates, startGate } from './support/servedGate.js';
import { DAY, issuerKey, NOW, root, trustList } from './support/issuerFixtures.js';

const SERIAL = Uint8Array.of(0x04, 0x7e, 0x51, 0xa9, 0x2c, 0x66, 0x80);
const OTHER_SERIAL = Uint8Array.of(0x04, 0x7e, 0x51, 0xa9, 0x2c, 0x66, 0x81);
const NUMBER = '35010219920315441X';
const OTHER_NUMBER = '350102199203154428';
const NAME = '林建华';
const OTHER_NAME = '陈建华';

const cardPass = issueCardPass({ issuerSecret: issuerKey.secretKey, iss: 'CN-35', iat: NOW - 3600, status: 0, serial: SERIAL }).presentation;
const printedPass = toQrText(issuePrintedPass({ issuerSecret: issuerKey.secretKey, iss: 'CN-35', iat: NOW - 3600, exp: NOW + 14 * DAY, status: 0, documentNumber: NUMBER, name: NAME }).presentation);

/** What must appear nowhere: each serial as bytes and hex (either case), each number and name as UTF-8. */
const SECRETS: readonly { what: string; bytes: Uint8Array }[] = [
  ...[SERIAL, OTHER_SERIAL].flatMap((s) => [
    { what: `serial ${toHex(s)}`, bytes: s },
    { what: `serial ${toHex(s)} as hex`, bytes: new TextEncoder().encode(toHex(s)) },
    { what: `serial ${toHex(s)} as upper-case hex`, bytes: new TextEncoder().encode(toHex(s).toUpperCase()) },
  ]),
  ...[NUMBER, OTHER_NUMBER, NAME, OTHER_NAME].map((t) => ({ what: t, bytes: new TextEncoder().encode(t) })),
];
/** The printed pass's own claims: in the decision given to the app (PG1 §9), never stored. */
const DISCLOSED: readonly { what: string; bytes: Uint8Array }[] = ['林*华', '441X'].map((t) => ({ what: t, bytes: new TextEncoder().encode(t) }));

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).includes(Buffer.from(needle));
}

/** Every file of the store, and each sealed record (`*.pgs`) opened with the store's key. */
async function storedContents(dir: string): Promise<{ name: string; bytes: Uint8Array }[]> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  const key = await importStorageKey(new Uint8Array(readFileSync(join(dir, 'storage.key'))));
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(file));
    out.push({ name: file, bytes });
    if (file.endsWith('.pgs')) out.push({ name: `${file}, opened`, bytes: await openRecord(key, basename(file, '.pgs') as RecordName, bytes) });
  }
  return out;
}

function expectNoSecret(where: string, bytes: Uint8Array, secrets = SECRETS): void {
  for (const s of secrets) expect(contains(bytes, s.bytes), `${s.what} in ${where}`).toBe(false);
}

const dirs: string[] = [];
function scratch(): string {
  const d = mkdtempSync(join(tmpdir(), 'passgate-privacy-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  killGates();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('no serial, identity number or name is kept', () => {
  it('by the SDK: not in any stored record (opened with the store\'s key), the scan log\'s counts or the log', async () => {
    const dir = scratch();
    const logged: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation((...a: unknown[]) => { logged.push(a.map(String).join(' ')); }));
    try {
      const v = await createVerifier({ roots: [root.publicKey], storage: new FileStorage(dir), now: () => NOW, scanLog: { retention: DAY } });
      await v.applyTrustList(trustList());
      expect(v.verify(cardPass, { card: SERIAL, venue: 'general' }).result).toBe('OK');
      expect(v.verify(cardPass, { card: toHex(OTHER_SERIAL), venue: 'general' }).result).toBe('CARD_MISMATCH');
      expect(v.verify(printedPass, { document: { number: NUMBER, name: NAME }, venue: 'general' }).result).toBe('OK');
      expect(v.verify(printedPass, { document: { number: OTHER_NUMBER, name: OTHER_NAME }, venue: 'general' }).result).toBe('DOCUMENT_MISMATCH');
      const batch = await v.verifyBatch([{ presentation: cardPass, card: SERIAL }, { presentation: printedPass, document: { number: NUMBER } }], { venue: 'general' });
      expect(batch.map((r) => r.result)).toEqual(['OK', 'OK']);
      // The scan log: counts by hour, venue and result, nothing else.
      const log = v.scanLog();
      for (const row of log) expect(Object.keys(row).sort()).toEqual(['count', 'hour', 'result', 'venue']);
      expect(log.map((r) => [r.result, r.count]).sort()).toEqual([['CARD_MISMATCH', 1], ['DOCUMENT_MISMATCH', 1], ['OK', 4]]);
      await v.flush();
      await v.close();
    } finally {
      for (const s of spies) s.mockRestore();
    }
    const stored = await storedContents(dir);
    expect(stored.map((s) => s.name).filter((n) => n.endsWith('opened')).map((n) => basename(n).split('.')[0]).sort()).toEqual(['anchor', 'log', 'state']);
    // The search can find what is there: the opened state holds the trust list, and with it its issuer's name.
    expect(stored.some((s) => s.name.endsWith('state.pgs, opened') && contains(s.bytes, new TextEncoder().encode('CN-35')))).toBe(true);
    for (const s of stored) expectNoSecret(s.name, s.bytes, [...SECRETS, ...DISCLOSED]);
    expectNoSecret('the console', new TextEncoder().encode(logged.join('\n')));
  });

  it('by passgate serve --storage: not in its stored records, its decisions, its log or its metrics', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'trust.cbor'), trustList());
    const store = join(dir, 'store');
    const gate = await startGate(['--root', toHex(root.publicKey), '--storage', store, '--trust', join(dir, 'trust.cbor'),
      '--venue', 'general', '--listen', '127.0.0.1:0', '--now', String(NOW)]);
    const json = { 'Content-Type': 'application/json' };
    const reads = [
      { presentation: toHex(cardPass), card: toHex(SERIAL) },
      { presentation: toHex(cardPass), card: toHex(OTHER_SERIAL).toUpperCase() },
      { presentation: printedPass, document: { number: NUMBER, name: NAME } },
      { presentation: printedPass, document: { number: OTHER_NUMBER, name: OTHER_NAME } },
    ];
    const answers: string[] = [];
    for (const read of reads) answers.push(await (await fetch(`${gate.url}/verify`, { method: 'POST', headers: json, body: JSON.stringify(read) })).text());
    answers.push(await (await fetch(`${gate.url}/verify-batch`, { method: 'POST', headers: json, body: reads.map((r) => JSON.stringify(r)).join('\n') })).text());
    expect(answers.join('\n').match(/"result":"\w+"/g)).toEqual(
      ['OK', 'CARD_MISMATCH', 'OK', 'DOCUMENT_MISMATCH', 'OK', 'CARD_MISMATCH', 'OK', 'DOCUMENT_MISMATCH'].map((r) => `"result":"${r}"`));
    const metrics = await (await fetch(`${gate.url}/metrics`)).text();
    const health = await (await fetch(`${gate.url}/health`)).text();
    expect(await gate.stop()).toBe(0);
    const stored = await storedContents(store);
    expect(stored.some((s) => s.name.endsWith('state.pgs, opened'))).toBe(true);
    for (const s of stored) expectNoSecret(s.name, s.bytes, [...SECRETS, ...DISCLOSED]);
    const said = `${answers.join('\n')}\n${metrics}\n${health}\n${gate.stdout()}\n${gate.stderr()}`;
    expectNoSecret('what the gate answered, logged and exported', new TextEncoder().encode(said));
  }, 30_000);
});

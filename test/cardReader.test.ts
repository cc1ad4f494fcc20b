// Card passes on a real PC/SC stack with no hardware (issue 21): pcscd with vsmartcard's vpcd driver,
// `passgate card read|write` as child processes, and a virtual Type 4 Tag of our own on vpcd's port
// (test/support/virtualType4Card.mjs). Hostile and faulty cards end in a code on a read line, never a
// hang or a crash; every read is the NFC Forum procedure the card logs.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeNdefMessage, openPcscReader, CardError, type CardReader } from '../sdk/card/index.js';
import { encodeBase45 } from '../sdk/encoding/base45.js';
import { toHex } from '../sdk/encoding/hex.js';
import { insertCard, VPCD_PORT, type VirtualCard, type VirtualCardOptions } from './support/virtualType4Card.mjs';
import { removeCards, sleep, startCli, startPcscd, stopPcscd } from './support/cardCli.js';
import { holdVpcd } from './support/vpcdLock.js';
import { gateLine, killGates, startGate, type ServedGate } from './support/servedGate.js';
import { NOW, presentAll, root, token, trustList } from './support/issuerFixtures.js';

const presentation = Uint8Array.from({ length: 214 }, (_, i) => (i * 13 + 0x83) & 0xff);
const UID = [0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66];
const FIRST = 'Virtual PCD 00 00';
const SECOND = 'Virtual PCD 00 01';

const inserted: VirtualCard[] = [];
async function card(options: VirtualCardOptions = {}): Promise<VirtualCard> {
  const c = await insertCard({ uid: UID, message: encodeNdefMessage(presentation), ...options });
  inserted.push(c);
  return c;
}

/** Takes the card away and gives pcscd time to see it gone (it polls vpcd's slots). */
async function removeAndSettle(c: VirtualCard): Promise<void> {
  await c.remove();
  await sleep(700);
}

beforeAll(async () => {
  const release = await holdVpcd();
  startPcscd();
  return release;
}, 600_000);
afterEach(() => removeCards(inserted));

/** One `card read` with the card brought in after the command started; its line, parsed, and status. */
async function readOnce(options: VirtualCardOptions, args: readonly string[] = ['--reader', FIRST]): Promise<{ line: Record<string, unknown>; status: number | null; card: VirtualCard; stderr: string }> {
  const cli = startCli(['card', 'read', ...args, '--timeout', '10']);
  await sleep(300);
  const c = await card(options);
  const status = await cli.exit();
  const lines = cli.stdout().split('\n').filter((l) => l !== '');
  expect(lines, cli.stderr()).toHaveLength(1);
  return { line: JSON.parse(lines[0]!) as Record<string, unknown>, status, card: c, stderr: cli.stderr() };
}

const hex = (b: Buffer): string => b.toString('hex');
const ndefMessage = encodeNdefMessage(presentation);
const TYPE = [...new TextEncoder().encode('application/pg1')];

describe('passgate card read (PG1 §10.4 read lines)', () => {
  it('reads a card pass: the NFC Forum procedure, then one line with the presentation and the card serial', async () => {
    const { line, status, card: c } = await readOnce({});
    expect(status).toBe(0);
    expect(line).toEqual({ presentation: toHex(presentation), card: toHex(Uint8Array.from(UID)) });
    const apdus = c.apdus.map(hex);
    expect(apdus.slice(0, 6)).toEqual([
      'ffca000000', // GET DATA: the serial
      '00a4040007d276000085010100', // SELECT the NDEF application, mapping 2.0
      '00a4000c02e103', // SELECT the capability container
      '00b000000f', // READ BINARY its 15 bytes
      '00a4000c02e104', // SELECT the NDEF file the CC names
      '00b0000002', // NLEN
    ]);
    expect(apdus.slice(6)).toEqual([`00b00002${ndefMessage.length.toString(16).padStart(2, '0')}`]);
  });

  it('reads in chunks of at most MLe, and of at most 255 bytes whatever MLe says', async () => {
    const small = await readOnce({ cc: { mle: 15 } });
    expect(small.line.presentation).toBe(toHex(presentation));
    const reads = small.card.apdus.map(hex).filter((a) => a.startsWith('00b0')).slice(2);
    expect(reads).toHaveLength(Math.ceil(ndefMessage.length / 15));
    for (const r of reads) expect(parseInt(r.slice(8), 16)).toBeLessThanOrEqual(15);
    await removeAndSettle(small.card);
    const long = new Uint8Array(1000).fill(7);
    const big = await readOnce({ cc: { mle: 0xffff, maxSize: 2048 }, message: encodeNdefMessage(long) });
    expect(big.line.presentation).toBe(toHex(long));
    const bigReads = big.card.apdus.map(hex).filter((a) => a.startsWith('00b0')).slice(2);
    // 1,021 bytes: 21 of record header, then the payload.
    expect(bigReads.map((r) => parseInt(r.slice(8), 16))).toEqual([255, 255, 255, 255, 1]);
  });

  it('falls back to the mapping 1.0 application (D2760000850100) and selects its files as 1.0 does', async () => {
    const { line, card: c } = await readOnce({ mapping: 1 });
    expect(line.presentation).toBe(toHex(presentation));
    const apdus = c.apdus.map(hex);
    expect(apdus).toContain('00a4040007d2760000850100');
    expect(apdus).toContain('00a4000002e103');
  });

  it('takes a record with an ID field, which is legal NDEF', async () => {
    const withId = Uint8Array.from([0xda, 15, 3, 2, ...TYPE, 0xee, 0xee, 1, 2, 3]);
    const { line } = await readOnce({ message: withId });
    expect(line.presentation).toBe('010203');
  });

  const hostile: [string, VirtualCardOptions, string][] = [
    ['a card with no NDEF application', { noApplication: true }, 'NO_PASS'],
    ['an empty NDEF file (NLEN 0)', { message: new Uint8Array(0) }, 'NO_PASS'],
    ['a first record that is not application/pg1 (a URI)', { message: Uint8Array.of(0xd1, 1, 3, 0x55, 0x04, 0x61, 0x62) }, 'NO_PASS'],
    ['NLEN past the NDEF file', { cc: { maxSize: 100 }, nlen: 99 }, 'NOT_NDEF'],
    ['MLe 0', { cc: { mle: 0 } }, 'NOT_NDEF'],
    ['MLc 0', { cc: { mlc: 0 } }, 'NOT_NDEF'],
    ['CCLEN below 15', { cc: { cclen: 14 } }, 'NOT_NDEF'],
    ['mapping version 3.0', { cc: { version: 0x30 } }, 'NOT_NDEF'],
    ['a CC whose first TLV is not the NDEF File Control TLV', { cc: { tlvType: 5 } }, 'NOT_NDEF'],
    ['an NDEF file id the mapping reserves (E102)', { cc: { fileId: 0xe102 } }, 'NOT_NDEF'],
    ['a maximum NDEF size below 5', { cc: { maxSize: 4 } }, 'NOT_NDEF'],
    ['read access not granted', { cc: { read: 0x80 } }, 'NOT_NDEF'],
    ['a reserved write access byte', { cc: { write: 0x10 } }, 'NOT_NDEF'],
    ['a record claiming more bytes than the message has', { message: Uint8Array.from([0xd2, 15, 200, ...TYPE, 1, 2, 3]) }, 'NOT_NDEF'],
    ['a chunked record', { message: Uint8Array.from([0xb2, 15, 1, ...TYPE, 1, 0x56, 0, 1, 2]) }, 'NOT_NDEF'],
    ['a message over 4,096 bytes', { cc: { maxSize: 8000 }, nlen: 5000 }, 'NOT_NDEF'],
    ['an error status word on READ BINARY', { statusWord: (a) => (a[1] === 0xb0 && a[4] !== 15 && a[4] !== 2 ? 0x6581 : undefined) }, 'CARD_ERROR'],
    ['an error status word on selecting the CC', { statusWord: (a) => (a[1] === 0xa4 && a[2] === 0 ? 0x6a82 : undefined) }, 'CARD_ERROR'],
    ['READ BINARY answering more bytes than asked for', { overlongReads: true }, 'CARD_ERROR'],
  ];
  it.each(hostile.map(([what, options, code]) => [what, code, options] as const))('%s: {"error": "%s"} with the serial, exit status 1', async (_, code, options) => {
    const { line, status, card: c } = await readOnce(options);
    expect(line).toEqual({ error: code, card: toHex(Uint8Array.from(UID)) });
    expect(status).toBe(1);
    // No read of the message itself once NLEN is known to be out of bounds.
    if (options.nlen !== undefined) expect(c.apdus.map(hex).filter((a) => a.startsWith('00b00002'))).toEqual([]);
  });

  it('a card whose reader gives no serial (GET DATA refused) is CARD_ERROR without a serial', async () => {
    const { line } = await readOnce({ uidStatusWord: 0x6a81 });
    expect(line).toEqual({ error: 'CARD_ERROR' });
  });

  it('a card that stops answering mid-read is CARD_TIMEOUT after the per-command deadline, not a hang', async () => {
    const cli = startCli(['card', 'read', '--reader', FIRST, '--timeout', '10']);
    await sleep(300);
    const c = await card({ silentAfter: 6 });
    const line = await cli.line(1);
    // Answered once the 1 s deadline of the silent command passed (the card's first APDUs take a few ms).
    expect(JSON.parse(line)).toEqual({ error: 'CARD_TIMEOUT', card: toHex(Uint8Array.from(UID)) });
    expect(c.apdus.length).toBe(7);
    // The PC/SC call the card left hanging cannot be cancelled; it ends, and the command with it, when the card leaves.
    await c.remove();
    expect(await cli.exit()).toBe(1);
  });

  it('a card taken away mid-read is CARD_REMOVED', async () => {
    const { line } = await readOnce({ removeAfter: 5 });
    expect(line).toEqual({ error: 'CARD_REMOVED', card: toHex(Uint8Array.from(UID)) });
  });

  it('reads the reader named, with a card on each of two readers', async () => {
    const other = Uint8Array.of(0x83, 0x01, 0x02);
    await card({ port: VPCD_PORT + 1, uid: [0x08, 0x09, 0x0a, 0x0b], message: encodeNdefMessage(other) });
    const second = await readOnce({}, ['--reader', '00 01']);
    expect(second.line).toEqual({ presentation: '830102', card: '08090a0b' });
    const first = startCli(['card', 'read', '--reader', '00 00', '--timeout', '5']);
    expect(await first.exit()).toBe(0);
    expect(JSON.parse(first.stdout())).toEqual({ presentation: toHex(presentation), card: toHex(Uint8Array.from(UID)) });
  });

  it('--watch prints one line per card brought into the field, in order, until stopped', async () => {
    const cli = startCli(['card', 'read', '--reader', FIRST, '--watch'], { timeoutMs: 60_000 });
    const expected: unknown[] = [];
    for (let i = 0; i < 10; i++) {
      const uid = [0x04, 0, 0, 0, i];
      // Every third tap is a card that holds no pass: it is answered and the watch goes on.
      const options: VirtualCardOptions = i % 3 === 2 ? { uid, noApplication: true } : { uid };
      expected.push(i % 3 === 2 ? { error: 'NO_PASS', card: toHex(Uint8Array.from(uid)) } : { presentation: toHex(presentation), card: toHex(Uint8Array.from(uid)) });
      const c = await card(options);
      expect(JSON.parse(await cli.line(i + 1))).toEqual(expected[i]);
      // A card left in the field is read once.
      await sleep(400);
      expect(cli.stdout().split('\n').filter((l) => l !== '')).toHaveLength(i + 1);
      await removeAndSettle(c);
    }
    cli.child.kill('SIGTERM');
    expect(await cli.exit()).toBe(0);
  }, 60_000);

  it('--timeout ends a read with no card: exit status 1, nothing on standard output', async () => {
    const cli = startCli(['card', 'read', '--reader', FIRST, '--timeout', '0.5']);
    expect(await cli.exit()).toBe(1);
    expect(cli.stdout()).toBe('');
    expect(cli.stderr()).toMatch(/NO_CARD/);
  });

  it('without PC/SC (no pcscd to talk to) or without the reader named: NO_PCSC, exit status 1', async () => {
    const noService = startCli(['card', 'read', '--timeout', '1'], { env: { PCSCLITE_CSOCK_NAME: join(tmpdir(), 'passgate-no-pcscd.comm') } });
    expect(await noService.exit()).toBe(1);
    expect(noService.stderr()).toMatch(/NO_PCSC/);
    const noReader = startCli(['card', 'read', '--reader', 'ACS ACR122U', '--timeout', '1']);
    expect(await noReader.exit()).toBe(1);
    expect(noReader.stderr()).toMatch(/NO_PCSC.*Virtual PCD 00 00/);
  });
});

describe('passgate card write (PG1 §10.1)', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'passgate-card-'));
    return () => rmSync(dir, { recursive: true, force: true });
  });

  async function writeOnce(options: VirtualCardOptions, content: string | Uint8Array): Promise<{ status: number | null; card: VirtualCard; stderr: string }> {
    const file = join(dir, `p-${Math.random().toString(36).slice(2)}`);
    writeFileSync(file, content);
    const cli = startCli(['card', 'write', '--reader', FIRST, '--presentation', file, '--timeout', '10']);
    await sleep(300);
    const c = await card({ message: undefined, ...options });
    const status = await cli.exit();
    return { status, card: c, stderr: cli.stderr() };
  }

  it('writes as the mapping does (NLEN 0, the data in MLc chunks, then NLEN), reads it back, and card read gets it', async () => {
    const { status, card: c, stderr } = await writeOnce({ cc: { mlc: 50 } }, `PG1:${encodeBase45(presentation)}\n`);
    expect(status, stderr).toBe(0);
    expect(new Uint8Array(c.message())).toEqual(ndefMessage);
    const updates = c.apdus.map(hex).filter((a) => a.startsWith('00d6'));
    expect(updates[0]).toBe('00d60000020000');
    expect(updates.at(-1)).toBe(`00d6000002${ndefMessage.length.toString(16).padStart(4, '0')}`);
    const chunks = updates.slice(1, -1);
    expect(chunks).toHaveLength(Math.ceil(ndefMessage.length / 50));
    for (const u of chunks) expect(parseInt(u.slice(8, 10), 16)).toBeLessThanOrEqual(50);
    // Read back after the write: NLEN and the message again.
    const last = c.apdus.map(hex).lastIndexOf(updates.at(-1)!);
    expect(c.apdus.map(hex).slice(last + 1)[0]).toBe('00b0000002');
    await removeAndSettle(c);
    const { line } = await readOnce({ message: c.message() });
    expect(line.presentation).toBe(toHex(presentation));
  });

  it('takes the presentation as hex text or as raw bytes', async () => {
    const fromHex = await writeOnce({}, toHex(presentation) + '\n');
    expect(fromHex.status, fromHex.stderr).toBe(0);
    expect(new Uint8Array(fromHex.card.message())).toEqual(ndefMessage);
    await removeAndSettle(fromHex.card);
    const raw = await writeOnce({}, presentation);
    expect(raw.status, raw.stderr).toBe(0);
    expect(new Uint8Array(raw.card.message())).toEqual(ndefMessage);
  });

  it.each(([
    ['a read-only card', { readOnly: true }, 'NOT_WRITABLE'],
    ['a card too small for the message', { cc: { maxSize: 100 } }, 'NOT_WRITABLE'],
    ['a card that stores something else than was written', { corruptWrites: true }, 'WRITE_UNCONFIRMED'],
    ['a card taken away mid-write', { removeAfter: 8 }, 'CARD_REMOVED'],
  ] as [string, VirtualCardOptions, string][]).map(([what, options, code]) => [what, code, options] as const))('%s: %s, exit status 1', async (_, code, options) => {
    const { status, stderr } = await writeOnce(options, presentation);
    expect(status).toBe(1);
    expect(stderr).toContain(code);
  });
});

describe('passgate/card over PC/SC, in the program', () => {
  let reader: CardReader;
  beforeAll(async () => {
    reader = await openPcscReader({ reader: '00 00', apduTimeoutMs: 300 });
    return () => reader.close();
  });

  it('gives the status word of a CARD_ERROR, and the per-command deadline asked for', async () => {
    const pending = reader.read({ timeoutMs: 10_000 });
    await card({ statusWord: (a) => (a[1] === 0xa4 && a[2] === 0 ? 0x6a86 : undefined) });
    const tap = await pending;
    // The reader comes from the built package (its node condition), so its CardError is that build's class.
    expect(tap.error?.name).toBe(CardError.name);
    expect(tap.error?.code).toBe('CARD_ERROR');
    expect(tap.error?.statusWord).toBe(0x6a86);
    await removeAndSettle(inserted.at(-1)!);
    const slow = reader.read({ timeoutMs: 10_000 });
    await card({ answerDelayMs: 600 });
    expect((await slow).error?.code).toBe('CARD_TIMEOUT');
  });

  it('takes the serial from the integrator\'s own source (a SAM transaction, say) on the card\'s channel, not GET DATA', async () => {
    const asn = Uint8Array.of(0x31, 0x00, 0x00, 0x00, 0x12, 0x34, 0x56, 0x78);
    const own = await openPcscReader({
      reader: '00 00',
      serial: async (transmit) => {
        // Stands for the operator's authenticated read: any command on the same channel.
        const r = await transmit(Uint8Array.of(0x00, 0xa4, 0x04, 0x00, 0x02, 0x3f, 0x00));
        expect(r.length).toBeGreaterThanOrEqual(2);
        return asn;
      },
    });
    try {
      const pending = own.read({ timeoutMs: 10_000 });
      const c = await card({});
      const tap = await pending;
      expect(tap.serial).toEqual(asn);
      expect(tap.presentation).toEqual(presentation);
      expect(c.apdus.map(hex)).not.toContain('ffca000000');
      expect(hex(c.apdus[0]!)).toBe('00a40400023f00');
    } finally {
      own.close();
    }
  });
});

describe('passgate serve --card-reader (silent checks)', () => {
  let dir = '';
  let gate: ServedGate | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'passgate-card-serve-'));
    writeFileSync(join(dir, 'trust.cbor'), trustList());
    return () => {
      killGates();
      rmSync(dir, { recursive: true, force: true });
    };
  });

  it('decides every tap on a JSON line, counts it in /metrics, and keeps the serial nowhere', async () => {
    gate = await startGate(['--root', toHex(root.publicKey), '--storage', join(dir, 'store'), '--trust', join(dir, 'trust.cbor'),
      '--card-reader', '00 00', '--listen', '127.0.0.1:0', '--now', String(NOW)]);
    const pass = presentAll(token({ decoys: 0 }));
    const first = await card({ uid: [0x04, 0xde, 0xad, 0xbe, 0xef], message: encodeNdefMessage(pass) });
    expect(await gateLine(gate, 1)).toMatchObject({ result: 'OK', iss: 'CN-35' });
    await removeAndSettle(first);
    const empty = await card({ uid: [0x04, 0xfe, 0xed, 0xfa, 0xce], noApplication: true });
    expect(await gateLine(gate, 2)).toEqual({ result: 'MALFORMED', error: 'NO_PASS' });
    await removeAndSettle(empty);
    const metrics = await (await fetch(`${gate.url}/metrics`)).text();
    expect(metrics).toContain('passgate_card_taps_total{outcome="READ"} 1');
    expect(metrics).toContain('passgate_card_taps_total{outcome="NO_PASS"} 1');
    expect(metrics).toContain('passgate_verifications_total{result="OK",venue="none"} 1');
    expect(metrics).toContain('passgate_verifications_total{result="MALFORMED",venue="none"} 1');
    expect(await gate.stop()).toBe(0);
    // Nowhere: not in the decisions, the log, the metrics, or any file the gate stored.
    const stored = readdirSync(join(dir, 'store'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile()).map((e) => readFileSync(join(e.parentPath, e.name)));
    expect(stored.length).toBeGreaterThan(0);
    const everything = `${gate.stdout()}${gate.stderr()}${metrics}`;
    for (const serial of ['04deadbeef', '04feedface']) {
      expect(everything.toLowerCase()).not.toContain(serial);
      for (const file of stored) {
        expect(file.includes(Buffer.from(serial, 'hex'))).toBe(false);
        expect(file.toString('latin1').toLowerCase()).not.toContain(serial);
      }
    }
  }, 30_000);

  it('ends with exit status 1 when PC/SC goes away, so that its supervisor restarts it', async () => {
    const g = await startGate(['--root', toHex(root.publicKey), '--storage', join(dir, 'store3'), '--trust', join(dir, 'trust.cbor'),
      '--card-reader', '00 00', '--now', String(NOW)], { http: false });
    try {
      for (let i = 0; i < 100 && !g.stderr().includes('card reader:'); i++) await sleep(100);
      expect(g.stderr()).toContain('card reader: Virtual PCD 00 00');
      stopPcscd();
      expect(await g.exited).toBe(1);
      expect(g.stderr()).toMatch(/card reader failed: PC\/SC stopped answering/);
    } finally {
      startPcscd();
    }
  }, 30_000);

  it('does not start without the reader: exit status 2, the reason on standard error', async () => {
    const g = await startGate(['--root', toHex(root.publicKey), '--storage', join(dir, 'store2'), '--trust', join(dir, 'trust.cbor'),
      '--card-reader', 'ACS ACR122U', '--now', String(NOW)], { http: false });
    expect(await g.exited).toBe(2);
    expect(g.stderr()).toMatch(/--card-reader: no PC\/SC reader's name contains "ACS ACR122U"/);
  });
});

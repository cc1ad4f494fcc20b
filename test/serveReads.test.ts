// `passgate serve` with the reads of PG1 §10.4 (a child process over loopback): a read object as
// application/json on POST /verify, JSON lines on /verify-batch, read lines in text bodies and on the
// line relay, concurrent reads each with its own card or document, and the new codes in /metrics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import parsePrometheus from 'parse-prometheus-text-format';
import { issueCardPass, issuePrintedPass, toQrText } from '../sdk/issuer/index.js';
import { toHex } from '../sdk/encoding/hex.js';
import { DAY, issuerKey, NOW, root, trustList } from './support/issuerFixtures.js';
import { killGates, startGate, type ServedGate } from './support/servedGate.js';

const dir = mkdtempSync(join(tmpdir(), 'passgate-serve-reads-'));
afterAll(() => {
  killGates();
  rmSync(dir, { recursive: true, force: true });
});

const SERIAL = '5d0e7731c2a94f06';
const HOLDER = { number: '35010219920315441X', name: '林建华' };
const card = toQrText(issueCardPass({ issuerSecret: issuerKey.secretKey, iss: 'CN-35', iat: NOW - 3600, serial: Buffer.from(SERIAL, 'hex'), status: 0 }).presentation);
const printed = toHex(issuePrintedPass({
  issuerSecret: issuerKey.secretKey, iss: 'CN-35', iat: NOW - 3600, exp: NOW + DAY, status: 0, documentNumber: HOLDER.number, name: HOLDER.name,
}).presentation);
const read = (o: object): string => JSON.stringify(o);

function post(g: ServedGate, path: string, body: string, type: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(g.url + path, { method: 'POST', headers: { 'Content-Type': type } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const results = (text: string): string[] => text.trim().split('\n').map((l) => (JSON.parse(l) as { result: string }).result);

describe('passgate serve: reads of PG1 §10.4', () => {
  let gate: ServedGate;
  beforeAll(async () => {
    const trust = join(dir, 'trust.cbor');
    writeFileSync(trust, trustList({ policy: { door: { allow: [0, 1], bound: true }, lobby: { allow: [0, 1, 2] } } }));
    gate = await startGate(['--root', toHex(root.publicKey), '--storage', join(dir, 'store'), '--trust', trust, '--listen', '127.0.0.1:0', '--now', String(NOW)]);
  });
  afterAll(async () => {
    await gate?.stop();
  });

  it('POST /verify takes a read object as application/json', async () => {
    const asJson = async (body: string, query = '?venue=door'): Promise<string> => {
      const r = await post(gate, `/verify${query}`, body, 'application/json');
      expect(r.status, r.text).toBe(200);
      return (JSON.parse(r.text) as { result: string }).result;
    };
    expect(await asJson(read({ presentation: card, card: SERIAL }))).toBe('OK');
    expect(await asJson(read({ presentation: card, card: SERIAL.toUpperCase() }) + '\r\n')).toBe('OK');
    expect(await asJson(JSON.stringify({ presentation: card, card: SERIAL }, null, 2))).toBe('OK');
    expect(await asJson(read({ presentation: card, card: '0401' }))).toBe('CARD_MISMATCH');
    expect(await asJson(read({ presentation: card }))).toBe('CARD_MISMATCH');
    expect(await asJson(read({ presentation: printed, document: HOLDER }))).toBe('OK');
    expect(await asJson(read({ presentation: printed }))).toBe('BINDING_REQUIRED');
    expect(await asJson(read({ presentation: printed, document: { ...HOLDER, name: '林建国' } }))).toBe('DOCUMENT_MISMATCH');
  });

  it('a read that is not one is answered MALFORMED, as on the command line (a failed tap among them)', async () => {
    for (const body of ['{', read({ error: 'NO_NDEF', card: SERIAL }), read({ presentation: card, card: null }), read({ presentation: printed, document: { number: '' } }), '[]', '']) {
      const r = await post(gate, '/verify', body, 'application/json');
      expect([r.status, (JSON.parse(r.text) as { result: string }).result], body).toEqual([200, 'MALFORMED']);
    }
  });

  it('a text body that begins with { is a read too', async () => {
    const r = await post(gate, '/verify?venue=door', read({ presentation: card, card: SERIAL }), 'text/plain');
    expect(results(r.text)).toEqual(['OK']);
  });

  it('explain says which comparison failed, and never the document', async () => {
    const r = await post(gate, '/verify?explain=1', read({ presentation: printed, document: { ...HOLDER, name: '林建国' } }), 'application/json');
    const v = JSON.parse(r.text) as { result: string; detail: { step: number; check: string } };
    expect(v.result).toBe('DOCUMENT_MISMATCH');
    expect(v.detail.check).toMatch(/\* or the document/);
    expect(r.text).not.toMatch(/林|35010219920315441X/);
  });

  it('POST /verify-batch takes JSON lines of reads, and text lines that mix reads and presentations', async () => {
    const lines = [read({ presentation: card, card: SERIAL }), read({ presentation: card, card: '00' }), read({ presentation: printed, document: HOLDER }), read({ presentation: printed }), '{'];
    const j = await post(gate, '/verify-batch?venue=door', lines.join('\n') + '\n', 'application/json');
    expect(j.status).toBe(200);
    expect(results(j.text)).toEqual(['OK', 'CARD_MISMATCH', 'OK', 'BINDING_REQUIRED', 'MALFORMED']);
    const t = await post(gate, '/verify-batch?venue=door', [lines[0], card, printed, lines[2]].join('\n'), 'text/plain');
    expect(results(t.text)).toEqual(['OK', 'CARD_MISMATCH', 'BINDING_REQUIRED', 'OK']);
    // A plain presentation on a JSON line is not a read.
    expect(results((await post(gate, '/verify-batch', card + '\n', 'application/json')).text)).toEqual(['MALFORMED']);
  });

  it('concurrent reads, verified together, each get their own card and document', async () => {
    const bodies = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? read({ presentation: card, card: SERIAL })
      : i % 4 === 1 ? read({ presentation: card, card: '0402' })
        : i % 4 === 2 ? read({ presentation: printed, document: HOLDER })
          : read({ presentation: printed, document: { number: '110101199003077777' } })));
    const got = await Promise.all(bodies.map((b) => post(gate, '/verify?venue=door', b, 'application/json')));
    expect(got.map((r) => (JSON.parse(r.text) as { result: string }).result)).toEqual(bodies.map((_, i) => ['OK', 'CARD_MISMATCH', 'OK', 'DOCUMENT_MISMATCH'][i % 4]));
  });

  it('/metrics counts the new codes by venue', async () => {
    const metrics = await new Promise<string>((resolve, reject) => {
      request(gate.url + '/metrics', (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('end', () => resolve(text));
      }).on('error', reject).end();
    });
    const family = parsePrometheus(metrics).find((f) => f.name === 'passgate_verifications_total')!;
    const counted = (result: string): number => family.metrics
      .filter((m) => (m as { labels: Record<string, string> }).labels.result === result && (m as { labels: Record<string, string> }).labels.venue === 'door')
      .reduce((n, m) => n + Number((m as { value: string }).value), 0);
    for (const code of ['CARD_MISMATCH', 'DOCUMENT_MISMATCH', 'BINDING_REQUIRED']) expect(counted(code), code).toBeGreaterThan(0);
  });
});

describe('passgate serve: the line relay takes reads (a card reader’s pipe)', () => {
  it('answers a read line with its card, each as it comes', async () => {
    const trust = join(dir, 'relay-trust.cbor');
    writeFileSync(trust, trustList());
    const gate = await startGate(['--root', toHex(root.publicKey), '--storage', join(dir, 'relay-store'), '--trust', trust, '--stdin', '--now', String(NOW)], { http: false });
    gate.proc.stdin.end([read({ presentation: card, card: SERIAL }), read({ presentation: card, card: '00' }), read({ error: 'READ_FAILED' })].join('\n') + '\n');
    expect(await gate.exited).toBe(0);
    expect(results(gate.stdout())).toEqual(['OK', 'CARD_MISMATCH', 'MALFORMED']);
  });
});

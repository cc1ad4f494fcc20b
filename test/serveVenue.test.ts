// `passgate serve` is safe by default: PG1 §5 runs no venue rule without a venue, so a gate started
// without --venue refuses a request that names none (400, saying why) instead of admitting a red code.
// --no-venue is the operator's explicit opt-out, logged at start and shown in /health. `passgate verify`
// keeps PG1 §9 (no venue: signature and validity only): it is the conformance contract.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toQrText } from '../sdk/issuer/index.js';
import { toHex } from '../sdk/encoding/hex.js';
import { NOW, presentAll, root, token, trustList } from './support/issuerFixtures.js';
import { BIN, killGates, runPassgate, startGate, type ServedGate } from './support/servedGate.js';

const ROOT = toHex(root.publicKey);
const dir = mkdtempSync(join(tmpdir(), 'passgate-venue-'));
const trust = join(dir, 'trust.cbor');
writeFileSync(trust, trustList());
afterAll(() => {
  killGates();
  rmSync(dir, { recursive: true, force: true });
});

const red = toQrText(presentAll(token({ claims: { status: 2 } })));
let stores = 0;
const gateArgs = (...more: string[]): string[] => ['--root', ROOT, '--storage', join(dir, `store-${stores++}`), '--trust', trust, '--listen', '127.0.0.1:0', '--now', String(NOW), ...more];

async function post(g: ServedGate, path: string, body: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(g.url + path, { method: 'POST', body });
  return { status: r.status, body: JSON.parse((await r.text()).split('\n')[0]!) as Record<string, unknown> };
}
const health = async (g: ServedGate): Promise<Record<string, unknown>> => (await (await fetch(g.url + '/health')).json()) as Record<string, unknown>;

describe('passgate serve: a request without a venue', () => {
  it('is refused (400, saying why) by a gate started without --venue', async () => {
    const gate = await startGate(gateArgs(), { asGiven: true });
    try {
      for (const path of ['/verify', '/verify-batch']) {
        const r = await post(gate, path, red);
        expect(r.status).toBe(400);
        expect(r.body['error']).toMatch(/no venue: name the venue category with \?venue=CATEGORY/);
        expect(r.body['error']).toMatch(/--no-venue/);
      }
      expect((await post(gate, '/verify?venue=general', red)).body).toMatchObject({ result: 'STATUS_NOT_ALLOWED' });
      expect(await health(gate)).toMatchObject({ venue: { default: null, required: true, no_venue: false } });
    } finally {
      expect(await gate.stop()).toBe(0);
    }
  });

  it('gets --venue\'s category', async () => {
    const gate = await startGate(gateArgs('--venue', 'general'), { asGiven: true });
    try {
      expect((await post(gate, '/verify', red)).body).toMatchObject({ result: 'STATUS_NOT_ALLOWED' });
      expect(await health(gate)).toMatchObject({ venue: { default: 'general', required: false, no_venue: false } });
    } finally {
      await gate.stop();
    }
  });

  it('is checked for signature and validity only under --no-venue, which is logged and shown in /health', async () => {
    const gate = await startGate(gateArgs('--no-venue'), { asGiven: true });
    try {
      expect((await post(gate, '/verify', red)).body).toMatchObject({ result: 'OK', claims: { status: 2 } });
      expect((await post(gate, '/verify?venue=general', red)).body).toMatchObject({ result: 'STATUS_NOT_ALLOWED' });
      expect(await health(gate)).toMatchObject({ venue: { default: null, required: false, no_venue: true } });
      expect(gate.stderr()).toMatch(/--no-venue: a request without \?venue= is checked for signature and validity only/);
    } finally {
      await gate.stop();
    }
  });

  it('a line input needs --venue or --no-venue; both at once is a usage error', async () => {
    const lines = await runPassgate(['serve', ...gateArgs('--stdin').filter((a) => a !== '--listen' && a !== '127.0.0.1:0')]);
    expect(lines.code).toBe(2);
    expect(lines.stderr).toMatch(/a line input or a card reader carries no venue: give --venue CATEGORY \(or --no-venue/);
    const both = await runPassgate(['serve', ...gateArgs('--venue', 'general', '--no-venue')]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--venue or --no-venue, not both/);
  });

  it('passgate verify keeps PG1 §9: no venue, no venue rule', async () => {
    const r = await runPassgateWithInput(['verify', '--root', ROOT, '--trust', trust, '--now', String(NOW)], red + '\n');
    expect(JSON.parse(r)).toMatchObject({ result: 'OK', claims: { status: 2 } });
  });
});

function runPassgateWithInput(args: readonly string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, ...args]);
    let out = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    p.on('error', reject);
    p.on('exit', () => resolve(out));
    p.stdin.end(input);
  });
}

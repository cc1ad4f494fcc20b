// Blank lines: one rule for POST /verify-batch and serve --stdin. A blank line (empty or white space
// only: a scanner's extra Enter) is noise and gets no answer; every other line gets one, in order.
// `passgate verify` keeps PG1 §9: there an empty line is MALFORMED (the conformance contract).
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toQrText } from '../sdk/issuer/index.js';
import { toHex } from '../sdk/encoding/hex.js';
import { NOW, presentAll, root, token, trustList } from './support/issuerFixtures.js';
import { BIN, killGates, startGate } from './support/servedGate.js';

const ROOT = toHex(root.publicKey);
const dir = mkdtempSync(join(tmpdir(), 'passgate-blank-'));
const trust = join(dir, 'trust.cbor');
writeFileSync(trust, trustList());
afterAll(() => {
  killGates();
  rmSync(dir, { recursive: true, force: true });
});

const ok = toQrText(presentAll(token()));
const expired = toQrText(presentAll(token({ exp: NOW - 1000 })));
/** A scanner's stream: codes, with extra Enters (LF and CRLF) and a line of spaces between them. */
const STREAM = ['', ok, '', '\r', '   ', expired, '\t', 'not a pass', ''].join('\n') + '\n';
const ANSWERS = ['OK', 'EXPIRED', 'MALFORMED'];
const results = (text: string): string[] => text.trimEnd().split('\n').map((l) => (JSON.parse(l) as { result: string }).result);

describe('blank lines', () => {
  it('are skipped alike by POST /verify-batch and by serve --stdin', async () => {
    const gate = await startGate(['--root', ROOT, '--storage', join(dir, 'http'), '--trust', trust, '--listen', '127.0.0.1:0', '--now', String(NOW), '--venue', 'general']);
    try {
      const r = await fetch(`${gate.url}/verify-batch`, { method: 'POST', body: STREAM });
      expect(r.status).toBe(200);
      expect(results(await r.text())).toEqual(ANSWERS);
      const blankOnly = await fetch(`${gate.url}/verify-batch`, { method: 'POST', body: '\n \r\n\n' });
      expect(await blankOnly.text()).toBe('');
    } finally {
      await gate.stop();
    }
    const relay = await startGate(['--root', ROOT, '--storage', join(dir, 'lines'), '--trust', trust, '--stdin', '--now', String(NOW), '--venue', 'general'], { http: false });
    relay.proc.stdin.end(STREAM);
    expect(await relay.exited).toBe(0);
    expect(results(relay.stdout())).toEqual(ANSWERS);
  });

  it('stay MALFORMED in passgate verify (PG1 §9)', () => {
    const r = spawnSync(process.execPath, [BIN, 'verify', '--root', ROOT, '--trust', trust, '--now', String(NOW)], { input: `${ok}\n\n`, encoding: 'utf8' });
    expect(results(r.stdout)).toEqual(['OK', 'MALFORMED']);
  });
});

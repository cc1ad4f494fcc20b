// `passgate verify --explain` as a child process: each JSON line gains "detail" (the step of PG1 §5
// and the values compared); without the flag the §9 object is unchanged.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toHex } from '../sdk/encoding/hex.js';
import { toQrText } from '../sdk/issuer/index.js';
import { NOW, presentAll, root, token, trustList } from './support/issuerFixtures.js';

const BIN = fileURLToPath(new URL('../bin/passgate.js', import.meta.url));

function run(extra: string[], input: string): { status: number | null; lines: Record<string, unknown>[]; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'passgate-explain-'));
  try {
    writeFileSync(join(dir, 'trust.cbor'), trustList());
    const r = spawnSync(process.execPath, [BIN, 'verify', '--root', toHex(root.publicKey), '--trust', join(dir, 'trust.cbor'), '--now', String(NOW), ...extra], { input, encoding: 'utf8', timeout: 60_000 });
    return { status: r.status, stderr: r.stderr, lines: r.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('passgate verify --explain', () => {
  const ok = toQrText(presentAll(token()));
  const expired = toHex(presentAll(token({ exp: NOW - 3600 })));

  it('adds the detail of each result', () => {
    const r = run(['--explain', '--venue', 'school'], `${ok}\n${expired}\n\n`);
    expect(r.status, r.stderr).toBe(0);
    expect(r.lines[0]).toMatchObject({ result: 'OK', iss: 'CN-35', detail: { step: null, values: { now: NOW, venue: 'school' } } });
    expect(r.lines[1]).toEqual({ result: 'EXPIRED', detail: { step: 7, check: 'now < exp + skew', values: { now: NOW, exp: NOW - 3600, skew: 60 } } });
    expect(r.lines[2]).toMatchObject({ result: 'MALFORMED', detail: { step: 2, check: 'a presentation is not empty (an empty line)' } });
  });

  it('leaves the §9 object as it is without the flag', () => {
    const r = run([], `${expired}\n`);
    expect(r.lines).toEqual([{ result: 'EXPIRED' }]);
  });
});

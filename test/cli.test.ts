// `passgate verify` as a user (or a conformance suite) runs it: a child process, stdin to stdout (PG1 §9).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { exampleGroups, verifyArgv } from './helpers/examples.js';

const BIN = fileURLToPath(new URL('../bin/passgate.js', import.meta.url));

function run(argv: string[], input: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...argv], { input, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const POLICY = new Set(['BINDING_REQUIRED', 'STATUS_NOT_ALLOWED', 'CLAIM_REQUIRED', 'NAT_TOO_OLD', 'NAT_POSITIVE', 'DOSES_REQUIRED', 'ABROAD_RECENT', 'RISK_AREA_RECENT']);

describe('passgate verify on the public PG1 examples', () => {
  for (const g of exampleGroups()) {
    it(`${g.name}: ${g.descriptions[0] ?? ''}${g.descriptions.length > 1 ? ' ...' : ''}`, () => {
      const r = run(verifyArgv(g), g.inputs.join('\n') + '\n');
      if (g.args.expect_exit === 2) {
        expect(r.status).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(/refused/);
        return;
      }
      expect(r.status, r.stderr).toBe(0);
      const lines = r.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toHaveLength(g.expected.length);
      lines.forEach((got, i) => {
        const exp = g.expected[i]!;
        const label = `line ${i + 1}: ${g.descriptions[i]}`;
        if (exp.result === 'OK' || POLICY.has(String(exp.result))) expect(got, label).toEqual(exp);
        else expect(got, label).toEqual({ result: exp.result });
      });
    });
  }
});

describe('passgate verify input handling', () => {
  const basic = exampleGroups().find((g) => g.name === 'basic')!;
  const ok = basic.inputs[0]!;

  it('answers an empty line with MALFORMED and keeps going', () => {
    const r = run(verifyArgv(basic), `${ok}\n\n${ok}\n`);
    expect(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { result: string }).result)).toEqual(['OK', 'MALFORMED', 'OK']);
  });

  it('accepts CRLF line ends and a last line without a newline', () => {
    const r = run(verifyArgv(basic), `${ok}\r\n${ok}`);
    expect(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { result: string }).result)).toEqual(['OK', 'OK']);
  });

  it('reads hex in upper case as well as lower case', () => {
    const hexLine = basic.inputs[1]!;
    const r = run(verifyArgv(basic), `${hexLine.toUpperCase()}\n`);
    expect((JSON.parse(r.stdout) as { result: string }).result).toBe('OK');
  });

  it('answers garbage, lower-case base45 and huge lines with MALFORMED, never a crash', () => {
    const lines = ['PG1:' + ok.slice(4).toLowerCase(), 'pg1:' + ok.slice(4), 'zz', 'PG1:', '00'.repeat(5000), 'PG1:' + 'A'.repeat(100_000), '\u4e2d\u6587'];
    const r = run(verifyArgv(basic), lines.join('\n') + '\n');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { result: string }).result)).toEqual(lines.map(() => 'MALFORMED'));
  });

  it('exits 2 before reading input on usage errors', () => {
    expect(run(['verify', '--trust', 'x'], '').status).toBe(2);
    expect(run([...verifyArgv(basic), '--venue', 'moon_base'], `${ok}\n`)).toMatchObject({ status: 2, stdout: '' });
    expect(run([...verifyArgv(basic), '--bogus', '1'], '').status).toBe(2);
    expect(run(['verify', '--root', 'abcd', '--trust', 'x'], '').status).toBe(2);
    expect(run(['frobnicate'], '').status).toBe(2);
  });

  it('takes several root keys, comma-separated or in repeated --root options', () => {
    const argv = verifyArgv(basic);
    const root = argv[argv.indexOf('--root') + 1]!;
    const other = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
    for (const roots of [['--root', `${other},${root}`], ['--root', other, '--root', root]]) {
      const withRoots = [...argv.slice(0, argv.indexOf('--root')), ...roots, ...argv.slice(argv.indexOf('--root') + 2)];
      expect((JSON.parse(run(withRoots, `${ok}\n`).stdout) as { result: string }).result).toBe('OK');
    }
  });

  it('exits 2 when a list file cannot be read', () => {
    const argv = verifyArgv(basic);
    argv[argv.indexOf('--trust') + 1] = '/nonexistent/trust.cbor';
    expect(run(argv, `${ok}\n`)).toMatchObject({ status: 2, stdout: '' });
  });
});

describe('passgate verify with lists built by the toolkit', () => {
  // Imported lazily: the toolkit is TypeScript, run by vitest; the command under test is the built bin.
  const world = async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const fx = await import('./support/issuerFixtures.js');
    const { buildRevocationList, revokedPrefix, toQrText } = await import('../sdk/issuer/index.js');
    const { toHex } = await import('../sdk/encoding/hex.js');
    const dir = mkdtempSync(join(tmpdir(), 'passgate-cli-'));
    const file = (name: string, bytes: Uint8Array): string => { const p = join(dir, name); writeFileSync(p, bytes); return p; };
    return { fx, file, buildRevocationList, revokedPrefix, toQrText, root: toHex(fx.root.publicKey) };
  };

  it('answers SUNSET on every line from the sunset on, and normally before it', async () => {
    const { fx, file, toQrText, root } = await world();
    const trust = file('sunset.cbor', fx.trustList({ sunset: fx.NOW }));
    const line = toQrText(fx.presentAll(fx.token()));
    const at = (now: number) => run(['verify', '--root', root, '--trust', trust, '--now', String(now)], `${line}\n${line}\n\n`);
    const after = at(fx.NOW);
    expect(after.status, after.stderr).toBe(0);
    expect(after.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { result: string }).result)).toEqual(['SUNSET', 'SUNSET', 'SUNSET']);
    const before = at(fx.NOW - 1);
    expect(before.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { result: string }).result)).toEqual(['OK', 'OK', 'MALFORMED']);
  });

  it('applies --trust and --revocations files in the order given', async () => {
    const { fx, file, buildRevocationList, revokedPrefix, toQrText, root } = await world();
    const t = fx.token();
    const t1 = file('t1.cbor', fx.trustList());
    // r1 is signed by the first root; t2 rotates to root2, after which r1 would not be trusted.
    const r1 = file('r1.cbor', buildRevocationList({ rootSecret: fx.root.secretKey, version: 1, issuedAt: fx.NOW, expires: fx.NOW + fx.DAY, revoked: [revokedPrefix(t.cti)] }));
    const t2 = file('t2.cbor', fx.trustList({ version: 2, roots: [fx.root2.publicKey] }));
    const line = toQrText(fx.presentAll(t)) + '\n';
    const inOrder = run(['verify', '--root', root, '--trust', t1, '--revocations', r1, '--trust', t2, '--now', String(fx.NOW)], line);
    expect(inOrder.status, inOrder.stderr).toBe(0);
    expect((JSON.parse(inOrder.stdout) as { result: string }).result).toBe('TOKEN_REVOKED');
    const reordered = run(['verify', '--root', root, '--trust', t1, '--trust', t2, '--revocations', r1, '--now', String(fx.NOW)], line);
    expect(reordered).toMatchObject({ status: 2, stdout: '' });
    expect(reordered.stderr).toMatch(/UNTRUSTED_SIGNER/);
  });
});

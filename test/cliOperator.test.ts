// The operator commands as an operator runs them: `node bin/passgate.js …` child processes in a scratch
// directory, from keygen to a revoked token, and inspect on every artefact (dist/ must be built).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/passgate.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'passgate-operator-'));
const NOW = 1_750_000_000;
const DAY = 86_400;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function passgate(argv: readonly string[], input = ''): Run {
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd: dir, input, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a command that must succeed; returns its standard output. */
function ok(argv: readonly string[], input = ''): string {
  const r = passgate(argv, input);
  expect(r.status, `${argv.join(' ')}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

function json<T>(text: string): T {
  return JSON.parse(text) as T;
}

const file = (name: string): string => join(dir, name);
const readJson = <T>(name: string): T => json<T>(readFileSync(file(name), 'utf8'));
const mode = (name: string): number => statSync(file(name)).mode & 0o777;

interface KeyJson {
  secretKey: string;
  publicKey: string;
  kid: string;
}
interface BundleJson {
  token: string;
  disclosures: string[];
  cti: string;
}
interface Verdict {
  result: string;
  iss?: string;
  kid?: string;
  claims?: Record<string, unknown>;
}
interface Inspected {
  note: string;
  transport: string;
  kind: string;
  [field: string]: unknown;
}

const verdicts = (out: string): Verdict[] => out.trim().split('\n').map((l) => json<Verdict>(l));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('passgate operator commands, keygen to revocation', () => {
  let root: KeyJson;
  let issuer: KeyJson;
  let device: KeyJson;
  const verifyArgs = (): string[] => ['verify', '--root', root.publicKey, '--trust', 'trust.cbor', '--now', String(NOW)];

  it('keygen prints a key pair, or writes it with mode 0600 and prints only the public part', () => {
    const printed = json<KeyJson>(ok(['keygen']));
    expect(printed.secretKey).toMatch(/^[0-9a-f]{64}$/);
    expect(printed.publicKey).toMatch(/^[0-9a-f]{64}$/);
    expect(printed.kid).toMatch(/^[0-9a-f]{16}$/);

    for (const name of ['root', 'issuer', 'device']) {
      const shown = json<Record<string, string>>(ok(['keygen', '--out', `${name}.json`]));
      expect(Object.keys(shown).sort()).toEqual(['kid', 'publicKey']);
      expect(mode(`${name}.json`)).toBe(0o600);
    }
    root = readJson<KeyJson>('root.json');
    issuer = readJson<KeyJson>('issuer.json');
    device = readJson<KeyJson>('device.json');
    expect(new Set([root.publicKey, issuer.publicKey, device.publicKey]).size).toBe(3);
    expect(passgate(['keygen', '--out', 'root.json'])).toMatchObject({ status: 2 }); // never overwrites a key
    expect(readJson<KeyJson>('root.json')).toEqual(root);
  });

  it('trust build signs a list with the issuer and a policy', () => {
    const issuers = JSON.stringify([
      { keyFile: 'issuer.json', iss: 'CN-35', not_before: NOW - 100 * DAY, not_after: NOW + 100 * DAY },
      { pub: device.publicKey, iss: 'CN', notBefore: NOW - DAY, notAfter: NOW + DAY, revokedAt: NOW - 10 },
    ]);
    writeFileSync(file('policy.json'), JSON.stringify({ gate: { allow: [0], nat_max_age: 3 * DAY, require: ['id4'] }, lobby: { allow: [0, 1, 2] }, door: { allow: [0, 1], bound: true } }));
    const out = json<{ out: string; bytes: number; signedBy: string }>(
      ok(['trust', 'build', '--root-key', 'root.json', '--version', '1', '--issued-at', String(NOW - DAY), '--expires', String(NOW + 30 * DAY),
        '--issuers', issuers, '--roots', root.publicKey, '--policy', '@policy.json', '--out', 'trust.cbor']),
    );
    expect(out).toMatchObject({ out: 'trust.cbor', signedBy: root.kid });
    expect(statSync(file('trust.cbor')).size).toBe(out.bytes);
  });

  it('issue writes a token bundle with mode 0600', () => {
    const claims = JSON.stringify({ status: 0, nat: [NOW - 3600, 0], vax: [3, NOW - 100 * DAY], id4: '123X', photo: 'ab'.repeat(32), 12: { badge: [1, 2] } });
    ok(['issue', '--issuer-key', 'issuer.json', '--iss', 'CN-35', '--iat', String(NOW - 3600), '--exp', String(NOW + DAY), '--cnf', device.publicKey,
      '--claims', claims, '--decoys', '4', '--out', 'bundle.json']);
    expect(mode('bundle.json')).toBe(0o600);
    const bundle = readJson<BundleJson>('bundle.json');
    expect(bundle.token).toMatch(/^d284/); // tag 18, four items
    expect(bundle.disclosures).toHaveLength(6);
    expect(bundle.cti).toMatch(/^[0-9a-f]{32}$/);

    const yellow = ok(['issue', '--issuer-key', 'issuer.json', '--iss', 'CN-35', '--iat', String(NOW - 3600), '--exp', String(NOW + DAY), '--alg', '-8',
      '--claims', JSON.stringify({ status: 1, nat: [NOW - 3600, 0], id4: '9876' }), '--sd-length', '9']);
    writeFileSync(file('yellow.json'), yellow);
    expect(json<BundleJson>(yellow).disclosures).toHaveLength(3);
  });

  it('present writes QR text, hex and raw bytes of the same bound presentation', () => {
    const bound = ['present', '--bundle', 'bundle.json', '--reveal', 'status,nat,id4,12', '--device-key', 'device.json', '--presented-at', String(NOW - 5)];
    const qr = ok([...bound, '--format', 'qr']);
    expect(qr).toMatch(/^PG1:[0-9A-Z $%*+\-./:]+\n$/);
    writeFileSync(file('bound.txt'), qr);
    const hex = ok([...bound, '--format', 'hex']).trim();
    expect(hex).toMatch(/^[0-9a-f]+$/);
    ok([...bound, '--format', 'raw', '--out', 'bound.bin']);
    // Each run signs anew, but Ed25519 is deterministic: the three carry the same bytes.
    expect(readFileSync(file('bound.bin')).toString('hex')).toBe(hex);
    const raw = spawnSync(process.execPath, [BIN, ...bound, '--format', 'raw'], { cwd: dir });
    expect(Buffer.from(raw.stdout).toString('hex')).toBe(hex);
    writeFileSync(file('bound.hex'), hex + '\n');
    writeFileSync(file('yellow.txt'), ok(['present', '--bundle', 'yellow.json', '--reveal', 'status,nat,id4']));
    writeFileSync(file('no-id4.txt'), ok([...bound.slice(0, 4), 'status,nat', ...bound.slice(5)]));
  });

  it('verify accepts the presentation in both text forms, with the claims revealed', () => {
    const [fromQr, fromHex] = verdicts(ok([...verifyArgs(), '--venue', 'gate'], readFileSync(file('bound.txt'), 'utf8') + readFileSync(file('bound.hex'), 'utf8')));
    const want = { result: 'OK', iss: 'CN-35', kid: issuer.kid, claims: { status: 0, nat: [NOW - 3600, 0], id4: '123X', 12: { badge: [1, 2] } } };
    expect(fromQr).toEqual(want);
    expect(fromHex).toEqual(want);
  });

  it("verify refuses by the list's policy: a yellow code, and a missing required claim", () => {
    const out = verdicts(ok([...verifyArgs(), '--venue', 'gate'], readFileSync(file('yellow.txt'), 'utf8') + readFileSync(file('no-id4.txt'), 'utf8')));
    expect(out.map((v) => v.result)).toEqual(['STATUS_NOT_ALLOWED', 'CLAIM_REQUIRED']);
    expect(out[0]).toMatchObject({ iss: 'CN-35', claims: { status: 1 } });
    expect(verdicts(ok([...verifyArgs(), '--venue', 'lobby'], readFileSync(file('yellow.txt'), 'utf8')))[0]!.result).toBe('OK');
  });

  it('issue --card-serial makes a card pass (PG1 §10.1) that only its card opens, at a door that needs binding', () => {
    const serial = '04A23B1C5D8011';
    ok(['issue', '--issuer-key', 'issuer.json', '--iss', 'CN-35', '--iat', String(NOW - 3600), '--exp', String(NOW - 3600 + 259200),
      '--card-serial', serial, '--claims', '{"status":0}', '--out', 'card.json']);
    const card = ok(['present', '--bundle', 'card.json', '--reveal', 'status', '--format', 'hex']).trim();
    writeFileSync(file('card.hex'), card + '\n');
    const read = (s?: string): string => JSON.stringify({ presentation: card, ...(s === undefined ? {} : { card: s }) });
    const out = verdicts(ok([...verifyArgs(), '--venue', 'door'], [read(serial), read(serial.toLowerCase()), read('04a23b1c5d8012'), read(), card].join('\n') + '\n'));
    expect(out.map((v) => v.result)).toEqual(['OK', 'OK', 'CARD_MISMATCH', 'CARD_MISMATCH', 'CARD_MISMATCH']);
    // The phone pass with its binding is bound too; a printed pass without its document is not.
    expect(verdicts(ok([...verifyArgs(), '--venue', 'door'], readFileSync(file('bound.txt'), 'utf8') + readFileSync(file('yellow.txt'), 'utf8'))).map((v) => v.result))
      .toEqual(['OK', 'BINDING_REQUIRED']);
  });

  it('revocations build: a full list revokes the token, a delta lifts it again', () => {
    const { cti } = readJson<BundleJson>('bundle.json');
    const envelope = ['--root-key', 'root.json', '--issued-at', String(NOW - 60), '--expires', String(NOW + DAY)];
    ok(['revocations', 'build', ...envelope, '--version', '1', '--revoked', cti, '--out', 'revoked.cbor']);
    const input = readFileSync(file('bound.txt'), 'utf8');
    expect(verdicts(ok([...verifyArgs(), '--revocations', 'revoked.cbor'], input))).toEqual([{ result: 'TOKEN_REVOKED' }]);

    ok(['revocations', 'build', ...envelope, '--version', '2', '--base-version', '1', '--removed', cti, '--out', 'delta.cbor']);
    expect(verdicts(ok([...verifyArgs(), '--revocations', 'revoked.cbor', '--revocations', 'delta.cbor'], input))[0]!.result).toBe('OK');
    // The delta alone has no base in force: the verifier refuses it before reading input.
    expect(passgate([...verifyArgs(), '--revocations', 'delta.cbor'], input)).toMatchObject({ status: 2, stdout: '' });
  });
});

describe('passgate inspect shows every artefact without verifying it', () => {
  const inspect = (argv: readonly string[], input = ''): Inspected => {
    const got = json<Inspected>(ok(['inspect', ...argv], input));
    expect(got.note).toMatch(/NOT verified/);
    return got;
  };

  it('a token issued with --sd-length shows that many digests, decoys included', () => {
    const token = inspect(['yellow.txt']).token as { claims: { sd: string[] } };
    expect(token.claims.sd).toHaveLength(9); // three disclosures and six decoys
  });

  it('a presentation from a PG1: file: headers, claims by name, disclosures against sd, binding', () => {
    const p = inspect(['bound.txt']);
    expect(p).toMatchObject({ transport: 'PG1:', kind: 'presentation', deterministic: true });
    const token = p.token as { protected: Record<string, unknown>; unprotected: unknown; claims: Record<string, unknown> };
    expect(token.protected).toMatchObject({ alg: -19, alg_name: 'Ed25519' });
    expect(token.unprotected).toEqual({});
    expect(token.claims).toMatchObject({ iss: 'CN-35', exp: { unix: NOW + DAY }, cnf: { kty: 1, crv: 6 } });
    expect((token.claims.sd as string[]).length).toBe(10); // six disclosures and four decoys
    const disclosures = p.disclosures as { key: number; name?: string; value: unknown; digest: string; in_sd: boolean }[];
    expect(disclosures.map((d) => d.name ?? String(d.key))).toEqual(['status', 'nat', 'id4', '12']);
    expect(disclosures.every((d) => d.in_sd && (token.claims.sd as string[]).includes(d.digest))).toBe(true);
    expect(disclosures[3]!.value).toEqual({ badge: [1, 2] });
    expect(p.binding).toMatchObject({ presented_at: { unix: NOW - 5 }, nonce: null });
  });

  it('a presentation as hex on standard input, and raw bytes from a file', () => {
    expect(inspect([], readFileSync(file('bound.hex'), 'utf8'))).toMatchObject({ transport: 'hex', kind: 'presentation' });
    expect(inspect(['bound.bin'])).toMatchObject({ transport: 'raw', kind: 'presentation' });
  });

  it('a token (hex) and the token bundle with all its disclosures', () => {
    const bundle = readJson<BundleJson>('bundle.json');
    expect(inspect([], bundle.token)).toMatchObject({ transport: 'hex', kind: 'token', claims: { cti: bundle.cti } });
    const b = inspect(['bundle.json']);
    expect(b.kind).toBe('token bundle');
    expect((b.disclosures as { in_sd: boolean }[]).map((d) => d.in_sd)).toEqual([true, true, true, true, true, true]);
  });

  it('the trust list: issuers with their kids checked against their keys, roots, policy', () => {
    const t = inspect(['trust.cbor']);
    expect(t).toMatchObject({ transport: 'raw', kind: 'trust list', protected: { kid: json<KeyJson>(readFileSync(file('root.json'), 'utf8')).kid } });
    const payload = t.payload as { version: number; issuers: Record<string, unknown>[]; policy: Record<string, unknown> };
    expect(payload.version).toBe(1);
    expect(payload.issuers.map((i) => [i.iss, i.kid_matches_pub])).toEqual([['CN-35', true], ['CN', true]]);
    expect(payload.issuers[1]).toMatchObject({ revoked_at: { unix: NOW - 10 } });
    expect(payload.policy).toEqual({ gate: { allow: [0], nat_max_age: 3 * DAY, require: [8] }, lobby: { allow: [0, 1, 2] }, door: { allow: [0, 1], bound: true } });
  });

  it('a card pass shows its card claim', () => {
    const p = inspect(['card.hex']);
    const claims = (p.token as { claims: Record<string, unknown> }).claims;
    expect(claims.card).toMatch(/^[0-9a-f]{32}$/);
    expect(claims.cnf).toBeUndefined();
  });

  it('the revocation list and the delta, with their entries', () => {
    const { cti } = readJson<BundleJson>('bundle.json');
    const entry = (inspect([], readJson<BundleJson>('bundle.json').token).claims as { revocation_entry: string }).revocation_entry;
    expect(inspect(['revoked.cbor'])).toMatchObject({ kind: 'revocation list', payload: { version: 1, revoked: [entry], count: 1 } });
    expect(inspect(['delta.cbor'])).toMatchObject({ kind: 'revocation delta', payload: { version: 2, base_version: 1, added: [], removed: [entry] } });
    expect(cti).toMatch(/^[0-9a-f]{32}$/);
  });

  it('input that is not CBOR exits 1 and says why; no input is a usage error', () => {
    const r = passgate(['inspect'], 'zz\n');
    expect(r.status).toBe(1);
    expect(json<Inspected>(r.stdout)).toMatchObject({ kind: 'unreadable' });
    expect(passgate(['inspect'], '')).toMatchObject({ status: 2 });
    expect(passgate(['inspect', 'no-such-file'])).toMatchObject({ status: 2 });
  });
});

describe('usage errors exit 2 with a message', () => {
  const cases: [string, string[], RegExp][] = [
    ['issue without --iss', ['issue', '--issuer-key', 'issuer.json', '--iat', '1', '--exp', '2'], /--iss is required/],
    ['issue with a claim of the wrong type', ['issue', '--issuer-key', 'issuer.json', '--iss', 'CN', '--iat', '1', '--exp', '2', '--claims', '{"status":5}'], /status/],
    ['issue with an unknown claim name', ['issue', '--issuer-key', 'issuer.json', '--iss', 'CN', '--iat', '1', '--exp', '2', '--claims', '{"colour":0}'], /unknown claim/],
    ['issue with a fractional number', ['issue', '--issuer-key', 'issuer.json', '--iss', 'CN', '--iat', '1', '--exp', '2', '--claims', '{"99":1.5}'], /floats/],
    ['issue with a key file that is not one', ['issue', '--issuer-key', 'bundle.json', '--iss', 'CN', '--iat', '1', '--exp', '2'], /secretKey/],
    ['issue with both --decoys and --sd-length', ['issue', '--issuer-key', 'issuer.json', '--iss', 'CN', '--iat', '1', '--exp', '2', '--claims', '{"status":0}', '--decoys', '1', '--sd-length', '9'], /not both/],
    ['issue with more claims than --sd-length', ['issue', '--issuer-key', 'issuer.json', '--iss', 'CN', '--iat', '1', '--exp', '2', '--claims', '{"status":0,"fever":false}', '--sd-length', '1'], /do not fit/],
    ['issue with a short cnf', ['issue', '--issuer-key', 'issuer.json', '--iss', 'CN', '--iat', '1', '--exp', '2', '--cnf', 'abcd'], /--cnf must be 32 bytes/],
    ['present with a device key for a token without cnf', ['present', '--bundle', 'yellow.json', '--reveal', 'status', '--device-key', 'device.json'], /no cnf/],
    ['present with another device key', ['present', '--bundle', 'bundle.json', '--reveal', 'status', '--device-key', 'issuer.json'], /not the token's cnf/],
    ['present of a claim never issued', ['present', '--bundle', 'yellow.json', '--reveal', 'photo'], /no disclosure/],
    ['present in an unknown format', ['present', '--bundle', 'yellow.json', '--reveal', 'status', '--format', 'png'], /--format/],
    ['trust without build', ['trust', '--root-key', 'root.json'], /subcommand/],
    ['trust build with a misspelt issuer field', ['trust', 'build', '--root-key', 'root.json', '--version', '2', '--issued-at', '1', '--expires', '2',
      '--issuers', '[{"keyFile":"issuer.json","iss":"CN","not_before":0,"not_afer":1}]', '--roots', 'ab'.repeat(32), '--out', 'x.cbor'], /not_afer|not_after/],
    ['trust build with a status 3 in a policy', ['trust', 'build', '--root-key', 'root.json', '--version', '2', '--issued-at', '1', '--expires', '2',
      '--issuers', '[]', '--roots', 'ab'.repeat(32), '--policy', '{"x":{"allow":[3]}}', '--out', 'x.cbor'], /status/],
    ['revocations build with both kinds', ['revocations', 'build', '--root-key', 'root.json', '--version', '3', '--issued-at', '1', '--expires', '2',
      '--revoked', '', '--base-version', '1', '--out', 'x.cbor'], /either/],
    ['revocations build with a 5-byte entry', ['revocations', 'build', '--root-key', 'root.json', '--version', '3', '--issued-at', '1', '--expires', '2',
      '--revoked', '0102030405', '--out', 'x.cbor'], /16-byte cti/],
    ['an unknown option', ['keygen', '--force'], /unknown option --force/],
    ['issue of a card pass with --cnf', ['issue', '--issuer-key', 'issuer.json', '--iss', 'CN', '--iat', '1', '--exp', '2', '--claims', '{"status":0}',
      '--card-serial', '0401', '--cnf', 'ab'.repeat(32)], /--card-serial and --cnf/],
    ['issue of a card pass living over 72 h', ['issue', '--issuer-key', 'issuer.json', '--iss', 'CN', '--iat', '1', '--exp', String(1 + 259201), '--claims', '{"status":0}',
      '--card-serial', '0401'], /72 h/],
    ['issue with a serial that is not hex', ['issue', '--issuer-key', 'issuer.json', '--iss', 'CN', '--iat', '1', '--exp', '2', '--card-serial', '04z1'], /hex/],
    ['issue with a serial over 64 bytes', ['issue', '--issuer-key', 'issuer.json', '--iss', 'CN', '--iat', '1', '--exp', '2', '--card-serial', 'ab'.repeat(65)], /1 to 64 bytes/],
  ];
  for (const [what, argv, message] of cases) {
    it(what, () => {
      const r = passgate(argv);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    });
  }
});

// PG1 §11.3: the token `passgate transcode` issues for a pass that holds verifies at any gate whose trust
// list holds the gateway's key (createVerifier and `passgate verify`), with intl, vax or nat, the masked
// name and the status of the gateway's rules. And §11.1: the DSC list, its bad entries, its size.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTrustList, disclosureKey, generateKeyPair, present, toQrText } from '../sdk/issuer/index.js';
import { createVerifier } from '../sdk/index.js';
import { fromHex } from '../sdk/encoding/hex.js';
import { DAY, EKU, T0, certificateFor, makeSigner, pass, recovery, test as testCertificate, vaccination, type TestSigner } from './support/hc1Fixtures.js';
import { runTranscode } from './support/transcodeCli.js';
import { runVerify } from './support/cliRunner.js';
import { createHash } from 'node:crypto';

const root = generateKeyPair();
const gateway = generateKeyPair();
const device = generateKeyPair();
let signer: TestSigner;

beforeAll(() => { signer = makeSigner('P-256'); });

function trustList(): Uint8Array {
  return buildTrustList({
    rootSecret: root.secretKey,
    version: 1,
    issuedAt: T0 - DAY,
    expires: T0 + 30 * DAY,
    issuers: [{ pub: gateway.publicKey, iss: 'CN-GW', notBefore: T0 - DAY, notAfter: T0 + 365 * DAY }],
    roots: [root.publicKey],
  });
}

interface Bundle { token: string; disclosures: string[]; cti: string }

function presentationOf(bundle: Bundle): string {
  const disclosures = bundle.disclosures.map(fromHex);
  return toQrText(present({ token: fromHex(bundle.token), disclosures, reveal: disclosures.map(disclosureKey) }));
}

describe('§11.3: the issued token', () => {
  it('verifies under a trust list that holds the gateway, with intl, vax, nat, the masked name and the default status rules', async () => {
    const lines = [
      pass({ signer }), // vaccination 2/2 ten days before: green
      pass({ signer, certificate: vaccination({ dn: 1, sd: 2 }) }), // incomplete: yellow
      pass({ signer, certificate: vaccination({ dt: '2021-03-01' }) }), // 294 days before: yellow
      pass({ signer, certificate: testCertificate() }), // not detected, 10 h: green
      pass({ signer, certificate: testCertificate({ sc: '2021-12-16T20:00:00Z' }) }), // 77 h: yellow
      pass({ signer, certificate: testCertificate({ tr: '260373001' }) }), // detected: red
      pass({ signer, certificate: recovery() }), // in its window: green
      pass({ signer, certificate: recovery({ du: '2021-12-19' }) }), // over: yellow
    ];
    const out = await runTranscode({ dsc: [signer.entry], issuer: gateway, iss: 'CN-GW', now: T0, lines });
    expect(out.results.map((r) => r.result)).toEqual(Array(8).fill('OK'));
    const verifier = await createVerifier({ roots: [root.publicKey], storage: null, now: () => T0 + 30 });
    await verifier.applyTrustList(trustList());
    const claims = out.results.map((r) => {
      const v = verifier.verify(presentationOf(r.bundle as Bundle));
      expect(v.result).toBe('OK');
      expect(v.iss).toBe('CN-GW');
      return v.claims;
    });
    const dt = Date.UTC(2021, 11, 10) / 1000;
    expect(claims[0]).toEqual({ intl: true, status: 0, vax: [2, dt], name: 'M* G*' });
    expect(claims.map((c) => c?.status)).toEqual([0, 1, 1, 0, 1, 2, 0, 1]);
    expect(claims[3]).toMatchObject({ nat: [Date.UTC(2021, 11, 20, 1) / 1000, 0] });
    expect(claims[5]).toMatchObject({ nat: [Date.UTC(2021, 11, 20, 1) / 1000, 1] });
    expect(claims[6]).not.toHaveProperty('vax');
    expect(out.results[0]).toMatchObject({ country: 'AT', kind: 'v' });

    // The same tokens through `passgate verify`, as a gate runs it.
    const cli = await runVerify({ roots: [root.publicKey], lists: [{ kind: 'trust', bytes: trustList() }], now: T0 + 30, lines: out.results.map((r) => presentationOf(r.bundle as Bundle)) });
    expect(cli.results.map((r) => r.result)).toEqual(Array(8).fill('OK'));
    expect(cli.results[0]).toMatchObject({ iss: 'CN-GW', claims: { intl: true, status: 0, vax: [2, dt], name: 'M* G*' } });
  });

  it('expires at the smaller of the pass\'s exp and now + validity, so a gate answers EXPIRED after it', async () => {
    const out = await runTranscode({
      dsc: [signer.entry], issuer: gateway, iss: 'CN-GW', now: T0, validity: 3600,
      lines: [pass({ signer }), pass({ signer, exp: T0 + 600 })],
    });
    const verifier = await createVerifier({ roots: [root.publicKey], storage: null, now: () => T0 + 3600 + 61 });
    await verifier.applyTrustList(trustList());
    expect(verifier.verify(presentationOf(out.results[0]!.bundle as Bundle)).result).toBe('EXPIRED');
    const early = await createVerifier({ roots: [root.publicKey], storage: null, now: () => T0 + 700 });
    await early.applyTrustList(trustList());
    expect(early.verify(presentationOf(out.results[0]!.bundle as Bundle)).result).toBe('OK');
    expect(early.verify(presentationOf(out.results[1]!.bundle as Bundle)).result).toBe('EXPIRED');
  });

  it('binds the token to the holder\'s device with --cnf, and takes the status rules from --rules', async () => {
    const out = await runTranscode({
      dsc: [signer.entry], issuer: gateway, iss: 'CN-GW', now: T0, cnf: device.publicKey,
      rules: { vaccinationMaxAgeDays: 5, statusOtherwise: 2 },
      lines: [pass({ signer })],
    });
    const bundle = out.results[0]!.bundle as Bundle;
    const verifier = await createVerifier({ roots: [root.publicKey], storage: null, now: () => T0 });
    await verifier.applyTrustList(trustList());
    expect(verifier.verify(presentationOf(bundle)).result).toBe('HOLDER_BINDING_FAILED');
    const bound = toQrText(present({
      token: fromHex(bundle.token), disclosures: bundle.disclosures.map(fromHex), reveal: ['status'],
      binding: { deviceSecret: device.secretKey, presentedAt: T0, nonce: null },
    }));
    const v = verifier.verify(bound);
    expect(v.result).toBe('OK');
    expect(v.claims).toEqual({ status: 2 }); // ten days since the last dose: over 5, so statusOtherwise
  });

  it('refuses status rules it does not know, before reading input', async () => {
    const out = await runTranscode({ dsc: [], issuer: gateway, now: T0, rules: { testMaxHours: 48 }, lines: [pass({ signer })] });
    expect(out.status).toBe(2);
    expect(out.results).toEqual([]);
    expect(out.stderr).toMatch(/unknown field "testMaxHours"/);
  });
});

describe('§11.1: the DSC list', () => {
  it('exits with status 2 before reading input when the DSC file is not a JSON array', async () => {
    for (const dsc of ['{"kid":"x"}', 'not json', '"[]"']) {
      const out = await runTranscode({ dsc, issuer: gateway, now: T0, lines: [pass({ signer })] });
      expect(out.status, dsc).toBe(2);
      expect(out.results).toEqual([]);
    }
  });

  it('skips, with a warning, entries whose kid is not H(rawData)[0..8] or whose certificate cannot be read, and ignores other types', async () => {
    const wrongKid = { ...signer.entry, kid: Buffer.alloc(8, 1).toString('base64') };
    const csca = { ...signer.entry, certificateType: 'CSCA' };
    const garbage = Buffer.from('not a certificate');
    const unreadable = { kid: createHash('sha256').update(garbage).digest().subarray(0, 8).toString('base64'), country: 'XX', certificateType: 'DSC', rawData: garbage.toString('base64') };
    const out = await runTranscode({
      dsc: [wrongKid, csca, unreadable, 42, { certificateType: 'DSC' }],
      issuer: gateway, now: T0,
      // The unreadable certificate is found out when its kid is first looked up (I-63).
      lines: [pass({ signer }), pass({ signer, kid: Buffer.from(unreadable.kid, 'base64') })],
    });
    expect(out.status).toBe(0);
    expect(out.results.map((r) => r.result)).toEqual(['UNKNOWN_KID', 'UNKNOWN_KID']);
    expect(out.stderr).toMatch(/kid is not SHA-256\(rawData\)/);
    expect(out.stderr).toMatch(/not a DER X\.509 certificate/);
    expect(out.stderr.split('\n').filter((l) => l.includes('DSC list:'))).toHaveLength(4);
  });

  it('indexes a list of 100,000 signers by kid and reads a certificate of 4 MiB', async () => {
    const key = signer.publicKey;
    // One certificate, its subject's six digits changed for each entry: 100,000 distinct kids.
    const template = Buffer.from(certificateFor(key, [EKU.test], 0, 'DSC 000000'));
    const digits = template.indexOf('DSC 000000') + 4;
    const many = Array.from({ length: 100_000 }, (_, i) => {
      const der = Buffer.from(template);
      der.write(String(i).padStart(6, '0'), digits, 'latin1');
      return { kid: createHash('sha256').update(der).digest().subarray(0, 8).toString('base64'), country: 'XX', certificateType: 'DSC', rawData: Buffer.from(der).toString('base64') };
    });
    const huge = makeSigner('P-256', [], 4 * 1024 * 1024);
    const out = await runTranscode({
      dsc: [...many, huge.entry, signer.entry],
      issuer: gateway, now: T0,
      lines: [pass({ signer: huge }), pass({ signer }), pass({ signer: makeSigner() })],
    }, 120_000);
    expect(out.stderr).toBe('');
    expect(out.results.map((r) => r.result)).toEqual(['OK', 'OK', 'UNKNOWN_KID']);
  }, 120_000);
});


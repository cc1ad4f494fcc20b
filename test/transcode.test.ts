// PG1 §11.2: each check of an HC1 pass, in order, through `passgate transcode` (one process answers the
// lines that share a DSC list and a clock). Every rule has a case that a gateway without it answers
// differently (test/mutants/mutants.mjs removes each).
import { beforeAll, describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { encode, RawCbor, type CborValue } from '../sdk/cbor/deterministicEncoder.js';
import { encodeBase45 } from '../sdk/encoding/base45.js';
import { generateKeyPair } from '../sdk/issuer/index.js';
import { describeResult, RESULT_CODES } from '../sdk/index.js';
import { TRANSCODE_RESULT_CODES } from '../sdk/transcode/index.js';
import { EKU, T0, DAY, hc1Of, makeSigner, pass, recovery, sign1Bytes, test as testCertificate, vaccination, type TestSigner } from './support/hc1Fixtures.js';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '../sdk/encoding/hex.js';
import { BIN, runTranscode } from './support/transcodeCli.js';

const gateway = generateKeyPair();
let es256: TestSigner;
let p384: TestSigner;
let rsa: TestSigner;
let testOnly: TestSigner;
let vaccinationOnly: TestSigner;
let otherArc: TestSigner;
let unrelatedEku: TestSigner;
let stranger: TestSigner;

beforeAll(() => {
  es256 = makeSigner('P-256');
  p384 = makeSigner('P-384');
  rsa = makeSigner('RSA');
  testOnly = makeSigner('P-256', [EKU.test]);
  vaccinationOnly = makeSigner('P-256', [EKU.vaccination]);
  otherArc = makeSigner('P-256', [EKU.testOtherArc]);
  unrelatedEku = makeSigner('P-256', ['1.3.6.1.5.5.7.3.2']);
  stranger = makeSigner('P-256');
});

/** Runs `cases` (name → [HC1 text, expected result]) through one process at T0 and checks each answer. */
async function expectResults(cases: Record<string, readonly [string, string]>): Promise<readonly Record<string, unknown>[]> {
  const names = Object.keys(cases);
  const out = await runTranscode({
    dsc: [es256, p384, rsa, testOnly, vaccinationOnly, otherArc, unrelatedEku].map((s) => s.entry),
    issuer: gateway,
    now: T0,
    lines: names.map((n) => cases[n]![0]),
  });
  expect(out.status, out.stderr).toBe(0);
  const got = Object.fromEntries(names.map((n, i) => [n, out.results[i]?.result]));
  expect(got).toEqual(Object.fromEntries(names.map((n) => [n, cases[n]![1]])));
  return out.results;
}

const deflated = (bytes: Uint8Array) => 'HC1:' + encodeBase45(deflateSync(bytes));

describe('§11.2 step 1: MALFORMED — prefix, base45, zlib (64 KiB cap), COSE_Sign1 in tolerant CBOR', () => {
  it('refuses what is not an HC1 COSE_Sign1, and reads the encodings member states used', async () => {
    const good = sign1Bytes({ signer: es256 });
    // Nesting: 32 levels are read (the top item is level 1), 33 are not; 100,000 never reach the stack.
    const nested = (levels: number) => new RawCbor(Uint8Array.from([...new Uint8Array(levels).fill(0x81), 0x01]));
    const deep = Uint8Array.from([...new Uint8Array(100_000).fill(0x81), 0x01]);
    // A COSE_Sign1 of exactly 64 KiB, and one byte more: an unsigned header padded (head 0x59, 3 bytes).
    const padded = (extra: number) => sign1Bytes({ signer: es256, unprotectedExtra: new Uint8Array(extra) });
    const fixed = padded(1000).length - 1000;
    const atCap = padded(64 * 1024 - fixed);
    const overCap = padded(64 * 1024 - fixed + 1);
    expect([atCap.length, overCap.length]).toEqual([64 * 1024, 64 * 1024 + 1]);
    // Indefinite-length array and map around the same content (RFC 8949 §3.2.2): a valid, signed pass.
    const indefinite = Uint8Array.from([0xd2, 0x9f, ...good.subarray(2), 0xff]);
    await expectResults({
      good: [pass({ signer: es256 }), 'OK'],
      lowerPrefix: [pass({ signer: es256, prefix: 'hc1:' }), 'MALFORMED'],
      otherPrefix: [pass({ signer: es256, prefix: 'HC2:' }), 'MALFORMED'],
      noPrefix: [pass({ signer: es256, prefix: '' }), 'MALFORMED'],
      badBase45: [pass({ signer: es256 }).slice(0, -3) + 'ab~', 'MALFORMED'],
      uncompressed: ['HC1:' + encodeBase45(good), 'MALFORMED'],
      truncatedZlib: ['HC1:' + encodeBase45(deflateSync(good).subarray(0, 40)), 'MALFORMED'],
      zlibBomb: [deflated(new Uint8Array(64 * 1024 + 1)), 'MALFORMED'],
      bombedPass: [deflated(Uint8Array.from([...good, ...new Uint8Array(64 * 1024)])), 'MALFORMED'],
      notSign1: [deflated(encode([new Uint8Array(0), new Map(), new Uint8Array(0)])), 'MALFORMED'],
      wrongTypes: [deflated(encode([new Map(), new Map(), new Uint8Array(0), new Uint8Array(0)])), 'MALFORMED'],
      deepCbor: [deflated(deep), 'MALFORMED'],
      // The COSE array is level 2, the header map 3, the value under 99 level 4: 28 arrays more reach 32.
      nestedToLimit: [pass({ signer: es256, unprotectedExtra: nested(28) }), 'OK'],
      nestedPastLimit: [pass({ signer: es256, unprotectedExtra: nested(29) }), 'MALFORMED'],
      atInflateCap: [hc1Of(atCap), 'OK'],
      overInflateCap: [hc1Of(overCap), 'MALFORMED'],
      trailingBytes: [deflated(Uint8Array.from([...good, 0x00])), 'MALFORMED'],
      empty: ['', 'MALFORMED'],
      garbage: ['\u0000\uffff HC1: garbage 🙂', 'MALFORMED'],
      cwtTag: [pass({ signer: es256, cwtTag: true }), 'OK'],
      untagged: [deflated(good.subarray(1)), 'OK'],
      indefiniteLengths: [deflated(indefinite), 'OK'],
    });
  });

  it('answers a line of a megabyte and more as MALFORMED, and goes on with the next', async () => {
    const out = await runTranscode({
      dsc: [es256.entry],
      issuer: gateway,
      now: T0,
      lines: ['HC1:' + 'A'.repeat(1024 * 1024), 'x'.repeat(2 * 1024 * 1024), pass({ signer: es256 })],
    });
    expect(out.results.map((r) => r.result)).toEqual(['MALFORMED', 'MALFORMED', 'OK']);
  });
});

describe('§11.2 steps 2 and 3: alg and kid, protected header first', () => {
  it('takes ES256 and PS256 only, and a kid of 8 bytes that names a usable signer', async () => {
    await expectResults({
      eddsa: [pass({ signer: es256, alg: -8 }), 'UNSUPPORTED_ALG'],
      es384: [pass({ signer: es256, alg: -35 }), 'UNSUPPORTED_ALG'],
      textAlg: [pass({ signer: es256, alg: 'ES256' }), 'UNSUPPORTED_ALG'],
      unprotectedOnly: [pass({ signer: es256, unprotectedHeaders: true }), 'OK'],
      unknownKid: [pass({ signer: stranger }), 'UNKNOWN_KID'],
      shortKid: [pass({ signer: es256, kid: es256.kid.subarray(0, 7) }), 'UNKNOWN_KID'],
      textKid: [pass({ signer: es256, kid: 'kid' }), 'UNKNOWN_KID'],
    });
  });

  it('reads alg from the unprotected header only where the protected one has none', async () => {
    // Protected {1: -7, 4: kid}, unprotected {1: -8}: the protected alg counts.
    const cose = sign1Bytes({ signer: es256 });
    // d2 84, the protected bstr (a short one: head 0x40 | length), then the empty unprotected map a0.
    const at = 2 + 1 + (cose[2]! & 0x1f);
    expect(cose[at]).toBe(0xa0);
    const patched = Uint8Array.from([...cose.subarray(0, at), 0xa1, 0x01, 0x27, ...cose.subarray(at + 1)]);
    await expectResults({ protectedWins: [hc1Of(patched), 'OK'] });
  });
});

describe('§11.2 step 4: BAD_SIGNATURE — ES256 on P-256 or P-384 as r || s, PS256 with salt 32', () => {
  it('verifies each with node:crypto, and refuses a changed signature or the wrong scheme', async () => {
    await expectResults({
      p256: [pass({ signer: es256 }), 'OK'],
      p384: [pass({ signer: p384 }), 'OK'],
      ps256: [pass({ signer: rsa }), 'OK'],
      tamperedP256: [pass({ signer: es256, tamper: true }), 'BAD_SIGNATURE'],
      tamperedP384: [pass({ signer: p384, tamper: true }), 'BAD_SIGNATURE'],
      tamperedPs256: [pass({ signer: rsa, tamper: true }), 'BAD_SIGNATURE'],
      ps256Salt20: [pass({ signer: rsa, pssSalt: 20 }), 'BAD_SIGNATURE'],
      es256OnRsaKey: [pass({ signer: rsa, alg: -7 }), 'BAD_SIGNATURE'],
      ps256OnEcKey: [pass({ signer: es256, alg: -37 }), 'BAD_SIGNATURE'],
    });
  });
});

describe('§11.2 step 5: MALFORMED — the payload', () => {
  it('wants 1 (text), 4 and 6 (non-negative numbers, floats allowed) and exactly one non-empty kind', async () => {
    const f64 = (v: number) => { const b = new Uint8Array(9); b[0] = 0xfb; new DataView(b.buffer).setFloat64(1, v); return new RawCbor(b); };
    const results = await expectResults({
      good: [pass({ signer: es256 }), 'OK'],
      countryNumber: [pass({ signer: es256, country: 40 }), 'MALFORMED'],
      noExp: [pass({ signer: es256, payload: new Map<CborValue, CborValue>([[1, 'AT'], [6, T0 - DAY], [-260, new Map([[1, vaccination()]])]]) }), 'MALFORMED'],
      negativeIat: [pass({ signer: es256, iat: -1 }), 'MALFORMED'],
      textExp: [pass({ signer: es256, exp: '2030-01-01' }), 'MALFORMED'],
      floatTimes: [pass({ signer: es256, iat: f64(T0 - DAY + 0.75), exp: f64(T0 + DAY + 0.5) }), 'OK'],
      noHcert: [pass({ signer: es256, payload: new Map<CborValue, CborValue>([[1, 'AT'], [4, T0 + DAY], [6, T0 - DAY]]) }), 'MALFORMED'],
      twoKinds: [pass({ signer: es256, certificate: new Map([...vaccination(), ['t', testCertificate().get('t')!]]) }), 'MALFORMED'],
      emptyKind: [pass({ signer: es256, certificate: new Map([...vaccination(), ['v', []]]) }), 'MALFORMED'],
      noKind: [pass({ signer: es256, certificate: new Map([...vaccination()].filter(([k]) => k !== 'v')) }), 'MALFORMED'],
      nullKinds: [pass({ signer: es256, certificate: new Map<CborValue, CborValue>([...vaccination(), ['t', null], ['r', null]]) }), 'OK'],
      payloadNotMap: [pass({ signer: es256, payload: [1, 2] }), 'MALFORMED'],
    });
    expect(results[0]).toMatchObject({ country: 'AT', kind: 'v' });
    expect(results[1]).not.toHaveProperty('country');
  });
});

describe('§11.2 step 6: NOT_YET_VALID and EXPIRED, skew 60 s', () => {
  it('holds from iat − 60 to before exp + 60, and says country and kind', async () => {
    const results = await expectResults({
      iatInSkew: [pass({ signer: es256, iat: T0 + 60 }), 'OK'],
      iatTooLate: [pass({ signer: es256, iat: T0 + 61 }), 'NOT_YET_VALID'],
      expInSkew: [pass({ signer: es256, exp: T0 - 59 }), 'OK'],
      expired: [pass({ signer: es256, exp: T0 - 60 }), 'EXPIRED'],
      expiredBeforeKeyUsage: [pass({ signer: testOnly, exp: T0 - 60 }), 'EXPIRED'],
      badSignatureBeforeTime: [pass({ signer: es256, exp: T0 - 60, tamper: true }), 'BAD_SIGNATURE'],
    });
    expect(results[3]).toEqual({ result: 'EXPIRED', country: 'AT', kind: 'v' });
  });

  it('takes --skew', async () => {
    const out = await runTranscode({ dsc: [es256.entry], issuer: gateway, now: T0, skew: 0, lines: [pass({ signer: es256, iat: T0 + 1 }), pass({ signer: es256, exp: T0 })] });
    expect(out.results.map((r) => r.result)).toEqual(['NOT_YET_VALID', 'EXPIRED']);
  });
});

describe('§11.2 step 7: KEY_USAGE — the DSC\'s extended key usage against the kind', () => {
  it('lets a signer sign the kinds its OIDs name (both arcs), and any kind when it names none', async () => {
    const results = await expectResults({
      testSignerVaccination: [pass({ signer: testOnly }), 'KEY_USAGE'],
      testSignerTest: [pass({ signer: testOnly, certificate: testCertificate() }), 'OK'],
      vaccinationSignerRecovery: [pass({ signer: vaccinationOnly, certificate: recovery() }), 'KEY_USAGE'],
      vaccinationSignerVaccination: [pass({ signer: vaccinationOnly }), 'OK'],
      otherArcTest: [pass({ signer: otherArc, certificate: testCertificate() }), 'OK'],
      otherArcVaccination: [pass({ signer: otherArc }), 'KEY_USAGE'],
      unrelatedEku: [pass({ signer: unrelatedEku, certificate: recovery() }), 'OK'],
      keyUsageBeforeSchema: [pass({ signer: testOnly, certificate: vaccination({ dn: 'two' }) }), 'KEY_USAGE'],
    });
    expect(results[0]).toEqual({ result: 'KEY_USAGE', country: 'AT', kind: 'v' });
  });
});

describe('§11.2 step 8: SCHEMA_INVALID — the EU DCC schema of the certificate\'s version', () => {
  it('validates against the version ver names, with JSON of text and integers only', async () => {
    const f64 = new RawCbor(Uint8Array.of(0xf9, 0x40, 0x00)); // 2.0 as a half float
    const v100 = new Map([...vaccination(), ['ver', '1.0.0']]);
    await expectResults({
      valid130: [pass({ signer: es256 }), 'OK'],
      valid100: [pass({ signer: es256, certificate: v100 }), 'OK'],
      unknownVersion: [pass({ signer: es256, certificate: new Map([...vaccination(), ['ver', '1.9.9']]) }), 'SCHEMA_INVALID'],
      noVersion: [pass({ signer: es256, certificate: new Map([...vaccination()].filter(([k]) => k !== 'ver')) }), 'SCHEMA_INVALID'],
      textDoses: [pass({ signer: es256, certificate: vaccination({ dn: 'two' }) }), 'SCHEMA_INVALID'],
      floatDoses: [pass({ signer: es256, certificate: vaccination({ dn: f64 }) }), 'SCHEMA_INVALID'],
      badDate: [pass({ signer: es256, certificate: vaccination({ dt: 'yesterday' }) }), 'SCHEMA_INVALID'],
      bytesName: [pass({ signer: es256, certificate: new Map([...vaccination(), ['dob', new Uint8Array(4)]]) }), 'SCHEMA_INVALID'],
      // 1.3.0 allows a year-only dob; 1.0.0 does not (its pattern wants a full date).
      yearDob130: [pass({ signer: es256, certificate: new Map([...vaccination(), ['dob', '1963']]) }), 'OK'],
      yearDob100: [pass({ signer: es256, certificate: new Map([...v100, ['dob', '1963']]) }), 'SCHEMA_INVALID'],
    });
  });
});

describe('the gateway\'s own codes, KEY_USAGE and SCHEMA_INVALID', () => {
  it('are worded by describeResult in Chinese and English, and are not among the codes passgate verify answers', () => {
    expect(TRANSCODE_RESULT_CODES).toEqual(['OK', 'MALFORMED', 'UNSUPPORTED_ALG', 'UNKNOWN_KID', 'BAD_SIGNATURE', 'NOT_YET_VALID', 'EXPIRED', 'KEY_USAGE', 'SCHEMA_INVALID']);
    const summaries = new Set(RESULT_CODES.map((c) => describeResult(c, 'en').summary));
    for (const code of ['KEY_USAGE', 'SCHEMA_INVALID'] as const) {
      expect((RESULT_CODES as readonly string[]).includes(code)).toBe(false);
      for (const lang of ['zh', 'en'] as const) expect(describeResult(code, lang).summary.length).toBeGreaterThan(10);
      expect(summaries.has(describeResult(code, 'en').summary)).toBe(false);
    }
  });
});

describe('§11.4: streaming', () => {
  it('answers each line as soon as it is read, before the next one arrives', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passgate-stream-'));
    try {
      writeFileSync(join(dir, 'dsc.json'), JSON.stringify([es256.entry]));
      writeFileSync(join(dir, 'key.json'), JSON.stringify({ secretKey: toHex(gateway.secretKey) }));
      const child = spawn(process.execPath, [BIN, 'transcode', '--dsc', join(dir, 'dsc.json'), '--issuer-key', join(dir, 'key.json'), '--iss', 'CN-GW', '--now', String(T0)]);
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      let out = '';
      const nextLine = () => new Promise<string>((resolve) => {
        const poll = () => {
          const nl = out.indexOf('\n');
          if (nl >= 0) { const line = out.slice(0, nl); out = out.slice(nl + 1); resolve(line); } else child.stdout.once('data', (d: Buffer) => { out += d.toString(); poll(); });
        };
        poll();
      });
      child.stdin.write(pass({ signer: es256 }) + '\n');
      expect(JSON.parse(await nextLine())).toMatchObject({ result: 'OK' }); // stdin is still open
      child.stdin.write('HC1:garbage\n');
      expect(JSON.parse(await nextLine())).toEqual({ result: 'MALFORMED' });
      child.stdin.end();
      expect(await new Promise((resolve) => child.on('close', resolve))).toBe(0);
      clearTimeout(timer);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

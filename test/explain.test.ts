// verify(..., { explain: true }): every result code with the step of PG1 §5 that decided it and the
// values compared there; and no detail ever holds a cti, a salt, a device key or an undisclosed claim.
import { describe, expect, it } from 'vitest';
import '../sdk/explain/index.js'; // installs explain (as `import 'passgate/explain'` does)
import { createVerifier, describeResult, RESULT_CODES, PassgateError, type ResultCode, type Verification, type Verifier } from '../sdk/index.js';
import { buildRevocationList, encodeDisclosure, kidOf, present, randomBytes, revokedPrefix, toQrText, type IssuedToken } from '../sdk/issuer/index.js';
import { readValidated } from '../sdk/cbor/validatedReader.js';
import { encode, RawCbor } from '../sdk/cbor/deterministicEncoder.js';
import { toHex } from '../sdk/encoding/hex.js';
import { toJson } from '../sdk/cli/json.js';
import { uniformFilter } from './support/trivialFilters.js';
import { DAY, device, issuerEntry, issuerKey, NOW, presentAll, root, stranger, token, trustList, bindingNow } from './support/issuerFixtures.js';

const HOUR = 3600;

/** A venue whose rule looks at every claim a rule can look at. */
const STRICT = { allow: [0], natMaxAge: 48 * HOUR, minDoses: 2, denyAbroad14: true, denyRisk14: true, require: [8] };
const POLICY = { strict: STRICT, general: { allow: [0, 1] } };

async function verifier(list = trustList({ policy: POLICY })): Promise<Verifier> {
  const v = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW, destroyAtSunset: false });
  await v.applyTrustList(list);
  return v;
}

/** Claims with values that must never leak unless disclosed. */
const SECRET_CLAIMS = { status: 0, nat: [NOW - 20 * HOUR, 0], vax: [3, NOW - 200 * DAY], abroad14: false, risk14: false, id4: '7X3Q', name: '张*三', region: 330106 } as const;

const reveal = (t: IssuedToken, names: readonly string[], binding?: Parameters<typeof present>[0]['binding']): Uint8Array =>
  present({ token: t.token, disclosures: t.disclosures, reveal: names, ...(binding ? { binding } : {}) });

function explained(v: Verifier, input: string | Uint8Array, options: Parameters<Verifier['verify']>[1] = {}): Verification {
  const r = v.verify(input, { ...options, explain: true });
  expect(r.detail, r.result).toBeDefined();
  // JSON-safe: JSON.stringify of any explained result works and loses nothing (no bigint anywhere).
  expect(JSON.parse(JSON.stringify(r)), r.result).toEqual({ ...r });
  return r;
}

describe('explain: one detail per result code (PG1 §5)', () => {
  it('OK: no failing step, the expiry and the venue', async () => {
    const v = await verifier();
    const t = token();
    const r = explained(v, presentAll(t), { venue: 'general' });
    expect(r.result).toBe('OK');
    expect(r.detail).toEqual({ step: null, check: 'every check of PG1 §5 passed', values: { now: NOW, exp: NOW + 2 * DAY, venue: 'general' } });
    // Without explain there is no detail, and the result is the same.
    expect(v.verify(presentAll(t), { venue: 'general' })).not.toHaveProperty('detail');
  });

  it('SUNSET (step 1): now and the sunset', async () => {
    const v = await verifier(trustList({ sunset: NOW - 10 }));
    const r = explained(v, presentAll(token()));
    expect(r).toMatchObject({ result: 'SUNSET', detail: { step: 1, check: 'now < sunset of the trust list', values: { now: NOW, sunset: NOW - 10 } } });
  });

  it('TRUST_LIST_EXPIRED (step 1): the trust list, or the revocation state, that expired', async () => {
    const v = await verifier();
    const late = NOW + 30 * DAY;
    const r = explained(v, presentAll(token({ exp: NOW + 60 * DAY })), { now: late });
    expect(r).toMatchObject({ result: 'TRUST_LIST_EXPIRED', detail: { step: 1, check: 'now < expires of the trust list', values: { now: late, expires: late, version: 1 } } });

    await v.applyRevocations(buildRevocationList({ rootSecret: root.secretKey, version: 4, issuedAt: NOW - DAY, expires: NOW + DAY, revoked: [] }));
    const r2 = explained(v, presentAll(token()), { now: NOW + DAY });
    expect(r2.result).toBe('TRUST_LIST_EXPIRED');
    expect(r2.detail).toMatchObject({ step: 1, values: { expires: NOW + DAY, version: 4, kind: 'list' } });
    expect(r2.detail!.check).toBe('now < expires of the revocation state in force (the last list, filter or delta applied)');
  });

  it('MALFORMED at step 2: transport, size, encoding and structure, each named', async () => {
    const v = await verifier();
    const t = token();
    expect(explained(v, 'PG1:$$$$').detail).toMatchObject({ step: 2, values: { transport: 'base45 after PG1:' } });
    // Text that is not hex at all is said to be neither form, not hex of an odd length.
    expect(explained(v, 'hello world').detail).toEqual({ step: 2, check: 'transport: text is PG1: + base45, or hex of the raw bytes', values: { transport: 'neither: no PG1: prefix, and not hex', reason: 'not a hex digit at offset 0' } });
    expect(explained(v, 'abc').detail).toMatchObject({ step: 2, values: { transport: 'hex (text without the PG1: prefix)', reason: 'hex text has an odd number of digits' } });
    expect(explained(v, '').detail).toMatchObject({ step: 2, check: 'a presentation is not empty (an empty line)' });
    expect(explained(v, new Uint8Array(5000)).detail).toEqual({ step: 2, check: 'size: a presentation is at most 4,096 bytes', values: { bytes: 5000, limit: 4096 } });
    // The same presentation with its array head in a longer form than needed (0x98 0x02 for 0x82).
    const good = presentAll(t);
    const long = new Uint8Array([0x98, good[0]! & 0x1f, ...good.subarray(1)]);
    expect(v.verify(long).result).toBe('MALFORMED');
    expect(explained(v, long).detail!.check).toMatch(/^encoding \(§1\): shortest heads/);
    // [token] alone: no disclosures array.
    const tokenOnly = new Uint8Array([0x81, ...t.token]);
    expect(explained(v, tokenOnly).detail).toMatchObject({ step: 2, check: 'Presentation = [token, disclosures, ? binding]' });
    const r = explained(v, toHex(good).slice(0, -2));
    expect(r).toMatchObject({ result: 'MALFORMED', detail: { step: 2 } });
  });

  it('MALFORMED at step 5: the claims, with the rule broken', async () => {
    const v = await verifier();
    const noCti = token({ unsafe: { mutateClaims: (m) => { m.delete(7); return m; } } });
    const r = explained(v, presentAll(noCti));
    expect(r).toMatchObject({ result: 'MALFORMED', detail: { step: 5, values: { reason: 'cti is missing or not 16 bytes' } } });
    // A binding on a token without cnf belongs nowhere (§4), found at step 5.
    const bound = present({ token: token().token, disclosures: [], reveal: [], binding: bindingNow() });
    expect(explained(v, bound).detail).toMatchObject({ step: 5, check: 'a binding only on a token with cnf' });
  });

  it('MALFORMED at step 9: a disclosure of the wrong type, or two with one key', async () => {
    const v = await verifier();
    const bad = encodeDisclosure(randomBytes(16), 1, 'green');
    const t = token();
    const withBad = presentationOf(t.token, [bad]);
    expect(explained(v, withBad)).toMatchObject({ result: 'MALFORMED', detail: { step: 9, values: { disclosure: 0, key: 'status', expected: 'uint 0, 1 or 2' } } });
    const status = t.disclosures[t.keys.indexOf(1)]!;
    expect(explained(v, presentationOf(t.token, [status, status]))).toMatchObject({ result: 'MALFORMED', detail: { step: 9, values: { disclosure: 1, key: 'status', reason: 'a second disclosure with this key' } } });
  });

  it('UNSUPPORTED_ALG (step 2): the alg found', async () => {
    const v = await verifier();
    const r = explained(v, presentAll(token({ alg: -7 })));
    expect(r).toMatchObject({ result: 'UNSUPPORTED_ALG', detail: { step: 2, check: 'alg is -19 (Ed25519) or -8 (EdDSA)', values: { alg: -7 } } });
  });

  it('UNKNOWN_KID (step 3): the kid and the trust list searched', async () => {
    const v = await verifier();
    const r = explained(v, presentAll(token({ issuerSecret: stranger.secretKey })));
    expect(r).toMatchObject({ result: 'UNKNOWN_KID', detail: { step: 3, values: { kid: toHex(kidOf(stranger.publicKey)), trust_list_version: 1, keys: 2 } } });
  });

  it('BAD_SIGNATURE (step 4): the kid and its issuer', async () => {
    const v = await verifier();
    const t = token({ unsafe: { sign1: { mapSignature: (s) => s.map((b, i) => (i === 5 ? b ^ 1 : b)) } } });
    const r = explained(v, presentAll(t));
    expect(r).toMatchObject({ result: 'BAD_SIGNATURE', detail: { step: 4, values: { kid: toHex(kidOf(issuerKey.publicKey)), key_iss: 'CN-35' } } });
  });

  it('ISSUER_MISMATCH (step 6): the token’s iss and the key’s', async () => {
    const v = await verifier();
    const r = explained(v, presentAll(token({ iss: 'CN-11' })));
    expect(r).toMatchObject({ result: 'ISSUER_MISMATCH', detail: { step: 6, check: 'iss = the iss of the key', values: { iss: 'CN-11', key_iss: 'CN-35' } } });
  });

  it('KEY_NOT_VALID (step 6): iat and the key’s window', async () => {
    const v = await verifier();
    const iat = NOW - 101 * DAY;
    const r = explained(v, presentAll(token({ iat })));
    expect(r).toMatchObject({ result: 'KEY_NOT_VALID', detail: { step: 6, check: 'not_before <= iat < not_after of the key', values: { iat, not_before: NOW - 100 * DAY, not_after: NOW + 100 * DAY } } });
  });

  it('KEY_REVOKED (step 6): iat and revoked_at', async () => {
    const v = await verifier(trustList({ issuers: [issuerEntry({ revokedAt: NOW - 2 * HOUR })] }));
    const r = explained(v, presentAll(token()));
    expect(r).toMatchObject({ result: 'KEY_REVOKED', detail: { step: 6, values: { iat: NOW - HOUR, revoked_at: NOW - 2 * HOUR } } });
  });

  it('NOT_YET_VALID and EXPIRED (step 7): now, nbf or exp, and the skew', async () => {
    const v = await verifier();
    expect(explained(v, presentAll(token({ nbf: NOW + 1000 })))).toMatchObject({
      result: 'NOT_YET_VALID', detail: { step: 7, check: 'now >= nbf - skew', values: { now: NOW, nbf: NOW + 1000, skew: 60 } },
    });
    expect(explained(v, presentAll(token({ exp: NOW - 100 })))).toMatchObject({
      result: 'EXPIRED', detail: { step: 7, check: 'now < exp + skew', values: { now: NOW, exp: NOW - 100, skew: 60 } },
    });
  });

  it('TOKEN_REVOKED (step 8): the revocation state that says so, not the token’s id', async () => {
    const v = await verifier();
    const t = token();
    await v.applyRevocations(buildRevocationList({ rootSecret: root.secretKey, version: 7, issuedAt: NOW - DAY, expires: NOW + DAY, revoked: [revokedPrefix(t.cti)] }));
    const r = explained(v, presentAll(t));
    expect(r).toMatchObject({ result: 'TOKEN_REVOKED', detail: { step: 8, values: { kind: 'list', version: 7, expires: NOW + DAY } } });

    // With a filter (§7.3): its covers and the token's iat, which decide whether the filter answers.
    await v.applyRevocations(uniformFilter({ rootSecret: root.secretKey, version: 8, issuedAt: NOW, expires: NOW + DAY, covers: NOW - 10 }, true));
    expect(explained(v, presentAll(t))).toMatchObject({ result: 'TOKEN_REVOKED', detail: { step: 8, values: { kind: 'filter', version: 8, covers: NOW - 10, iat: NOW - HOUR } } });
  });

  it('DISCLOSURE_INVALID (step 9): which disclosure’s digest is not in sd', async () => {
    const v = await verifier();
    const t = token();
    const forged = encodeDisclosure(randomBytes(16), 6, false);
    const r = explained(v, presentationOf(t.token, [t.disclosures[0]!, forged]));
    expect(r).toMatchObject({ result: 'DISCLOSURE_INVALID', detail: { step: 9, values: { disclosure: 1, key: 'fever', disclosures: 2 } } });
  });

  it('HOLDER_BINDING_FAILED (step 10): no binding, another nonce, another device', async () => {
    const v = await verifier();
    const t = token({ cnf: device.publicKey });
    expect(explained(v, presentAll(t)).detail).toEqual({ step: 10, check: 'a token with cnf carries a binding', values: { binding: false } });
    const nonce = new Uint8Array(16).fill(7);
    const r = explained(v, presentAll(t, bindingNow()), { nonce });
    expect(r).toMatchObject({ result: 'HOLDER_BINDING_FAILED', detail: { step: 10, values: { expected_nonce: toHex(nonce), presented_nonce: null } } });
    const other = explained(v, presentAll(t, bindingNow({ deviceSecret: stranger.secretKey })));
    expect(other).toMatchObject({ result: 'HOLDER_BINDING_FAILED', detail: { step: 10, values: { presented_at: NOW, nonce: null } } });
    expect(other.detail!.check).toContain('device signature');
  });

  it('STALE_PRESENTATION (step 10): presented_at, now and the 60 s window', async () => {
    const v = await verifier();
    const t = token({ cnf: device.publicKey });
    const r = explained(v, presentAll(t, bindingNow({ presentedAt: NOW - 61 })));
    expect(r).toMatchObject({ result: 'STALE_PRESENTATION', detail: { step: 10, check: '|now - presented_at| <= 60', values: { now: NOW, presented_at: NOW - 61, difference: 61, window: 60 } } });
  });

  it('the policy codes (step 11): the venue, its rule, and the disclosed value it refused', async () => {
    const v = await verifier();
    const all = ['status', 'nat', 'vax', 'abroad14', 'risk14', 'id4'];
    const rule = { allow: [0], nat_max_age: 48 * HOUR, min_doses: 2, deny_abroad14: true, deny_risk14: true, require: ['id4'] };
    const at = (claims: Record<string, unknown>, names = all): Verification => explained(v, reveal(token({ claims: claims as never }), names), { venue: 'strict' });
    const base = { ...SECRET_CLAIMS };
    expect(at(base, ['status', 'nat', 'vax', 'abroad14', 'risk14'])).toMatchObject({ result: 'CLAIM_REQUIRED', detail: { step: 11, values: { venue: 'strict', rule, missing: ['id4'] } } });
    expect(at({ ...base, status: 1 })).toMatchObject({ result: 'STATUS_NOT_ALLOWED', detail: { values: { status: 1, allow: [0] } } });
    expect(at({ ...base, nat: [NOW - HOUR, 1] })).toMatchObject({ result: 'NAT_POSITIVE', detail: { values: { nat_result: 1 } } });
    const old = NOW - 49 * HOUR;
    expect(at({ ...base, nat: [old, 0] })).toMatchObject({
      result: 'NAT_TOO_OLD', detail: { check: 'nat sampled_at >= now - nat_max_age', values: { sampled_at: old, now: NOW, nat_max_age: 48 * HOUR, oldest_accepted: NOW - 48 * HOUR } },
    });
    expect(at({ ...base, vax: [1, NOW - DAY] })).toMatchObject({ result: 'DOSES_REQUIRED', detail: { values: { doses: 1, min_doses: 2 } } });
    expect(at({ ...base, abroad14: true })).toMatchObject({ result: 'ABROAD_RECENT', detail: { values: { abroad14: true } } });
    expect(at({ ...base, risk14: true })).toMatchObject({ result: 'RISK_AREA_RECENT', detail: { values: { risk14: true } } });
  });

  it('explains the same result through QR text as through bytes, and the JSON writer carries it', async () => {
    const v = await verifier();
    const bytes = presentAll(token({ exp: NOW - 100 }));
    const fromText = explained(v, toQrText(bytes));
    expect(fromText.detail).toEqual(explained(v, bytes).detail);
    expect(JSON.parse(toJson(fromText))).toMatchObject({ result: 'EXPIRED', detail: { step: 7, values: { exp: NOW - 100, skew: 60 } } });
  });
});

describe('explain: no detail shows what the venue was not shown', () => {
  it('holds no cti, salt, device key or undisclosed claim value, for any result code', async () => {
    const v = await verifier();
    const seen = new Set<ResultCode>();
    const forbidden = (t: IssuedToken, revealed: readonly string[]): string[] => {
      const out = [toHex(t.cti), toHex(revokedPrefix(t.cti)), toHex(device.publicKey)];
      for (const d of t.disclosures) {
        const [salt, key, value] = readValidated(d) as [Uint8Array, number, unknown];
        out.push(toHex(salt));
        const name = ['', 'status', 'nat', 'vax', 'abroad14', 'risk14', 'fever', 'region', 'id4', 'name'][key]!;
        if (!revealed.includes(name) && (typeof value === 'string' || (typeof value === 'number' && value > 100))) out.push(String(value));
        if (!revealed.includes(name) && Array.isArray(value)) out.push(...value.filter((x) => typeof x === 'number' && x > 100).map(String));
      }
      return out;
    };
    const check = (r: Verification, secrets: readonly string[]): void => {
      seen.add(r.result);
      const text = toJson(r.detail);
      for (const s of secrets) expect(text, `${r.result} detail ${text}`).not.toContain(s);
    };
    const cases: { claims?: Record<string, unknown>; reveal: string[]; venue?: string; over?: Parameters<typeof token>[0]; binding?: boolean; now?: number }[] = [
      { reveal: ['status'] },
      { reveal: ['status'], venue: 'strict' },
      { reveal: ['status', 'nat', 'vax', 'abroad14', 'risk14'], venue: 'strict' },
      { claims: { ...SECRET_CLAIMS, status: 1 }, reveal: ['status', 'nat', 'vax', 'abroad14', 'risk14', 'id4'], venue: 'strict' },
      { claims: { ...SECRET_CLAIMS, nat: [NOW - 50 * HOUR, 0] }, reveal: ['status', 'nat', 'vax', 'abroad14', 'risk14', 'id4'], venue: 'strict' },
      { claims: { ...SECRET_CLAIMS, vax: [1, NOW - 9 * DAY] }, reveal: ['status', 'nat', 'vax', 'abroad14', 'risk14', 'id4'], venue: 'strict' },
      { reveal: ['status'], over: { exp: NOW - 100 } },
      { reveal: ['status'], over: { nbf: NOW + 999 } },
      { reveal: ['status'], over: { iss: 'CN-12' } },
      { reveal: ['status'], over: { cnf: device.publicKey } },
      { reveal: ['status'], over: { cnf: device.publicKey }, binding: true, now: NOW + 90 },
      { reveal: ['status'], over: { cnf: device.publicKey }, binding: true },
      { reveal: ['status'], now: NOW + 40 * DAY },
    ];
    for (const c of cases) {
      const t = token({ claims: (c.claims ?? SECRET_CLAIMS) as never, ...c.over });
      const p = reveal(t, c.reveal, c.binding ? bindingNow() : undefined);
      check(v.verify(p, { explain: true, ...(c.venue ? { venue: c.venue } : {}), ...(c.now ? { now: c.now } : {}) }), forbidden(t, c.reveal));
    }
    // A forged disclosure, a revoked token, a tampered signature.
    const t = token({ claims: SECRET_CLAIMS as never });
    const status = t.disclosures[t.keys.indexOf(1)]!;
    check(v.verify(presentationOf(t.token, [status, encodeDisclosure(randomBytes(16), 9, 'x')]), { explain: true }), forbidden(t, ['status']));
    const tampered = token({ claims: SECRET_CLAIMS as never, unsafe: { sign1: { mapSignature: (s) => s.map((b, i) => (i === 0 ? b ^ 1 : b)) } } });
    check(v.verify(reveal(tampered, ['status']), { explain: true }), forbidden(tampered, ['status']));
    await v.applyRevocations(buildRevocationList({ rootSecret: root.secretKey, version: 2, issuedAt: NOW - DAY, expires: NOW + DAY, revoked: [revokedPrefix(t.cti)] }));
    check(v.verify(reveal(t, ['status']), { explain: true }), forbidden(t, ['status']));
    expect([...seen].sort()).toEqual(expect.arrayContaining(['OK', 'CLAIM_REQUIRED', 'STATUS_NOT_ALLOWED', 'NAT_TOO_OLD', 'DOSES_REQUIRED', 'EXPIRED', 'NOT_YET_VALID',
      'ISSUER_MISMATCH', 'HOLDER_BINDING_FAILED', 'STALE_PRESENTATION', 'TRUST_LIST_EXPIRED', 'DISCLOSURE_INVALID', 'BAD_SIGNATURE', 'TOKEN_REVOKED']));
  });
});

describe('describeResult', () => {
  it('has what happened and what the holder can do, in Chinese and English, for every result code', () => {
    for (const code of RESULT_CODES) {
      const zh = describeResult(code, 'zh');
      const en = describeResult(code, 'en');
      for (const d of [zh, en]) {
        expect(d.summary.length, code).toBeGreaterThan(5);
        expect(d.advice.length, code).toBeGreaterThan(5);
      }
      expect(zh.summary, code).toMatch(/[\u4e00-\u9fff]/);
      expect(en.summary, code).toMatch(/^[\x20-\x7e’]+$/);
    }
    // Every code its own text: two codes never read the same.
    expect(new Set(RESULT_CODES.map((c) => describeResult(c, 'en').summary)).size).toBe(RESULT_CODES.length);
    expect(new Set(RESULT_CODES.map((c) => describeResult(c, 'zh').summary)).size).toBe(RESULT_CODES.length);
    expect(describeResult('EXPIRED', 'zh').summary).toBe('健康码已过期。');
  });

  it('is a clear error for an unknown code or language', () => {
    expect(() => describeResult('NOPE' as ResultCode, 'en')).toThrow(PassgateError);
    expect(() => describeResult('OK', 'fr' as 'en')).toThrow(/'zh' and 'en'/);
  });
});

/** [token, [disclosures]] by hand: present() refuses disclosures its token does not list. */
function presentationOf(tokenBytes: Uint8Array, disclosures: readonly Uint8Array[]): Uint8Array {
  return encode([new RawCbor(tokenBytes), disclosures]);
}
